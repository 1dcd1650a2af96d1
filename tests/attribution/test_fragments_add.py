"""The add-fragment model: candidates, features, adding, the shipped weights."""

from __future__ import annotations

from narrascope.attribution.features import arrays, paragraphs
from narrascope.attribution.fragments import cue_words
from narrascope.attribution.fragments_add import (AddModel, add_fragments, candidates, features, load_add,
                                                  para_of)
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok

TEXT = ("To judge the new bridge, Mayor Maria Lopez said, one has to walk across it at night.\n\n"
        "“We can’t wait,” Lopez said. “Repairs will take a decade.”")


def _span(doc, first, last):
    return doc[first:last].text


def test_candidates_rest_of_sentence_and_next_quotation(doc):
    a = arrays(doc)
    q = token_quote_ids(doc, find_quotes(TEXT))
    said = _tok(doc, "said")
    content = [(0, _tok(doc, "bridge") + 1)]  # "To judge the new bridge"
    source = (_tok(doc, "Mayor"), said)
    cands = candidates(a, q, (said, said + 1), source, content, para_of(paragraphs(doc), said))
    assert [(k, s, _span(doc, *sp)) for k, s, sp in cands] == [("rest", "R", "one has to walk across it at night.")]
    said2 = _tok(doc, "said", 1)
    first = (_tok(doc, "“"), _tok(doc, "”") + 1)
    cands = candidates(a, q, (said2, said2 + 1), (said2 - 1, said2), [first], para_of(paragraphs(doc), said2))
    quote = [sp for k, s, sp in cands if k == "quote"]
    assert [_span(doc, *sp) for sp in quote] == ["“Repairs will take a decade.”"]
    # nothing overlapping the content or the cue, nothing from another paragraph
    for _, _, (s, e) in cands:
        assert e <= first[0] or s >= first[1]
        assert s >= paragraphs(doc)[-1][0]


def test_features_without_white_space(doc):
    a = arrays(doc)
    q = token_quote_ids(doc, find_quotes(TEXT))
    said2 = _tok(doc, "said", 1)
    first = (_tok(doc, "“"), _tok(doc, "”") + 1)
    second = (_tok(doc, "“", 1), _tok(doc, "”", 1) + 1)
    f = features(a, q, (said2, said2 + 1), said2, [first], "quote", "R", second, cue_words(cue_lexicon()))
    assert "k=quoteR" in f and "wq" in f and "cq" in f and "cside=L" in f and "end=q" in f and "gap=1" in f
    assert all(" " not in x and "\n" not in x for x in f)


def test_add_fragments_adds_above_threshold_leaves_rule_readings_and_input(doc, tmp_path):
    q = token_quote_ids(doc, find_quotes(TEXT))
    said = _tok(doc, "said")
    content = [(0, _tok(doc, "bridge") + 1)]
    path = tmp_path / "a.tsv"
    path.write_text("# test\n#threshold\t0.5\nbias\t-5\nk=restR\t10\n", encoding="utf-8")
    m = AddModel(path)
    tagged = Candidate(cue=(said, said + 1), source=(_tok(doc, "Mayor"), said), content=list(content), origin="model")
    rule = Candidate(cue=(said, said + 1), content=list(content), origin="rule")
    out = add_fragments(doc, [tagged, rule], m, q, cue_lexicon())
    assert [_span(doc, *sp) for sp in out[0].content] == ["To judge the new bridge", "one has to walk across it at night."]
    assert out[1] is rule and tagged.content == content  # rule readings and the input stay
    path.write_text("#threshold\t0.5\nbias\t-5\n", encoding="utf-8")
    assert add_fragments(doc, [tagged], AddModel(path), q, cue_lexicon())[0] is tagged
    assert add_fragments(doc, [tagged], None, q, cue_lexicon())[0] is tagged


def test_shipped_weights_load_and_missing_or_malformed_give_no_model(tmp_path):
    m = load_add()
    assert m is not None and 0 < m.threshold < 1 and "k=restR" in m.weights
    assert load_add(tmp_path / "nope.tsv") is None
    bad = tmp_path / "bad.tsv"
    bad.write_text("#threshold\tx\n", encoding="utf-8")
    assert load_add(bad) is None


def test_component_add_model_only_adds_and_needs_the_percue_stage(with_without):
    from spacy.lang.en import English

    on, off, a, b = with_without("use_add", use_boundary=False)
    assert on.add is not None and off.add is None
    assert type(on)(English(), "a", resolve=False, use_percue=False).add is None
    for x, y in zip(a, b):
        assert all(s in x["content"]["spans"] for s in y["content"]["spans"])

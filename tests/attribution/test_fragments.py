"""The content fragment model: features, keeping the nearest fragment, the shipped weights."""

from __future__ import annotations

from narrascope.attribution.features import arrays
from narrascope.attribution.fragments import (FragmentModel, cue_words, drop_fragments, features,
                                              load_fragments)
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok

TEXT = ("“We can’t wait,” Lopez said, adding later, “Repairs will take a decade.”\n\n"
        "“It is over.”")


def _setup(doc):
    said = _tok(doc, "said")
    first = (0, _tok(doc, "”") + 1)
    second = (_tok(doc, "“", 1), _tok(doc, "”", 1) + 1)
    third = (_tok(doc, "“", 2), _tok(doc, "”", 2) + 1)
    return (said, said + 1), [first, second, third]


def test_features_tell_side_rank_quotation_and_gap(doc):
    a = arrays(doc)
    cue, frags = _setup(doc)
    q = token_quote_ids(doc, find_quotes(TEXT))
    words = cue_words(cue_lexicon())
    f0 = features(a, frags, 0, cue, cue[0], q, words)
    f1 = features(a, frags, 1, cue, cue[0], q, words)
    f2 = features(a, frags, 2, cue, cue[0], q, words)
    assert "side=L" in f0 and "rank=L1" in f0 and "wq" in f0 and "same" in f0
    assert "side=R" in f1 and "rank=R1" in f1 and "gcue" in f1  # "adding" lies between
    assert "rank=R2" in f2 and "gpara" in f2 and "other" in f2  # beyond a paragraph break
    assert all(" " not in x and "\n" not in x for x in f0 + f1 + f2)


def test_keep_never_drops_the_nearest_fragment(doc, tmp_path):
    a = arrays(doc)
    cue, frags = _setup(doc)
    q = token_quote_ids(doc, find_quotes(TEXT))
    words = cue_words(cue_lexicon())
    path = tmp_path / "f.tsv"
    path.write_text("# test\n#threshold\t0.5\nbias\t-5\n", encoding="utf-8")  # drops everything it may
    m = FragmentModel(path)
    assert m.threshold == 0.5 and m.prob(["bias"]) < 0.01
    assert m.keep(a, frags, cue, cue[0], q, words) == [frags[0]]  # the quotation right before "said"
    assert m.keep(a, frags[1:2], cue, cue[0], q, words) == [frags[1]]  # a single fragment stays
    path.write_text("#threshold\t0.5\nbias\t1\ngpara\t-5\n", encoding="utf-8")  # drops across paragraphs
    assert FragmentModel(path).keep(a, frags, cue, cue[0], q, words) == frags[:2]


def test_drop_fragments_leaves_rule_readings_and_its_input(doc, tmp_path):
    cue, frags = _setup(doc)
    q = token_quote_ids(doc, find_quotes(TEXT))
    path = tmp_path / "f.tsv"
    path.write_text("#threshold\t0.5\nbias\t-5\n", encoding="utf-8")
    m = FragmentModel(path)
    tagged = Candidate(cue=cue, content=list(frags), origin="model")
    rule = Candidate(cue=cue, content=list(frags), origin="rule")
    out = drop_fragments(doc, [tagged, rule], m, q, cue_lexicon())
    assert out[0].content == [frags[0]] and out[1].content == frags
    assert tagged.content == frags  # the input is left as it was
    assert drop_fragments(doc, [tagged], None, q, cue_lexicon())[0] is tagged


def test_shipped_weights_load_and_missing_or_malformed_give_no_model(tmp_path):
    m = load_fragments()
    assert m is not None and 0 < m.threshold < 1 and any(k.startswith("gcue") for k in m.weights)
    assert load_fragments(tmp_path / "nope.tsv") is None
    bad = tmp_path / "bad.tsv"
    bad.write_text("#threshold\tx\n", encoding="utf-8")
    assert load_fragments(bad) is None
    bad.write_text("a b c\n", encoding="utf-8")
    assert load_fragments(bad) is None


def test_component_without_the_fragment_model_keeps_its_cues(with_without):
    from spacy.lang.en import English

    on, off, a, b = with_without("use_fragments", use_add=False)
    assert on.fragments is not None and off.fragments is None
    assert type(on)(English(), "a", resolve=False, use_percue=False).fragments is None
    for x, y in zip(a, b):  # fragments are only ever dropped
        assert all(s in y["content"]["spans"] for s in x["content"]["spans"])

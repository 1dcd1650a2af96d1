"""The content end model: candidate ends, features, source trimming, the shipped weights."""

from __future__ import annotations

from narrascope.attribution.boundary import (BoundaryModel, adjust, candidate_ends, cue_head, features,
                                             load_boundary, trim_source)
from narrascope.attribution.features import arrays
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok

TEXT = ("The governor attacked Lopez in a radio interview on Sunday.\n\n"
        "“Clinton” said the plan would fail.\n\n"
        "“We will win,” he said.")


def _qids(doc):
    return token_quote_ids(doc, find_quotes(doc.text))


def test_candidate_ends_are_constituent_boundaries_of_the_sentence(doc):
    a = arrays(doc)
    lopez = _tok(doc, "Lopez")
    ends = candidate_ends(a, lopez, lopez)
    words = [doc[e].text for e in ends[:-1]]
    assert "in" in words and "on" in words and "." in words  # prepositions, the final stop
    assert doc[ends[-1] - 1].text == "."  # the sentence end, its trailing newline left out
    assert all(lopez < e <= ends[-1] for e in ends)


def test_features_tell_where_the_next_word_attaches(doc):
    a = arrays(doc)
    cue = (_tok(doc, "attacked"), _tok(doc, "attacked") + 1)
    lopez, in_ = _tok(doc, "Lopez"), _tok(doc, "in")
    f = features(a, lopez, in_, cue, cue_head(a, cue), candidate_ends(a, lopez, lopez)[-1])
    assert "nw=in" in f and "side=R" in f and "lw=lopez" in f
    assert all("\t" not in x and "\n" not in x for x in f)


def test_trim_source_drops_quote_marks_at_its_edges(doc):
    a = arrays(doc)
    q = _tok(doc, "“")
    assert trim_source(a, (q, q + 3)) == (q + 1, q + 2)  # “Clinton” -> Clinton
    assert trim_source(a, (q + 1, q + 2)) == (q + 1, q + 2)
    assert trim_source(a, (q, q + 1)) == (q, q + 1)  # never empty


def test_shipped_model_cuts_a_modifier_of_the_cue_and_leaves_quotations(doc):
    model = load_boundary()
    assert model is not None and model.weights and model.margin >= 0
    qids = _qids(doc)
    a = arrays(doc)
    cue = (_tok(doc, "attacked"), _tok(doc, "attacked") + 1)
    lopez, interview = _tok(doc, "Lopez"), _tok(doc, "interview")
    assert model.end(doc, cue, cue_head(a, cue), (lopez, interview + 1), qids) == lopez + 1
    # a quotation ends at its closing mark whatever the model says
    said = (_tok(doc, "said", 1), _tok(doc, "said", 1) + 1)
    win = _tok(doc, "“", 1)
    close = _tok(doc, "”", 1)
    assert model.end(doc, said, said[0], (win, close + 1), qids) == close + 1


def test_adjust_moves_the_last_fragment_and_trims_the_source(doc):
    model = load_boundary()
    a = arrays(doc)
    cue = (_tok(doc, "attacked"), _tok(doc, "attacked") + 1)
    lopez, interview = _tok(doc, "Lopez"), _tok(doc, "interview")
    q = _tok(doc, "“")
    cand = Candidate(cue=cue, source=(q, q + 3), content=[(lopez, interview + 1)])
    out = adjust(doc, [cand], model, _qids(doc))
    assert out[0].content == [(lopez, lopez + 1)] and out[0].source == (q + 1, q + 2)
    assert cand.content == [(lopez, interview + 1)]  # the input is left as it was
    assert adjust(doc, [cand], None, _qids(doc))[0].content == cand.content  # no model: trim only
    assert cue_head(a, cue) == cue[0]


def test_missing_or_malformed_weights_give_no_model(tmp_path):
    assert load_boundary(tmp_path / "nope.tsv") is None
    bad = tmp_path / "bad.tsv"
    bad.write_text("#margin\tx\n", encoding="utf-8")
    assert load_boundary(bad) is None
    bad.write_text("a b c\n", encoding="utf-8")
    assert load_boundary(bad) is None
    good = tmp_path / "good.tsv"
    good.write_text("# note\n#margin\t2.5\nbias\t-1\n", encoding="utf-8")
    m = BoundaryModel(good)
    assert m.margin == 2.5 and m.score(["bias", "unknown"]) == -1.0


def test_component_without_the_boundary_model_only_moves_content_ends(with_without):
    on, off, a, b = with_without("use_boundary")
    assert on.boundary is not None and off.boundary is None
    assert [x["content"]["start"] for x in a] == [x["content"]["start"] for x in b]

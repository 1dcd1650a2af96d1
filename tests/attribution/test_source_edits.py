"""A source's edges cut where PolNeAR's convention is plain (`source_edits.py`)."""

from __future__ import annotations

import pytest

from narrascope.attribution.rules import Candidate
from narrascope.attribution.source_edits import cut_sentence, drop_period, edit_sources, relative_speaker

from attribution_testkit import glued_parse, tok as _tok, texts as _texts, span_text as _text

TEXT = ("“We will not back down from this fight.” ― Maria Lopez.\n\n"
        "Hundreds of farmers gathered outside the statehouse on Monday. Organizers said the rally "
        "was the largest in a decade.\n\n"
        "BRUSSELS - European ministers met Friday to discuss the budget, officials said.\n\n"
        "The mayor called for an inquiry into the blast on Tuesday.")


@pytest.fixture(scope="module")
def doc(bare):
    return glued_parse(bare, TEXT)


def _cand(doc, cue, source):
    return Candidate(cue=cue, content=[(cue[1], cue[1] + 1)], source=source, origin="model")


def test_a_final_period_is_left_out(doc):
    lopez = _tok(doc, "Maria"), _tok(doc, "Lopez") + 2
    assert _text(doc, lopez) == "Maria Lopez."
    assert _text(doc, drop_period(_texts(doc), lopez)) == "Maria Lopez"
    # an abbreviation's period is part of its token; a lone period is never emptied
    stop = _tok(doc, "."), _tok(doc, ".") + 1
    assert drop_period(_texts(doc), stop) == stop


def test_a_source_over_a_sentence_start_keeps_the_cue_side(doc):
    texts, starts = _texts(doc), [bool(t.is_sent_start) for t in doc]
    said = _tok(doc, "said")
    over = _tok(doc, "statehouse"), _tok(doc, "Organizers") + 1
    assert _text(doc, cut_sentence(texts, starts, over, (said, said + 1))) == "Organizers"
    # the cue before the source: the part before the sentence start stays
    gathered = _tok(doc, "gathered")
    src = _tok(doc, "outside"), _tok(doc, "Organizers") + 1
    cut = cut_sentence(texts, starts, src, (gathered, gathered + 1))
    assert _text(doc, cut) == "outside the statehouse on Monday."
    # inside one sentence: no change
    one = _tok(doc, "Organizers"), _tok(doc, "Organizers") + 1
    assert cut_sentence(texts, starts, one, (said, said + 1)) == one


def test_edit_sources(doc):
    said = _tok(doc, "said", 1)
    met = _tok(doc, "met")
    dash = _tok(doc, "―")
    organizers = _tok(doc, "said")
    cands = [_cand(doc, (dash, dash + 1), (_tok(doc, "Maria"), _tok(doc, "Lopez") + 2)),
             _cand(doc, (organizers, organizers + 1), (_tok(doc, "statehouse"), _tok(doc, "Organizers") + 1)),
             _cand(doc, (met, met + 1), (_tok(doc, "BRUSSELS"), _tok(doc, "ministers") + 1)),
             _cand(doc, (said, said + 1), (_tok(doc, "officials"), _tok(doc, "officials") + 1)),
             _cand(doc, (said, said + 1), None)]
    out = edit_sources(doc, cands)
    assert [c.source and _text(doc, c.source) for c in out] == [
        "Maria Lopez", "Organizers", "European ministers", "officials", None]
    assert out[3] is cands[3] and out[4] is cands[4]  # unchanged candidates are not copied
    assert _text(doc, cands[0].source) == "Maria Lopez."  # the input is left as it was
    assert [c.cue for c in out] == [c.cue for c in cands]
    assert [c.content for c in out] == [c.content for c in cands]


def test_component_only_edits_sources(with_without):
    _, _, a, b = with_without("use_source_edits")
    assert [x["content"] for x in a] == [x["content"] for x in b]
    changed = [(y["source"]["text"], x["source"]["text"]) for x, y in zip(a, b)
               if x["source"] != y["source"]]
    # the readings the rule corrects: a final period, a dateline
    assert ("Maria Lopez.", "Maria Lopez") in changed
    assert ("BRUSSELS - European ministers", "European ministers") in changed
    assert all(not x["source"]["text"].endswith(".") for x in a if x["source"])


def test_a_relative_pronoun_speaker_is_the_pronoun_alone(bare):
    doc = bare("They are doubting claims made by various MPs who claimed the sessions continued.")
    mps = _tok(doc, "various"), _tok(doc, "who") + 1
    assert _text(doc, mps) == "various MPs who"
    assert _text(doc, relative_speaker(doc, mps)) == "who"
    # a noun phrase with no relative pronoun at its end, and the pronoun alone, are kept
    assert relative_speaker(doc, (mps[0], mps[1] - 1)) == (mps[0], mps[1] - 1)
    assert relative_speaker(doc, (mps[1] - 1, mps[1])) == (mps[1] - 1, mps[1])
    # through edit_sources, as the component applies it
    claimed = _tok(doc, "claimed"), _tok(doc, "claimed") + 1
    (cand,) = edit_sources(doc, [_cand(doc, claimed, mps)])
    assert _text(doc, cand.source) == "who"

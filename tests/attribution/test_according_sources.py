"""A source-less "according to <documents>" cue split into cue and source (`according_sources.py`)."""

from __future__ import annotations

import pytest

from narrascope.attribution.according_sources import according_content_source, according_source
from narrascope.attribution.lexicon import source_type_words
from narrascope.attribution.rules import Candidate
from narrascope.attribution.source_edits import edit_sources

from attribution_testkit import frag_texts, span_text, tok

TEXT = ("The clerk moved the money through three shell firms, according to bank records.\n\n"
        "According to court filings and investigators, the clerk kept a second ledger at home.\n\n"
        "The tunnel will cost twice the estimate, according to an analysis by the county auditor.\n\n"
        "The vote was delayed twice, according to the plan.\n\n"
        "The chef shouted at his cooks every night, according to kitchen staff.\n\n"
        "The chef shouted at his cooks every night, according to kitchen staff who quit in May.")

DOCUMENTS = {w for w, t in source_type_words().items() if t == "document"}


def _after(doc, word, nth=0):
    """From `word` to the end of its sentence, without the final period."""
    s = tok(doc, word, nth)
    end = doc[s].sent.end
    while doc[end - 1].is_space or doc[end - 1].text == ".":
        end -= 1
    return s, end


def _np_end(doc, word):
    return tok(doc, word) + 1


def test_the_whole_phrase_as_cue_becomes_cue_and_source(doc):
    acc = tok(doc, "according")
    cand = Candidate(cue=(acc, _np_end(doc, "records")), content=[(0, acc - 1)], origin="model")
    out = according_source(doc, cand, DOCUMENTS)
    assert span_text(doc, out.cue) == "according to"
    assert span_text(doc, out.source) == "bank records"
    assert out.content == cand.content


def test_a_cue_stopping_inside_the_phrase_gives_the_content_its_rest(doc):
    acc = tok(doc, "According")
    cand = Candidate(cue=(acc, acc + 3), content=[_after(doc, "filings")], origin="model")
    assert span_text(doc, cand.cue) == "According to court"
    out = according_source(doc, cand, DOCUMENTS)
    assert span_text(doc, out.cue) == "According to"
    assert span_text(doc, out.source) == "court filings and investigators"
    assert frag_texts(doc, out.content) == ["the clerk kept a second ledger at home"]


def test_left_alone(doc):
    # an agent after the noun (gold takes the agent as the source), a singular noun that is no
    # document, a candidate that has a source, a cue that is not "according to"
    acc = tok(doc, "according", 1)
    by = Candidate(cue=(acc, _np_end(doc, "analysis")), content=[(0, 2)], origin="model")
    assert according_source(doc, by, DOCUMENTS) is by
    acc = tok(doc, "according", 2)
    plan = Candidate(cue=(acc, _np_end(doc, "plan")), content=[(0, 2)], origin="model")
    assert according_source(doc, plan, DOCUMENTS) is plan
    acc = tok(doc, "according")
    sourced = Candidate(cue=(acc, acc + 2), content=[(0, 2)], source=(acc + 2, acc + 4), origin="model")
    assert according_source(doc, sourced, DOCUMENTS) is sourced
    moved = tok(doc, "moved")
    verb = Candidate(cue=(moved, moved + 1), content=[(0, 2)], origin="model")
    assert according_source(doc, verb, DOCUMENTS) is verb
    # a cue that is "according to" alone whose content does not reach the phrase: nothing to take
    bare_cue = Candidate(cue=(acc, acc + 2), content=[(0, acc - 1)], origin="model")
    assert according_source(doc, bare_cue, DOCUMENTS) is bare_cue


def test_edit_sources_splits_it(doc):
    acc = tok(doc, "according")
    cand = Candidate(cue=(acc, _np_end(doc, "records")), content=[(0, acc - 1)], origin="model")
    (out,) = edit_sources(doc, [cand])
    assert (span_text(doc, out.cue), span_text(doc, out.source)) == ("according to", "bank records")


def test_in_the_component(nlp):
    pytest.importorskip("pycrfsuite")
    text = ("The mayor's aide took payments from a paving contractor for two years, according to "
            "court documents.\n\nThe aide resigned in March.")
    atts = [a for a in nlp(text)._.attributions if "according" in a["cue"]["text"].lower()]
    assert [(a["cue"]["text"], (a["source"] or {}).get("text"), a["source_type"]) for a in atts] == [
        ("according to", "court documents", "document")]


# session 18: the noun phrase after a bare "according to" cue read as a content fragment (the parser took
# its first word for a verb: "according to <show> insiders")

def _chef(doc, nth):
    acc = tok(doc, "according", 3 + nth)
    clause = (tok(doc, "chef", nth) - 1, tok(doc, "night", nth) + 1)
    return acc, clause


def test_a_content_fragment_after_the_cue_becomes_the_source(doc):
    acc, clause = _chef(doc, 0)
    cand = Candidate(cue=(acc, acc + 2), content=[clause, (acc + 2, acc + 4)], origin="model")
    assert frag_texts(doc, cand.content) == ["The chef shouted at his cooks every night", "kitchen staff"]
    out = according_content_source(doc, cand)
    assert span_text(doc, out.source) == "kitchen staff"
    assert span_text(doc, out.cue) == "according to"
    assert frag_texts(doc, out.content) == ["The chef shouted at his cooks every night"]
    (edited,) = edit_sources(doc, [cand])
    assert span_text(doc, edited.source) == "kitchen staff"


def test_a_content_fragment_after_the_cue_left_alone(doc):
    acc, clause = _chef(doc, 0)
    alone = Candidate(cue=(acc, acc + 2), content=[(acc + 2, acc + 4)], origin="model")  # nothing else is content
    assert according_content_source(doc, alone) is alone
    sourced = Candidate(cue=(acc, acc + 2), content=[clause, (acc + 2, acc + 4)], source=(0, 1), origin="model")
    assert according_content_source(doc, sourced) is sourced
    longer = Candidate(cue=(acc, acc + 3), content=[clause, (acc + 3, acc + 4)], origin="model")
    assert according_content_source(doc, longer) is longer
    # the fragment does not close its sentence: a clause follows ("... staff who quit in May")
    acc, clause = _chef(doc, 1)
    short = Candidate(cue=(acc, acc + 2), content=[clause, (acc + 2, acc + 4)], origin="model")
    assert according_content_source(doc, short) is short
    # more than five tokens is a clause, not a noun phrase read as content
    end = tok(doc, "May") + 1
    long = Candidate(cue=(acc, acc + 2), content=[clause, (acc + 2, end)], origin="model")
    assert according_content_source(doc, long) is long

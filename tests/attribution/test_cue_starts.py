"""A cue started at the auxiliaries, negation and adverbs before its word (`cue_starts.py`)."""

from __future__ import annotations

import pytest

from narrascope.attribution.cue_starts import extend_cue_starts
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok

TEXT = ("The senator has been loudly criticizing the agency for months, and aides even suggested "
        "that she would run.\n\n"
        "The spokesman smiled when asked about the vote, and then declined to comment.\n\n"
        "The report appeared to suggest that the plan had failed.")


def _cue(doc, word):
    i = _tok(doc, word)
    return Candidate(cue=(i, i + 1), content=[(i + 1, i + 3)], origin="model")


def test_cues_take_the_words_before_them(doc):
    cands = [_cue(doc, "criticizing"), _cue(doc, "suggested"), _cue(doc, "declined")]
    out = extend_cue_starts(doc, cands)
    assert [doc[slice(*c.cue)].text for c in out] == [
        "has been loudly criticizing", "even suggested", "then declined"]
    assert [c.content for c in out] == [c.content for c in cands]
    assert doc[slice(*cands[0].cue)].text == "criticizing"  # the input is left as it was


def test_an_open_complement_starts_at_its_verb(doc):
    suggest = _tok(doc, "suggest")
    assert doc[suggest].dep_ == "xcomp" and doc[suggest - 2].text == "appeared"
    for start in (suggest, suggest - 1):  # "suggest" or "to suggest"
        cand = Candidate(cue=(start, suggest + 1), content=[(suggest + 1, suggest + 4)], origin="model")
        assert doc[slice(*extend_cue_starts(doc, [cand])[0].cue)].text == "appeared to suggest"
    # not over a source or a content holding the governing verb
    held = Candidate(cue=(suggest, suggest + 1), content=[(suggest + 1, suggest + 4)],
                     source=(suggest - 3, suggest - 1), origin="model")
    assert doc[slice(*extend_cue_starts(doc, [held])[0].cue)].text == "to suggest"


def test_stops_at_when_the_source_and_a_content(doc):
    asked = _cue(doc, "asked")
    assert doc[_tok(doc, "asked") - 1].text == "when"
    assert extend_cue_starts(doc, [asked])[0] is asked  # "when" opens a clause of its own
    loudly = _tok(doc, "loudly")
    criticizing = _tok(doc, "criticizing")
    with_source = Candidate(cue=(criticizing, criticizing + 1), content=[(criticizing + 1, criticizing + 3)],
                            source=(loudly, loudly + 1), origin="model")
    assert extend_cue_starts(doc, [with_source])[0] is with_source
    in_content = Candidate(cue=(criticizing, criticizing + 1), content=[(loudly - 2, loudly + 1)],
                           origin="model")
    assert extend_cue_starts(doc, [in_content])[0] is in_content
    first = Candidate(cue=(0, 1), content=[(1, 2)], origin="model")  # nothing before the text
    assert extend_cue_starts(doc, [first])[0] is first


def test_component_only_starts_cues_earlier(doc):
    pytest.importorskip("pycrfsuite")
    import narrascope.pipeline  # noqa: F401 - registers the factories and extensions
    from spacy.lang.en import English

    from narrascope.pipeline.attribution import AttributionComponent

    on = AttributionComponent(English(), "a", resolve=False, use_nested_cue_drop=False).extract(doc)
    off = AttributionComponent(English(), "a", resolve=False, use_cue_starts=False,
                                  use_nested_cue_drop=False).extract(doc)
    assert [(x["source"], x["content"]) for x in on] == [(x["source"], x["content"]) for x in off]
    changed = [(y["cue"]["text"], x["cue"]["text"]) for x, y in zip(on, off) if x["cue"] != y["cue"]]
    assert all(x["cue"]["end"] == y["cue"]["end"] and x["cue"]["start"] <= y["cue"]["start"]
               for x, y in zip(on, off))
    assert changed == [("declined", "then declined"), ("suggest", "appeared to suggest")]

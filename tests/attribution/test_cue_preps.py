"""A cue's preposition in or out as PolNeAR train's gold marks the pair (`cue_preps.py`)."""

from __future__ import annotations

import pytest

from narrascope.attribution.cue_preps import CUE_PREPS_FILE, count_pairs, edit_cue_preps, load_cue_preps
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok, span_text as _text

TEXT = ("The mayor called for an inquiry into the blast on Tuesday.\n\n"
        "The governor said at a briefing that the roads would reopen.")


def test_the_shipped_table_loads():
    table = load_cue_preps()
    assert CUE_PREPS_FILE.exists() and table
    assert table[("call", "for")] is True and table[("talk", "about")] is True
    assert table[("say", "at")] is False and table[("say", "in")] is False
    assert ("say", "of") not in table or table[("say", "of")] is False  # 36 out / 16 in


def test_missing_or_malformed_table(tmp_path):
    assert load_cue_preps(tmp_path / "none.tsv") is None
    bad = tmp_path / "bad.tsv"
    bad.write_text("# a comment\ncall\tfor\t1\n", encoding="utf-8")
    assert load_cue_preps(bad) is None


def test_edit_takes_and_leaves_out_prepositions(doc):
    table = load_cue_preps()
    called, said = _tok(doc, "called"), _tok(doc, "said")
    call = Candidate(cue=(called, called + 1), content=[(called + 1, _tok(doc, "Tuesday") + 1)],
                     source=(0, 2), origin="model")
    say = Candidate(cue=(said, said + 2), content=[(_tok(doc, "that"), _tok(doc, "reopen") + 1)],
                    source=(said - 2, said), origin="model")
    out = edit_cue_preps(doc, [call, say], table)
    assert _text(doc, out[0].cue) == "called for"
    assert _text(doc, out[0].content[0]) == "an inquiry into the blast on Tuesday"  # starts after "for"
    assert _text(doc, out[1].cue) == "said" and out[1].content == say.content
    # a preposition inside the cue, out by the pair's convention: the cue ends before it
    long = Candidate(cue=(said, _tok(doc, "briefing") + 1), content=say.content, origin="model")
    assert _text(doc, long.cue) == "said at a briefing"
    assert _text(doc, edit_cue_preps(doc, [long], table)[0].cue) == "said"
    assert _text(doc, call.cue) == "called"  # the input is left as it was
    # the preposition in the source or inside a content fragment: no change
    in_source = Candidate(cue=(called, called + 1), content=[], source=(called + 1, called + 3))
    inside = Candidate(cue=(called, called + 1), content=[(called - 1, called + 3)])
    assert edit_cue_preps(doc, [in_source, inside], table) == [in_source, inside]
    assert edit_cue_preps(doc, [call], None) == [call]


def test_count_pairs(doc):
    called, said = _tok(doc, "called"), _tok(doc, "said")
    counts = count_pairs([(doc, [(called, called + 2), (said, said + 1)])])
    assert counts == {("call", "for", True): 1, ("say", "at", False): 1}


def test_component_reads_its_table(doc, tmp_path):
    pytest.importorskip("pycrfsuite")
    import narrascope.pipeline  # noqa: F401 - registers the factories and extensions
    from spacy.lang.en import English

    from narrascope.pipeline.attribution import AttributionComponent

    flipped = tmp_path / "cue_preps.tsv"
    flipped.write_text("call\tfor\t75\t1\tout\n", encoding="utf-8")  # a table saying the opposite
    shipped = AttributionComponent(English(), "a", resolve=False).extract(doc)
    other = AttributionComponent(English(), "a", resolve=False, cue_preps_path=str(flipped)).extract(doc)
    off = AttributionComponent(English(), "a", resolve=False, use_cue_preps=False).extract(doc)
    assert [x["cue"]["text"] for x in shipped][:1] == ["called for"]
    assert [x["cue"]["text"] for x in other][:1] == ["called"]
    assert [x["source"] for x in shipped] == [x["source"] for x in other] == [x["source"] for x in off]

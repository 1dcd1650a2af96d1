"""A content ending at a colon runs over the bulleted list after it; a bullet is never a cue
(`colon_lists.py`)."""

from __future__ import annotations

from narrascope.attribution.colon_lists import drop_mark_cues, extend_lists
from narrascope.attribution.lexicon import list_marks
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok, frag_texts as _frags

TEXT = ("The mayor proposed the following steps:\n\n"
        "  • The council must publish the budget.\n"
        "  • The police must release the footage.\n\n"
        "Residents welcomed the plan.\n\n"
        "The minister said the plan was late:\n\n"
        "Nobody answered.")


def test_a_content_ending_at_the_colon_takes_the_list_items(doc):
    proposed = _tok(doc, "proposed")
    cand = Candidate(cue=(proposed, proposed + 1), content=[(proposed + 1, proposed + 4)],
                     source=(0, proposed), origin="model")
    (out,) = extend_lists(doc, [cand], list_marks())
    assert _frags(doc, out.content) == ["the following steps", "The council must publish the budget.",
                                        "The police must release the footage."]


def test_no_list_after_the_colon_no_change(doc):
    said = _tok(doc, "said")
    colon = _tok(doc, ":", 1)
    cand = Candidate(cue=(said, said + 1), content=[(said + 1, colon)], source=(said - 1, said),
                     origin="model")
    assert extend_lists(doc, [cand], list_marks())[0] is cand


def test_a_bullet_is_never_a_cue(doc):
    bullet = _tok(doc, "•")
    said = _tok(doc, "said")
    marks = list_marks()
    assert "•" in marks and ":" not in marks and "—" not in marks
    cands = [Candidate(cue=(bullet, bullet + 1), content=[(bullet + 1, bullet + 4)]),
             Candidate(cue=(said, said + 1), content=[(said + 1, said + 4)])]
    assert [c.cue for c in drop_mark_cues(doc, cands, marks)] == [(said, said + 1)]

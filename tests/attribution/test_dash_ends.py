"""Content ends cut at a lone dash (`dash_ends.py`)."""

from __future__ import annotations

from narrascope.attribution.dash_ends import cut, cut_dashes
from narrascope.attribution.rules import Candidate

from attribution_testkit import count_shortened, tok as _tok, texts as _texts

TEXT = ("The senator argued that the tax cut would pay for itself within a decade -- a claim most "
        "economists reject.\n\n"
        "Critics say the plan favors the wealthy — even as its backers call it a boon for workers — "
        "and will widen the deficit.\n\n"
        "The mayor promised to rebuild every damaged school before winter ― probably not what the "
        "unions had in mind.\n\n"
        "She said the museum tells the stories of people left out of textbooks -- ''the farmer but "
        "also the miner.''\n\n"
        "“We will finish the bridge -- all of it,” the governor said -- and nobody believed him.")


def _to_sentence_end(doc, i):
    """From token `i` to its sentence's end, without the final period."""
    e = doc[i].sent.end
    while doc[e - 1].is_space or doc[e - 1].text == ".":
        e -= 1
    return i, e


def test_a_lone_dash_ends_the_content(doc, qids):
    cue = (_tok(doc, "argued"), _tok(doc, "argued") + 1)
    frag = _to_sentence_end(doc, _tok(doc, "that"))
    s, e = cut(_texts(doc), qids, cue, frag)
    assert doc[s:e].text == "that the tax cut would pay for itself within a decade"
    cue = (_tok(doc, "promised"), _tok(doc, "promised") + 1)
    s, e = cut(_texts(doc), qids, cue, _to_sentence_end(doc, _tok(doc, "to")))
    assert doc[s:e].text == "to rebuild every damaged school before winter"


def test_a_pair_of_dashes_stays(doc, qids):
    cue = (_tok(doc, "say"), _tok(doc, "say") + 1)
    frag = _to_sentence_end(doc, _tok(doc, "plan"))
    assert cut(_texts(doc), qids, cue, frag) == frag


def test_a_dash_before_a_quotation_stays(doc, qids):
    said = _tok(doc, "said")
    frag = _to_sentence_end(doc, said + 1)
    frag = (frag[0], _tok(doc, "''", 1) + 1)  # to the closing doubled apostrophe
    assert doc[frag[1] - 1].text == "''"
    assert cut(_texts(doc), qids, (said, said + 1), frag) == frag


def test_a_dash_inside_a_quotation_or_left_of_the_cue_stays(doc, qids):
    said = _tok(doc, "said", 1)
    we = _tok(doc, "We")
    quoted = (we - 1, _tok(doc, "”") + 1)  # “We will finish the bridge -- all of it,”
    assert doc[quoted[0]:quoted[1]].text == "“We will finish the bridge -- all of it,”"
    # left of its cue: never cut
    assert cut(_texts(doc), qids, (said, said + 1), quoted) == quoted
    # right of a cue but the dash lies inside the quotation: not cut either
    assert cut(_texts(doc), qids, (0, 1), quoted) == quoted


def test_only_per_cue_contents_are_cut(doc, qids):
    argued = _tok(doc, "argued")
    frag = _to_sentence_end(doc, _tok(doc, "that"))
    cands = [Candidate(cue=(argued, argued + 1), content=[frag], origin="model"),
             Candidate(cue=(argued, argued + 1), content=[frag], origin="rule"),
             Candidate(cue=(argued, argued + 1), content=[frag], origin="model", inherited_from=0),
             Candidate(cue=(argued, argued + 1), content=[], origin="model")]
    out = cut_dashes(doc, cands, qids)
    s, e = out[0].content[0]
    assert doc[s:e].text == "that the tax cut would pay for itself within a decade"
    assert [c.content for c in out[1:]] == [[frag], [frag], []]
    assert cands[0].content == [frag]  # the input candidates are not changed


def test_component_only_shortens_contents(with_without):
    _, _, a, b = with_without("use_dash_cut")
    changed = count_shortened(a, b)
    contents = {x["cue"]["text"]: [TEXT[s:e] for s, e in x["content"]["spans"]] for x in a}
    assert contents["argued"] == ["that the tax cut would pay for itself within a decade"]
    assert contents["promised"] == ["to rebuild every damaged school before winter"]
    assert changed == 2

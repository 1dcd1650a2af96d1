"""A dateline left out of a content's start (`datelines.py`)."""

from __future__ import annotations

import pytest

from narrascope.attribution.datelines import after_dateline, drop_datelines
from narrascope.attribution.rules import Candidate

from attribution_testkit import count_shortened, glued_parse, tok as _tok, texts as _texts

TEXT = ("Senators Call The Trade Deal A ‘Costly Mistake.’\n\n"
        "WASHINGTON ― The administration’s months-long push for the trade deal is a betrayal of "
        "factory workers, senior Democratic senators said Friday morning, as they pressed for a "
        "vote on the bill.\n\n"
        "DES MOINES, Iowa -- Farmers will lose their biggest market if the tariffs stay in place, "
        "the president of the state farm bureau said on Tuesday.\n\n"
        "Officials said the NATO -- and not the national armies -- would lead the mission.\n\n"
        "FBI agents searched the office, the department said.\n\n"
        "NEW YORK-based lenders will tighten their rules, the bank's chief said.")


@pytest.fixture(scope="module")
def doc(bare):
    return glued_parse(bare, TEXT)


def _span(doc, first, last, nth=0):
    """Tokens from the word `first` to the word `last` (included)."""
    return _tok(doc, first, nth), _tok(doc, last, nth) + 1


def test_a_dateline_is_left_out(doc):
    s, e = after_dateline(_texts(doc), True, _span(doc, "WASHINGTON", "workers"))
    assert doc[s:e].text == ("The administration’s months-long push for the trade deal is a "
                             "betrayal of factory workers")
    s, e = after_dateline(_texts(doc), True, _span(doc, "DES", "place"))
    assert doc[s:e].text == "Farmers will lose their biggest market if the tariffs stay in place"


def test_no_dateline_no_change(doc):
    texts = _texts(doc)
    fbi = _span(doc, "FBI", "office")  # capitals, no dash
    assert after_dateline(texts, True, fbi) == fbi
    nato = _span(doc, "NATO", "mission")  # not at a line's start
    assert after_dateline(texts, False, nato) == nato
    officials = _span(doc, "Officials", "mission")  # not in capitals
    assert after_dateline(texts, True, officials) == officials
    ny = _span(doc, "NEW", "rules")  # a hyphen inside a word, no dateline
    assert doc[ny[0] + 2].text == "-"
    assert after_dateline(texts, True, ny) == ny
    w = _tok(doc, "WASHINGTON")
    only = (w, w + 2)  # nothing left after the dash
    assert doc[only[0]:only[1]].text == "WASHINGTON ―"
    assert after_dateline(texts, True, only) == only


def test_only_per_cue_contents_and_their_first_fragment(doc):
    said = _tok(doc, "said")
    frag = _span(doc, "WASHINGTON", "workers")
    later = _span(doc, "DES", "place")
    cands = [Candidate(cue=(said, said + 1), content=[frag, later], origin="model"),
             Candidate(cue=(said, said + 1), content=[frag], origin="rule"),
             Candidate(cue=(said, said + 1), content=[frag], origin="model", inherited_from=0)]
    out = drop_datelines(doc, cands)
    (s, e), second = out[0].content
    assert doc[s:e].text.startswith("The administration’s")
    assert second == later  # only the first fragment is edited
    assert [c.content for c in out[1:]] == [[frag], [frag]]
    assert cands[0].content == [frag, later]  # the input candidates are not changed
    # not at a line's start: kept (the fragment starts after "Officials said the")
    nato = _span(doc, "NATO", "mission")
    officials = _tok(doc, "said", 2)
    cand = Candidate(cue=(officials, officials + 1), content=[nato], origin="model")
    kept = drop_datelines(doc, [cand])
    assert kept[0].content == [nato]


def test_component_only_shortens_contents(with_without):
    _, _, a, b = with_without("use_dateline_cut")
    changed = count_shortened(a, b)
    first = TEXT.index("said")
    on_said = [[TEXT[s:e] for s, e in x["content"]["spans"]]
               for x in a if x["cue"]["start"] == first]
    off_said = [[TEXT[s:e] for s, e in x["content"]["spans"]]
                for x in b if x["cue"]["start"] == first]
    assert off_said[0][0].startswith("WASHINGTON ― ")  # the reading the rule corrects
    assert on_said[0] == ["The administration’s months-long push for the trade deal is a "
                                "betrayal of factory workers"]
    assert changed == 1

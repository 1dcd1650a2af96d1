"""Content fragments cut at a paragraph break (`para_cut.py`)."""

from __future__ import annotations

import importlib

import pytest

from narrascope.attribution.para_cut import breaks, cut, cut_paragraphs
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok, texts as _texts

TEXT = ("Mayor Rivera: ‘The Harbor Bridge Will Open In June.’\n\n"
        "Mayor Ana Rivera told reporters on Monday that the new bridge would open on time.\n\n"
        "The council said the ferry would keep running until the bridge opens and that fares "
        "would not\nrise before the summer.\n\n"
        "“We have waited ten years for this bridge,” the mayor said.\n\n"
        "“And we will wait no longer.”\n\n"
        "Fares will stay where they are.\n\n"
        "The toll will be two dollars, an aide said.")


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def _span(doc, r):
    return doc[r[0]:r[1]].text


def _to(doc, word, nth=0):
    """The token after the `nth` `word` (an exclusive end)."""
    return _tok(doc, word, nth) + 1


def test_a_headline_content_stops_at_its_paragraph(doc):
    colon = _tok(doc, ":")
    frag = (colon + 1, _to(doc, "time"))  # runs on into the story's first paragraph
    s, e = cut(_texts(doc), (colon, colon + 1), frag)
    assert _span(doc, (s, e)) == "‘The Harbor Bridge Will Open In June.’"


def test_a_content_left_of_its_cue_keeps_its_cue_paragraph(doc):
    said = _tok(doc, "said", 2)
    assert doc[said - 1].text == "aide"
    frag = (_tok(doc, "Fares"), _to(doc, "dollars"))  # from "Fares will stay ..." to "dollars"
    assert "\n" in _span(doc, frag)
    s, e = cut(_texts(doc), (said, said + 1), frag)
    assert _span(doc, (s, e)) == "The toll will be two dollars"


def test_a_quotation_going_on_into_the_next_paragraph_stays(doc):
    said = _tok(doc, "said", 1)
    frag = (said + 2, _to(doc, "”", 1))  # over the break into “And we will wait no longer.”
    assert _span(doc, frag).endswith("“And we will wait no longer.”")
    assert breaks(_texts(doc), *frag) == []
    assert cut(_texts(doc), (said, said + 1), frag) == frag


def test_a_line_wrapped_inside_a_sentence_stays(doc):
    said = _tok(doc, "said")
    frag = (said + 1, _to(doc, "summer"))
    assert "\n" in _span(doc, frag)
    assert cut(_texts(doc), (said, said + 1), frag) == frag


def test_floating_quotes_are_left_and_inputs_not_changed(doc):
    colon = _tok(doc, ":")
    frag = (colon + 1, _to(doc, "time"))
    cands = [Candidate(cue=(colon, colon + 1), content=[frag], origin="model"),
             Candidate(cue=(colon, colon + 1), content=[frag], origin="rule"),
             Candidate(cue=(colon, colon + 1), content=[frag], origin="model", inherited_from=0),
             Candidate(cue=(colon, colon + 1), content=[], origin="model")]
    out = cut_paragraphs(doc, cands)
    assert [_span(doc, c.content[0]) for c in out[:2]] == ["‘The Harbor Bridge Will Open In June.’"] * 2
    assert [c.content for c in out[2:]] == [[frag], []]
    assert cands[0].content == [frag]


def test_component_switch_only_shortens_contents(doc):
    pytest.importorskip("pycrfsuite")
    importlib.import_module("narrascope.pipeline")  # registers the factories and extensions
    from spacy.lang.en import English

    from narrascope.pipeline.attribution import AttributionComponent

    on = AttributionComponent(English(), "a", resolve=False, use_para_cut=True).extract(doc)
    off = AttributionComponent(English(), "a", resolve=False, use_para_cut=False).extract(doc)
    assert AttributionComponent(English(), "a", resolve=False).para_cut  # on by default (the lead, session 19)
    assert [x["cue"] for x in on] == [x["cue"] for x in off]
    for a, b in zip(on, off):
        for s, e in a["content"]["spans"]:
            assert any(bs <= s and e <= be for bs, be in b["content"]["spans"])
        assert "\n\n" not in a["content"]["text"] or a["content"]["text"].count("“") > 1

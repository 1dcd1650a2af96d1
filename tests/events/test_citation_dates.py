"""Session 16 (defects round 2): a date on a citation line ("<headline>," <outlet>, <date>:), a byline,
a photo caption or its credit line dates a report or a photograph, not the incident. Invented text."""

from __future__ import annotations

import pytest

from narrascope.events import units
from narrascope.events.units import citation_lines, in_citation


def _lines(text):
    return [text[s:e] for s, e in citation_lines(text)]


def test_citation_caption_and_credit_lines_are_found():
    text = ("Bomb threat empties a stadium\n"
            "“Stadium emptied after a bomb threat,” Riverside Gazette, June 3, 2019:\n"
            "By Ann Example, Riverside Gazette, June 3, 2019\n"
            "Fans leave the stadium in Riverside, June 2, 2019.\n"
            "REUTERS/Jo Sample\n"
            "Police leave the arena on Sunday. (AP Photo/Jo Sample)\n"
            "The stadium was emptied on Saturday, June 1, 2019, police said.\n")
    assert _lines(text) == [
        "“Stadium emptied after a bomb threat,” Riverside Gazette, June 3, 2019:",
        "By Ann Example, Riverside Gazette, June 3, 2019",
        "Fans leave the stadium in Riverside, June 2, 2019.",
        "REUTERS/Jo Sample",
        "Police leave the arena on Sunday. (AP Photo/Jo Sample)",
    ]


def test_a_story_sentence_ending_in_a_date_is_no_citation():
    assert citation_lines("Two guards were shot at the depot on June 1, 2019.\nPolice said so.\n") == []


@pytest.mark.parametrize("text", [
    # a cited report's headline names the incident; its date is the report's (before session 16 round 2
    # the record took it)
    ("A reader sent us this report.\n\n"
     "“Car explodes at the gate of an army depot in Springfield,” Springfield Courier, May 14, 2019:\n\n"
     "A car exploded at the gate of an army depot in Springfield on Wednesday, police said.\n"),
    # a photo caption above its credit line
    ("Car bomb at an army depot\n\n"
     "A guard walks past the burnt car at the depot gate in Springfield, May 14, 2019.\nREUTERS/Jo Sample\n"
     "A car exploded at the gate of an army depot in Springfield on Wednesday, police said.\n"),
])
def test_a_citation_or_caption_date_does_not_date_the_incident(nlp, text):
    dates = [e.get("date") or {} for e in nlp(text)._.events]
    assert dates
    assert not [d for d in dates if d.get("value") == "2019-05-14"]
    assert "on Wednesday" in [d.get("text") for d in dates]


def test_a_story_date_is_still_read(nlp):
    text = ("A reader sent us this report.\n\n"
            "“Gunman kills two guards at a bus depot in Springfield,” Springfield Courier, May 14, 2019:\n\n"
            "A gunman shot dead two guards at a bus depot in Springfield on May 11, 2019, police said.\n")
    assert "2019-05-11" in [(e.get("date") or {}).get("value") for e in nlp(text)._.events]


# session 17 (events helper): two more shapes of citation lines, whose names are no actors either
def test_inline_byline_and_post_credit_are_citation_lines():
    text = ("Police name suspect in the shooting of two officers by ANN EXAMPLE, WXYZ News Saturday, March 9th 2019 "
            "PORT JESSUP - Police have named the gunman.\n"
            "Our thoughts are with the officers pic.example/abc \u2014 City of Port Jessup (@portjessup) March 10, 2019\n"
            "Two officers were shot on Friday.\n")
    assert _lines(text) == ["by ANN EXAMPLE, WXYZ News Saturday, March 9th 2019",
                            "\u2014 City of Port Jessup (@portjessup) March 10, 2019"]
    start = text.index("ANN")
    ranges = citation_lines(text)
    assert in_citation(ranges, start) and not in_citation(ranges, text.index("Two officers"))


def test_a_lowercase_byline_word_in_a_sentence_is_no_citation():
    # "by" + a name in small letters is an agent, not a byline
    assert citation_lines("The depot was attacked by Ann Example, a local farmer, on Saturday, March 9, 2019.\n") == []


def test_switched_off_the_new_line_shapes_are_not_read(monkeypatch):
    monkeypatch.setattr(units, "CREDIT_ACTORS", False)
    assert citation_lines("A story by ANN EXAMPLE, WXYZ News Saturday, March 9th 2019 is here.\n") == []

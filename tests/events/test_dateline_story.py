"""The dateline is not story text (events/extract.py `DATELINE_STORY`): on invented wire copy, no trigger,
filler, date or place of a record comes from inside "CITY (Agency) -", and the story's own place still wins."""

from __future__ import annotations

import pytest

from narrascope.dateline import dateline_span, wire_credit


def _span_text(text):
    span = dateline_span(text)
    return text[span[0]:span[1]] if span else None


@pytest.mark.parametrize("text, expected", [
    ("KANDAHAR (Reuters) - A bomb went off.", "KANDAHAR (Reuters) -"),
    ("LIMA, 4 MAY 90 (EFE) -- POLICE SAID.", "LIMA, 4 MAY 90 (EFE) --"),
    ("Lima, 4 May 90 (EFE) -- Police said.", "Lima, 4 May 90 (EFE) --"),
    ("No city (Peru), 4 May 90 -- A clandestine radio said.", "No city (Peru), 4 May 90 --"),
    ("Bomb kills six\n\nMOSUL, Iraq (AP) — A car bomb exploded.", "MOSUL, Iraq (AP) —"),
])
def test_dateline_span(text, expected):
    assert _span_text(text) == expected


@pytest.mark.parametrize("text", [
    "Iran - the week in review\nThe body.",  # a mixed-case title line with no date or credit
    "A suicide bomber blew himself up on Tuesday.",
    "NEW YORK-based firms said on Monday.",
])
def test_no_dateline_span(text):
    assert dateline_span(text) is None


def test_credit_unchanged():
    text = "KANDAHAR (Reuters) - A bomb went off."
    assert text[slice(*wire_credit(text))] == "Reuters"


@pytest.fixture(scope="module")
def nlp():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def _events(nlp, text, published="2026-03-10", story=True):
    from narrascope.events.extract import extract

    return extract(nlp(text), published, [], [], "crf", story)


def _outside(events, end):
    """Every offset a record carries starts after the dateline (`end`)."""
    for e in events:
        assert e["trigger"]["start"] >= end
        for key in ("perpetrators", "targets", "instruments"):
            for x in e[key]:
                assert x["start"] >= end, (key, x)
        for key in ("location", "date"):
            if e.get(key) and e[key].get("start") is not None:
                assert e[key]["start"] >= end, (key, e[key])
            if e.get(key) and e[key].get("text"):
                assert e[key]["text"].lower() not in ("kandahar", "san salvador", "3 jan 90"), e[key]


WIRE = ("KANDAHAR (Reuters) - A suicide bomber blew himself up outside a government office on Tuesday, "
        "killing six people, police said. The Taliban claimed the attack.")


def test_nothing_from_the_reuters_dateline(nlp):
    events = _events(nlp, WIRE)
    assert events
    _outside(events, len("KANDAHAR (Reuters) -"))
    attack = next(e for e in events if e["type"] in ("attack", "bombing"))
    assert attack["location"] is None  # the dateline is where the report was filed: no guess


def test_muc_style_dateline_city_and_date_not_the_story(nlp):
    from narrascope.events.truecase import truecase

    text = truecase("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- URBAN GUERRILLAS ATTACKED A NATIONAL POLICE POST LAST "
                    "NIGHT, KILLING TWO POLICEMEN, THE ARMED FORCES PRESS OFFICE REPORTED TODAY.")
    events = _events(nlp, text, "1990-01-03")
    assert events
    _outside(events, _span_text(text) and len(_span_text(text)))
    for e in events:
        assert all("salvador" not in p["text"].lower() for p in e["perpetrators"])
        assert all("salvador" not in t["text"].lower() for t in e["targets"])


def test_story_place_still_wins(nlp):
    text = "SHIRAZ, Iran (AP) — Gunmen attacked a bus in Mashhad on Wednesday, killing four passengers."
    attack = next(e for e in _events(nlp, text) if e["type"] in ("attack", "armed_assault"))
    # without the rule the dateline's SHIRAZ, earlier in the same unit, took the record's place
    assert attack["location"]["name"] == "Mashhad" and attack["location"]["text"] == "Mashhad"


def test_same_records_as_the_body_alone(nlp):
    """With a title line, the dateline and the body, the records read what the body alone gives."""
    body = WIRE[len("KANDAHAR (Reuters) - "):]
    text = "Suicide bomber kills six\n\nKANDAHAR (Reuters) - " + body
    shift = len(text) - len(body)
    alone = _events(nlp, body)
    fed = _events(nlp, text)
    key = lambda e: (e["type"], e["trigger"]["start"], [(p["start"], p["text"]) for p in e["perpetrators"]])  # noqa: E731
    assert [key(e) for e in fed] == [(t, s + shift, [(a + shift, x) for a, x in p]) for t, s, p in map(key, alone)]


def test_pipeline_setting(nlp):
    from narrascope.loader import load_pipeline

    full = load_pipeline()
    assert full.get_pipe("narrascope_events").dateline_story is True

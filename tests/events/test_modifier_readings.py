"""Modifiers that name no act and no place: "that burning question", "a Virginia-based columnist"."""

from __future__ import annotations

import pytest


def _events(nlp, text):
    return [(e["type"], e["trigger"]["text"], (e.get("location") or {}).get("name")) for e in nlp(text)._.events]


def test_a_figurative_participle_is_no_trigger(nlp):
    # before session 16 "burning" made the shooting an arson (arson ranks first when mentions merge)
    text = ("The guard at the Grand Palace Hotel was shot on Monday. Who is he? That burning question still "
            "puzzles his neighbours two weeks on.")
    assert _events(nlp, text) == [("armed_assault", "shot", "Grand Palace Hotel")]


def test_a_participle_on_what_was_harmed_still_triggers(nlp):
    got = _events(nlp, "Gunmen stormed the bombed embassy in Kabul on Friday.")
    assert any(kind == "bombing" and trigger == "bombed" for kind, trigger, _ in got)


@pytest.mark.parametrize("text,place", [
    ("A Virginia-based columnist was killed in Istanbul on Tuesday.", "Istanbul"),
    ("A Virginia-based columnist was killed on Tuesday.", None),  # his base is not where he died
    ("Iran-backed militias attacked a base near Baghdad.", "Baghdad"),
    ("Gunmen killed three people in Virginia on Tuesday.", "Virginia"),
])
def test_a_place_that_modifies_by_relation_is_not_the_events(nlp, text, place):
    assert [p for _, _, p in _events(nlp, text)] == [place]

"""Session 18, round 5: "assassinated", "slain", "the slaying of" and "gunned down" are deaths for the casualty
reader (number phrases and the one-victim count), as ACLED and GTD count them. Invented text.

Before, the casualty reader knew only roles.tsv's death words (kill, murder, die, dead, ...), so "<name> was
assassinated" or "two judges were slain" gave a record with no fatalities.
"""

from __future__ import annotations

import pytest

from narrascope.events import casualties, lexicon


def _fatalities(nlp, text):
    return [(e["fatalities"] or {}).get("value") for e in nlp(text)._.events]


@pytest.mark.parametrize("text, value", [
    ("Carlos Mendez was assassinated in Medellin on Tuesday.", 1),
    ("Gunmen gunned down Jorge Ruiz outside his home in Lima on Sunday.", 1),
    ("Pedro Alvarez was slain in an ambush on the highway on Friday.", 1),
    ("Two judges were slain in an ambush near the border on Monday.", 2),
    ("Rebels assassinated three judges in the capital last week.", 3),
])
def test_assassinated_slain_and_gunned_down_count_their_dead(nlp, text, value):
    assert _fatalities(nlp, text) == [value]


def test_the_count_names_its_words(nlp):
    (e,) = nlp("Gunmen gunned down Jorge Ruiz outside his home in Lima on Sunday.")._.events
    assert e["fatalities"]["text"] == "gunned down Jorge Ruiz"


def test_the_slaying_noun_and_the_slain_adjective(nlp):
    (c,) = casualties.find_counts(nlp("Police are investigating the slaying of a teacher in the city.")[:])
    assert (c["kind"], c["value"], c["text"]) == ("fatalities", 1, "slaying of a teacher")
    (c,) = casualties.find_counts(nlp("Mourners buried the two slain officers in Cali on Friday.")[:])
    assert (c["kind"], c["value"]) == ("fatalities", 2)


@pytest.mark.parametrize("text", [
    "Police found a gun near the border.",  # "gun" without "down" is no death
    "The mechanic gunned the engine and drove down the road.",
])
def test_gun_alone_is_no_death(nlp, text):
    assert casualties.find_counts(nlp(text)[:]) == []


def test_a_tried_assassination_is_no_count(nlp):
    assert _fatalities(nlp, "Militants tried to assassinate Carlos Mendez in Medellin on Tuesday.") == [None]


def test_switched_off_the_words_give_no_count(nlp, monkeypatch):
    monkeypatch.setattr(casualties, "MORE_DEATH_CUES", False)
    assert _fatalities(nlp, "Carlos Mendez was assassinated in Medellin on Tuesday.") == [None]
    assert _fatalities(nlp, "Two judges were slain in an ambush near the border on Monday.") == [None]


def test_the_words_are_the_casualty_reader_s_own():
    words = lexicon.death_cue_words()
    assert {"assassinate", "slay"} <= words["verb"] and "slaying" in words["noun"] and "gun" in words["down_verb"]
    # roles.tsv's death category, which other rules read, is unchanged
    assert not (frozenset().union(*words.values()) & lexicon.roles()["death"])

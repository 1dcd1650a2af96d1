"""Session 18, round 2: a death of one person with no number phrase counts 1 (ACLED and GTD code it so).
Invented text.

Before, fatalities were read only from a number phrase near a death word ("two soldiers were killed", "a
soldier was wounded"), so "<name> was killed" and "gunmen killed the officer" gave a record with no count.
"""

from __future__ import annotations

import pytest

from narrascope.events import casualties


def _fatalities(nlp, text):
    return [(e["fatalities"] or {}).get("value") for e in nlp(text)._.events]


@pytest.mark.parametrize("text", [
    "Maria Lopez was killed in a bomb attack on her car in Bogota on Tuesday.",
    "The journalist was murdered outside his home in Karachi last week.",
    "Gunmen shot dead police officer John Mendez in Lima on Monday.",
    "The killing of Ahmed Salem in Cairo sparked protests.",
])
def test_one_person_killed_counts_one(nlp, text):
    assert _fatalities(nlp, text) == [1]


def test_the_count_reads_the_victim_and_the_death_word(nlp):
    (e,) = nlp("Maria Lopez was killed in a bomb attack on her car in Bogota on Tuesday.")._.events
    assert e["fatalities"]["low"] == e["fatalities"]["high"] == 1 and e["fatalities"]["text"] == "Lopez was killed"


@pytest.mark.parametrize("text", [
    "Militants tried to kill the mayor in an attack on Friday.",  # tried
    "Rebels allegedly killed the priest in the attack.",  # hedged
    "John Smith and Ana Ruiz were killed in the bombing.",  # two people, no number
    "Gunmen travelled to Lima to kill Jorge Ruiz in an attack on Monday.",  # a purpose
    "Soldiers killed the driver, his brother, and four guards in a raid on the farm.",  # a list
    "Another rebel was also killed in the clash near the river.",  # a further death of the clash
])
def test_a_death_tried_hedged_or_of_two_people_is_no_count_of_one(nlp, text):
    assert all(v is None for v in _fatalities(nlp, text))


def test_a_death_that_is_not_the_record_s_own_gives_no_count(nlp):
    # the protest is over the death; it killed no one
    (e,) = nlp("Demonstrators marched in Tulsa on Tuesday in a protest of Ray Dolan's death.")._.events
    assert e["type"] == "protest" and e["fatalities"] is None


def test_switched_to_any_record_the_protest_takes_the_death(nlp, monkeypatch):
    monkeypatch.setattr(casualties, "ONE_VICTIM_OWN", False)
    (e,) = nlp("Demonstrators marched in Tulsa on Tuesday in a protest of Ray Dolan's death.")._.events
    assert e["fatalities"]["value"] == 1


def test_a_number_phrase_wins(nlp):
    assert _fatalities(nlp, "Two soldiers were killed in the ambush.") == [2]


def test_switched_off_no_count(nlp, monkeypatch):
    monkeypatch.setattr(casualties, "ONE_VICTIM", False)
    assert _fatalities(nlp, "Maria Lopez was killed in a bomb attack on her car in Bogota on Tuesday.") == [None]

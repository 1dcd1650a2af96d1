"""Session 18, round 3: a figurative sense of a trigger lemma is no incident (events/senses.py,
data/events/figurative_senses.tsv). Invented text.

Before, "the senator demonstrated her grasp of the budget" made a protest record, "fuel prices shot up" an armed
assault and "executed the agreement" an execution.
"""

from __future__ import annotations

import pytest

from narrascope.events import senses, triggers


def _types(nlp, text):
    return [e["type"] for e in nlp(text)._.events]


def _cues(nlp, text):
    return [(m.token.text, m.not_incident) for m in triggers.find_mentions(nlp(text)) if m.not_incident]


@pytest.mark.parametrize("text,cue", [
    ("The senator demonstrated her grasp of the budget at the hearing on Tuesday.", "show"),
    ("The footage demonstrates that the guards opened the gate themselves.", "show"),
    ("The result was another demonstration of how divided the party has become.", "show"),
    ("Fuel prices shot up in March after the refinery closed.", "shoot"),
    ("The young governor shot to prominence after the first debate.", "shoot"),
    ("Asked about the polls on Monday, the mayor shot back that the numbers were wrong.", "shoot"),
    ("The company executed the agreement with the city in May.", "thing"),
    ("Officials suppressed the report for two years, the paper says.", "thing"),
])
def test_a_figurative_sense_makes_no_record(nlp, text, cue):
    assert _types(nlp, text) == []
    assert [c for _, c in _cues(nlp, text)] == [cue]


@pytest.mark.parametrize("text,etype", [
    ("Thousands demonstrated in the capital on Sunday against the new law.", "protest"),
    ("Students demonstrated outside the ministry on Monday, demanding the resignation of the minister.", "protest"),
    ("A gunman shot two guards outside the bank in Lagos on Friday.", "armed_assault"),
    ("Police shot back at the attackers near the station.", "armed_assault"),
    ("The regime executed three prisoners in the central jail on Monday.", "execution"),
    ("Troops suppressed the protest in the main square on Saturday.", "crackdown"),
])
def test_the_incident_sense_still_makes_a_record(nlp, text, etype):
    assert etype in _types(nlp, text)
    assert _cues(nlp, text) == []


def test_the_switch_names_the_rules(nlp):
    text = "The senator demonstrated her grasp of the budget at the hearing on Tuesday."
    before = set(triggers.NOT_INCIDENT)
    try:
        triggers.NOT_INCIDENT = set()
        assert _types(nlp, text) == ["protest"]
        triggers.NOT_INCIDENT = {"F"}
        assert _types(nlp, text) == ["protest"]
    finally:
        triggers.NOT_INCIDENT = before
    assert set(senses.RULE_OF.values()) == {"S", "F"}



@pytest.mark.parametrize("text", [
    "Thousands demonstrated their anger in the capital on Sunday.",
    "Supporters of the jailed lawyer demonstrated their solidarity outside the court on Monday.",
])
def test_a_crowd_demonstrating_something_still_protests(nlp, text):
    # a crowd subject or a setting preposition keeps the protest sense whatever the object (the lead's review)
    assert "protest" in _types(nlp, text)
    assert _cues(nlp, text) == []

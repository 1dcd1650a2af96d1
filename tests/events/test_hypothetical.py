"""Session 19: a hypothetical, generic, future or optional mention is no incident (rule H of triggers.NOT_INCIDENT;
events/hypothetical.py, data/events/hypothetical_mentions.tsv). Invented text.

Before, "Officials in Kabul warned on Monday of the possibility of another attack on the airport" made an attack
record. The rule is off by default (the fresh sample of session 19 had no such mention to judge it on), so these
tests turn it on.
"""

from __future__ import annotations

import pytest

from narrascope.events import lexicon, triggers

ON = {"S", "F", "R", "H"}


@pytest.fixture
def rule_on(monkeypatch):
    monkeypatch.setattr(triggers, "NOT_INCIDENT", set(ON))


def _types(nlp, text):
    return [e["type"] for e in nlp(text)._.events]


def _cues(nlp, text):
    return [(m.token.text, m.not_incident) for m in triggers.find_mentions(nlp(text)) if m.not_incident]


@pytest.mark.parametrize("text, cue", [
    ("Officials warned of the possibility of another attack on the capital.", ("attack", "risk")),
    ("The governor spoke of the risk of kidnappings and robberies along the highway.", ("robberies", "risk")),
    ("The judge received assassination threats after the verdict.", ("assassination", "risk")),
    ("He faces the prospect of arrest if he returns to the country.", ("arrest", "risk")),
    ("The town lives in danger of a bombing by the cartel.", ("bombing", "risk")),
    ("Such attacks have become rare in the province.", ("attacks", "generic")),
    ("Residents said that robberies like these happen every week.", ("robberies", "generic")),
    ("Prosecutors made moves to arrest him on Tuesday.", ("arrest", "future")),
    ("The government moves to arrest the opposition leader.", ("arrest", "future")),
    ("The cabinet considered air strikes as an option against the rebels.", ("strikes", "option")),
])
def test_a_hypothetical_mention_is_no_incident(nlp, rule_on, text, cue):
    assert cue in _cues(nlp, text)


@pytest.mark.parametrize("text, gone", [
    ("Officials in Kabul warned on Monday of the possibility of another attack on the airport.", "attack"),
    ("The judge in Bogota received assassination threats on Monday after the verdict.", "assassination"),
    ("The government moves to arrest the opposition leader.", "arrest"),
])
def test_the_record_goes_with_the_switch(nlp, monkeypatch, text, gone):
    monkeypatch.setattr(triggers, "NOT_INCIDENT", {"S", "F", "R"})
    assert gone in _types(nlp, text)
    monkeypatch.setattr(triggers, "NOT_INCIDENT", set(ON))
    assert gone not in _types(nlp, text)


@pytest.mark.parametrize("text, kept", [
    ("The attack, which officials had feared, killed 12 people in the market.", "attack"),
    ("The killing of the mayor raised fears of more violence.", "attack"),
    ("Thousands protested in Minsk on Sunday despite the risk of arrest.", "protest"),
    ("Police moved to arrest the suspect after a standoff in Marseille on Sunday.", "arrest"),
    ("The kidnapping of the businessman raised the danger of more abductions.", "kidnapping"),
    ("Gunmen robbed a bank in Lima on Friday, the third such robbery this year.", "other_violence"),
])
def test_a_real_incident_near_a_risk_word_stays(nlp, rule_on, text, kept):
    assert kept in _types(nlp, text)


@pytest.mark.parametrize("text, trigger", [
    ("The possibility of the kidnapping being linked to the cartel was raised by police.", "kidnapping"),
    ("Analysts weighed the potential of the protests to topple the government.", "protests"),
    ("Police moved to arrest the suspect after a standoff in Marseille on Sunday.", "arrest"),
    ("Gunmen robbed a bank in Lima on Friday, the third such robbery this year.", "robbery"),
])
def test_a_known_incident_or_a_past_move_is_not_hypothetical(nlp, rule_on, text, trigger):
    assert not [c for t, c in _cues(nlp, text) if t == trigger]


def test_the_data_file_has_every_role():
    words = lexicon.hypothetical_mention_words()
    assert {"threat", "possibility", "fear"} <= words["risk"]
    assert "such" in words["generic"] and "move" in words["move"] and "option" in words["option"]

"""Session 19 (E3): a finite past conjunct of an intention verb is a reported act (triggers.REALISED_CONJUNCT).
Invented text.

Before, "a gang threatened a shopkeeper and then attacked him" made no record: `_blocked` climbed from "attacked" to
its conjunct head "threatened", an intention verb, and dropped the mention.
"""

from __future__ import annotations

import pytest

from narrascope.events import triggers


def _types(nlp, text):
    return [e["type"] for e in nlp(text)._.events]


@pytest.mark.parametrize("text,etype", [
    ("A gang threatened a shopkeeper in Lima and then attacked him.", "attack"),
    ("The group vowed revenge and bombed the embassy in Nairobi.", "bombing"),
])
def test_a_past_act_joined_to_an_intention_verb_is_an_incident(nlp, text, etype):
    assert etype in _types(nlp, text)


def test_without_the_rule_the_act_was_blocked(nlp, monkeypatch):
    monkeypatch.setattr(triggers, "REALISED_CONJUNCT", False)
    assert _types(nlp, "A gang threatened a shopkeeper in Lima and then attacked him.") == []


@pytest.mark.parametrize("text", [
    "The rebels threatened to attack and kill the villagers.",
    "He threatened to kill the judge.",
    "The rebels vowed to attack the base and to bomb the bridge.",
])
def test_an_intended_act_stays_blocked(nlp, text):
    assert _types(nlp, text) == []

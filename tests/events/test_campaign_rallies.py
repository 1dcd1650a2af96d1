"""Session 18, round 4: a campaign rally is no protest (events/rallies.py, data/events/campaign_rallies.tsv).
Invented text.

Before, "the senator spoke at a campaign rally" made a protest record.
"""

from __future__ import annotations

import pytest

from narrascope.events import triggers


def _types(nlp, text):
    return [e["type"] for e in nlp(text)._.events]


def _cues(nlp, text):
    return [(m.token.text, m.not_incident) for m in triggers.find_mentions(nlp(text)) if m.not_incident]


@pytest.mark.parametrize("text", [
    "Governor Smith told farmers about taxes at a campaign rally near Toledo.",
    "Thousands attended a Jones rally in Des Moines on Saturday, two days before the caucus.",
    "Senator Smith held a rally in Cedar Falls last week.",
    "Smith, speaking at a rally in Dayton on Monday, did not mention the bill.",
])
def test_a_campaign_rally_makes_no_protest(nlp, text):
    assert "protest" not in _types(nlp, text)
    assert ("rally", "campaign") in _cues(nlp, text)


@pytest.mark.parametrize("text", [
    "Students held a rally against the war outside parliament in Nairobi on Friday.",
    "Hundreds joined a rally to protest the killing of a teenager.",
    "Hundreds joined an anti-Jones rally in Boston on Sunday.",
    "A rally over fuel prices in Lagos turned violent on Monday.",
])
def test_a_rally_against_something_is_still_a_protest(nlp, text):
    assert set(_types(nlp, text)) & {"protest", "riot"}
    assert not [c for t, c in _cues(nlp, text) if t == "rally"]


@pytest.mark.parametrize("text", [
    "Thousands joined a pro-government rally in the capital on Friday.",
    "Opposition leader Ivan Petrov held a rally in the capital on Saturday.",
])
def test_a_supporters_or_opposition_rally_is_no_campaign_event(nlp, text):
    # the lead's review: a "pro-" rally is a supporters' demonstration (ACLED: peaceful protest), and a person's
    # rally is a campaign event only where the sentence speaks of an election
    assert not [c for t, c in _cues(nlp, text) if t == "rally"]
    assert [m.negated for m in triggers.find_mentions(nlp(text)) if m.token.text == "rally"] == [False]


def test_the_assassination_at_a_campaign_rally_stays(nlp):
    # the rally is no protest, the killing at it is still an incident
    types = _types(nlp, "Gunmen shot the senator dead at an election rally in Cali on Friday.")
    assert "protest" not in types and types


def test_the_switch_names_the_rule(nlp):
    rally = "Governor Smith told farmers about taxes at a campaign rally near Toledo."
    before = set(triggers.NOT_INCIDENT)
    try:
        triggers.NOT_INCIDENT = {"S", "F"}
        assert _types(nlp, rally) == ["protest"]
        triggers.NOT_INCIDENT = {"R"}
        assert _types(nlp, rally) == []
    finally:
        triggers.NOT_INCIDENT = before

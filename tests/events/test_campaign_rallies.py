"""Session 18, round 4: a campaign rally is no protest (events/rallies.py, data/events/campaign_rallies.tsv).
Invented text.

Before, "the senator spoke at a campaign rally" made a protest record.
"""

from __future__ import annotations

import pytest

from narrascope.events import lexicon, rallies, triggers


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
    # session 19 (E3): a place anchors the record; before, it stood only on "Hundreds" read as 100 dead
    "Hundreds joined a rally in Lagos to protest the killing of a teenager.",
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


# Session 19: the document rules of events/rallies.py (RALLY_RULES N, P, A, D, O; data/events/campaign_stories.tsv).
# Before, each of these rallies made a protest: its own sentence has no election word or speech verb.

SESSION19_CAMPAIGN = [
    # N: the name is a candidate of the document ("won the Iowa caucus"), though the rally's sentence has no election word
    "Senator Jane Smith won the Iowa caucus last week. On Friday, thousands came to a Smith rally in Ames.",
    # P: "her rally", the last person named before it a candidate
    "Jane Smith, the Republican candidate, spent the week in Iowa. Thousands came to her rally in Des Moines.",
    # A: at a rally with a place, the candidate the subject of a clause with no speech verb
    "Jane Smith is the Republican nominee for governor. At a rally in Ames on Friday, Smith greeted farmers.",
    # D: a bare rally in a document whose other rally is a campaign event
    "Senator Jane Smith held a rally in Ames before the caucus. During a rally in Dubuque on Tuesday, the crowd "
    "cheered loudly.",
]


def _last_rally_cue(nlp, text):
    return [m.not_incident for m in triggers.find_mentions(nlp(text)) if m.token.lower_ == "rally"][-1]


@pytest.mark.parametrize("text", SESSION19_CAMPAIGN)
def test_a_candidate_of_the_document_makes_the_rally_a_campaign_event(nlp, text):
    assert "protest" not in _types(nlp, text)
    assert _last_rally_cue(nlp, text) == "campaign"


@pytest.mark.parametrize("text", [
    # opposition leaders abroad: a protest even when the leader speaks at it or the article speaks of an election
    "At a rally in Caracas on Saturday, opposition leader Juan Morales told supporters to keep up the pressure on "
    "the government before the vote.",
    "Opposition leader Juan Morales held a rally in Caracas. Thousands attended his rally, and he said the election "
    "was rigged.",
    "Opposition leader Reza Karimi addressed a rally in Tehran on Friday. At the rally, he told supporters that the "
    "election had been stolen.",
    # a protest word in the sentence, in an article that has a candidate
    "Jane Smith won the election for chief executive in March. At a rally in Hong Kong on Sunday, protesters "
    "chanted slogans against Smith.",
    "Students held a rally during the strike.",
    "Hundreds joined a rally against police violence in Minneapolis on Sunday, a week before the mayoral election.",
])
def test_a_protest_rally_stays_a_protest_under_the_document_rules(nlp, text):
    assert not [c for t, c in _cues(nlp, text) if t == "rally"]


def test_one_protest_rally_keeps_the_documents_bare_rallies_protests(nlp):
    # D reads one sense per document only when no rally of it is a protest by the vetoes
    text = ("Senator Jane Smith held a rally in Ames before the caucus. Hundreds joined a rally against the "
            "pipeline in Dubuque. During a rally on Tuesday, the crowd cheered loudly.")
    cues = [c for t, c in _cues(nlp, text) if t == "rally"]
    assert cues == ["campaign"]


def test_the_session_19_rules_have_a_switch(nlp):
    before = set(rallies.RALLY_RULES)
    try:
        rallies.RALLY_RULES = set()
        assert [_last_rally_cue(nlp, text) for text in SESSION19_CAMPAIGN] == [None] * len(SESSION19_CAMPAIGN)
        caracas = ("At a rally in Caracas on Saturday, opposition leader Juan Morales told supporters to keep up the "
                   "pressure on the government before the vote.")
        assert ("rally", "campaign") in _cues(nlp, caracas)  # the session 18 speech rule; O turns it off
    finally:
        rallies.RALLY_RULES = before


def test_campaign_stories_rows_have_a_read_role_and_a_provenance():
    rows = lexicon._rows("campaign_stories.tsv")
    words = rallies.story_words()
    assert rows and all(row[2].startswith("narrascope:") for row in rows)
    assert sum(len(v) for v in words.values()) == len({(row[0], row[1]) for row in rows})


def test_a_vote_or_a_poll_alone_makes_no_candidate(nlp):
    # the lead's review, session 19: a leader who lost a no-confidence vote holds rallies against the government
    # (ACLED: protests); "vote" alone (a `weak_election` word) neither types his rally nor, by D, the next one
    text = ("Omar Rashid, who lost a no-confidence vote, has held rallies across the country since April. "
            "At a rally in Multan he accused the army of a conspiracy.")
    assert not [c for t, c in _cues(nlp, text) if t in ("rally", "rallies")]
    assert "protest" in _types(nlp, text)
    assert not rallies.doc_candidates(nlp(text))

"""Session 16 (defects round 2): a denial told about someone else (a relative clause, a participle, a
denial noun, an adverbial clause) does not make the author's sentence `denied`; a denial that is the
claim's own predicate, or the quoted speaker's own words, still does. Invented text."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    # a relative clause: the mayor denies, the author asserts
    "The bribery accusation, which the mayor has denied, has delayed the vote on the harbour budget.",
    # a denial noun inside a prepositional phrase
    "Despite his repeated denials, the councillor was charged with fraud on Monday.",
])
def test_someone_elses_denial_leaves_the_author_asserting(one_claim, text):
    claim = one_claim(text)
    assert claim["status"] == "asserted"
    assert claim["asserted_by"] == "author"
    assert not [c for c in claim["cues"] if c["kind"] == "denied"]


def test_a_participle_denial_leaves_the_report_reporting(one_claim):
    claim = one_claim("The report, denied by the governor's office, says 40 people were detained.")
    assert claim["status"] == "reported"
    assert [c["text"] for c in claim["cues"]] == ["says"]


@pytest.mark.parametrize("text, cue", [
    ("The ministry denied that its soldiers fired on the crowd in the square.", "denied"),
    ("The army continued to deny any role in the shelling of the market.", "deny"),
    ("The ministry issued a denial on Tuesday after the report about the raid.", "denial"),
])
def test_a_denial_that_is_the_claims_predicate_still_decides(one_claim, text, cue):
    claim = one_claim(text)
    assert claim["status"] == "denied"
    assert cue in [c["text"] for c in claim["cues"]]


def test_a_quoted_speakers_own_denial_is_denied(nlp):
    # the denial sits in a relative clause of the sentence, but it is the predicate of the quoted words
    text = 'The senator released a statement on Friday in which she said, "I firmly deny this accusation."'
    claims = [c for c in nlp(text)._.claims if "deny" in c["text"]]
    assert claims and claims[0]["status"] == "denied"
    assert claims[0]["asserted_by"] != "author"

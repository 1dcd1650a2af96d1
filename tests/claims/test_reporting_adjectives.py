"""Session 17: a reporting participle used as an adjective ("each confirmed case", "his stated goal") reports
nothing, so it does not make the author's sentence `reported`; a reporting verb that is the claim's predicate
still does. Invented text."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Each confirmed case of the disease forced the closure of two schools in the northern province.",
    "His stated goal of peace in the region was abandoned after the attack on the border town.",
])
def test_a_reporting_adjective_leaves_the_author_asserting(one_claim, text):
    claim = one_claim(text)
    assert claim["status"] == "asserted"
    assert claim["asserted_by"] == "author"
    assert claim["cues"] == []


def test_a_reporting_verb_still_reports(one_claim):
    claim = one_claim("The army confirmed that 12 soldiers were killed in the attack on the border post.")
    assert claim["status"] == "reported"
    assert [c["text"] for c in claim["cues"]] == ["confirmed"]

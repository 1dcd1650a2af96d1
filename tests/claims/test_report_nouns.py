"""Session 18, claims: the nouns "claims" and "reports" make a sentence `reported` only where the reports are
its source (a subject, "reports were issued by ...", or "named in reports as ..."), not where the sentence only
names them ("could blunt the opposition's claims"). Invented text."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "The new harbour figures could blunt the opposition's claims about the project in 2024.",
    "The 12 parties of the province filed their quarterly finance reports with the election board on Friday.",
])
def test_a_noun_naming_reports_does_not_report(one_claim, text):
    claim = one_claim(text)
    assert claim["asserted_by"] == "author"
    assert claim["status"] == "asserted"
    assert claim["cues"] == []


@pytest.mark.parametrize("text", [
    "Conflicting reports were issued by the provincial ministry about the number of wounded in Tabriz.",
    "One of the three suspects was named in local media reports as a former army officer from Herat.",
])
def test_reports_as_the_claims_source_still_report(one_claim, text):
    claim = one_claim(text)
    assert claim["status"] == "reported"
    assert any(c["kind"] == "reported" and c["text"] == "reports" for c in claim["cues"])

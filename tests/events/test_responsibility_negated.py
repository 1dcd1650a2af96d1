"""Session 18: a negated accusation is no statement, and no "did not claim" either. Invented text.

Before, every negated statement listed its subject in `not_claimed_by`, so "Reed has not been charged" told the
analyst that Reed did not claim the attack.
"""

from __future__ import annotations

from narrascope.events import responsibility

TEXT = "A bomb killed ten people in Harlow on Sunday. Police questioned Tom Reed. Tom Reed has not been charged."


def _entries(nlp, text):
    doc = nlp(text)
    return ([(r["claimant"], r["status"]) for e in doc._.events for r in e["responsibility"]],
            [n for e in doc._.events for n in e.get("not_claimed_by", [])])


def test_not_charged_is_no_accusation_and_no_non_claim(nlp):
    resp, not_claimed = _entries(nlp, TEXT)
    assert ("Tom Reed", "accused") not in resp and not_claimed == []


def test_a_negated_claim_is_still_a_non_claim(nlp):
    _, not_claimed = _entries(nlp, "A bomb killed ten people in Harlow on Sunday. "
                                   "The Red Dawn group did not claim responsibility for the bombing.")
    assert not_claimed == ["Red Dawn"]


def test_switched_off_the_accused_is_a_non_claim(nlp, monkeypatch):
    monkeypatch.setattr(responsibility, "NEGATED_NON_CLAIMS", False)
    _, not_claimed = _entries(nlp, TEXT)
    assert not_claimed

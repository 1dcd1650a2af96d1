"""Session 17, round 2: an accusation of another offence is no accusation for the incident. Invented text.

Before, "the dealer was charged with selling ammunition" made the dealer "accused" of the shooting told
before it: every accuse verb near an incident accused someone of that incident.
"""

from __future__ import annotations

from narrascope.events import responsibility

SHOOTING = "A gunman shot six people at a mall in Denver on Friday. "
BOMB = "A bomb killed ten people in Harlow on Sunday. "


def _accused(nlp, text):
    doc = nlp(text)
    return [(r["claimant"], r["attributed_by"]) for e in doc._.events for r in e["responsibility"]
            if r["status"] == "accused"]


def test_charged_with_another_offence_accuses_no_one_of_the_shooting(nlp):
    text = SHOOTING + ("Police arrested a dealer who sold him ammunition. "
                       "The dealer was charged with selling ammunition without a licence.")
    assert _accused(nlp, text) == []


def test_accused_of_fraud_hung_on_the_accused_is_another_offence(nlp):
    # the parser hangs "of fraud" on "driver", not on the verb
    assert _accused(nlp, BOMB + "Prosecutors accused the driver of fraud.") == []


def test_an_accusation_naming_the_incident_is_kept(nlp):
    assert _accused(nlp, BOMB + "Prosecutors accused the driver of the bombing.") == [("driver", "Prosecutors")]
    assert _accused(nlp, BOMB + "Prosecutors charged Tom Reed with murder.") == [("Tom Reed", "Prosecutors")]
    # no with / over / for / of object: as before
    assert _accused(nlp, BOMB + "The government blamed the Red Dawn group for the attack.") == [("Red Dawn", "government")]


def test_switched_off_the_dealer_is_accused_again(nlp, monkeypatch):
    monkeypatch.setattr(responsibility, "OTHER_OFFENCES", False)
    text = SHOOTING + ("Police arrested a dealer who sold him ammunition. "
                       "The dealer was charged with selling ammunition without a licence.")
    assert _accused(nlp, text) == [("dealer", "author")]

"""Session 17, round 2: "his kidnapping" refers back to the kidnapping of a named victim. Invented text.

Before, only determiners ("the", "this") made a mention anaphoric: a possessive mention in a sentence that
named another place (a country) opened a second record of the same kidnapping.
"""

from __future__ import annotations

from narrascope.events import merge

LEAD = "Gunmen kidnapped Peter Vasko in Medellin on Monday. "
LATER = "The rebels told him that {} was a protest against the visit of the Norwegian king to Colombia."


def _records(nlp, text):
    doc = nlp(text)
    return [(e["type"], [x["start"] for x in e["evidence"]]) for e in doc._.events if e["type"] == "kidnapping"]


def test_his_kidnapping_joins_the_kidnapping_of_the_named_victim(nlp):
    assert _records(nlp, LEAD + LATER.format("his kidnapping")) == [("kidnapping", [0, 52])]


def test_the_victims_name_as_possessor_joins_too(nlp):
    assert _records(nlp, LEAD + LATER.format("Vasko's kidnapping")) == [("kidnapping", [0, 52])]


def test_without_a_named_victim_the_possessive_stays_apart(nlp):
    # the incident names no victim ("a businessman"): nothing tells whose kidnapping "his" is
    text = "Gunmen kidnapped a businessman in Medellin on Monday. " + LATER.format("his kidnapping")
    assert len(_records(nlp, text)) == 2


def test_switched_off_the_possessive_opens_a_second_record(nlp, monkeypatch):
    monkeypatch.setattr(merge, "PERSON_POSSESSIVES", False)
    assert len(_records(nlp, LEAD + LATER.format("his kidnapping"))) == 2

"""Session 18: a year that modifies an incident noun dates it ("the 2012 attack"). Invented text.

Before, only "in / of / since / during 2012" was a year phrase, so "the 2012 attack on the consulate" was an
undated record, and a past incident named that way inside a report of a new one was not told apart by its date.
"""

from __future__ import annotations

from narrascope.events import dates


def _years(text):
    return [text[s:e] for kind, s, e, _ in dates.find_dates(text) if kind == "year"]


def test_a_year_before_an_incident_noun_is_a_date_phrase():
    assert _years("They argued about the 2012 attack on the consulate.") == ["2012"]
    assert _years("He wrote about the 1995 Harlow City bombing and its victims.") == ["1995"]
    assert _years("Their 2015 attacks in the capital killed dozens.") == ["2015"]


def test_a_year_before_another_noun_is_not():
    assert _years("She lost the 2016 election.") == []
    assert _years("A 2014 report on attacks was published.") == []  # "on" ends the phrase before "attacks"


def test_the_record_is_dated_by_the_year_of_its_own_noun(nlp):
    doc = nlp("The senator criticized the 2012 attack on the consulate in Benghazi.")
    (e,) = [e for e in doc._.events if e["type"] == "attack"]
    assert e["date"]["value"] == "2012-01-01" and e["date"]["precision"] == "year" and e["date"]["text"] == "2012"


def test_switched_off_the_attack_is_undated(nlp, monkeypatch):
    monkeypatch.setattr(dates, "NOUN_YEAR", False)
    doc = nlp("The senator criticized the 2012 attack on the consulate in Benghazi.")
    (e,) = [e for e in doc._.events if e["type"] == "attack"]
    assert e["date"] is None

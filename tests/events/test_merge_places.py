"""Session 17: one incident told at a named site and in the city it lies in is one record. Invented text.

Before session 17 a site the geocoder places in a city (`location["city"]`) and the city itself were two
places to the merge step: a later mention naming the city that was neither anaphoric nor bare opened a
new record of the same incident.
"""

from __future__ import annotations

from narrascope.events.merge import _same_place


def _records(nlp, text, published=None):
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return [(e["type"], (e.get("location") or {}).get("name"), (e.get("location") or {}).get("city"))
            for e in doc._.events]


# shaped as places.best_location returns them (a named site takes its city's coordinates)
HOTEL = {"name": "Grand Palm Hotel", "city": "Denver", "precision": "city", "country_iso": "US"}
DENVER = {"name": "Denver", "precision": "city", "country_iso": "US"}
BOULDER = {"name": "Boulder", "precision": "city", "country_iso": "US"}


def test_a_site_and_its_city_are_one_place():
    assert _same_place(HOTEL, DENVER) and _same_place(DENVER, HOTEL)
    assert _same_place(DENVER, dict(DENVER))
    assert not _same_place(HOTEL, BOULDER)
    assert not _same_place(HOTEL, {**HOTEL, "name": "Union Station"})  # two sites of one city stay two places
    assert not _same_place(None, DENVER)


def test_a_killing_at_a_hotel_and_a_shooting_in_its_city_are_one_record(nlp):
    text = ("A gunman killed 14 people at the Grand Palm Hotel in Denver on Sunday night.\n\n"
            "The mayor said the city would hold a vigil for the victims on Friday.\n\n"
            "Police said the gunman shot dozens of concertgoers in Denver from a window on the 20th floor.\n")
    assert _records(nlp, text) == [("armed_assault", "Grand Palm Hotel", "Denver")]


def test_a_shooting_in_another_city_stays_apart(nlp):
    text = ("A gunman killed 14 people at the Grand Palm Hotel in Denver on Sunday night.\n\n"
            "The mayor said the city would hold a vigil for the victims on Friday.\n\n"
            "Police said another gunman shot three guards in Boulder from a car.\n")
    assert [r[1] for r in _records(nlp, text)] == ["Grand Palm Hotel", "Boulder"]


def test_a_shooting_in_the_city_on_another_day_stays_apart(nlp):
    text = ("A gunman killed 14 people at the Grand Palm Hotel in Denver on 3 March 2021.\n\n"
            "The mayor said the city would hold a vigil for the victims on Friday.\n\n"
            "A gunman shot three guards in Denver on 9 May 2019.\n")
    assert len(_records(nlp, text, "2021-03-05")) == 2

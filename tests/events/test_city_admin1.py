"""Session 18: a US city's admin1 is the state the gazetteer puts it in. Invented text.

Before, a state named anywhere in the incident's text became the city's admin1: "a Texas man ... was arrested in
Denver" put Denver in Texas, and a US city with no state named had none.
"""

from __future__ import annotations

from narrascope.events import places


def test_a_us_city_has_its_own_state():
    assert places.geocode("Denver")["admin1"] == "Colorado"
    assert places.geocode("Las Vegas")["admin1"] == "Nevada"


def test_cities_elsewhere_keep_no_admin1():
    # geonames' admin1 codes outside the US are not ISO 3166-2 codes: not read
    assert places.geocode("Shiraz")["admin1"] is None


def test_a_state_named_elsewhere_is_not_the_city_s_state(nlp):
    doc = nlp("John Reed, a Texas man, was arrested Friday in Denver after a shooting at a mall.")
    locs = [e["location"] for e in doc._.events if e["location"] and e["location"]["name"] == "Denver"]
    assert locs and all(loc["admin1"] == "Colorado" for loc in locs)


def test_switched_off_the_named_state_wins_again(nlp, monkeypatch):
    monkeypatch.setattr(places, "US_CITY_ADMIN1", False)
    places._geocode_cached.cache_clear()
    try:
        doc = nlp("John Reed, a Texas man, was arrested Friday in Denver after a shooting at a mall.")
        locs = [e["location"] for e in doc._.events if e["location"] and e["location"]["name"] == "Denver"]
        assert locs and all(loc["admin1"] == "Texas" for loc in locs)
    finally:
        places._geocode_cached.cache_clear()

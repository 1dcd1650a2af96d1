"""profile.actors (session 15): the per-actor tone rows are actors only. Numbers, dates and places
that the actors component also lists ("four", "17", "this day", "Shiraz") get no row: an analyst
reads this field for who is spoken of, and a count of victims or a city only collected the
violence words around it. Texts are invented."""

from __future__ import annotations

from narrascope.actors.kinds import can_act as is_actor

TEXT = ("Gunmen of the Islamic State killed four worshippers at a shrine in Shiraz on Friday, and 17 people "
        "were wounded. Iran's Ministry of Intelligence said on Saturday that Ali Khamenei had ordered "
        "an inquiry, the third in two years, and that Hezbollah had offered help.")


def test_rows_are_actors_not_numbers_dates_or_places(nlp):
    doc = nlp(TEXT)
    rows = doc._.profile["actors"]
    names = {r["actor"] for r in rows}
    assert {"Islamic State", "Ali Khamenei", "Hezbollah"} <= names, names
    assert not names & {"four", "17", "Friday", "Saturday", "third", "two years", "Shiraz"}, names
    # the entities themselves are still there: only the tone rows are filtered
    listed = {e["text"] for e in doc._.entities}
    assert {"four", "17", "Shiraz"} <= listed, listed
    assert all(is_actor(r) for r in rows)


def test_the_filter_keeps_states_and_groups(nlp):
    doc = nlp("Iran accused the Islamic State of the attack, and mourners in Mashhad buried the dead.")
    rows = {r["actor"]: r for r in doc._.profile["actors"]}
    assert "Iran" in rows and rows["Iran"]["type"] == "state"
    assert "Islamic State" in rows
    assert "Mashhad" not in rows  # a city: a place, not an actor


def test_without_the_actors_component_countries_stay():
    """spaCy's own entities (no KB type to tell a country from a city): the PERSON / ORG / GPE /
    NORP selection is kept as it was."""
    from narrascope.loader import load_pipeline

    bare = load_pipeline(components=("narrascope_profile",))
    doc = bare("Iran accused four men in Tehran of the attack on Friday.")
    names = {r["actor"] for r in doc._.profile["actors"]}
    assert "Iran" in names and "four" not in names and "Friday" not in names

"""Three more ways an aircraft does the act (session 16, round 2; triggers.py `_air_agent`, `_aircraft`,
`_fired_from_air`, data/events/air_strikes.tsv): the antecedent of a relative clause ("aircraft, which bombed"), a
truecased plural spaCy tags PROPN and leaves as written ("U.S. Helicopters bombed"), and a projectile an aircraft
fired ("killed by a missile fired from a plane"). Invented text shaped like wire copy."""

from __future__ import annotations

import pytest


def events(nlp, text):
    doc = nlp.make_doc(text)
    doc._.published = "2024-03-12"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc._.events


def kinds(evs):
    return [(e["trigger"]["text"], e["type"], e.get("subtype")) for e in evs]


@pytest.mark.parametrize("text,trigger", [
    # a relative clause: the pronoun's antecedent is the doer
    ("An army helicopter, which attacked the village of Talbiseh on Sunday, returned to its base.", "attacked"),
    ("Government aircraft, which bombed the market in Idlib on Sunday, flew back to the base at Hama.", "bombed"),
    # a truecased plural tagged PROPN keeps its plural as its lemma ("Helicopters", "Warplanes")
    ("Witnesses said U.S. Helicopters bombed the port district of Colon on Tuesday.", "bombed"),
    ("Residents said Government Warplanes attacked the market in Idlib on Sunday.", "attacked"),
    # a projectile an aircraft fired is the means
    ("Two farmers were killed by a missile fired from a military plane near Marib on Monday.", "killed"),
    ("A rocket launched by a helicopter gunship killed four fighters near Kunduz on Tuesday.", "killed"),
])
def test_aircraft_does_it(nlp, text, trigger):
    found = [e for e in events(nlp, text) if e.get("subtype") == "air_strike"]
    assert [e["trigger"]["text"] for e in found] == [trigger]
    assert found[0]["type"] == "bombing"
    assert found[0]["acled"] == {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}


@pytest.mark.parametrize("text,expected", [
    # people in the relative clause's antecedent: no aircraft
    ("Guards who attacked the prisoners in Kabul on Monday were arrested.",
     [("attacked", "attack", None), ("arrested", "arrest", None)]),
    # a plane that exploded underwent the act: a bombing of a plane, as for its subject
    ("The plane, which exploded over the sea on Monday, had left the capital an hour earlier.",
     [("exploded", "bombing", None)]),
    # a rocket fired from the ground is no air strike
    ("Two farmers were killed by a rocket fired by rebels near Marib on Monday.", [("killed", "attack", None)]),
])
def test_not_an_aircraft(nlp, text, expected):
    assert kinds(events(nlp, text)) == expected

"""Air strikes are not bombings: `air_strike` records (spec type bombing, subtype air_strike; ACLED
"Air/drone strike"; no GTD attack type; MUC-4 ATTACK), read from air-strike nouns and from bombings or
attacks done by aircraft (triggers.py `_air_strikes`, data/events/air_strikes.tsv)."""

from __future__ import annotations

import csv
import io

import pytest

from narrascope.eval.events import muc_type
from narrascope.export import EXPORTERS, load_exporters


def events(nlp, text):
    doc = nlp.make_doc(text)
    doc._.published = "2024-03-12"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc._.events


def air(evs):
    return [e for e in evs if e.get("subtype") == "air_strike"]


@pytest.mark.parametrize("text,trigger", [
    ("An air strike hit a hospital in Idlib on Monday, killing four patients.", "strike"),
    ("Israeli airstrikes killed five people in Gaza City on Sunday.", "airstrikes"),
    ("An air raid on the city of Aleppo killed 20 civilians on Monday.", "raid"),
    ("A drone strike killed two militia commanders near Sanaa on Friday.", "strike"),
    ("The aerial bombardment of the Douma district killed 16 people on Monday.", "bombardment"),
    ("A bombing raid by government jets destroyed the bridge at Raqqa on Tuesday.", "raid"),
    ("An air-strike hit a school in Mosul on Monday, killing three children.", "strike"),
])
def test_each_trigger_form(nlp, text, trigger):
    found = air(events(nlp, text))
    assert [e["trigger"]["text"] for e in found] == [trigger]
    e = found[0]
    assert e["type"] == "bombing"
    assert e["acled"] == {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    assert e["gtd_attacktype"] is None
    assert muc_type(e) == "attack"  # the MUC-4 keys code air raids as ATTACK


@pytest.mark.parametrize("text,trigger", [
    ("Warplanes bombed the market in Maarat al-Numan on Monday, killing 12 people.", "bombed"),
    ("The village of Kafr Nabl was bombed by air force planes on Tuesday.", "bombed"),
    ("Government helicopters attacked the village of Talbiseh on Sunday.", "attacked"),
    ("The Syrian Air Force bombed three villages north of Hama on Tuesday.", "bombed"),
])
def test_aircraft_as_agent_is_an_air_strike(nlp, text, trigger):
    found = air(events(nlp, text))
    assert [e["trigger"]["text"] for e in found] == [trigger]


@pytest.mark.parametrize("text,etype", [
    ("A car bomb exploded near the interior ministry in Baghdad on Monday, killing seven people.", "bombing"),
    ("A suicide bomber attacked a mosque in Quetta on Friday, killing nine worshippers.", None),
    ("Rebels attacked a helicopter at the airport in Kunduz on Monday.", None),
    # an airliner blown up in flight is a bombing of a plane, not an air strike
    ("The airliner exploded in the air over Soacha on Monday, killing all 107 people on board.", "bombing"),
])
def test_not_by_aircraft_stays_what_it_was(nlp, text, etype):
    evs = events(nlp, text)
    assert evs and not air(evs)
    if etype:
        assert evs[0]["type"] == etype and evs[0]["gtd_attacktype"] == "Bombing/Explosion"


@pytest.mark.parametrize("text", [
    "A helicopter crashed in the mountains near Kandahar on Monday.",
    "The army said it would not carry out air strikes on the town of Deir ez-Zor.",
    "The government threatened air strikes on rebel positions in Idlib province.",
    "No air strike took place in Gaza on Sunday, the ministry said.",
    "Air-raid sirens sounded across Tel Aviv on Monday.",
])
def test_no_air_strike_event(nlp, text):
    assert air(events(nlp, text)) == []


class ListStore:
    def __init__(self, docs):
        self.docs = docs

    def iter_documents(self):
        return iter(self.docs)


def test_exports_carry_the_sub_event_and_no_gtd_row(nlp):
    text = ("Warplanes bombed the market in Maarat al-Numan on Monday, killing 12 people. "
            "A car bomb exploded near the interior ministry in Baghdad on Tuesday, killing seven people.")
    evs = events(nlp, text)
    assert sorted((e["type"], e.get("subtype") or "") for e in evs) == [("bombing", ""), ("bombing", "air_strike")]
    store = ListStore([{"id": "sha256:air", "title": "air", "events": evs}])
    load_exporters()
    out = io.StringIO()
    EXPORTERS[("events", "acled-csv")](store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted(r["sub_event_type"] for r in rows) == ["Air/drone strike", "Remote explosive/landmine/IED"]
    assert {r["event_type"] for r in rows} == {"Explosions/Remote violence"}
    out = io.StringIO()
    EXPORTERS[("events", "gtd-csv")](store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    # GTD does not code state air strikes: only the car bomb is a GTD row
    assert [r["attacktype1_txt"] for r in rows] == ["Bombing/Explosion"]


# Three more ways an aircraft does the act (session 16, round 2; written as test_air_strikes_more.py):
# Three more ways an aircraft does the act (session 16, round 2; triggers.py `_air_agent`, `_aircraft`,
# `_fired_from_air`, data/events/air_strikes.tsv): the antecedent of a relative clause ("aircraft, which bombed"), a
# truecased plural spaCy tags PROPN and leaves as written ("U.S. Helicopters bombed"), and a projectile an aircraft
# fired ("killed by a missile fired from a plane"). Invented text shaped like wire copy.


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

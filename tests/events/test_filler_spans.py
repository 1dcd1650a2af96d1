"""Edges of role filler spans (events/filler_spans.py): hedges, titles, a property's owner."""

from __future__ import annotations

import pytest

from narrascope.events import filler_spans
from narrascope.events.extract import extract


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def item(doc, phrase, kind):
    start = doc.text.index(phrase)
    return {"text": phrase, "start": start, "end": start + len(phrase), "kind": kind, "name": phrase, "entity": None}


def edited(doc, phrase, kind, key="targets"):
    b = {"perpetrators": [], "targets": [], "instruments": []}
    it = item(doc, phrase, kind) if kind != "weapon" else {k: v for k, v in item(doc, phrase, kind).items()
                                                         if k in ("text", "start", "end")}
    b[key if kind != "weapon" else "instruments"].append(it)
    filler_spans.normalize_fillers([b], doc)
    out = (b["perpetrators"] + b["targets"] + b["instruments"])[0]
    assert doc.text[out["start"]:out["end"]] == out["text"]
    return out


@pytest.mark.parametrize("text,phrase,kind,key,want", [
    ("Alleged ELN members attacked the bank.", "Alleged ELN members", "individual", "perpetrators", "ELN members"),
    ("The so-called Extraditables claimed the attack.", "so-called Extraditables", "organization", "perpetrators",
     "Extraditables"),
    ("Guerrillas killed Colonel Jorge Luis Mendez yesterday.", "Colonel Jorge Luis Mendez", "human",
     "targets", "Jorge Luis Mendez"),
    ("Gunmen attacked the residence of the defense minister in Bogota.", "residence", "physical", "targets",
     "residence of the defense minister in Bogota"),
    ("Various homemade bombs exploded in Lima.", "Various homemade bombs", "weapon", "instruments", "homemade bombs"),
])
def test_edges_follow_the_muc_conventions(bare, text, phrase, kind, key, want):
    doc = bare(text)
    out = edited(doc, phrase, kind, key)
    assert out["text"] == want
    if kind != "weapon":
        assert out["name"] == want  # the name was the old wording: it follows


@pytest.mark.parametrize("text,phrase,kind", [
    ("Gunmen killed Colonel Ortega yesterday.", "Colonel Ortega", "human"),   # title + one word: kept
    ("Guerrillas attacked the residence yesterday.", "residence", "physical"),     # no owner phrase
    ("Rebels burned the home in the village.", "home", "physical"),                 # "in", not "of"
    ("Troops arrested the suspected guerrilla.", "suspected", "individual"),        # a lone hedge word stays
    ("The bomb destroyed the office of the mayor.", "office of the mayor", "human"),  # of-owner: physical only
])
def test_other_spans_are_left_alone(bare, text, phrase, kind):
    doc = bare(text)
    assert edited(doc, phrase, kind)["text"] == phrase


def test_a_dropped_hedge_stays_as_the_fillers_qualifier(bare):
    doc = bare("Alleged ELN members attacked the bank. The so-called Extraditables claimed it.")
    assert edited(doc, "Alleged ELN members", "individual", "perpetrators")["qualifier"] == \
        {"text": "Alleged", "start": 0, "end": 7}
    so_called = edited(doc, "so-called Extraditables", "organization", "perpetrators")["qualifier"]
    assert so_called["text"] == "so-called" and doc.text[so_called["start"]:so_called["end"]] == "so-called"
    titled = bare("Guerrillas killed Colonel Jorge Luis Mendez yesterday.")
    assert "qualifier" not in edited(titled, "Colonel Jorge Luis Mendez", "human")  # a title is no hedge


def test_same_wording_after_the_edit_is_kept_once(bare):
    doc = bare("Alleged ELN members and ELN members attacked the bank.")
    b = {"perpetrators": [item(doc, "Alleged ELN members", "individual"), item(doc, "ELN members", "individual")],
         "targets": [], "instruments": []}
    filler_spans.normalize_fillers([b], doc)
    assert [p["text"] for p in b["perpetrators"]] == ["ELN members"]


def test_switches_off_leave_the_rules_spans(bare, monkeypatch):
    doc = bare("Alleged ELN members attacked the residence of the Colombian defense minister in Bogota yesterday.")
    for name in ("HEDGE", "TITLE", "OF_OWNER"):
        monkeypatch.setattr(filler_spans, name, False)
    (ev,) = extract(doc, "1989-11-20")
    assert [p["text"] for p in ev["perpetrators"]] == ["Alleged ELN members"]
    assert [t["text"] for t in ev["targets"]] == ["residence"]


def test_extract_applies_the_edits(bare):
    doc = bare("Alleged ELN members attacked the residence of the Colombian defense minister in Bogota yesterday.")
    (ev,) = extract(doc, "1989-11-20")
    assert [p["text"] for p in ev["perpetrators"]] == ["ELN members"]
    assert [t["text"] for t in ev["targets"]] == ["residence of the Colombian defense minister"]
    for x in ev["perpetrators"] + ev["targets"]:
        assert doc.text[x["start"]:x["end"]] == x["text"]


def test_empty_and_odd_input(bare):
    filler_spans.normalize_fillers([], bare("Nothing happened."))
    doc = bare("Alleged")
    b = {"perpetrators": [item(doc, "Alleged", "individual")], "targets": [], "instruments": []}
    filler_spans.normalize_fillers([b], doc)
    assert b["perpetrators"][0]["text"] == "Alleged"

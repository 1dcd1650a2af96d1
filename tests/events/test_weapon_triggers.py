"""Bombings named only by their explosive: "set off a bomb", "destroyed by a bomb" (triggers.py)."""

from __future__ import annotations

import pytest

from narrascope.events import triggers
from narrascope.events.doccache import cached
from narrascope.events.extract import extract


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def mentions(bare, text):
    doc = bare(text)
    with cached(doc):
        return [(m.token.text, m.type, m.negated) for m in triggers.find_mentions(doc)]


@pytest.mark.parametrize("text,verb", [
    ("Masked men set off a small bomb beside the lobby of the Hotel Miramar.", "set"),
    ("Three youths hurled dynamite sticks at a customs post.", "hurled"),
    ("A bus shelter near the river port was destroyed by a bomb, officials said.", "destroyed"),
    ("Unknown men planted an explosive device outside the bank.", "planted"),
])
def test_explosive_reports_a_bombing(bare, text, verb):
    assert (verb, "bombing", False) in mentions(bare, text)


@pytest.mark.parametrize("text", [
    "The police found a bomb in the car.",            # found, not placed: no event
    "The army bought grenades and explosives.",
    "He set the device on the table.",                # "device" alone is not an explosive
])
def test_explosive_without_an_attack_is_no_event(bare, text):
    assert not [m for m in mentions(bare, text) if m[1] == "bombing"]


def test_negated_placement_is_blocked(bare):
    found = [m for m in mentions(bare, "The rebels did not plant the bomb.") if m[0] == "plant"]
    assert found and all(m[2] for m in found)


def test_record_from_placed_bomb(bare):
    doc = bare("On 12 May, masked men set off a bomb at a bank branch in Bogota.")
    events = extract(doc, "1989-05-13")
    bombs = [e for e in events if e["type"] == "bombing"]
    assert len(bombs) == 1
    ev = bombs[0]
    assert ev["trigger"]["text"] == "set"
    assert ev["date"]["value"] == "1989-05-12"
    assert ev["location"]["country_iso"] == "CO"
    assert any("bomb" in x["text"] for x in ev["instruments"])

"""Hand-written document-v1 events and documents for the corpus tests."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest


def make_event(eid: str, etype: str = "attack", *, date: str | None = None, precision: str = "day",
               end: str | None = None, place: str | None = None, country: str | None = "Iran",
               iso: str | None = "IR", admin1: str | None = None, perps: tuple = (), targets: tuple = (),
               fatalities: tuple | None = None, injuries: tuple | None = None, responsibility: tuple = (),
               attribution_ids: tuple = (), lat: float | None = None, lon: float | None = None) -> dict[str, Any]:
    def count(c):
        if c is None:
            return None
        value, low, high, text = c
        return {"value": value, "low": low, "high": high, "text": text}
    location = None
    if place or country:
        location = {"name": place or country, "admin1": admin1, "country": country, "country_iso": iso,
                    "lat": lat, "lon": lon, "precision": "city" if place else "country", "text": place or country}
    return {
        "id": eid, "type": etype, "acled": {"event_type": None, "sub_event_type": None}, "gtd_attacktype": None,
        "trigger": None,
        "date": {"value": date, "end": end, "precision": precision, "text": date} if date else None,
        "location": location,
        "perpetrators": [{"text": p, "start": None, "end": None, "entity": None, "name": p, "kind": "organization"}
                         for p in perps],
        "targets": [{"text": t, "start": None, "end": None, "entity": None, "name": None, "kind": "physical"}
                    for t in targets],
        "instruments": [], "fatalities": count(fatalities), "injuries": count(injuries),
        "responsibility": [dict({"announced_by": None, "attributed_by": None, "attribution_id": None}, **r)
                           for r in responsibility],
        "evidence": [], "attribution_ids": list(attribution_ids),
    }


def make_doc(events: list[dict[str, Any]], text: str | None = None, **extra: Any) -> dict[str, Any]:
    text = text if text is not None else "Report " + " ".join(e["id"] + e["type"] for e in events) + str(id(events))
    doc = {"schema": "narrascope/document/1", "id": "sha256:" + hashlib.sha256(text.encode()).hexdigest(),
           "input": {"path": "test.txt", "format": "text", "record": None}, "title": extra.pop("title", None),
           "author": None, "site": extra.pop("site", None), "published": None, "language": "en", "text": text,
           "removed": [], "entities": [], "attributions": [], "events": events, "claims": [], "rhetoric": [],
           "profile": {}, "pipeline": {"version": "test"}, "errors": []}
    doc.update(extra)
    return doc


@pytest.fixture()
def ev():
    return make_event


@pytest.fixture()
def mkdoc():
    return make_doc

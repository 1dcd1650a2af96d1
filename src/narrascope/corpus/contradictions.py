"""Slots on which the reports of one incident disagree, each value with who asserts it.

A disagreement is two values that cannot both be true:

- `fatalities`, `injuries`: the ranges the phrases allow (`low`..`high`) do not overlap:
  "dozens" (12..99) and 17 agree; 4 and 13 do not;
- `perpetrator`: both name perpetrator organisations and none is shared;
- `claimant`: both name groups said to be responsible and none is shared;
- `claim_status`: the same group is said to have claimed (or reported as responsible as a fact)
  in one report and to have denied it in another;
- `date`: the date intervals do not overlap (reports a day apart are linked, and listed here);
- `location`: the places are neither equal nor nested.

Reports from a document that repeats another (a duplicate) are left out: they are the same
source speaking twice. Every value of the slot is listed, not only the extremes.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable

from narrascope.corpus.assertion import asserted_by, asserted_label
from narrascope.corpus.features import count_range, date_interval, norm_name, place_path

SLOTS = ("fatalities", "injuries", "perpetrator", "claimant", "claim_status", "date", "location")
_POSITIVE = ("claimed", "reported_as_fact")


def _perps(event: dict[str, Any]) -> dict[str, str]:
    out = {}
    for p in event.get("perpetrators") or []:
        if p.get("kind") == "organization":
            label = p.get("name") or p.get("text")
            if norm_name(label):
                out[norm_name(label)] = label
    return out


def _claims(event: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for r in event.get("responsibility") or []:
        if r.get("claimant") and norm_name(r["claimant"]):
            out.setdefault(norm_name(r["claimant"]), r)
    return out


def _ranges_conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def _dates_conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # strict: reports a day apart are linked (DATE_TOLERANCE) but still disagree on the day
    return a[0] > b[1] or b[0] > a[1]


def _places_conflict(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    sa, sb = set(a), set(b)
    return not (sa <= sb or sb <= sa)


def _value(slot: str, doc: dict[str, Any], event: dict[str, Any]) -> tuple[Any, Any, str | None, str | None] | None:
    """(comparable, shown value, phrase, attribution id) of one report, or None when silent."""
    if slot in ("fatalities", "injuries"):
        count = event.get(slot)
        rng = count_range(count)
        return (rng, count, (count or {}).get("text"), None) if rng else None
    if slot == "perpetrator":
        perps = _perps(event)
        return (frozenset(perps), sorted(perps.values()), None, None) if perps else None
    if slot in ("claimant", "claim_status"):
        claims = _claims(event)
        if not claims:
            return None
        first = next(iter(claims.values()))
        shown = [{"claimant": r["claimant"], "status": r.get("status")} for r in claims.values()]
        return claims, shown, None, first.get("attribution_id")
    if slot == "date":
        iv = date_interval(event.get("date"))
        return (iv, event.get("date"), (event.get("date") or {}).get("text"), None) if iv else None
    if slot == "location":
        path = place_path(event.get("location"))
        return (path, event.get("location"), (event.get("location") or {}).get("text"), None) if path else None
    return None


def _conflict(slot: str, a: Any, b: Any) -> bool:
    if slot in ("fatalities", "injuries"):
        return _ranges_conflict(a, b)
    if slot == "perpetrator":
        return not (a & b)
    if slot == "claimant":
        pa = {k for k, r in a.items() if r.get("status") != "denied"}
        pb = {k for k, r in b.items() if r.get("status") != "denied"}
        return bool(pa and pb and not pa & pb)
    if slot == "claim_status":
        for k in set(a) & set(b):
            sa, sb = a[k].get("status"), b[k].get("status")
            if (sa in _POSITIVE and sb == "denied") or (sb in _POSITIVE and sa == "denied"):
                return True
        return False
    if slot == "date":
        return _dates_conflict(a, b)
    if slot == "location":
        return _places_conflict(a, b)
    return False


def cluster_contradictions(cluster: dict[str, Any], get_doc: Callable[[str], dict[str, Any] | None],
                           duplicates: set[str] = frozenset()) -> list[dict[str, Any]]:
    reports = []
    for doc_id, event_id in cluster["events"]:
        if doc_id in duplicates:
            continue
        doc = get_doc(doc_id)
        if doc is None:
            continue
        event = next((e for e in doc.get("events") or [] if e.get("id") == event_id), None)
        if event is not None:
            reports.append((doc, event))
    if len({d["id"] for d, _e in reports}) < 2:
        return []
    out = []
    for slot in SLOTS:
        values = [(doc, event, v) for doc, event in reports if (v := _value(slot, doc, event)) is not None]
        if not any(_conflict(slot, a[2][0], b[2][0]) for a, b in itertools.combinations(values, 2)
                   if a[0]["id"] != b[0]["id"]):
            continue
        listed = []
        for doc, event, (_cmp, shown, phrase, att_id) in values:
            source = asserted_by(doc, event, phrase, att_id)
            listed.append({"doc_id": doc["id"], "event_id": event["id"], "value": shown,
                           "asserted_by": asserted_label(source), "source": source,
                           "site": doc.get("site")})
        out.append({"cluster_id": cluster["id"], "slot": slot, "values": listed})
    return out


def find_contradictions(clusters: list[dict[str, Any]], get_doc: Callable[[str], dict[str, Any] | None]) -> list[dict[str, Any]]:
    out = []
    for cluster in clusters:
        if len(cluster["events"]) < 2:
            continue
        dups = {d for d, _orig in cluster.get("duplicates") or []}
        out.extend(cluster_contradictions(cluster, get_doc, dups))
    return out

"""Candidate generation: which already-linked events a new event is compared with.

Comparing every pair is quadratic; the index keeps three kinds of blocks so that each new
event meets only events it could link with:

- `(area, month)`: events with a date and a place, filed under the first element of their
  place path (the country when known) and every calendar month their date interval touches
  (dates a day apart across a month boundary meet through the one-day tolerance); an event
  with a finer place is also filed under `(area, place, month)` for each finer element of its
  path (admin1, town) and its 1-degree cell: it meets the events sharing one of them and the
  area-only ones, while an area-only event meets every event of the area;
- `(area, year)` "broad" blocks: events whose date spans more than two months ("2017",
  "late 2022") are filed per year instead of per month, and every query looks there too;
- `(actor)` and `(area, place)`: events that lack a date are found through a shared
  perpetrator organisation or a shared place finer than the area (the linker demands agreeing
  actors for them anyway); those that lack a place, through a shared perpetrator only. These
  lists are scanned from the latest event back, at most `MAX_ACTOR_SCAN` of them.

Each query returns at most `max_candidates` events, the nearest in time first, so a corpus
with a few very busy blocks still links in near-linear time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterable

from narrascope.corpus.features import EventKey

BROAD_DAYS = 62
MAX_CANDIDATES = 300
MAX_ACTOR_SCAN = 400


def _month(ordinal: int) -> int:
    d = dt.date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1


def _months(lo: int, hi: int) -> range:
    return range(_month(lo), _month(hi) + 1)


def _years(lo: int, hi: int) -> range:
    a, b = dt.date.fromordinal(lo).year, dt.date.fromordinal(hi).year
    return range(a, min(b, a + 2) + 1)


def _sub_places(key: EventKey, neighbours: bool = False) -> list[str]:
    """The finer places of an event's path (admin1, town), and its 1-degree cell when it has
    coordinates (with the 8 around it for a query), so that nested and nearby places meet."""
    subs = list(key.place[1:])
    if key.lat is not None and key.lon is not None:
        la, lo = int(key.lat // 1), int(key.lon // 1)
        cells = [(la + i, lo + j) for i in (-1, 0, 1) for j in (-1, 0, 1)] if neighbours else [(la, lo)]
        subs += [f"@{a},{b}" for a, b in cells]
    return subs


class BlockIndex:
    def __init__(self, max_candidates: int = MAX_CANDIDATES) -> None:
        self.keys: list[EventKey] = []
        self.max_candidates = max_candidates
        self._month: dict[tuple[str, int], list[int]] = defaultdict(list)     # all, per area
        self._coarse: dict[tuple[str, int], list[int]] = defaultdict(list)    # area-only places
        self._fine: dict[tuple[str, str, int], list[int]] = defaultdict(list)  # per finer place / 1° cell
        self._broad: dict[tuple[str, int], list[int]] = defaultdict(list)
        self._actor: dict[str, list[int]] = defaultdict(list)
        self._partial: dict[str, list[int]] = defaultdict(list)  # events lacking a date or a place
        self._place_any: dict[tuple[str, str], list[int]] = defaultdict(list)   # by finer place, any date
        self._place_undated: dict[tuple[str, str], list[int]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key: EventKey) -> int:
        slot = len(self.keys)
        self.keys.append(key)
        if not key.linkable:
            return slot
        if key.interval is not None and key.place:
            area = key.place[0]
            lo, hi = key.interval
            if hi - lo > BROAD_DAYS:
                for year in _years(lo, hi):
                    self._broad[(area, year)].append(slot)
            else:
                subs = _sub_places(key)
                for month in _months(lo, hi):
                    self._month[(area, month)].append(slot)
                    if subs:
                        for sub in subs:
                            self._fine[(area, sub, month)].append(slot)
                    else:
                        self._coarse[(area, month)].append(slot)
        partial = key.interval is None or not key.place
        if key.place:
            for sub in key.place[1:]:
                self._place_any[(key.place[0], sub)].append(slot)
                if key.interval is None:
                    self._place_undated[(key.place[0], sub)].append(slot)
        for actor in key.perp_orgs:
            self._actor[actor].append(slot)
            if partial:
                self._partial[actor].append(slot)
        return slot

    def add_all(self, keys: Iterable[EventKey]) -> None:
        for key in keys:
            self.add(key)

    def actor_slots(self, actor: str) -> list[int]:
        return self._actor.get(actor, [])

    def candidates(self, key: EventKey) -> list[int]:
        """Slots of indexed events that share a block with `key` (not `key` itself)."""
        if not key.linkable:
            return []
        found: dict[int, None] = {}
        if key.interval is not None and key.place:
            area = key.place[0]
            lo, hi = key.interval[0] - 1, key.interval[1] + 1
            subs = _sub_places(key, neighbours=True)
            for month in _months(lo, hi):
                if not subs:  # an area-only place nests every place of the area
                    found.update(dict.fromkeys(self._month.get((area, month), ())))
                    continue
                found.update(dict.fromkeys(self._coarse.get((area, month), ())))
                for sub in subs:
                    found.update(dict.fromkeys(self._fine.get((area, sub, month), ())))
            for year in _years(lo, hi):
                found.update(dict.fromkeys(self._broad.get((area, year), ())))
        partial = key.interval is None or not key.place
        if key.place:  # undated events meet through a shared finer place (the latest ones)
            table = self._place_any if key.interval is None else self._place_undated
            for sub in key.place[1:]:
                found.update(dict.fromkeys(table.get((key.place[0], sub), ())[-MAX_ACTOR_SCAN:]))
        for actor in key.perp_orgs:
            # a complete event looks here only for the partial ones
            slots = self._actor.get(actor, ()) if partial else self._partial.get(actor, ())
            found.update(dict.fromkeys(slots[-MAX_ACTOR_SCAN:]))
        out = [s for s in found if self.keys[s] is not key]
        if len(out) > self.max_candidates and key.interval is not None:
            mid = (key.interval[0] + key.interval[1]) / 2

            def distance(s: int) -> float:
                iv = self.keys[s].interval
                return abs((iv[0] + iv[1]) / 2 - mid) if iv else 1e9
            out.sort(key=distance)
            out = out[:self.max_candidates]
        return out[:self.max_candidates] if len(out) > self.max_candidates else out

"""Whether two event reports may describe the same incident, and how strongly they agree.

`pair_score(a, b)` returns None when a hard constraint fails (incompatible types, dates that
cannot overlap within their precision, places that are neither equal nor nested, the same
document), else a score; `LINK_THRESHOLD` decides. The evidence adds up:

- date: both known and overlapping; a day-precise match counts more than a shared year;
- place: both known and equal or nested; a shared town counts more than a shared country;
- actors: a shared perpetrator organisation (more when it rarely acts in that area); shared
  target words ("parliament");
- type: the prior from `data/corpus/event_types.tsv`.

A pair needs at least two kinds of positive evidence among date, place and actors, so events
are never linked on type alone, nor on type plus a country.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from narrascope.corpus.features import EventKey

LINK_THRESHOLD = 2.0
RARE_BONUS = 0.7
RARE_ACTOR = 5  # at most this many indexed events of the perpetrator in the area
DATE_TOLERANCE = 1  # days: "yesterday" resolved against different publication times
NEAR_KM = 30.0
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"


@lru_cache(maxsize=1)
def type_table() -> dict[tuple[str, str], float]:
    table: dict[tuple[str, str], float] = {}
    text = (DATA_DIR / "event_types.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b, score, _prov = line.split("\t", 3)
        table[(a, b)] = table[(b, a)] = float(score)
    return table


def type_score(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return type_table().get((a, b), 0.0)


def date_score(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float | None:
    """None: incompatible; 0: unknown on one side; else the strength of the agreement."""
    if a is None or b is None:
        return 0.0
    if a[0] > b[1] + DATE_TOLERANCE or b[0] > a[1] + DATE_TOLERANCE:
        return None
    width = max(a[1] - a[0], b[1] - b[0])
    if width <= 1:
        return 1.0 if abs(a[0] - b[0]) == 0 else 0.85
    if width <= 31:
        return 0.4
    if width <= 92:
        return 0.25
    if width <= 366:
        return 0.15
    return 0.05


def _km(a: EventKey, b: EventKey) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def place_score(a: EventKey, b: EventKey) -> float | None:
    if not a.place or not b.place:
        return 0.0
    km = _km(a, b)
    sa, sb = set(a.place), set(b.place)
    if sa <= sb or sb <= sa:
        shared = min(len(a.place), len(b.place))
        finest = len(sa & sb)
        if finest == 0:
            return None
        # the shortest path names the coarsest common level
        only_country = shared == 1 and (a.has_country and len(a.place) == 1 or b.has_country and len(b.place) == 1)
        if only_country:
            return 0.1
        return 1.0 if len(a.place) == len(b.place) else 0.5
    if km is not None and km <= NEAR_KM:
        return 0.7
    return None


def actor_score(a: EventKey, b: EventKey, rare: bool = False) -> float:
    score = 0.0
    if a.perp_orgs and b.perp_orgs:
        score += (0.8 + (RARE_BONUS if rare else 0.0)) if a.perp_orgs & b.perp_orgs else -0.6
    elif a.perp_any & b.perp_any:
        score += 0.3
    if a.target_words and b.target_words:
        shared = len(a.target_words & b.target_words)
        if shared:  # names of victims and targets are the most specific detail two reports share
            score += 0.6 * shared / min(len(a.target_words), len(b.target_words)) + 0.2 * min(2, shared - 1)
    return score


def compatible(a: EventKey, b: EventKey) -> bool:
    """No hard constraint fails (types, dates, places); says nothing about evidence."""
    return (type_score(a.type, b.type) > 0 and date_score(a.interval, b.interval) is not None
            and place_score(a, b) is not None)


def pair_score(a: EventKey, b: EventKey, rare: bool = False) -> float | None:
    """`rare`: the perpetrator they share has few other events in the same area, so sharing it is
    strong evidence (the linker counts; ISIS in Iran, not the FMLN in El Salvador)."""
    if a.doc_id == b.doc_id or not a.linkable or not b.linkable:
        return None
    ts = type_score(a.type, b.type)
    if ts <= 0:
        return None
    ds = date_score(a.interval, b.interval)
    if ds is None:
        return None
    ps = place_score(a, b)
    if ps is None:
        return None
    acs = actor_score(a, b, rare)
    kinds = (ds > 0) + (ps > 0) + (acs >= 0.5)
    if kinds < 2:
        return None
    if (ds == 0 or ps == 0) and acs < 0.9:  # a missing date or place needs actors and targets to agree
        return None
    return ds + ps + acs + 0.5 * ts

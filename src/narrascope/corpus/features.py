"""What the linker compares: a spec event reduced to its date interval, place path and actors.

`EventKey` is built from a document-v1 event (`from_event`) or from a stored row (`from_row`),
so linking can resume from the database without reloading the documents' JSON.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("""a an the of in on at to and or its his her their our this that these those
some several many dozens hundreds one two three four five six seven eight nine ten other others
people person who which was were is are be by from for with against into near city town province
district department""".split())


@lru_cache(maxsize=65536)
def _norm(value: str) -> str | None:
    return _norm_uncached(value)


def norm_name(value: Any) -> str | None:
    """Lower-case, accents stripped, leading article and punctuation removed."""
    if not value or not isinstance(value, str):
        return None
    return _norm(value)


def _norm_uncached(value: Any) -> str | None:
    """Lower-case, accents stripped, leading article and punctuation removed."""
    if not value or not isinstance(value, str):
        return None
    if value.isascii():
        text = value.lower()
    else:
        text = unicodedata.normalize("NFKD", value)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = _WORD.findall(text)
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or None


def content_words(text: Any) -> frozenset[str]:
    """Content words of a role filler, crude singulars ("shrines" -> "shrine")."""
    if not text or not isinstance(text, str):
        return frozenset()
    out = set()
    for w in _WORD.findall(norm_name(text) or ""):
        if w in _STOP or w.isdigit() or len(w) < 3:
            continue
        out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return frozenset(out)


def _parse_iso(value: Any) -> tuple[dt.date, str] | None:
    """An ISO date, or a year / year-month prefix, with the precision the string allows."""
    if not value or not isinstance(value, str):
        return None
    m = re.match(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            return dt.date(year, int(m.group(2)), int(m.group(3))), "day"
        if m.group(2):
            return dt.date(year, int(m.group(2)), 1), "month"
        return dt.date(year, 1, 1), "year"
    except ValueError:
        return None


def date_interval(date: dict[str, Any] | None) -> tuple[int, int] | None:
    """(first, last) day ordinals the event's date allows, or None when unknown."""
    if not isinstance(date, dict):
        return None
    precision = date.get("precision") or "unknown"
    start = _parse_iso(date.get("value"))
    end = _parse_iso(date.get("end"))
    if start is None and end is None:
        return None
    if start is None:  # "on or before" (MUC's "- 08 JAN 90"): the two weeks before
        e = end[0]
        return e.toordinal() - 14, e.toordinal()
    first, parsed = start
    if end is not None and end[0] >= first:
        last = end[0]
        if end[1] == "year":
            last = dt.date(last.year, 12, 31)
        elif end[1] == "month":
            last = dt.date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])
        return first.toordinal(), last.toordinal()
    grain = parsed if precision in ("unknown", "range", None) else precision
    if grain == "day":
        last = first
    elif grain == "month":
        last = dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    elif grain == "season":
        last = first + dt.timedelta(days=91)
    else:  # year
        first, last = dt.date(first.year, 1, 1), dt.date(first.year, 12, 31)
    return first.toordinal(), last.toordinal()


def place_path(location: dict[str, Any] | None) -> tuple[str, ...]:
    """Country, admin1, place as a path of normalised names, most general first, deduplicated."""
    if not isinstance(location, dict):
        return ()
    country = (location.get("country_iso") or "").upper() or norm_name(location.get("country"))
    parts = [country, norm_name(location.get("admin1")), norm_name(location.get("name"))]
    path: list[str] = []
    for i, p in enumerate(parts):
        if not p:
            continue
        if i > 0 and (p == path[-1] if path else False):
            continue
        if i == 2 and country and p == norm_name(location.get("country")):
            continue  # name repeats the country
        path.append(p)
    return tuple(path)


def _role_key(role: dict[str, Any]) -> str | None:
    return norm_name(role.get("name")) or norm_name(role.get("text"))


@dataclass
class EventKey:
    """The linking view of one event."""
    doc_id: str
    event_id: str
    type: str
    interval: tuple[int, int] | None
    place: tuple[str, ...]
    has_country: bool = False
    lat: float | None = None
    lon: float | None = None
    perp_orgs: frozenset[str] = field(default_factory=frozenset)
    perp_any: frozenset[str] = field(default_factory=frozenset)
    target_words: frozenset[str] = field(default_factory=frozenset)
    fatalities: tuple[int, int] | None = None
    dup_of: str | None = None  # the document this event's document repeats

    @property
    def country(self) -> str | None:
        return self.place[0] if self.place and self.has_country else None

    @property
    def linkable(self) -> bool:
        """An event with neither a date nor a place is never linked."""
        return self.interval is not None or bool(self.place)

    def to_row(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "event_id": self.event_id, "type": self.type,
            "day_lo": self.interval[0] if self.interval else None,
            "day_hi": self.interval[1] if self.interval else None,
            "place": "|".join(self.place) or None, "has_country": self.has_country,
            "lat": self.lat, "lon": self.lon,
            "actors": {"perp_orgs": sorted(self.perp_orgs), "perp_any": sorted(self.perp_any),
                       "targets": sorted(self.target_words),
                       "fatalities": list(self.fatalities) if self.fatalities else None},
            "dup_of": self.dup_of,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "EventKey":
        actors = row.get("actors") or {}
        interval = (row["day_lo"], row["day_hi"]) if row.get("day_lo") is not None else None
        fat = actors.get("fatalities")
        return cls(row["doc_id"], row["event_id"], row["type"], interval,
                   tuple((row.get("place") or "").split("|")) if row.get("place") else (),
                   bool(row.get("has_country")), row.get("lat"), row.get("lon"),
                   frozenset(actors.get("perp_orgs") or ()), frozenset(actors.get("perp_any") or ()),
                   frozenset(actors.get("targets") or ()), tuple(fat) if fat else None, row.get("dup_of"))


def count_range(count: dict[str, Any] | None) -> tuple[int, int] | None:
    if not isinstance(count, dict):
        return None
    value, low, high = count.get("value"), count.get("low"), count.get("high")
    if value is None and low is None and high is None:
        return None
    lo = low if low is not None else value if value is not None else 0
    hi = high if high is not None else value if value is not None else lo
    return int(lo), int(max(hi, lo))


def from_event(doc_id: str, event: dict[str, Any], dup_of: str | None = None) -> EventKey:
    loc = event.get("location") or {}
    perps = event.get("perpetrators") or []
    orgs = {k for p in perps if p.get("kind") == "organization" for k in [_role_key(p)] if k}
    # a group that claimed or is accused of the event names the same perpetrator
    for r in event.get("responsibility") or []:
        if r.get("claimant") and r.get("status") in ("claimed", "reported_as_fact"):
            orgs.add(norm_name(r["claimant"]))
    anyp = {k for p in perps for k in [_role_key(p)] if k} | orgs
    targets: set[str] = set()
    for t in event.get("targets") or []:
        targets |= content_words(t.get("name") or t.get("text"))
    has_country = bool(loc.get("country_iso") or loc.get("country"))
    return EventKey(doc_id, event["id"], event.get("type") or "other_violence",
                    date_interval(event.get("date")), place_path(loc), has_country,
                    loc.get("lat"), loc.get("lon"), frozenset(o for o in orgs if o), frozenset(anyp),
                    frozenset(targets), count_range(event.get("fatalities")), dup_of)

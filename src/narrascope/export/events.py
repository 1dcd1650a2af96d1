"""Event exports: ACLED-style CSV, GTD-style CSV and JSONL (one event per line).

Column names follow the ACLED export (ACLED Codebook 2023) and the GTD data file (GTD Codebook
2021); narrascope fills the columns it can read from a news article and leaves the rest empty.
"""

from __future__ import annotations

import csv
import json
import logging
from typing import Any, Iterator, TextIO

from narrascope.errors import Errors
from narrascope.export import exporter
from narrascope.store import Store

log = logging.getLogger(__name__)

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp", "narrascope_doc_id", "narrascope_event_id"]
GTD_COLUMNS = ["eventid", "iyear", "imonth", "iday", "approxdate", "extended", "country_txt", "provstate", "city",
               "latitude", "longitude", "specificity", "summary", "success", "attacktype1_txt", "targtype1_txt", "target1",
               "gname", "guncertain1", "claimed", "claimmode_txt", "weaptype1_txt", "weapdetail", "nkill", "nwound",
               "scite1", "dbsource", "narrascope_doc_id", "narrascope_event_id"]
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
WEAPON_CLASS = {"explosive": "Explosives", "firearm": "Firearms", "melee": "Melee", "incendiary": "Incendiary"}


def iter_events(store: Store) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for doc in store.iter_documents():
        for ev in doc.get("events") or []:
            yield doc, ev


def _iso3(iso2: str | None) -> str:
    if not iso2:
        return "XXX"
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else "XXX"


def _org(ev: dict[str, Any]) -> str:
    for r in ev.get("responsibility") or []:
        if r.get("status") in ("claimed", "reported_as_fact") and r.get("claimant"):
            return r["claimant"]
    for p in ev.get("perpetrators") or []:
        if p.get("kind") == "organization":
            return p.get("name") or p["text"]
    for p in ev.get("perpetrators") or []:
        return f"Unidentified ({p.get('name') or p['text']})"
    return ""


def _notes(doc: dict[str, Any], ev: dict[str, Any]) -> str:
    return " ".join(e["text"].strip() for e in ev.get("evidence") or [])[:2000]


def _source(doc: dict[str, Any]) -> str:
    return doc.get("site") or doc.get("title") or (doc.get("input") or {}).get("url") or (doc.get("input") or {}).get("path") or ""


def _time_precision(date: dict[str, Any] | None) -> str:
    if not date or not date.get("value"):
        return ""
    return {"day": "1", "range": "2"}.get(date.get("precision"), "3")


def _geo_precision(loc: dict[str, Any] | None) -> str:
    if not loc:
        return ""
    return {"site": "1", "city": "1", "admin1": "3", "region": "2", "country": "3"}.get(loc.get("precision"), "")


def acled_row(doc: dict[str, Any], ev: dict[str, Any], n: int) -> dict[str, Any]:
    date = ev.get("date") or {}
    loc = ev.get("location") or {}
    acled = ev.get("acled") or {}
    targets = ev.get("targets") or []
    human = [t for t in targets if t.get("kind") == "human"]
    fat = ev.get("fatalities") or {}
    value = date.get("value")
    return {
        "event_id_cnty": f"{_iso3(loc.get('country_iso'))}{n}",
        "event_date": value or "",
        "year": value[:4] if value else "",
        "time_precision": _time_precision(date),
        "disorder_type": DISORDER.get(acled.get("event_type") or "", ""),
        "event_type": acled.get("event_type") or "",
        "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": _org(ev),
        "assoc_actor_1": "",
        "inter1": "",
        "actor2": (human[0].get("name") or human[0]["text"]) if human else "",
        "assoc_actor_2": "",
        "inter2": "",
        "interaction": "",
        "civilian_targeting": "Civilian targeting" if acled.get("event_type") == "Violence against civilians" else "",
        "iso": "",
        "region": "",
        "country": loc.get("country") or "",
        "admin1": loc.get("admin1") or "",
        "admin2": "", "admin3": "",
        "location": loc.get("name") or "",
        "latitude": "" if loc.get("lat") is None else loc["lat"],
        "longitude": "" if loc.get("lon") is None else loc["lon"],
        "geo_precision": _geo_precision(loc),
        "source": _source(doc),
        "source_scale": "",
        "notes": _notes(doc, ev),
        "fatalities": "" if fat.get("value") is None else fat["value"],
        "tags": "conflicting fatality counts" if fat.get("conflict") else "",
        "timestamp": "",
        "narrascope_doc_id": doc.get("id", ""),
        "narrascope_event_id": ev.get("id", ""),
    }


def _targtype(ev: dict[str, Any]) -> tuple[str, str]:
    from narrascope.events.lexicon import _rows

    table = {lemma: t for lemma, t, *_ in _rows("gtd_targets.tsv")}
    for t in ev.get("targets") or []:
        words = t["text"].lower().split()
        for w in reversed(words):
            for form in (w, w.rstrip("s"), w[:-2] if w.endswith("es") else w):
                if form in table:
                    return table[form], t.get("name") or t["text"]
    first = (ev.get("targets") or [{}])[0]
    return ("Unknown", first.get("name") or first.get("text") or "") if ev.get("targets") else ("Unknown", "")


def _weapon(ev: dict[str, Any]) -> tuple[str, str]:
    from narrascope.events import lexicon

    table = lexicon.instruments()
    for i in ev.get("instruments") or []:
        words = i["text"].lower()
        for term, cls in sorted(table.items(), key=lambda kv: -len(kv[0])):
            if term in words:
                return WEAPON_CLASS.get(cls, "Other"), i["text"]
    return "Unknown", ""


def gtd_row(doc: dict[str, Any], ev: dict[str, Any], n: int) -> dict[str, Any]:
    date = ev.get("date") or {}
    loc = ev.get("location") or {}
    value = date.get("value")
    exact = date.get("precision") == "day"
    targ, target1 = _targtype(ev)
    weap, detail = _weapon(ev)
    statuses = {r.get("status") for r in ev.get("responsibility") or []}
    claimed = "1" if "claimed" in statuses else ("0" if ev.get("not_claimed_by") else "-9")
    gname = _org(ev) or "Unknown"
    fat, inj = ev.get("fatalities") or {}, ev.get("injuries") or {}
    ymd = (value or "0000-00-00").replace("-", "")
    return {
        "eventid": f"{ymd}{n:04d}",
        "iyear": value[:4] if value else "",
        "imonth": value[5:7].lstrip("0") if value and date.get("precision") in ("day", "month") else "0",
        "iday": value[8:10].lstrip("0") if value and exact else "0",
        "approxdate": "" if exact or not date.get("text") else date["text"],
        "extended": "0",
        "country_txt": loc.get("country") or "",
        "provstate": loc.get("admin1") or "",
        "city": loc.get("city") or (loc.get("name") if loc.get("precision") == "city" else ""),
        "latitude": "" if loc.get("lat") is None else loc["lat"],
        "longitude": "" if loc.get("lon") is None else loc["lon"],
        "specificity": {"site": "1", "city": "1", "admin1": "3", "region": "4", "country": "4"}.get(loc.get("precision"), "5"),
        "summary": _notes(doc, ev),
        # GTD counts failed attacks too (success = 0); records stored before `stage` existed: blank
        "success": {"attempted": "0", "accomplished": "1"}.get(ev.get("stage") or "", ""),
        "attacktype1_txt": ev.get("gtd_attacktype") or "Unknown",
        "targtype1_txt": targ,
        "target1": target1,
        "gname": gname,
        "guncertain1": "1" if statuses and statuses <= {"suspected", "accused"} else "0",
        "claimed": claimed,
        "claimmode_txt": "",
        "weaptype1_txt": weap,
        "weapdetail": detail,
        "nkill": "" if fat.get("value") is None else fat["value"],
        "nwound": "" if inj.get("value") is None else inj["value"],
        "scite1": _source(doc),
        "dbsource": "narrascope",
        "narrascope_doc_id": doc.get("id", ""),
        "narrascope_event_id": ev.get("id", ""),
    }


def _write_csv(store: Store, out: TextIO, columns: list[str], row_fn, keep=lambda ev: True) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for doc, ev in iter_events(store):
        if not keep(ev):
            continue
        try:
            row = row_fn(doc, ev, n + 1)
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the export
            log.warning(Errors.E062.format(doc_id=doc.get("id"), detail=f"{type(exc).__name__}: {exc}"))
            continue
        writer.writerow(row)
        n += 1
    return n


@exporter("events", "acled-csv")
def export_acled(store: Store, out: TextIO) -> int:
    return _write_csv(store, out, ACLED_COLUMNS, acled_row)


@exporter("events", "gtd-csv")
def export_gtd(store: Store, out: TextIO) -> int:
    """GTD rows for events GTD would code (attacks with a GTD attack type)."""
    return _write_csv(store, out, GTD_COLUMNS, gtd_row, keep=lambda ev: bool(ev.get("gtd_attacktype")))


@exporter("events", "jsonl")
def export_jsonl(store: Store, out: TextIO) -> int:
    n = 0
    for doc, ev in iter_events(store):
        out.write(json.dumps({"doc_id": doc.get("id"), "title": doc.get("title"), "published": doc.get("published"),
                              **ev}, ensure_ascii=False) + "\n")
        n += 1
    return n

"""The web index's vectors and totals (`store/facet_vectors.py`) against an oracle computed from
the documents themselves, on SQLite and PostgreSQL; and the index after `Store.replace_document`.

The corpus: the analysed demo articles (real pipeline + hand-made layers, `demo_db`), the
hostile document, and copies of them under other sources and dates (text + a suffix, so every
span stays valid), some with events that lost their place, date or fatalities."""

from __future__ import annotations

import copy
import json
from collections import Counter
from typing import Any

import pytest

from narrascope.document import content_id
from narrascope.store import facet_vectors as fv
from narrascope.store import search as fts
from narrascope.web import queries

SITES = ["Outlet A", "Outlet B", None]


def _corpus(demo_docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    docs = [copy.deepcopy(d) for d in demo_docs]
    for i in range(6):
        src = demo_docs[i % len(demo_docs)]
        text = src["text"] + f"\n\n(copy {i})"
        d = copy.deepcopy(src)
        d.update(id=content_id(text), text=text, title=f"{src.get('title')} #{i}", site=SITES[i % 3],
                 published=None if i == 4 else f"20{18 + i}-0{1 + i}-1{i}")
        for k, ev in enumerate(d.get("events") or []):
            if (i + k) % 3 == 0:
                ev["location"] = None  # unplaced
            if (i + k) % 4 == 1:
                ev["date"] = None  # undated
            if (i + k) % 5 == 2:
                ev["fatalities"] = None
        docs.append(d)
    return docs


def _save(store, docs):
    for d in docs:
        store.save_document(d, run_id=None, key=d["id"], source="t", record=None, fmt="text")


# ------------------------------------------------------------------------------------ oracle
def _facets_of(doc: dict[str, Any]) -> dict[str, set[str]]:
    rows = fts.document_rows(doc)
    out: dict[str, set[str]] = {"actor": set(), "technique": set()}
    for r in rows["facets"]:
        out[r["facet"]].add(r["value"])
    out["type"] = {e["type"] for e in doc.get("events") or []}
    return out


def _matches(doc: dict[str, Any], f: dict[str, str]) -> bool:
    fs = _facets_of(doc)
    site = doc.get("site") or queries.UNKNOWN_SITE
    return ((not f.get("site") or site == f["site"]) and all(not f.get(k) or f[k] in fs[k]
                                                               for k in ("type", "actor", "technique")))


def _top(counter: Counter, limit: int) -> list[tuple[Any, int]]:
    return sorted(counter.items(), key=lambda x: (-x[1], x[0]))[:limit]


def oracle(docs: list[dict[str, Any]], f: dict[str, str]) -> dict[str, Any]:
    m = [d for d in docs if _matches(d, f)]
    events = [e for d in m for e in d.get("events") or []]
    dead = lambda e: int(((e.get("fatalities") or {}).get("value")) or 0)  # noqa: E731
    pubs = [d["published"] for d in m if d.get("published")]
    tl: dict[tuple, list[int]] = {}
    pts: dict[tuple, list[Any]] = {}
    unplaced = 0
    for e in events:
        date = (e.get("date") or {}).get("value")
        if date:
            a = tl.setdefault((date[:7], e["type"]), [0, 0])
            a[0] += 1
            a[1] += dead(e)
        loc = e.get("location") or {}
        if loc.get("lat") is None:
            unplaced += 1
        elif loc.get("lon") is not None:
            a = pts.setdefault((round(loc["lat"], 2), round(loc["lon"], 2), e["type"]), [0, 0, None])
            a[0] += 1
            a[1] += dead(e)
            if loc.get("name") is not None and (a[2] is None or loc["name"] < a[2]):
                a[2] = loc["name"]
    facet = {k: Counter(v for d in m for v in _facets_of(d)[k]) for k in ("type", "actor", "technique")}
    facet["site"] = Counter(d.get("site") or queries.UNKNOWN_SITE for d in m)
    edges = Counter((r["source_key"], r["target_key"], r["relation"]) for d in m
                    for r in fts.document_rows(d)["relations"])
    order = sorted(m, key=lambda d: d["id"])
    order = sorted(order, key=lambda d: d.get("published") or "", reverse=True)
    order = [d for d in order if d.get("published")] + [d for d in order if not d.get("published")]
    return {
        "stats": {"documents": len(m), "first": min(pubs, default=None), "last": max(pubs, default=None),
                  "sites": len({d["site"] for d in m if d.get("site")}), "events": len(events),
                  "fatalities": sum(dead(e) for e in events)},
        "months": sorted(Counter(p[:7] for p in pubs).items()), "undated": sum(1 for d in m if not d.get("published")),
        "timeline": sorted((k, v[0], v[1]) for k, v in tl.items()),
        "points": sorted((k, tuple(v)) for k, v in pts.items()), "unplaced": unplaced,
        "facet": {k: _top(c, 12) for k, c in facet.items()},
        "edges": _top(edges, 80), "docs": [d["id"] for d in order][:50]}


def observed(store, f: dict[str, str]) -> dict[str, Any]:
    with store.session() as s, queries.scoped(s, queries.Filters(**f)) as sf:
        got = queries.dashboard(s, sf)
    st = got["stats"]
    return {
        "stats": {k: st[k] for k in ("documents", "first", "last", "sites", "events", "fatalities")},
        "months": [(r["month"], r["n"]) for r in got["months"] if r["month"]],
        "undated": sum(r["n"] for r in got["months"] if r["month"] is None),
        "timeline": sorted(((r["month"], r["type"]), r["n"], r["fatalities"]) for r in got["timeline"]),
        "points": sorted(((p["lat"], p["lon"], p["type"]), (p["n"], p["fatalities"], p["place"]))
                         for p in got["points"]["points"]),
        "unplaced": got["points"]["unplaced"],
        "facet": {k: [(r["value"], r["n"]) for r in got["facet"][k]] for k in ("type", "actor", "technique", "site")},
        "edges": [((e["source"], e["target"], e["relation"]), e["count"]) for e in got["graph"]["edges"]],
        "docs": [d["id"] for d in got["docs"]]}


def _filters(docs: list[dict[str, Any]]) -> list[dict[str, str]]:
    fs: list[dict[str, str]] = [{}]
    for k in ("type", "actor", "technique"):
        values = sorted({v for d in docs for v in _facets_of(d)[k]})
        fs += [{k: v} for v in values[:4]]
    fs += [{"site": "Outlet A"}, {"site": queries.UNKNOWN_SITE}]
    t = _top(Counter(v for d in docs for v in _facets_of(d)["type"]), 1)[0][0]  # the most common type
    fs += [{"type": t, "site": "Outlet A"}, {"type": t, "technique": "loaded_language"}, {"actor": "no such actor"}]
    return fs


def _check(store, docs):
    for f in _filters(docs):
        assert observed(store, f) == oracle(docs, f), f


# ------------------------------------------------------------------------------------- tests
def test_dashboard_counts_equal_the_documents(store, demo_db):
    """Every panel, unfiltered (totals) and under each kind of filter (vectors), equals a count
    over the documents' JSON."""
    docs = _corpus(demo_db[1])
    _save(store, docs)
    assert fts.ensure_index(store.engine, force=True) == len(docs)
    _check(store, docs)
    with store.engine.begin() as conn:  # an index from before the vectors: rebuilt from its own rows
        conn.execute(fv.docvec.delete())
        conn.execute(fv.totals.delete())
    fts.pending(store.engine)
    _check(store, docs)


def test_replace_document_rebuilds_the_index(store, demo_db):
    """A re-analysed document's facet, citation, relation, vector, total and full-text rows are
    rebuilt by `replace_document` itself (no later `ensure_index`), and cache keys move."""
    from narrascope.web.pages.dashboard import index_generation, store_version

    docs = _corpus(demo_db[1])
    _save(store, docs)
    fts.ensure_index(store.engine, force=True)
    before, replaced = store_version(store), index_generation(store, "replaced")
    old = docs[0]
    new = copy.deepcopy(old)
    new["title"] = "Zanzibarian retitled account"
    new["site"] = "Outlet Z"
    new["rhetoric"] = [dict(r, technique="doubt") for r in new.get("rhetoric") or []][:1]
    new["attributions"] = (new.get("attributions") or [])[:1]
    new["entities"] = [e for e in new.get("entities") or [] if e.get("kb_id") != "Q2429253"]
    for ev in new.get("events") or []:
        ev["type"] = "crackdown"
        ev["perpetrators"] = []
    store.replace_document(new)
    docs[0] = new
    _check(store, docs)  # nothing else ran: the rows were rebuilt by the replacement
    with store.engine.connect() as conn:
        c = fts.citations.c
        assert len(conn.execute(fts.citations.select().where(c.doc_id == new["id"])).all()) == len(new["attributions"])
        rel = conn.execute(fts.relations.select().where(fts.relations.c.doc_id == new["id"])).all()
        assert all(r.relation != "attacks" for r in rel)
        tech = {r.value for r in conn.execute(fts.facets.select().where(fts.facets.c.doc_id == new["id"],
                                                                        fts.facets.c.facet == "technique"))}
        assert tech == ({"doubt"} if new["rhetoric"] else set())
    assert [h["doc_id"] for h in fts.search(store.engine, "Zanzibarian")] == [new["id"]]
    assert store_version(store) != before  # the dashboard cache cannot serve the old counts
    assert index_generation(store, "replaced") == replaced + 1  # nor the corpus view
    # a replacement of a document that is not indexed yet leaves it to ensure_index
    fresh = copy.deepcopy(docs[1])
    text = fresh["text"] + "\n\n(fresh)"
    fresh.update(id=content_id(text), text=text)
    store.replace_document(fresh)
    docs.append(fresh)
    assert fts.pending(store.engine) == 1
    fts.ensure_index(store.engine, force=True)
    _check(store, docs)


def test_replace_before_any_index_creates_nothing(tmp_path, demo_db):
    from sqlalchemy import inspect

    from narrascope.store import Store

    store = Store(str(tmp_path / "t.db"))
    doc = copy.deepcopy(demo_db[1][0])
    _save(store, [doc])
    store.replace_document(dict(doc, title="again"))
    assert not inspect(store.engine).has_table("ns_indexed")
    assert fts.ensure_index(store.engine, force=True) == 1
    _check(store, [dict(doc, title="again")])


@pytest.mark.parametrize("value", ['a"b', "tab\there", "[1,2]", "ünï’code", "x" * 300, "\\", "null"])
def test_hostile_values_round_trip(value):
    """Composite keys are JSON: quotes, tabs, brackets and backslashes in names come back whole."""
    assert json.loads(fv.key(value, None, 1.5)) == [value, None, 1.5]
    items, ev = fv.doc_values({"facets": [{"facet": "actor", "value": value}], "relations": [
        {"source_key": value, "target_key": "b", "relation": "accuses"}]},
        [{"type": "attack", "date": "", "lat": None, "lon": 2.0, "place": value, "fatalities": None}], value, None)
    assert ("actor", value) in items and ("edge", fv.key(value, "b", "accuses")) in items
    assert ("site", fv.key(value)) in items and ("month", fv.key(None)) in items
    assert ev == [(fv.key(None, "attack", None, 2.0, value), 0)]

"""Per-document vectors and per-value totals of the web index: what a dashboard panel counts.

A dashboard counts, over the documents a filter matches, documents per source and date, events
per month/type/place (with fatalities), and documents per actor, technique and event type, and
relation rows per actor edge. In SQL that is a seek and tens of rows per matched document for
each panel (for 5,000 matching documents at 10,000: ~0.4 s). Here:

- `ns_values (id, facet, value)`: the id dictionary of everything counted. Facets: `actor`,
  `technique`, `type` (event type), `edge` (`[source_key, target_key, relation]` of
  `ns_relations`), `site` (`[site]`), `month` (`[month]` of publication), `event` (`[month, type, lat, lon,
  place]` of an event, coordinates rounded to 2 decimals).
- `ns_docvec (doc_id, vec, ev)`: one row per document. `vec` packs `id << 3 | facet code` as
  little-endian int32s: its source and month, its actors, techniques and event types once, its edges
  once per relation row. `ev` packs `(event id, fatalities)` pairs, one per event. Counting a
  filter is one read of these rows and a `Counter`; the facet is in the low bits, so only the
  top values of each facet are looked up.
- `ns_value_totals (id, facet, n, dead)`: the same counts over the whole index (`dead`:
  fatalities of an event group), added to when a document is indexed and subtracted (from its
  stored vector) when it is forgotten: the unfiltered dashboard reads these rows.

Rows are written and deleted with the document's other index rows (`store/search.py`), in the
same transaction, so vectors and totals never disagree with `ns_facets` / `ns_relations`.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections import Counter
from typing import Any, Iterable

import numpy as np
from sqlalchemy import (Column, Index, Integer, LargeBinary, MetaData, String, Table, Text, and_, bindparam, delete,
                        insert, select, type_coerce)
from sqlalchemy.types import NullType
from sqlalchemy.engine import Connection

META = MetaData()
values = Table(
    "ns_values", META,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("facet", String(20), nullable=False),
    Column("value", Text, nullable=False),
    Index("ux_ns_values_fv", "facet", "value", unique=True),
)
docvec = Table("ns_docvec", META, Column("doc_id", String(80), primary_key=True), Column("vec", LargeBinary),
               Column("ev", LargeBinary))
totals = Table(
    "ns_value_totals", META,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("facet", String(20), nullable=False),
    Column("n", Integer, nullable=False, default=0),
    Column("dead", Integer, nullable=False, default=0),
    Index("ix_ns_value_totals_top", "facet", "n", "id"),
)

CODES = {"actor": 0, "technique": 1, "type": 2, "edge": 3, "site": 4, "month": 5}
FORMAT = 2  # of the vectors: a store whose vectors were written in another format rebuilds them
FACETS = {v: k for k, v in CODES.items()}
BITS, MASK = 3, 7
_SWAP = sys.byteorder != "little"
Items = tuple[list[tuple[str, str]], list[tuple[str, int]]]  # (vector items, (event value, fatalities))


def key(*parts: Any) -> str:
    """The stored value of a composite key (`doc`, `edge`, `event`)."""
    return json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))


def doc_values(rows: dict[str, list[dict[str, Any]]], events: Iterable[dict[str, Any]], site: str | None,
               published: str | None) -> Items:
    """The vector items of one document from its index rows (`search.document_rows`), its
    events (`{type, date, lat, lon, place, fatalities}` as in `doc_events`) and its source/date."""
    events = list(events)
    items = {(r["facet"], r["value"]) for r in rows["facets"] if r["facet"] in CODES}
    items |= {("type", e["type"]) for e in events if e.get("type")}
    out = [("site", key(site)), ("month", key(published and published[:7]))] + sorted(items)
    out += [("edge", key(r["source_key"], r["target_key"], r["relation"])) for r in rows["relations"]]
    ev = []
    for e in events:
        lat, lon = e.get("lat"), e.get("lon")
        ev.append((key((e.get("date") or None) and e["date"][:7], e.get("type"),
                       None if lat is None else round(float(lat), 2), None if lon is None else round(float(lon), 2),
                       e.get("place")), int(e.get("fatalities") or 0)))
    return out, ev


def json_events(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A document-v1 object's events in the shape of `doc_events` rows (`Store._add_events`)."""
    out = []
    for e in doc.get("events") or []:
        if not isinstance(e, dict):
            continue
        loc, date, fat = e.get("location") or {}, e.get("date") or {}, e.get("fatalities") or {}
        out.append({"type": e.get("type"), "date": date.get("value"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                    "place": loc.get("name"), "fatalities": fat.get("value")})
    return out


def value_ids(conn: Connection, items: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Ids of these `(facet, value)` pairs, adding the ones not seen yet."""
    want = set(items)
    ids = _known(conn, want)
    missing = sorted(want - ids.keys())
    if missing:
        conn.execute(values.insert(), [{"facet": f, "value": v} for f, v in missing])
        ids.update(_known(conn, set(missing)))
    return ids


def _known(conn: Connection, want: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    by_facet: dict[str, list[str]] = {}
    for f, v in want:
        by_facet.setdefault(f, []).append(v)
    c = values.c
    for f, vals in by_facet.items():
        for i in range(0, len(vals), 500):
            for r in conn.execute(select(c.id, c.value).where(and_(c.facet == f, c.value.in_(vals[i:i + 500])))):
                out[(f, r.value)] = r.id
    return out


def _pack(ids: list[int]) -> bytes:
    arr = array("i", ids)
    if _SWAP:
        arr.byteswap()
    return arr.tobytes()


def write(conn: Connection, per_doc: dict[str, Items]) -> None:
    """Write the vectors of these documents (their old ones must be gone: `forget`) and add
    them to the totals."""
    if not per_doc:
        return
    ids = value_ids(conn, [i for items, ev in per_doc.values() for i in items + [("event", v) for v, _ in ev]])
    rows = []
    for d, (items, ev) in per_doc.items():
        flat: list[int] = []
        for v, dead in ev:
            flat += (ids[("event", v)], dead)
        rows.append({"doc_id": d, "vec": _pack([ids[i] << BITS | CODES[i[0]] for i in items]), "ev": _pack(flat)})
    conn.execute(docvec.insert(), rows)
    _add_totals(conn, rows, +1)


def forget(conn: Connection, doc_ids: list[str]) -> None:
    """Subtract these documents' vectors from the totals and delete them."""
    for i in range(0, len(doc_ids), 500):
        part = doc_ids[i:i + 500]
        rows = [dict(r._mapping) for r in conn.execute(select(docvec.c.vec, docvec.c.ev)
                                                       .where(docvec.c.doc_id.in_(part)))]
        _add_totals(conn, rows, -1)
        conn.execute(delete(docvec).where(docvec.c.doc_id.in_(part)))


def _add_totals(conn: Connection, rows: list[dict[str, Any]], sign: int) -> None:
    vec, ev = _counts([r["vec"] for r in rows], [r["ev"] for r in rows])
    delta = {i: (n, 0, FACETS[x & MASK]) for x, n in vec.items() for i in [x >> BITS]}
    delta.update({i: (n, dead, "event") for i, (n, dead) in ev.items()})
    if not delta:
        return
    t = totals.c
    params = [{"i": i, "k": sign * n, "d": sign * dead} for i, (n, dead, _) in sorted(delta.items())]
    conn.execute(totals.update().where(t.id == bindparam("i")).values(n=t.n + bindparam("k"), dead=t.dead + bindparam("d")),
                 params)
    if sign > 0:  # values seen for the first time: insert (ids not in the table yet)
        have = set()
        keys = sorted(delta)
        for j in range(0, len(keys), 500):
            have.update(conn.scalars(select(t.id).where(t.id.in_(keys[j:j + 500]))))
        new = [{"id": i, "facet": f, "n": n, "dead": dead} for i, (n, dead, f) in sorted(delta.items()) if i not in have]
        if new:
            conn.execute(insert(totals), new)
    else:
        conn.execute(delete(totals).where(t.n <= 0))


def _counts(vecs: Iterable[bytes | None], evs: Iterable[bytes | None]) -> tuple[Counter, dict[int, list[int]]]:
    """`Counter` of packed vector items, and event id -> [events, fatalities] (numpy counts)."""
    arr = np.frombuffer(b"".join(v or b"" for v in vecs), dtype="<i4")
    pairs = np.frombuffer(b"".join(e or b"" for e in evs), dtype="<i4").reshape(-1, 2)
    vec: Counter = Counter()
    if arr.size:
        items, n = np.unique(arr, return_counts=True)
        vec = Counter(dict(zip(items.tolist(), n.tolist())))
    ev: dict[int, list[int]] = {}
    if pairs.size:
        n = np.bincount(pairs[:, 0])
        dead = np.bincount(pairs[:, 0], weights=pairs[:, 1])
        nz = np.flatnonzero(n)
        ev = {i: [k, int(d)] for i, k, d in zip(nz.tolist(), n[nz].tolist(), dead[nz].tolist())}
    return vec, ev


def count(conn: Any, doc_ids: Any) -> dict[str, Any]:
    """Over the documents of the id subquery `doc_ids`: per facet `Counter(value id -> n)`, and
    `event`: value id -> [events, fatalities]."""
    raw = NullType()  # the blobs as the driver returns them (no per-row result processing)
    rows = conn.execute(select(type_coerce(docvec.c.vec, raw), type_coerce(docvec.c.ev, raw))
                        .where(docvec.c.doc_id.in_(doc_ids))).all()
    vec, ev = _counts([r[0] for r in rows], [r[1] for r in rows])
    out: dict[str, Any] = {f: Counter() for f in CODES}
    split = {code: out[f] for code, f in FACETS.items()}
    for x, n in vec.items():
        split[x & MASK][x >> BITS] = n
    out["event"] = ev
    return out


def whole(conn: Any, facet: str, limit: int | None = None) -> dict[str, Any]:
    """Like `count` for one facet over the whole index, from the totals (the top `limit` rows)."""
    t = totals.c
    q = select(t.id, t.n, t.dead).where(t.facet == facet).order_by(t.n.desc(), t.id)
    rows = conn.execute(q if limit is None else q.limit(limit)).all()
    if facet == "event":
        return {r.id: [r.n, r.dead] for r in rows}
    return Counter({r.id: r.n for r in rows})


def total(conn: Any, facet: str, value: str) -> int | None:
    """Documents (rows, for edges) with this value over the whole index; None if never seen."""
    t, v = totals.c, values.c
    return conn.execute(select(t.n).select_from(totals.join(values, values.c.id == t.id))
                        .where(v.facet == facet, v.value == value)).scalar()


def whole_top(conn: Any, facet: str, limit: int) -> Counter:
    """The candidates for the top `limit` values of a facet over the whole index (every value
    tied with the limit-th count), from the totals."""
    t = totals.c
    top = whole(conn, facet, limit)
    if len(top) < limit:
        return top
    floor = min(top.values())
    return Counter({r.id: r.n for r in conn.execute(select(t.id, t.n).where(t.facet == facet, t.n >= floor))})


_names: dict[tuple[str, int], dict[int, str]] = {}
NAMES_CACHED = 500_000


def names(conn: Any, ids: Iterable[int]) -> dict[int, str]:
    """The values of these ids. An id's value never changes, so they are cached per database
    (its URL and the random `instance` number written when its index tables were created)."""
    ids = list(ids)
    cache = _names.setdefault(_instance(conn), {})
    out = {i: cache[i] for i in ids if i in cache}
    missing = [i for i in ids if i not in out]
    for i in range(0, len(missing), 500):
        out.update((r.id, r.value) for r in conn.execute(select(values.c.id, values.c.value)
                                                           .where(values.c.id.in_(missing[i:i + 500]))))
    if missing:
        if len(cache) > NAMES_CACHED:
            cache.clear()
        cache.update(out)
    return out


def _instance(conn: Any) -> tuple[str, int]:
    from narrascope.store.search import state

    bind = conn.get_bind() if hasattr(conn, "get_bind") else conn
    inst = conn.execute(select(state.c.value).where(state.c.key == "instance")).scalar()
    return str(bind.engine.url), inst or 0


def top_values(conn: Any, counts: Counter, limit: int) -> list[tuple[str, int]]:
    """`(value, n)` of the `limit` most frequent ids, most frequent first, ties by value."""
    if len(counts) > limit:  # candidates: every id tied with the limit-th count
        floor = sorted(counts.values(), reverse=True)[limit - 1]
        ids = [i for i, n in counts.items() if n >= floor]
    else:
        ids = list(counts)
    nm = names(conn, ids)
    return sorted(((nm[i], counts[i]) for i in ids if i in nm), key=lambda x: (-x[1], x[0]))[:limit]


_parts: dict[str, list[Any]] = {}


def decoded(conn: Any, counts: dict[int, Any]) -> list[tuple[list[Any], Any]]:
    """`(parts of the composite key, count)` for every id counted (`doc`, `edge`, `event`)."""
    nm = names(conn, counts)
    if len(_parts) > NAMES_CACHED:
        _parts.clear()
    out = []
    for i, c in counts.items():
        v = nm.get(i)
        if v is not None:
            parts = _parts.get(v)
            if parts is None:
                parts = _parts[v] = json.loads(v)
            out.append((parts, c))
    return out


def backfill(conn: Connection, indexed: Table, facets: Table, relations: Table) -> bool:
    """Write `ns_docvec` and the totals once for an index built before they existed, from the
    index's own rows (`ns_indexed`, `ns_facets`, `ns_relations`), the documents' source/date and
    their `doc_events`. Returns whether it wrote anything."""
    from narrascope.store.schema import DocEvent, Document

    from narrascope.store.search import generation, state

    if generation(conn, "vector_format") != FORMAT:  # none yet, or written in another format
        conn.execute(delete(docvec))
        conn.execute(delete(totals))
        conn.execute(delete(values).where(values.c.facet.not_in([*CODES, "event"])))  # facets no longer used
        if conn.execute(state.update().where(state.c.key == "vector_format").values(value=FORMAT)).rowcount == 0:
            conn.execute(insert(state).values(key="vector_format", value=FORMAT))
    elif conn.execute(select(docvec.c.doc_id).limit(1)).first() is not None:
        return False
    if conn.execute(select(indexed.c.doc_id).limit(1)).first() is None:
        return False
    done = list(conn.scalars(select(indexed.c.doc_id).order_by(indexed.c.doc_id)))
    e, f, r_ = DocEvent, facets.c, relations.c
    for i in range(0, len(done), 500):
        part = done[i:i + 500]
        per_doc: dict[str, dict[str, list[dict[str, Any]]]] = {d: {"facets": [], "relations": []} for d in part}
        for r in conn.execute(select(f.doc_id, f.facet, f.value).where(f.doc_id.in_(part))):
            per_doc[r.doc_id]["facets"].append(dict(r._mapping))
        for r in conn.execute(select(r_.doc_id, r_.source_key, r_.target_key, r_.relation).where(r_.doc_id.in_(part))):
            per_doc[r.doc_id]["relations"].append(dict(r._mapping))
        events: dict[str, list[dict[str, Any]]] = {d: [] for d in part}
        for r in conn.execute(select(e.doc_id, e.type, e.date, e.lat, e.lon, e.place, e.fatalities)
                              .where(e.doc_id.in_(part)).order_by(e.doc_id, e.event_id)):
            events[r.doc_id].append(dict(r._mapping))
        meta = {r.id: r for r in conn.execute(select(Document.id, Document.site, Document.published)
                                              .where(Document.id.in_(part)))}
        write(conn, {d: doc_values(rows, events[d], meta[d].site, meta[d].published)
                     for d, rows in per_doc.items() if d in meta})
    return True

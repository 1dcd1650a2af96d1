"""Full-text search and facet index for the web workbench, created on demand.

The tables live beside the store's own tables and are derived from `documents.data`; they are
(re)built by `ensure_index`, which indexes any stored document it has not seen yet, so the
dashboard answers with aggregate SQL instead of loading every document's JSON.

- `ns_indexed`: documents already indexed.
- `ns_facets`: `(doc_id, facet, value, label, kind, n)`; facets `actor` (canonical actor key,
  display name, actor type, mentions) and `technique` (rhetoric technique, span count).
- `ns_facet_totals`: `(facet, value, label, kind, docs)`, documents per facet value, added to
  when a document is indexed and subtracted from when its rows are forgotten.
- `ns_citations`: one row per attribution: who is cited, as what type, what the cue reports
  (`cue_class`, NULL for documents stored before session 13), backing how many claims.
- `ns_relations`: actor relations read from events (`attacks`, `claims_responsibility_for`,
  `accuses`), with the evidence sentence.
- `ns_values`, `ns_docvec`, `ns_value_totals` (`store/facet_vectors.py`): one row per document
  packing the ids of what the dashboard counts (actors, techniques, event types, edges, source,
  month, events), and the same counts over the whole index: every dashboard panel reads these.
- `ns_state`: counters `generation` (every write of index rows) and `replaced` (re-analysed
  documents re-indexed) for cache keys, `instance` (random, per database), `vector_format`,
  `citation_format` (CITATION_FORMAT: an index whose citation rows are older is upgraded on open).

`Store.replace_document` calls `refresh`, which rebuilds a re-analysed document's rows in the
replacing transaction.
- full text: SQLite FTS5 virtual table `ns_fts`, or on PostgreSQL a table `ns_fts` with a
  `tsvector` column and a GIN index. `search()` hides the dialect.
"""

from __future__ import annotations

import html
import re
import secrets
import threading
import time
from typing import Any, Iterable

from sqlalchemy import (Column, Index, Integer, MetaData, String, Table, Text, bindparam, delete, func, insert, inspect,
                        select, text)
from sqlalchemy.engine import Connection

from narrascope.actors.kinds import can_act
from narrascope.attribution.cue_class_names import CUE_CLASSES, known_cue_class
from narrascope.store import facet_vectors as fv
from narrascope.store.schema import DocEvent, Document

META = MetaData()
indexed = Table("ns_indexed", META, Column("doc_id", String(80), primary_key=True),
                Column("fts_rowid", Integer, nullable=True))
facets = Table(
    "ns_facets", META,
    Column("doc_id", String(80), nullable=False, index=True),
    Column("facet", String(20), nullable=False),
    Column("value", String(300), nullable=False),
    Column("label", Text),
    Column("kind", String(40)),
    Column("n", Integer, default=1),
    Index("ix_ns_facets_fvd", "facet", "value", "doc_id"),  # covering: facet counts are index-only
    Index("ix_ns_facets_dfv", "doc_id", "facet", "value"),  # covering: counts over a filtered document set
)
# documents per facet value over the whole index, kept in step with `ns_facets` at index time
# (added when a document is indexed, subtracted when it is forgotten): the unfiltered facet lists
# are a read of the top rows instead of a count over every (document, actor) row.
facet_totals = Table(
    "ns_facet_totals", META,
    Column("facet", String(20), primary_key=True),
    Column("value", String(300), primary_key=True),
    Column("label", Text),
    Column("kind", String(40)),
    Column("docs", Integer, nullable=False, default=0),
    Index("ix_ns_facet_totals_top", "facet", "docs", "value"),
)
citations = Table(
    "ns_citations", META,
    Column("doc_id", String(80), nullable=False, index=True),
    Column("attribution_id", String(20), nullable=False),
    Column("source_key", String(300), nullable=False, index=True),
    Column("source_name", Text),
    Column("source_type", String(40)),
    Column("kind", String(20)),
    Column("claims", Integer, default=0),
    Column("events", Integer, default=0),
    # one of CUE_CLASSES, else NULL (stored before session 13, or a value outside the six)
    Column("cue_class", String(20), nullable=True),
    Index("ix_ns_citations_cover", "source_key", "doc_id", "claims", "events"),
    Index("ix_ns_citations_type", "source_type"),
    # covering for the sources table under a class filter, and for the source types under one
    # and the per-class counts (a filtered group-by over `source_type` read from the table rows
    # cost ~0.3 s CPU at 180,000 citations; from this index, index-only)
    Index("ix_ns_citations_class", "cue_class", "source_key", "doc_id", "claims", "events"),
    Index("ix_ns_citations_class_type", "cue_class", "source_type"),
)
# of the citation rows: 1 = with `cue_class` (session 15). An index whose rows are older (no
# counter: built before the column existed) gains the column and its rows their class on open.
CITATION_FORMAT = 1
relations = Table(
    "ns_relations", META,
    Column("doc_id", String(80), nullable=False, index=True),
    Column("source_key", String(300), nullable=False),
    Column("source_name", Text),
    Column("target_key", String(300), nullable=False),
    Column("target_name", Text),
    Column("relation", String(40), nullable=False),
    Column("evidence", Text),
    Index("ix_ns_relations_edge", "source_key", "target_key", "relation", "doc_id"),
)

# `generation`: bumped by every write of index rows, so a cache keyed on it never serves a view
# of documents that were re-analysed (`Store.replace_document`) since.
state = Table("ns_state", META, Column("key", String(40), primary_key=True), Column("value", Integer, nullable=False))

SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"
MAX_QUERY = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_lock = threading.Lock()
_checked: dict[str, float] = {}
CHECK_EVERY_S = 2.0
INLINE_LIMIT = 50


def actor_key(name: str | None, kb_id: str | None = None) -> str:
    """The key an actor is grouped by: its KB id, else its folded name."""
    if kb_id:
        return kb_id[:300]
    return _SPACE.sub(" ", (name or "").strip().lower())[:300]


def is_actor(ent: dict[str, Any]) -> bool:
    """Who can act: a KB actor type other than `place`, or an untyped person/organisation/group
    (`actors/kinds.py`, shared with the profile and the corpus graph)."""
    return can_act(ent)


def _actor_name(ent: dict[str, Any]) -> str:
    return ent.get("name") or ent.get("text") or ""


def document_rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The index rows of one document-v1 object (pure: used by the indexer and tests)."""
    doc_id = doc["id"]
    ents = {e.get("id"): e for e in doc.get("entities") or []}
    actor_rows: dict[str, dict[str, Any]] = {}
    for ent in ents.values():
        if not is_actor(ent):
            continue
        key = actor_key(_actor_name(ent), ent.get("kb_id"))
        if not key:
            continue
        row = actor_rows.setdefault(key, {"doc_id": doc_id, "facet": "actor", "value": key,
                                          "label": _actor_name(ent)[:300], "kind": ent.get("type"), "n": 0})
        row["n"] += 1
    tech: dict[str, int] = {}
    for r in doc.get("rhetoric") or []:
        if r.get("technique"):
            tech[r["technique"]] = tech.get(r["technique"], 0) + 1
    facet_rows = list(actor_rows.values()) + [
        {"doc_id": doc_id, "facet": "technique", "value": t[:300], "label": t, "kind": None, "n": n}
        for t, n in tech.items()]

    rel_rows = []
    for ev in doc.get("events") or []:
        evidence = ((ev.get("evidence") or [None])[0] or ev.get("trigger") or {}).get("text")
        perps = [(_role_name(p, ents), p) for p in ev.get("perpetrators") or []]
        for pname, p in perps:
            for t in ev.get("targets") or []:
                if t.get("kind") == "physical":
                    continue
                rel_rows.append(_rel(doc_id, pname, _role_name(t, ents), "attacks", evidence, p, t, ents))
        for resp in ev.get("responsibility") or []:
            claimant = resp.get("claimant")
            if not claimant:
                continue
            if resp.get("status") == "claimed":
                target = (ev.get("location") or {}).get("name") or ev.get("type")
                rel_rows.append(_rel(doc_id, claimant, f"{ev.get('type')} in {target}", "claims_responsibility_for",
                                     evidence, None, None, ents))
            elif resp.get("status") in ("accused", "suspected") and resp.get("attributed_by"):
                rel_rows.append(_rel(doc_id, resp["attributed_by"], claimant, "accuses", evidence, None, None, ents))
    return {"facets": facet_rows, "citations": citation_rows(doc, ents), "relations": [r for r in rel_rows if r]}


def citation_rows(doc: dict[str, Any], ents: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The `ns_citations` rows of one document-v1 object: one per attribution."""
    if ents is None:
        ents = {e.get("id"): e for e in doc.get("entities") or []}
    claims_by_attr: dict[str, int] = {}
    for c in doc.get("claims") or []:
        claims_by_attr[c.get("asserted_by") or ""] = claims_by_attr.get(c.get("asserted_by") or "", 0) + 1
    events_by_attr: dict[str, int] = {}
    for ev in doc.get("events") or []:
        for aid in ev.get("attribution_ids") or []:
            events_by_attr[aid] = events_by_attr.get(aid, 0) + 1
    rows = []
    for a in doc.get("attributions") or []:
        name = source_name(a, ents)
        rows.append({"doc_id": doc["id"], "attribution_id": str(a.get("id"))[:20],
                     "source_key": actor_key(name, (ents.get(a.get("source_entity")) or {}).get("kb_id")) or "(unnamed)",
                     "source_name": name or "(no source stated)", "source_type": a.get("source_type"),
                     "kind": a.get("kind"), "claims": claims_by_attr.get(a.get("id"), 0),
                     "events": events_by_attr.get(a.get("id"), 0), "cue_class": known_cue_class(a.get("cue_class"))})
    return rows


def _role_name(role: dict[str, Any], ents: dict[str, Any]) -> str:
    ent = ents.get(role.get("entity")) if role.get("entity") else None
    return role.get("name") or (ent and _actor_name(ent)) or role.get("text") or ""


def _rel(doc_id: str, src: str, tgt: str, relation: str, evidence: str | None, p: Any, t: Any,
         ents: dict[str, Any]) -> dict[str, Any] | None:
    sk, tk = actor_key(src), actor_key(tgt)
    if not sk or not tk or sk == tk:
        return None
    return {"doc_id": doc_id, "source_key": sk, "source_name": src[:300], "target_key": tk,
            "target_name": tgt[:300], "relation": relation, "evidence": (evidence or "")[:1000]}


def source_name(attr: dict[str, Any], ents: dict[str, Any]) -> str:
    """Display name of an attribution's source: the resolved entity's name, else the noun phrase
    a relative-pronoun source stands for ("who" -> "various MPs"), else its span."""
    ent = ents.get(attr.get("source_entity")) if attr.get("source_entity") else None
    if ent:
        return _actor_name(ent)
    src = attr.get("source_antecedent") or attr.get("source") or {}
    return _SPACE.sub(" ", src.get("text") or "").strip()


# ----------------------------------------------------------------------------------- indexing
# covering indexes on the store's own tables for the dashboard aggregates, created here on demand
# like the rest of the web index: document rows hold the text and JSON, so a scan of `documents`
# reads the whole corpus, while these indexes answer counts by source and date on their own.
STORE_INDEXES = (
    Index("ix_ns_doc_events_cover", DocEvent.date, DocEvent.type, DocEvent.fatalities, DocEvent.doc_id),
    Index("ix_ns_doc_events_geo", DocEvent.lat, DocEvent.lon, DocEvent.type, DocEvent.place, DocEvent.fatalities,
          DocEvent.doc_id),
    Index("ix_ns_doc_events_type", DocEvent.type, DocEvent.doc_id),
    Index("ix_ns_documents_site_pub", Document.site, Document.published, Document.id),
    # filtered aggregates look documents and their events up by id: narrow covering indexes keep
    # those lookups off the wide rows (text + JSON) and out of the table
    Index("ix_ns_documents_id_cover", Document.id, Document.site, Document.published),
    Index("ix_ns_doc_events_doc_cover", DocEvent.doc_id, DocEvent.type, DocEvent.date, DocEvent.fatalities,
          DocEvent.lat, DocEvent.lon, DocEvent.place),
)


_created: set[str] = set()  # databases whose index tables this process created or found


def ensure_tables(conn: Connection) -> None:
    """Create the index tables and indexes (once per database and process), fill what an older
    index lacks (cheap checks each time)."""
    url = str(conn.engine.url)
    known = url in _created
    if not known:
        # remembered only once a check finds every table already there, i.e. committed (on
        # PostgreSQL, tables created in a transaction that rolls back would vanish)
        found = all(inspect(conn).has_table(t) for meta in (META, fv.META) for t in [*meta.tables, "ns_fts"])
        for meta in (META, fv.META):
            meta.create_all(conn, checkfirst=True)
        _add_citation_columns(conn)  # before the indexes: one of them is on the new column
        for meta in (META, fv.META):
            for table in meta.tables.values():
                for index in table.indexes:
                    index.create(conn, checkfirst=True)
        for index in STORE_INDEXES:
            index.create(conn, checkfirst=True)
        _create_fts(conn)
    if conn.execute(select(state.c.key).where(state.c.key == "instance")).first() is None:
        _upsert_nothing(conn, state, {"key": "instance", "value": secrets.randbelow(2 ** 31 - 2) + 1}, ["key"])
    _backfill_totals(conn)
    _backfill_vectors(conn)
    _upgrade_citations(conn)
    if not known and found:
        _created.add(url)


def _add_citation_columns(conn: Connection) -> None:
    """Add the columns of `ns_citations` an index built by an earlier version lacks (`cue_class`,
    session 15). `create_all` creates missing tables only, never a missing column; the rows'
    values are filled by `_upgrade_citations`."""
    have = {c["name"] for c in inspect(conn).get_columns("ns_citations")}
    for col in citations.columns:
        if col.name in have:
            continue
        ddl = col.type.compile(dialect=conn.dialect)
        # PostgreSQL: another process may add it first. SQLite has no IF NOT EXISTS here: a
        # second process that looked before the first committed fails this once (a write on a
        # stale snapshot is refused) and finds the column at its next check
        guard = "IF NOT EXISTS " if conn.dialect.name == "postgresql" else ""
        conn.execute(text(f"ALTER TABLE ns_citations ADD COLUMN {guard}{col.name} {ddl}"))


def _upgrade_citations(conn: Connection) -> None:
    """Bring the citation rows of an index written in an older format up to CITATION_FORMAT
    (`citation_format` in `ns_state`, absent before session 15), from `documents.data`. The same
    pattern as `vector_format` (store/facet_vectors.py): one read of `ns_state` per check; the
    work runs once per database, in the checking transaction.

    0 -> 1: each row's `cue_class` is read from its document's attributions. Only the
    attributions are read (a JSON path, on both dialects): decoding whole documents to rebuild
    every row cost 16 s CPU at 10,000 documents, most of it JSON decoding."""
    if generation(conn, "citation_format") == CITATION_FORMAT:
        return
    _add_citation_columns(conn)  # a process that saw the tables before another version changed them
    done = list(conn.scalars(select(indexed.c.doc_id).order_by(indexed.c.doc_id)))
    c = citations.c
    set_class = citations.update().where(c.doc_id == bindparam("d"), c.attribution_id == bindparam("a")) \
        .values(cue_class=bindparam("k"))
    for i in range(0, len(done), 500):
        params = []
        for r in conn.execute(select(Document.id, Document.data["attributions"]).where(Document.id.in_(done[i:i + 500]))):
            for a in r[1] if isinstance(r[1], list) else []:
                klass = known_cue_class(a.get("cue_class")) if isinstance(a, dict) else None
                if klass is not None:
                    params.append({"d": r[0], "a": str(a.get("id"))[:20], "k": klass})
        if params:
            conn.execute(set_class, params)
    if conn.execute(state.update().where(state.c.key == "citation_format")
                    .values(value=CITATION_FORMAT)).rowcount == 0:
        conn.execute(insert(state).values(key="citation_format", value=CITATION_FORMAT))
    if done:
        bump(conn)


def _create_fts(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS ns_fts USING fts5("
                          "doc_id UNINDEXED, title, body, tokenize='porter unicode61')"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("CREATE TABLE IF NOT EXISTS ns_fts (doc_id varchar(80) PRIMARY KEY, "
                          "tsv tsvector NOT NULL)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_ns_fts_tsv ON ns_fts USING gin(tsv)"))


def _upsert_nothing(conn: Connection, table: Table, row: dict[str, Any], keys: list[str]) -> None:
    """Insert a row unless one with the same keys exists (another process may race us)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    conn.execute(upsert(table).values(**row).on_conflict_do_nothing(index_elements=keys))


def ensure_index(engine, *, force: bool = False, batch: int = 200) -> int:
    """Index every stored document not yet indexed; returns how many were added here.

    `force` indexes now and waits for another indexer. Otherwise (page requests) the check is an
    anti-join at most every CHECK_EVERY_S per database; a few new documents are indexed inline,
    many are left to a background thread so no request waits for a bulk import."""
    key = str(engine.url)
    if force:
        with _lock:
            return _index_pending(engine, key, batch)
    now = time.monotonic()
    if now - _checked.get(key, -1e9) < CHECK_EVERY_S or _lock.locked():
        return 0
    _checked[key] = now
    todo = pending(engine)
    if todo == 0:
        return 0
    if todo > INLINE_LIMIT:
        threading.Thread(target=ensure_index, args=(engine,), kwargs={"force": True}, daemon=True).start()
        return 0
    if not _lock.acquire(blocking=False):
        return 0
    try:
        return _index_pending(engine, key, batch)
    finally:
        _lock.release()


def _index_pending(engine, key: str, batch: int) -> int:
    added = 0
    with engine.begin() as conn:
        ensure_tables(conn)
    while True:
        with engine.begin() as conn:
            todo = list(conn.scalars(
                select(Document.id).where(~Document.id.in_(select(indexed.c.doc_id)))
                .order_by(Document.id).limit(batch)))
            if not todo:
                break
            rows = conn.execute(select(Document.id, Document.title, Document.text, Document.data)
                                .where(Document.id.in_(todo))).all()
            _index_rows(conn, rows)
            added += len(rows)
    _checked[key] = time.monotonic()
    return added


def pending(engine) -> int:
    """How many stored documents are not indexed yet."""
    with engine.begin() as conn:
        ensure_tables(conn)
        return conn.execute(select(func.count()).select_from(Document)
                            .where(~Document.id.in_(select(indexed.c.doc_id)))).scalar() or 0


def reindex(engine, doc_ids: Iterable[str]) -> None:
    """Forget these documents in the index (after `replace_document`); the next check re-adds them."""
    ids = list(doc_ids)
    with engine.begin() as conn:
        ensure_tables(conn)
        _forget(conn, ids)
        bump(conn, "replaced")
    _checked.pop(str(engine.url), None)


def _forget(conn: Connection, ids: list[str]) -> None:
    """Drop the index rows of these documents (only those already indexed have any)."""
    if not ids:
        return
    known = conn.execute(select(indexed.c.doc_id, indexed.c.fts_rowid).where(indexed.c.doc_id.in_(ids))).all()
    if not known:
        return
    done = [r.doc_id for r in known]
    gone = conn.execute(select(facets.c.facet, facets.c.value, func.count().label("n"))
                        .where(facets.c.doc_id.in_(done)).group_by(facets.c.facet, facets.c.value)).all()
    if gone:
        t = facet_totals.c
        conn.execute(facet_totals.update().where(t.facet == bindparam("f"), t.value == bindparam("v"))
                     .values(docs=t.docs - bindparam("k")), [{"f": g.facet, "v": g.value, "k": g.n} for g in gone])
        conn.execute(delete(facet_totals).where(t.docs <= 0))
    for table in (facets, citations, relations, indexed):
        conn.execute(delete(table).where(table.c.doc_id.in_(done)))
    fv.forget(conn, done)
    bump(conn)
    if conn.dialect.name == "sqlite":  # FTS5 rows are found by rowid (doc_id is not indexed there)
        rowids = [{"r": r.fts_rowid} for r in known if r.fts_rowid is not None]
        if rowids:
            conn.execute(text("DELETE FROM ns_fts WHERE rowid = :r"), rowids)
    else:
        conn.execute(text("DELETE FROM ns_fts WHERE doc_id = :d"), [{"d": d} for d in done])


def _index_rows(conn: Connection, rows: list[Any]) -> None:
    ids = [r.id for r in rows]
    _forget(conn, ids)
    fac, cit, rel = [], [], []
    vectors: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        data = r.data if isinstance(r.data, dict) else {}
        if data.get("id") != r.id:
            data = dict(data, id=r.id)
        out = document_rows(data)
        fac += out["facets"]
        cit += out["citations"]
        rel += out["relations"]
        vectors[r.id] = fv.doc_values(out, fv.json_events(data), data.get("site"), data.get("published"))
    if fac:
        conn.execute(insert(facets), fac)
        _add_totals(conn, fac)
    if cit:
        conn.execute(insert(citations), cit)
    if rel:
        conn.execute(insert(relations), rel)
    fts = [{"d": r.id, "t": r.title or "", "b": r.text or ""} for r in rows]
    rowid: dict[str, int | None] = {r.id: None for r in rows}
    if conn.dialect.name == "sqlite":
        base = conn.execute(text("SELECT coalesce(max(rowid), 0) FROM ns_fts")).scalar() or 0
        for k, row in enumerate(fts, 1):
            row["r"] = rowid[row["d"]] = base + k
        conn.execute(text("INSERT INTO ns_fts(rowid, doc_id, title, body) VALUES (:r, :d, :t, :b)"), fts)
    elif conn.dialect.name == "postgresql":
        conn.execute(text("INSERT INTO ns_fts(doc_id, tsv) VALUES (:d, "
                          "setweight(to_tsvector('english', :t), 'A') || to_tsvector('english', :b))"), fts)
    conn.execute(insert(indexed), [{"doc_id": i, "fts_rowid": rowid[i]} for i in ids])
    fv.write(conn, vectors)
    bump(conn)


def bump(conn: Connection, key: str = "generation") -> None:
    """Advance a counter of `ns_state` (in the transaction that changed the index rows):
    `generation` on every write of index rows, `replaced` when re-analysed documents were re-indexed."""
    if conn.execute(state.update().where(state.c.key == key).values(value=state.c.value + 1)).rowcount == 0:
        conn.execute(insert(state).values(key=key, value=1))


def generation(conn: Any, key: str = "generation") -> int:
    """How many times index rows were written or forgotten (`key="replaced"`: how many times
    re-analysed documents were re-indexed). The tables must exist (`ensure_tables`)."""
    return conn.execute(select(state.c.value).where(state.c.key == key)).scalar() or 0


def refresh(conn: Connection, docs: list[dict[str, Any]]) -> None:
    """Rebuild the index rows of re-analysed documents in the caller's transaction (the hook of
    `Store.replace_document`): facets, totals, citations, relations, vectors and full text.
    Documents not indexed yet are left to `ensure_index`; so is everything before an index exists."""
    from types import SimpleNamespace

    if not docs or not inspect(conn).has_table("ns_indexed"):
        return
    ensure_tables(conn)
    known = set(conn.scalars(select(indexed.c.doc_id).where(indexed.c.doc_id.in_([d["id"] for d in docs]))))
    rows = [SimpleNamespace(id=d["id"], title=d.get("title"), text=d.get("text"), data=d)
            for d in docs if d["id"] in known]
    if rows:
        _index_rows(conn, rows)
        bump(conn, "replaced")


def _add_totals(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Add one document per (facet, value) row to `ns_facet_totals` (an upsert on both dialects)."""
    add: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        tot = add.setdefault((r["facet"], r["value"]), {"facet": r["facet"], "value": r["value"],
                                                        "label": r["label"], "kind": r["kind"], "docs": 0})
        tot["docs"] += 1
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    stmt = upsert(facet_totals)
    stmt = stmt.on_conflict_do_update(index_elements=["facet", "value"],
                                      set_={"docs": facet_totals.c.docs + stmt.excluded.docs})
    conn.execute(stmt, sorted(add.values(), key=lambda r: (r["facet"], r["value"])))


def _backfill_totals(conn: Connection) -> None:
    """Fill `ns_facet_totals` once for an index built before the table existed."""
    if conn.execute(select(facet_totals.c.facet).limit(1)).first() is not None:
        return
    if conn.execute(select(facets.c.doc_id).limit(1)).first() is None:
        return
    f = facets.c
    conn.execute(insert(facet_totals).from_select(
        ["facet", "value", "label", "kind", "docs"],
        select(f.facet, f.value, func.min(f.label), func.min(f.kind), func.count()).group_by(f.facet, f.value)))


def _backfill_vectors(conn: Connection) -> None:
    """Write the vectors and value totals once for an index built before they existed."""
    if fv.backfill(conn, indexed, facets, relations):
        bump(conn)


# ------------------------------------------------------------------------------------ search
def query_terms(q: str) -> list[str]:
    """The words of a user query (FTS syntax and SQL never reach the database as code)."""
    return _WORD.findall((q or "")[:MAX_QUERY])[:20]


def search(engine, q: str, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Documents matching all words of `q`, best first: `{doc_id, title, published, site, snippet_html}`.

    `snippet_html` is escaped text with the matches in `<mark>`."""
    terms = query_terms(q)
    if not terms:
        return []
    ensure_index(engine)
    limit, offset = max(1, min(int(limit), 200)), max(0, int(offset))
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
            rows = conn.execute(text(
                "SELECT f.doc_id AS doc_id, snippet(ns_fts, 2, :o, :c, ' … ', 24) AS snip, d.title AS title, "
                "d.published AS published, d.site AS site FROM ns_fts f JOIN documents d ON d.id = f.doc_id "
                "WHERE ns_fts MATCH :m ORDER BY bm25(ns_fts, 0.0, 5.0, 1.0) LIMIT :l OFFSET :off"),
                {"o": SNIPPET_OPEN, "c": SNIPPET_CLOSE, "m": match, "l": limit, "off": offset}).all()
        else:
            rows = conn.execute(text(
                "SELECT f.doc_id AS doc_id, ts_headline('english', d.text, q, :opts) AS snip, d.title AS title, "
                "d.published AS published, d.site AS site FROM ns_fts f JOIN documents d ON d.id = f.doc_id, "
                "plainto_tsquery('english', :q) q WHERE f.tsv @@ q ORDER BY ts_rank(f.tsv, q) DESC, f.doc_id "
                "LIMIT :l OFFSET :off"),
                {"q": " ".join(terms), "l": limit, "off": offset,
                 "opts": f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords=40, MinWords=15"}).all()
    return [{"doc_id": r.doc_id, "title": r.title, "published": r.published, "site": r.site,
             "snippet_html": snippet_html(r.snip or "")} for r in rows]


def snippet_html(snip: str) -> str:
    """Escape a snippet, then turn the match markers into `<mark>` elements."""
    out = html.escape(snip.replace("\n", " "), quote=True)
    return out.replace(SNIPPET_OPEN, "<mark>").replace(SNIPPET_CLOSE, "</mark>")


def count_matches(engine, q: str) -> int:
    terms = query_terms(q)
    if not terms:
        return 0
    ensure_index(engine)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
            return conn.execute(text("SELECT count(*) FROM ns_fts WHERE ns_fts MATCH :m"), {"m": match}).scalar() or 0
        return conn.execute(text("SELECT count(*) FROM ns_fts WHERE tsv @@ plainto_tsquery('english', :q)"),
                            {"q": " ".join(terms)}).scalar() or 0


__all__ = ["ensure_index", "reindex", "refresh", "generation", "search", "count_matches", "document_rows", "actor_key",
           "source_name", "facets", "facet_totals", "citations", "relations", "indexed", "query_terms", "is_actor",
           "CUE_CLASSES", "known_cue_class"]

"""Incremental linking over the store: `link_store` links the documents not linked yet.

The linker's state lives in `corpus_events` (features, cluster, score) and `corpus_clusters`
(summaries); a run loads it (no document JSON), links the new documents' events in creation
order and writes the new members and the clusters they changed, `batch` documents per
transaction. A document whose events changed since it was linked (re-analysed with a newer
pipeline: `doc_events` differ) is unlinked first and linked again; the clusters it left are
re-summarised from their remaining members, and removed when empty.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from typing import Any, Callable

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from narrascope.corpus.features import EventKey, from_event, place_path
from narrascope.corpus.linking import Linker
from narrascope.corpus.scoring import LINK_THRESHOLD
from narrascope.store import Store
from narrascope.store.corpus_tables import CorpusCluster, CorpusDoc, CorpusEvent, ensure_tables
from narrascope.store.schema import DocEvent, Document, utcnow


def _event_hashes(s: Session) -> dict[str, str]:
    rows = defaultdict(list)
    q = select(DocEvent.doc_id, DocEvent.event_id, DocEvent.type, DocEvent.date, DocEvent.date_end,
               DocEvent.country_iso, DocEvent.place, DocEvent.fatalities)
    for r in s.execute(q):
        rows[r[0]].append("|".join("" if v is None else str(v) for v in r[1:]))
    return {d: hashlib.sha256("\n".join(sorted(v)).encode()).hexdigest() for d, v in rows.items()}


def _hash_of(doc_id: str, hashes: dict[str, str]) -> str:
    return hashes.get(doc_id) or hashlib.sha256(b"").hexdigest()


def _cluster_row(linker: Linker, cid: str) -> dict[str, Any]:
    c = linker.clusters[cid]
    num = cid[len(linker.prefix):]
    return {"id": cid, "seq": int(num) if num.isdigit() else 0, "type": c.type,
            "day_lo": c.interval[0] if c.interval else None, "day_hi": c.interval[1] if c.interval else None,
            "place": "|".join(c.place) or None, "location": c.location,
            "size": len(c.members), "documents": len(c.docs), "updated_at": utcnow()}


def _write_clusters(s: Session, linker: Linker, changed: list[str], emptied: set[str]) -> None:
    """Replace the changed clusters' rows (bulk: delete, then insert)."""
    gone = sorted(set(changed) | emptied)
    for i in range(0, len(gone), 500):
        s.execute(delete(CorpusCluster).where(CorpusCluster.id.in_(gone[i:i + 500])))
    rows = [_cluster_row(linker, cid) for cid in changed if cid in linker.clusters]
    if rows:
        s.execute(insert(CorpusCluster), rows)


def _documents(store: Store, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    def fn(s: Session) -> dict[str, dict[str, Any]]:
        return {r[0]: r[1] for r in s.execute(select(Document.id, Document.data).where(Document.id.in_(doc_ids)))}
    return store._read(fn)


def load_linker(store: Store, threshold: float = LINK_THRESHOLD) -> Linker:
    """The linker with the stored clusters loaded, ready to link more events."""
    ensure_tables(store._write_engine)
    linker = Linker(threshold)

    def rows(s: Session) -> list[Any]:
        return list(s.scalars(select(CorpusEvent).order_by(CorpusEvent.seq)))
    stored = store._read(rows)
    linker.load((EventKey.from_row({"doc_id": r.doc_id, "event_id": r.event_id, "type": r.type,
                                    "day_lo": r.day_lo, "day_hi": r.day_hi, "place": r.place,
                                    "has_country": r.has_country, "lat": r.lat, "lon": r.lon,
                                    "actors": r.actors, "dup_of": r.dup_of}),
                 r.cluster_id, r.score, r.location) for r in stored)
    return linker


def _unlink(store: Store, doc_ids: list[str]) -> set[str]:
    """Remove these documents' members; returns the clusters they were in."""
    def fn(s: Session) -> set[str]:
        touched: set[str] = set()
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i:i + 500]
            touched.update(s.scalars(select(CorpusEvent.cluster_id).where(CorpusEvent.doc_id.in_(chunk))))
            s.execute(delete(CorpusEvent).where(CorpusEvent.doc_id.in_(chunk)))
            s.execute(delete(CorpusDoc).where(CorpusDoc.doc_id.in_(chunk)))
        return touched
    return store._write(fn)


#: PostgreSQL advisory lock key taken by every linking write (SQLite writes are serialised by
#: BEGIN IMMEDIATE already)
LINK_LOCK = 0x6E61_7272
LINK_ATTEMPTS = 5


class _Stale(Exception):
    """Another process linked or unlinked documents after this pass read the corpus tables."""


def _corpus_version(s: Session) -> tuple[int, int, int]:
    """What changes whenever a linking pass writes: the last event sequence number and the
    numbers of linked documents and clusters."""
    return (s.scalar(select(func.max(CorpusEvent.seq))) or -1,
            s.scalar(select(func.count()).select_from(CorpusDoc)) or 0,
            s.scalar(select(func.count()).select_from(CorpusCluster)) or 0)


def _checked(s: Session, expected: tuple[int, int, int]) -> None:
    """Inside a linking write: wait for any other linking write, then make sure nothing was
    linked since this pass read the corpus (optimistic concurrency: the pass restarts if so)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LINK_LOCK})
    if _corpus_version(s) != expected:
        raise _Stale


def link_store(store: Store, *, threshold: float = LINK_THRESHOLD, batch: int = 1000,
               on_progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Link every stored document not linked yet; returns counts.

    Two processes may link one store at once (two `analyze` runs on one SQLite file): every
    write checks that the corpus tables are as this pass read them, and the pass starts again
    from what is stored when they are not (what the other process linked is then skipped)."""
    for attempt in range(LINK_ATTEMPTS):
        try:
            return _link_pass(store, threshold, batch, on_progress)
        except (_Stale, IntegrityError):
            if attempt == LINK_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _link_pass(store: Store, threshold: float, batch: int,
               on_progress: Callable[[int], None] | None) -> dict[str, int]:
    ensure_tables(store._write_engine)

    def state(s: Session) -> tuple[list[tuple[str, str | None]], dict[str, str], dict[str, str]]:
        docs = list(s.execute(select(Document.id, Document.near_duplicate_of)
                              .order_by(Document.created_at, Document.id)))
        linked = {r[0]: r[1] for r in s.execute(select(CorpusDoc.doc_id, CorpusDoc.events_hash))}
        return [(d, n) for d, n in docs], linked, _event_hashes(s)
    docs, linked, hashes = store._read(state)
    stale = [d for d, h in linked.items() if h != _hash_of(d, hashes)]
    touched = _unlink(store, stale) if stale else set()
    stale_set = set(stale)
    todo = [(d, dup) for d, dup in docs if d not in linked or d in stale_set]
    linker = load_linker(store, threshold)
    expected = store._read(_corpus_version)
    linker.changed |= {c for c in touched if c in linker.clusters}
    emptied = touched - set(linker.clusters)
    counts = {"documents": 0, "events": 0, "linked": 0, "clusters_new": 0, "relinked": len(stale)}
    seq = len(linker.index)
    before = set(linker.clusters)
    for i in range(0, len(todo), batch):
        chunk = todo[i:i + batch]
        new_events: list[dict[str, Any]] = []
        new_docs: list[dict[str, Any]] = []
        fetched = _documents(store, [d for d, _dup in chunk])
        for doc_id, dup_of in chunk:
            document = fetched.get(doc_id)
            if document is None:
                continue
            for event in document.get("events") or []:
                key = from_event(doc_id, event, dup_of)
                location = event.get("location") if place_path(event.get("location")) else None
                cid, score = linker.add(key, location)
                row = key.to_row()
                new_events.append(dict(row, seq=seq, cluster_id=cid, score=score, location=location))
                seq += 1
                counts["events"] += 1
                counts["linked"] += score is not None
            new_docs.append({"doc_id": doc_id, "events_hash": _hash_of(doc_id, hashes),
                             "events": len(document.get("events") or []), "linked_at": utcnow()})
            counts["documents"] += 1
        changed = sorted(linker.changed)
        linker.changed = set()

        def write(s: Session) -> tuple[int, int, int]:
            _checked(s, expected)
            if new_events:
                s.execute(insert(CorpusEvent), new_events)
            if new_docs:
                s.execute(insert(CorpusDoc), new_docs)
            _write_clusters(s, linker, changed, emptied)
            return _corpus_version(s)
        expected = store._write(write)
        emptied = set()
        if on_progress:
            on_progress(len(chunk))
    if emptied or linker.changed:  # nothing new to link, but stale documents left clusters
        changed = sorted(linker.changed)

        def write_rest(s: Session) -> None:
            _checked(s, expected)
            _write_clusters(s, linker, changed, emptied)
        store._write(write_rest)
    counts["clusters_new"] = len(set(linker.clusters) - before)
    counts["clusters"] = len(linker.clusters)
    return counts


def unlinked_count(store: Store) -> int:
    ensure_tables(store._write_engine)

    def fn(s: Session) -> int:
        total = s.scalar(select(func.count()).select_from(Document)) or 0
        done = s.scalar(select(func.count()).select_from(CorpusDoc)) or 0
        return max(0, total - done)
    return store._read(fn)

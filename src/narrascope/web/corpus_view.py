"""The one adapter between the web views and the corpus layer (`narrascope export --what corpus`).

The corpus export produces `{event_clusters, contradictions, actors, sources}` (spec, "Corpus
level"). This module obtains it (from a provider given to the app, else from the registered
`corpus` exporter), normalises the loosely specified parts (actors, sources) into what the pages
draw, and caches it until the store changes. When there is no corpus layer, `load()` returns an
empty view with `available=False` and the pages show an empty state.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy import func, select

from narrascope.errors import Errors
from narrascope.store.schema import Document

log = logging.getLogger(__name__)
Provider = Callable[[Any], dict[str, Any] | None]
RELATIONS = ("accuses", "attacks", "cooperates_with", "claims_responsibility_for")


@dataclass
class CorpusView:
    available: bool = False
    error: str | None = None
    clusters: list[dict[str, Any]] = field(default_factory=list)
    contradictions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    pending: bool = False  # being recomputed: this is the previous view (or empty)

    def cluster(self, cluster_id: str) -> dict[str, Any] | None:
        return next((c for c in self.clusters if c["id"] == cluster_id), None)


def exporter_provider(store: Any) -> dict[str, Any] | None:
    """Run the registered `corpus` exporter (JSON) on the store; None when there is none."""
    from narrascope.export import EXPORTERS, load_exporters

    load_exporters()
    fns = [fn for (what, fmt), fn in sorted(EXPORTERS.items()) if what == "corpus" and fmt == "json"]
    if not fns:
        return None
    buf = io.StringIO()
    fns[0](store, buf)
    return json.loads(buf.getvalue() or "null")


class CorpusCache:
    """The corpus view of a store, recomputed in a background thread when the store changes.

    `load` waits at most `wait_s` for a fresh view; meanwhile pages get the previous view (or an
    empty one) marked `pending`, so a slow corpus layer on a large store never blocks a page."""

    def __init__(self, provider: Provider | None = None, ttl_s: float = 30.0, wait_s: float = 3.0) -> None:
        self.provider = provider or exporter_provider
        self.ttl_s = ttl_s
        self.wait_s = wait_s
        self._lock = threading.Lock()
        self._key: Any = None
        self._at = 0.0
        self._view = CorpusView()
        self._running: tuple[Any, threading.Event] | None = None

    def _compute(self, store: Any, key: Any, done: threading.Event) -> None:
        try:
            raw = self.provider(store)
            view = normalise(raw) if raw else CorpusView()
        except Exception as exc:  # noqa: BLE001 - a broken corpus layer must not take the pages down
            log.warning("corpus view failed: %s", exc)
            view = CorpusView(error=Errors.E097.format(detail=f"{type(exc).__name__}: {exc}"[:300]))
        with self._lock:
            self._key, self._at, self._view, self._running = key, time.monotonic(), view, None
        done.set()

    def load(self, store: Any, wait_s: float | None = None) -> CorpusView:
        with store.session() as s:
            key = tuple(s.execute(select(func.count(), func.max(Document.created_at)).select_from(Document)).one())
        from narrascope.web.pages.dashboard import index_generation

        key += (index_generation(store, "replaced"),)  # advanced by re-analysed documents (`replace_document`)
        with self._lock:
            # fresh while the store is unchanged; a failure is retried after ttl_s
            if key == self._key and (self._view.error is None or time.monotonic() - self._at < self.ttl_s):
                return self._view
            if self._running is None or self._running[0] != key:
                done = threading.Event()
                self._running = (key, done)
                threading.Thread(target=self._compute, args=(store, key, done), daemon=True).start()
            done = self._running[1]
        done.wait(self.wait_s if wait_s is None else wait_s)
        with self._lock:
            if key == self._key:
                return self._view
            stale = self._view
        return CorpusView(available=stale.available, error=stale.error, clusters=stale.clusters,
                          contradictions=stale.contradictions, nodes=stale.nodes, edges=stale.edges,
                          sources=stale.sources, pending=True)


def _s(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        for k in ("name", "value", "text", "label", "id"):
            if value.get(k) is not None:
                return str(value[k])
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def normalise(raw: dict[str, Any]) -> CorpusView:
    view = CorpusView(available=True)
    for i, c in enumerate(raw.get("event_clusters") or []):
        if not isinstance(c, dict):
            continue
        members = []
        for m in c.get("events") or []:
            if isinstance(m, (list, tuple)) and len(m) == 2:
                members.append((str(m[0]), str(m[1])))
            elif isinstance(m, dict) and m.get("doc_id") and m.get("event_id"):
                members.append((str(m["doc_id"]), str(m["event_id"])))
        view.clusters.append({"id": str(c.get("id") or f"k{i + 1}"), "type": _s(c.get("type")),
                              "date": c.get("date"), "location": c.get("location"), "members": members,
                              "documents": len({d for d, _ in members})})
    view.clusters.sort(key=lambda c: (-c["documents"], -len(c["members"]), c["id"]))
    for k in raw.get("contradictions") or []:
        if isinstance(k, dict) and k.get("cluster_id") is not None:
            values = [v for v in k.get("values") or [] if isinstance(v, dict)]
            view.contradictions.setdefault(str(k["cluster_id"]), []).append({"slot": _s(k.get("slot")), "values": values})
    view.nodes, view.edges = _actors(raw.get("actors"))
    view.sources = _sources(raw.get("sources"))
    return view


def _actors(actors: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rel_list: list[Any] = []
    if isinstance(actors, dict):
        rel_list = list(actors.get("relations") or actors.get("edges") or [])
        items = actors.get("actors") or actors.get("nodes")
        if items is None:
            items = [dict(v, name=v.get("name") or k) if isinstance(v, dict) else {"name": k} for k, v in actors.items()
                     if k not in ("relations", "edges")]
        actors = items
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    for a in actors or []:
        if not isinstance(a, dict):
            continue
        key = str(a.get("id") or a.get("kb_id") or a.get("name") or "")
        if not key:
            continue
        mentions = a.get("mentions") or a.get("mention_counts") or 0
        total = sum(v for v in mentions.values() if isinstance(v, (int, float))) if isinstance(mentions, dict) else mentions
        nodes[key] = {"id": key, "name": _s(a.get("name")) or key, "type": _s(a.get("type")),
                      "mentions": int(total or 0),
                      "docs": len(mentions) if isinstance(mentions, dict) else None}
        for r in a.get("relations") or []:
            if isinstance(r, dict):
                rel_list.append(dict(r, source=r.get("source") or key))
    names = {n["name"].lower(): k for k, n in nodes.items()}
    for r in rel_list:
        if not isinstance(r, dict):
            continue
        src = _s(r.get("source") or r.get("subject") or r.get("from"))
        tgt = _s(r.get("target") or r.get("object") or r.get("to"))
        if not src or not tgt:
            continue
        src, tgt = names.get(src.lower(), src), names.get(tgt.lower(), tgt)
        for k in (src, tgt):
            nodes.setdefault(k, {"id": k, "name": k, "type": None, "mentions": 0, "docs": None})
        ev = r.get("evidence")
        ev_list = ev if isinstance(ev, list) else ([ev] if ev else [])
        edges.append({"source": src, "target": tgt, "relation": _s(r.get("relation") or r.get("type")) or "related",
                      "count": int(r.get("count") or max(1, len(ev_list))),
                      "evidence": [_s(e) for e in ev_list[:5]]})
    return list(nodes.values()), edges


def _sources(sources: Any) -> list[dict[str, Any]]:
    if isinstance(sources, dict):
        sources = [dict(v, name=v.get("name") or k) if isinstance(v, dict) else {"name": k} for k, v in sources.items()]
    out = []
    for s in sources or []:
        if not isinstance(s, dict):
            continue
        claims = s.get("claims") or []
        events = s.get("events") or []
        docs = s.get("documents")
        out.append({"name": _s(s.get("name") or s.get("source")) or "(unnamed)",
                    "docs": len(docs) if isinstance(docs, list) else None,
                    "type": _s(s.get("type") or s.get("source_type")),
                    "citations": int(s.get("count") or s.get("citations") or len(claims) + len(events) or 1),
                    "claims": claims if isinstance(claims, list) else [],
                    "events": events if isinstance(events, list) else []})
    out.sort(key=lambda s: -s["citations"])
    return out

"""Corpus dashboard: documents by source and date, event timeline and map, actor network, facets."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from narrascope.store.schema import Document
from narrascope.store.search import ensure_index, generation, indexed
from narrascope.web import queries
from narrascope.web.app import page, require_read, state
from narrascope.web.corpus_view import CorpusView
from narrascope.web.timeline import timeline_svg

router = APIRouter(dependencies=[Depends(require_read)])
PAGE_SIZE = 50
CACHE_SIZE = 64
_cache: "OrderedDict[tuple, dict[str, Any]]" = OrderedDict()
_cache_lock = threading.Lock()


def store_version(store: Any) -> tuple:
    """Changes whenever a document is stored, indexed or re-analysed (cheap: index-only counts,
    a max and the index generation, which `Store.replace_document` advances)."""
    ensure_index(store.engine)
    with store.session() as s:
        docs = tuple(s.execute(select(func.count(), func.max(Document.created_at)).select_from(Document)).one())
        done = s.execute(select(func.count()).select_from(indexed)).scalar()
    return (store.url, *docs, done, index_generation(store))


def index_generation(store: Any, key: str = "generation") -> int:
    """A counter of the web index (`search.generation`), -1 while its tables are being created
    (own session: on PostgreSQL a failed statement spoils the rest of its transaction)."""
    try:
        with store.session() as s:
            return generation(s, key)
    except DBAPIError:
        return -1


def aggregates(store: Any, f: queries.Filters, *, offset: int = 0, limit: int = PAGE_SIZE) -> dict[str, Any]:
    """The dashboard's SQL aggregates, cached (LRU) per store version, filters and page."""
    ensure_index(store.engine)
    key = (store_version(store), tuple(sorted(f.active().items())), offset, limit)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    with store.session() as s, queries.scoped(s, f) as f:
        out = queries.dashboard(s, f, limit=limit, offset=offset)
    with _cache_lock:
        _cache[key] = out
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return out


def dashboard_context(store: Any, f: queries.Filters, corpus: CorpusView, *, offset: int = 0,
                      limit: int = PAGE_SIZE) -> dict[str, Any]:
    agg = aggregates(store, f, offset=offset, limit=limit)
    graph, graph_source = agg["graph"], "events"
    if corpus.available and corpus.edges and not f.active():
        graph, graph_source = {"nodes": corpus.nodes, "edges": corpus.edges}, "corpus"
    months = agg["months"]
    return {"stats": agg["stats"], "months": months, "timeline_svg": timeline_svg(agg["timeline"]),
            "timeline": agg["timeline"], "map": agg["points"], "facets": agg["facet"], "docs": agg["docs"],
            "graph": graph, "graph_source": graph_source, "filters": f.active(), "offset": offset, "limit": limit,
            "clusters": [c for c in corpus.clusters if c["documents"] > 1][:10], "corpus": corpus}


def warm(store: Any) -> None:
    """Compute the unfiltered dashboard once (after a background index build)."""
    aggregates(store, queries.Filters())


@router.get("/", include_in_schema=False)
def dashboard(request: Request, offset: int = Query(0, ge=0, le=10_000_000)):
    st = state(request)
    f = queries.Filters.from_params(request.query_params)
    ctx = dashboard_context(st.store, f, st.corpus.load(st.store), offset=offset)
    return page(request, "dashboard.html", title="Corpus", **ctx)

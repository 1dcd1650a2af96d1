"""Corpus dashboard: documents by source and date, event timeline and map, actor network, facets."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from narrascope.store.search import ensure_index
from narrascope.web import queries
from narrascope.web.app import page, require_read, state
from narrascope.web.corpus_view import CorpusView
from narrascope.web.timeline import timeline_svg

router = APIRouter(dependencies=[Depends(require_read)])
PAGE_SIZE = 50


def dashboard_context(store: Any, f: queries.Filters, corpus: CorpusView, *, offset: int = 0,
                      limit: int = PAGE_SIZE) -> dict[str, Any]:
    ensure_index(store.engine)
    with store.session() as s:
        stats = queries.overview(s, f)
        months = queries.by_month(s, f)
        timeline = queries.event_timeline(s, f)
        points = queries.event_points(s, f)
        facet = queries.facet_counts(s, f)
        docs = queries.documents(s, f, limit=limit, offset=offset)
        graph = queries.actor_graph(s, f)
    graph_source = "events"
    if corpus.available and corpus.edges and not f.active():
        graph, graph_source = {"nodes": corpus.nodes, "edges": corpus.edges}, "corpus"
    return {"stats": stats, "months": months, "month_max": max([m["n"] for m in months] or [1]),
            "timeline_svg": timeline_svg(timeline), "timeline": timeline, "map": points, "facets": facet,
            "docs": docs, "graph": graph, "graph_source": graph_source, "filters": f.active(),
            "offset": offset, "limit": limit, "clusters": [c for c in corpus.clusters if c["documents"] > 1][:10], "corpus": corpus}


@router.get("/", include_in_schema=False)
def dashboard(request: Request, offset: int = Query(0, ge=0, le=10_000_000)):
    st = state(request)
    f = queries.Filters.from_params(request.query_params)
    ctx = dashboard_context(st.store, f, st.corpus.load(st.store), offset=offset)
    return page(request, "dashboard.html", title="Corpus", **ctx)

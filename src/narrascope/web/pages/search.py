"""Search across documents (SQLite FTS5 or PostgreSQL full text, see store/search.py)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from narrascope.store import search as fts
from narrascope.web.app import page, require_read, state

router = APIRouter(dependencies=[Depends(require_read)])
PAGE = 25


@router.get("/search", include_in_schema=False)
def search_page(request: Request, q: str = Query("", max_length=1000), offset: int = Query(0, ge=0, le=100_000)):
    st = state(request)
    q = q[:fts.MAX_QUERY]
    results = fts.search(st.store.engine, q, limit=PAGE, offset=offset) if q.strip() else []
    total = fts.count_matches(st.store.engine, q) if results or offset else 0
    return page(request, "search.html", title=f"Search: {q}" if q else "Search", q=q, results=results,
                total=total, offset=offset, page_size=PAGE, terms=fts.query_terms(q))

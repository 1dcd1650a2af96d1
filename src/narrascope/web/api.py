"""REST API under /api/v1 (OpenAPI at /api/v1/openapi.json).

Reads are open to loopback clients (see app.require_read); `POST /api/v1/documents` analyses new
text or HTML and needs `Authorization: Bearer $NARRASCOPE_TOKEN`.
"""

from __future__ import annotations

import hashlib
from typing import Any, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from narrascope.errors import Errors
from narrascope.store import search as fts
from narrascope.web import queries
from narrascope.web.app import not_found, require_read, require_write, state
from narrascope.attribution.cue_class_names import known_cue_class
from narrascope.web.pages.cluster import requested_cluster
from narrascope.web.render import DOC_ID

router = APIRouter(prefix="/api/v1", tags=["narrascope"])
read = [Depends(require_read)]
MAX_CHARS = 2_000_000
MAX_OFFSET = 1_000_000_000  # SQLite integers overflow past 2**63; no corpus is deeper than this


class NewDocument(BaseModel):
    text: Optional[str] = Field(None, description="Plain text of the article.")
    html: Optional[str] = Field(None, description="HTML of the article page (cleaned like `analyze`).")
    url: Optional[str] = Field(None, max_length=4000)
    title: Optional[str] = Field(None, max_length=2000)
    author: Optional[str] = Field(None, max_length=500)
    site: Optional[str] = Field(None, max_length=500)
    published: Optional[str] = Field(None, max_length=40, pattern=r"^\d{4}-\d{2}-\d{2}")


def _check_doc_id(doc_id: str) -> None:
    if not DOC_ID.match(doc_id):
        raise HTTPException(404, Errors.E091.format(what="document", id=doc_id[:80], pattern="sha256:<64 hex digits>"))


@router.get("/documents", dependencies=read, summary="List documents (metadata), filtered like the dashboard")
def list_documents(request: Request, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                   site: Optional[str] = None, type: Optional[str] = None, actor: Optional[str] = None,
                   technique: Optional[str] = None, country: Optional[str] = None) -> dict[str, Any]:
    st = state(request)
    fts.ensure_index(st.store.engine)
    f = queries.Filters(site=site, type=type, actor=actor, technique=technique, country=country)
    with st.store.session() as s:
        total = queries.count_documents(s, f)
        items = queries.documents(s, f, limit=limit, offset=offset)
    return {"total": total, "offset": offset, "items": items}


@router.get("/documents/{doc_id}", dependencies=read, summary="One document in the document-v1 shape")
def get_document(request: Request, doc_id: str) -> JSONResponse:
    _check_doc_id(doc_id)
    doc = state(request).store.get_document(doc_id)
    if doc is None:
        raise not_found("document", doc_id)
    return JSONResponse(doc)


@router.post("/documents", status_code=201, dependencies=[Depends(require_write)],
             summary="Analyse new text or HTML and store it (needs the token)")
def post_document(request: Request, body: NewDocument) -> dict[str, Any]:
    from narrascope.analysis import analyse_records
    from narrascope.ingest.record import Record

    if bool(body.text) == bool(body.html) or len(body.text or body.html or "") > MAX_CHARS:
        raise HTTPException(422, Errors.E094.format(limit=MAX_CHARS))
    raw = body.text or body.html or ""
    fmt = "text" if body.text else "html"
    source = "api:" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()[:16]
    record = Record(source=source, format=fmt, text=body.text, html=body.html, url=body.url, title=body.title,
                    author=body.author, site=body.site, published=body.published)
    outcome = analyse_records([record])[0]
    if outcome.document is None:
        raise HTTPException(422, Errors.E095.format(stage=outcome.stage or "?", detail=outcome.error or "no document"))
    st = state(request)
    result = st.store.save_document(outcome.document, run_id=None, key=record.key, source=source, record=None, fmt=fmt)
    fts.ensure_index(st.store.engine, force=True)
    doc_id = outcome.document["id"]
    return {"id": doc_id, "outcome": result, "errors": outcome.document.get("errors", []),
            "url": st.links.doc(doc_id), "api": f"/api/v1/documents/{doc_id}"}


@router.get("/events", dependencies=read, summary="Events of all documents (one row per document event)")
def list_events(request: Request, type: Optional[str] = None, country: Optional[str] = None,
                limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
    with state(request).store.session() as s:
        return {"items": queries.events_list(s, type=type, country=country, limit=limit, offset=offset)}


@router.get("/clusters", dependencies=read, summary="Event clusters and contradictions (corpus layer)")
def list_clusters(request: Request) -> dict[str, Any]:
    st = state(request)
    corpus = st.corpus.load(st.store)
    return {"available": corpus.available, "error": corpus.error,
            "items": [dict(c, members=[list(m) for m in c["members"]], contradictions=corpus.contradictions.get(c["id"], []))
                      for c in corpus.clusters]}


@router.get("/clusters/{cluster_id}", dependencies=read, summary="One cluster with its versions side by side")
def get_cluster(request: Request, cluster_id: str) -> dict[str, Any]:
    ctx = requested_cluster(request, cluster_id)
    c = ctx["cluster"]
    return {"cluster": dict(c, members=[list(m) for m in c["members"]]), "versions": ctx["columns"],
            "contradictions": list(ctx["contradicted"].values())}


@router.get("/actors", dependencies=read, summary="Actor network: nodes and relations")
def actors(request: Request) -> dict[str, Any]:
    st = state(request)
    corpus = st.corpus.load(st.store)
    if corpus.available and corpus.nodes:
        return {"source": "corpus", "nodes": corpus.nodes, "edges": corpus.edges}
    fts.ensure_index(st.store.engine)
    with st.store.session() as s:
        return {"source": "events", **queries.actor_graph(s, queries.Filters(), limit=500)}


@router.get("/sources", dependencies=read, summary="Cited sources with counts by type, claims and events backed")
def sources(request: Request, cue_class: Optional[str] = Query(
        None, description="count only citations of this cue class (speech, evidence, perception, "
                                         "belief, intention, other); any other value is ignored")) -> dict[str, Any]:
    st = state(request)
    fts.ensure_index(st.store.engine)
    klass = known_cue_class(cue_class)
    with st.store.session() as s:
        items = queries.source_table(s, limit=1000, cue_class=klass)
        types = queries.source_types(s, klass)
    return {"items": items, "types": types, "cue_class": klass}


@router.get("/search", dependencies=read, summary="Full-text search; all words must appear")
def search(request: Request, q: str = Query(..., max_length=1000), limit: int = Query(25, ge=1, le=200),
           offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
    if not fts.query_terms(q):
        raise HTTPException(422, Errors.E096.format(limit=fts.MAX_QUERY))
    engine = state(request).store.engine
    return {"q": q[:fts.MAX_QUERY], "total": fts.count_matches(engine, q),
            "items": fts.search(engine, q, limit=limit, offset=offset)}

"""Sources: who is cited, how often, as what type, backing which claims and events."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from narrascope.store.search import ensure_index, source_name
from narrascope.web import queries
from narrascope.web.app import page, require_read, state
from narrascope.web.pages.dashboard import store_version
from narrascope.web.corpus_view import CorpusView
from narrascope.web.render import Links, doc_label

router = APIRouter(dependencies=[Depends(require_read)])


_cache: dict[tuple, tuple] = {}


def sources_context(store: Any, corpus: CorpusView) -> dict[str, Any]:
    ensure_index(store.engine)
    key = store_version(store)
    if key not in _cache:
        with store.session() as s:
            _cache.clear()
            _cache[key] = (queries.source_table(s), queries.source_types(s))
    table, types = _cache[key]
    return {"sources": table, "types": types, "corpus_sources": corpus.sources if corpus.available else []}


def source_detail(store: Any, key: str, links: Links, docs: dict[str, dict] | None = None) -> dict[str, Any]:
    with store.session() as s:
        rows = queries.source_citations(s, key)
    out = []
    cache: dict[str, dict | None] = {}
    for r in rows:
        if r["doc_id"] not in cache:
            cache[r["doc_id"]] = (docs or {}).get(r["doc_id"]) if docs is not None else store.get_document(r["doc_id"])
        doc = cache[r["doc_id"]]
        if doc is None:
            continue
        ents = {e.get("id"): e for e in doc.get("entities") or []}
        attr = next((a for a in doc.get("attributions") or [] if a.get("id") == r["attribution_id"]), None)
        if attr is None:
            continue
        claims = [{"text": c.get("text"), "status": c.get("status"), "href": links.item(doc["id"], str(c.get("id")))}
                  for c in doc.get("claims") or [] if c.get("asserted_by") == attr.get("id")]
        events = [{"type": v.get("type"), "href": links.item(doc["id"], str(v.get("id")))}
                  for v in doc.get("events") or [] if attr.get("id") in (v.get("attribution_ids") or [])]
        out.append({"doc_label": doc_label(doc), "doc_href": links.doc(doc["id"]),
                    "href": links.item(doc["id"], str(attr.get("id"))), "name": source_name(attr, ents),
                    "type": attr.get("source_type"), "kind": attr.get("kind"),
                    "content": (attr.get("content") or {}).get("text") or "", "claims": claims, "events": events})
    return {"key": key, "name": rows[0]["source_name"] if rows else key, "citations": out}


@router.get("/sources", include_in_schema=False)
def sources(request: Request):
    st = state(request)
    key = request.query_params.get("key")
    ctx = sources_context(st.store, st.corpus.load(st.store))
    detail = source_detail(st.store, key[:300], st.links) if key else None
    return page(request, "sources.html", title="Sources", detail=detail, **ctx)

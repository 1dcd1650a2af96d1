"""Sources: who is cited, how often, as what type, backing which claims and events.

A source's citations can be narrowed to one `cue_class` (`/sources?key=...&cue_class=speech`,
as on the article page): what the source said, or only what it is reported to believe or see.
The table of sources counts every citation (the index has no cue class column).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from narrascope.spans import pieces_text
from narrascope.store.search import ensure_index, source_name
from narrascope.web import queries
from narrascope.web.app import page, require_read, state
from narrascope.web.pages.article import cue_class_counts, parse_cue_class
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


def source_detail(store: Any, key: str, links: Links, docs: dict[str, dict] | None = None,
                  cue_class: str | None = None) -> dict[str, Any]:
    """A source's citations (at most the first 60, queries.source_citations); `cue_class` keeps
    those of one class, the counts per class are over all of them."""
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
        klass = attr.get("cue_class")
        out.append({"doc_label": doc_label(doc), "doc_href": links.doc(doc["id"]), "attr": attr,
                    "cue_class": klass if isinstance(klass, str) and klass else None,
                    "href": links.item(doc["id"], str(attr.get("id"))), "name": source_name(attr, ents),
                    "type": attr.get("source_type"), "kind": attr.get("kind"),
                    "content": pieces_text(doc.get("text") if isinstance(doc.get("text"), str) else "",
                                           attr.get("content")), "claims": claims, "events": events})
    counts, unclassed = cue_class_counts([c.pop("attr") for c in out])
    kept = [c for c in out if cue_class is None or c["cue_class"] == cue_class]
    return {"key": key, "name": rows[0]["source_name"] if rows else key, "citations": kept,
            "cue_filter": cue_class, "cue_counts": counts, "cue_unclassed": unclassed, "total": len(out)}


@router.get("/sources", include_in_schema=False)
def sources(request: Request):
    st = state(request)
    key = request.query_params.get("key")
    ctx = sources_context(st.store, st.corpus.load(st.store))
    detail = source_detail(st.store, key[:300], st.links,
                           cue_class=parse_cue_class(request.query_params.get("cue_class"))) if key else None
    return page(request, "sources.html", title="Sources", detail=detail, **ctx)

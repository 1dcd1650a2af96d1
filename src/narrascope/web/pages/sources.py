"""Sources: who is cited, how often, as what type, backing which claims and events.

`?cue_class=speech` (a class of attribution/cue_class.py, checked like the article page's;
anything else is ignored) narrows the whole page to the citations of one class: the table's
totals (citations, documents, claims and events backed, read from the `cue_class` column of
`ns_citations`), the source types, and a source's citations (`&key=...`). The class chips count
citations over the corpus (above the table) and over the source (its card); "all" counts every
citation, those without a class (documents stored before session 13) included.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from narrascope.spans import pieces_text
from narrascope.store.search import ensure_index, source_name
from narrascope.web import queries
from narrascope.web.app import page, require_read, state
from narrascope.attribution.cue_class_names import known_cue_class
from narrascope.web.pages.article import class_chips
from narrascope.web.pages.dashboard import store_version
from narrascope.web.corpus_view import CorpusView
from narrascope.web.render import Links, doc_label

router = APIRouter(dependencies=[Depends(require_read)])
DETAIL_LIMIT = 60  # citations listed for one source

_cache: dict[tuple, tuple] = {}


def sources_context(store: Any, corpus: CorpusView, cue_class: str | None = None) -> dict[str, Any]:
    """The sources table (of one cue class, or all), the source types and the class chips."""
    ensure_index(store.engine)
    key = (store_version(store), cue_class)
    if key not in _cache:
        with store.session() as s:
            if any(k[0] != key[0] for k in _cache):  # the store changed: every class is stale
                _cache.clear()
            _cache[key] = (queries.source_table(s, cue_class=cue_class), queries.source_types(s, cue_class),
                           queries.cue_class_totals(s))
    table, types, totals = _cache[key]
    return {"sources": table, "types": types, "table_cue": class_chips(totals, cue_class),
            "corpus_sources": corpus.sources if corpus.available else []}


def source_detail(store: Any, key: str, links: Links, docs: dict[str, dict] | None = None,
                  cue_class: str | None = None) -> dict[str, Any]:
    """A source's citations (the first DETAIL_LIMIT, of one `cue_class` when given) and its
    citations per class (all of them, from the index)."""
    with store.session() as s:
        rows = queries.source_citations(s, key, DETAIL_LIMIT, cue_class)
        totals = queries.cue_class_totals(s, key)
        if not rows and cue_class is not None:  # the name, when no citation of that class exists
            rows_any = queries.source_citations(s, key, 1)
        else:
            rows_any = rows
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
        out.append({"doc_label": doc_label(doc), "doc_href": links.doc(doc["id"]),
                    "cue_class": klass if isinstance(klass, str) and klass else None,
                    "href": links.item(doc["id"], str(attr.get("id"))), "name": source_name(attr, ents),
                    "type": attr.get("source_type"), "kind": attr.get("kind"),
                    "content": pieces_text(doc.get("text") if isinstance(doc.get("text"), str) else "",
                                           attr.get("content")), "claims": claims, "events": events})
    chips = class_chips(totals, cue_class)
    shown_of = totals.get(cue_class, 0) if cue_class is not None else chips["total"]
    return {"key": key, "name": rows_any[0]["source_name"] if rows_any else key, "citations": out,
            "cue_filter": cue_class, "cue_counts": chips["counts"], "cue_unclassed": chips["unclassed"],
            "total": chips["total"], "more": max(0, shown_of - len(rows))}


@router.get("/sources", include_in_schema=False)
def sources(request: Request):
    st = state(request)
    key = request.query_params.get("key")
    cue_class = known_cue_class(request.query_params.get("cue_class"))
    ctx = sources_context(st.store, st.corpus.load(st.store), cue_class)
    detail = source_detail(st.store, key[:300], st.links, cue_class=cue_class) if key else None
    return page(request, "sources.html", title="Sources", detail=detail, **ctx)

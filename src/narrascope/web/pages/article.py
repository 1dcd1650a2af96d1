"""Article reader: clean text with highlighted layer spans, per-layer toggles and a side panel."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from fastapi import APIRouter, Depends, Request

from narrascope.attribution.cue_class_names import CUE_CLASSES, known_cue_class
from narrascope.errors import Errors
from narrascope.spans import pieces_text
from narrascope.store.search import is_actor, source_name
from narrascope.web.app import not_found, page, require_read, state
from narrascope.web.corpus_view import CorpusView
from narrascope.web.highlight import Mark, render_document, safe_ref, slug
from narrascope.web.render import DOC_ID, Links, doc_label, fmt_role, safe_url

router = APIRouter(dependencies=[Depends(require_read)])
_HL = re.compile(r"^(\d{1,9})-(\d{1,9})$")
LAYERS = [("ent", "Entities"), ("att", "Attributions"), ("ev", "Event triggers"), ("cl", "Claims"),
          ("rh", "Rhetoric")]
DEFAULT_ON = {"att", "cl", "ev"}


def parse_hl(value: str | None, n: int) -> tuple[int, int] | None:
    m = _HL.match(value or "")
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    return (a, b) if 0 <= a < b <= n else None


def _items(claim: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in claim.get("support") or [] if isinstance(s, dict)]


def class_chips(totals: dict[Any, int], cue_class: str | None = None) -> dict[str, Any]:
    """The chips of a cue-class filter from counts per class (an article's attributions, or the
    index's citations: `queries.cue_class_totals`): one per class in CUE_CLASSES order, and "no
    class" for the rest (documents stored before session 13, NULL in the index, anything else)."""
    counts = [{"value": c, "n": totals.get(c, 0)} for c in CUE_CLASSES]
    total = sum(totals.values())
    return {"filter": cue_class, "counts": counts, "total": total,
            "unclassed": total - sum(c["n"] for c in counts)}


def cue_class_counts(attributions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Attributions per cue class, in CUE_CLASSES order, and how many have no known class
    (they are shown under "all" only)."""
    chips = class_chips(Counter(known_cue_class(a.get("cue_class")) for a in attributions))
    return chips["counts"], chips["unclassed"]


def wire_credit(profile: Any) -> dict[str, str] | None:
    """`profile.wire_credit` to show in the header ("Wire credit: Reuters"), or None when the
    document has none (or was stored before session 14, or carries something else there)."""
    wc = profile.get("wire_credit") if isinstance(profile, dict) else None
    if not (isinstance(wc, dict) and isinstance(wc.get("text"), str) and wc["text"]):
        return None
    name = wc.get("name") if isinstance(wc.get("name"), str) else None
    return {"text": wc["text"], "name": name if name and name != wc["text"] else None,
            "where": CREDIT_PLACES.get(wc.get("where") if isinstance(wc.get("where"), str) else "dateline",
                                       CREDIT_PLACES["dateline"])}


# where `profile.wire_credit` was read (profile/wire.py); documents stored before session 15 have
# no `where` and were all read from the dateline or the closing credit
CREDIT_PLACES = {"dateline": "in the dateline", "closing": "in the closing credit", "byline": "in the byline",
                 "author": "in the author line", "reporting": "by the reporting line"}


def article_context(doc: dict[str, Any], links: Links, corpus: CorpusView, *, id_prefix: str = "",
                    hl: tuple[int, int] | None = None, cue_class: str | None = None) -> dict[str, Any]:
    """The reader's view of one document; `cue_class` (a known class or None) keeps only the
    attributions of that class in the side panel and the highlight layer."""
    ents = {e.get("id"): e for e in doc.get("entities") or []}
    text = doc.get("text") if isinstance(doc.get("text"), str) else ""
    extra = [Mark(hl[0], hl[1], "hl-target", "hl", "linked value")] if hl else []
    all_attributions = [a for a in doc.get("attributions") or [] if isinstance(a, dict)]
    shown = [cue_class is None or a.get("cue_class") == cue_class for a in all_attributions]
    kept = [a for a, on in zip(all_attributions, shown) if on]
    cue_counts, unclassed = cue_class_counts(all_attributions)
    names = [source_name(a, ents) or "(no source stated)" for a in all_attributions]
    attr_names = {safe_ref(a.get("id")): name for a, name in zip(all_attributions, names)}
    attrs = []
    for a, name, on in zip(all_attributions, names, shown):
        if not on:
            continue
        content = a.get("content") or {}
        # what kind of act the attribution reports (speech, belief, perception, ...): a document
        # stored before session 13 has no `cue_class` and shows no tag
        klass = a.get("cue_class")
        attrs.append({"ref": safe_ref(a.get("id")), "kind": a.get("kind"), "type": a.get("source_type"),
                      "cue_class": str(klass) if klass else None, "cue_class_css": slug(klass),
                      "source": name,
                      "cue": (a.get("cue") or {}).get("text"), "content": pieces_text(text, content),
                      "claims": [c.get("id") for c in doc.get("claims") or [] if c.get("asserted_by") == a.get("id")]})
    in_cluster = {}
    for c in corpus.clusters:
        for d, v in c["members"]:
            if d == doc.get("id"):
                in_cluster[v] = c["id"]
    events = []
    for v in doc.get("events") or []:
        events.append({"ref": safe_ref(v.get("id")), "type": v.get("type"), "date": v.get("date"),
                       "location": v.get("location"), "fatalities": v.get("fatalities"), "injuries": v.get("injuries"),
                       "perpetrators": [fmt_role(p) for p in v.get("perpetrators") or []],
                       "targets": [fmt_role(t) for t in v.get("targets") or []],
                       "instruments": [fmt_role(i) for i in v.get("instruments") or []],
                       "responsibility": v.get("responsibility") or [], "trigger": (v.get("trigger") or {}).get("text"),
                       "cluster": in_cluster.get(v.get("id"))})
    claims = [{"ref": safe_ref(c.get("id")), "status": c.get("status"), "text": c.get("text") or "",
               "checkworthy": c.get("checkworthy"), "unsupported": c.get("unsupported") is True,
               "support": [s.get("text") or "" for s in _items(c) if not s.get("carried")],
               # carried from the claim's context (session 13): shown apart, never as "backed by"
               "context": [attr_names.get(safe_ref(s.get("attribution_id"))) or s.get("text") or ""
                           for s in _items(c) if s.get("carried") and s.get("kind") == "context_attribution"],
               "wire": [s.get("text") or "" for s in _items(c) if s.get("carried") and s.get("kind") == "dateline"],
               # the poll a claim's percentages continue (session 19): carried, and it backs the claim
               "continues": [s.get("text") or "" for s in _items(c) if s.get("carried") and s.get("link") == "continues"],
               "by": "author" if c.get("asserted_by") in (None, "author") else attr_names.get(c.get("asserted_by"), c.get("asserted_by"))}
              for c in doc.get("claims") or []]
    rhetoric = Counter(r.get("technique") for r in doc.get("rhetoric") or [])
    actors = Counter((e.get("name") or e.get("text")) for e in ents.values() if is_actor(e))
    inp = doc.get("input") or {}
    return {
        "doc": doc, "doc_id": doc.get("id"), "label": doc_label(doc), "prefix": id_prefix,
        # the highlight layer shows the attributions the side panel lists
        "text_html": render_document(doc if cue_class is None else dict(doc, attributions=kept),
                                     id_prefix=id_prefix, extra=extra),
        "url": safe_url(inp.get("url")), "raw_url": inp.get("url"), "path": inp.get("path"),
        "layers": LAYERS, "default_on": DEFAULT_ON,
        "counts": {"ent": len(ents), "att": len(attrs), "ev": len(events), "cl": len(claims),
                   "rh": len(doc.get("rhetoric") or [])},
        "attributions": attrs, "events": events, "claims": claims,
        "cue_filter": cue_class, "cue_counts": cue_counts, "cue_unclassed": unclassed,
        "attributions_total": len(all_attributions), "wire_credit": wire_credit(doc.get("profile")),
        "rhetoric": sorted(rhetoric.items(), key=lambda kv: -kv[1]),
        "rhetoric_items": [{"ref": safe_ref(r.get("id")), "technique": r.get("technique"), "text": r.get("text")}
                           for r in doc.get("rhetoric") or []],
        "actors": actors.most_common(12), "profile": doc.get("profile") or {},
        "errors": doc.get("errors") or [], "hl": hl, "near_duplicate_of": doc.get("near_duplicate_of"),
    }


@router.get("/doc/{doc_id}", include_in_schema=False)
def article(request: Request, doc_id: str):
    if not DOC_ID.match(doc_id):
        from fastapi import HTTPException

        raise HTTPException(404, Errors.E091.format(what="document", id=doc_id[:80], pattern="sha256:<64 hex digits>"))
    st = state(request)
    doc = st.store.get_document(doc_id)
    if doc is None:
        raise not_found("document", doc_id)
    hl = parse_hl(request.query_params.get("hl"), len(doc.get("text") or ""))
    ctx = article_context(doc, st.links, st.corpus.load(st.store), hl=hl,
                          cue_class=known_cue_class(request.query_params.get("cue_class")))
    return page(request, "article.html", title=ctx["label"], **ctx)

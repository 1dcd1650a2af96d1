"""Event clusters: the versions of one real-world event side by side, contradictions highlighted,
each value linked to the sentence it was read from. Data from the corpus layer (corpus_view)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from narrascope.errors import Errors
from narrascope.web.app import not_found, page, require_read, state
from narrascope.web.corpus_view import CorpusView
from narrascope.web.render import CLUSTER_ID, Links, doc_label, fmt_count, fmt_date, fmt_place, fmt_role

router = APIRouter(dependencies=[Depends(require_read)])
SLOTS = [("type", "Event type"), ("date", "Date"), ("location", "Location"), ("perpetrators", "Perpetrators"),
         ("targets", "Targets"), ("instruments", "Means"), ("fatalities", "Killed"), ("injuries", "Injured"),
         ("responsibility", "Responsibility")]
SLOT_ALIASES = {"perpetrator": "perpetrators", "claimant": "responsibility", "target": "targets",
                "fatality": "fatalities", "killed": "fatalities", "injured": "injuries", "place": "location",
                "instrument": "instruments"}


def slot_key(name: Any) -> str:
    name = str(name or "")
    return SLOT_ALIASES.get(name, name)


def _evidence_for(doc: dict[str, Any], ev: dict[str, Any], *, span: dict | None = None,
                  value: str | None = None) -> tuple[int, int] | None:
    """The sentence a value came from: the evidence span holding it, else the value's own span."""
    evidence = [e for e in ev.get("evidence") or [] if isinstance(e, dict) and "start" in e]
    if span and isinstance(span.get("start"), int):
        for e in evidence:
            if e["start"] <= span["start"] and span.get("end", 0) <= e["end"]:
                return e["start"], e["end"]
        return span["start"], span["end"]
    if value:
        for e in evidence:
            if value in (e.get("text") or ""):
                return e["start"], e["end"]
        text = doc.get("text") or ""
        i = text.find(value)
        if i >= 0:
            return i, i + len(value)
    if evidence:
        return evidence[0]["start"], evidence[0]["end"]
    trig = ev.get("trigger") or {}
    return (trig["start"], trig["end"]) if isinstance(trig.get("start"), int) else None


def _cell(doc: dict[str, Any], ev: dict[str, Any], slot: str, links: Links) -> list[dict[str, Any]]:
    did = doc["id"]

    def item(label: str, rng: tuple[int, int] | None) -> dict[str, Any]:
        return {"text": label, "href": links.doc(did, rng) if rng else None}

    if slot == "type":
        return [item(str(ev.get("type") or "—").replace("_", " "), _evidence_for(doc, ev, span=ev.get("trigger")))]
    if slot == "date":
        d = ev.get("date") or {}
        return [item(fmt_date(d), _evidence_for(doc, ev, value=d.get("text")))] if d else []
    if slot == "location":
        loc = ev.get("location") or {}
        return [item(fmt_place(loc), _evidence_for(doc, ev, value=loc.get("text") or loc.get("name")))] if loc else []
    if slot in ("perpetrators", "targets", "instruments"):
        return [item(fmt_role(r), _evidence_for(doc, ev, span=r))
                for r in ev.get(slot) or [] if isinstance(r, dict)]
    if slot in ("fatalities", "injuries"):
        c = ev.get(slot)
        return [item(fmt_count(c), _evidence_for(doc, ev, value=c.get("text")))] if isinstance(c, dict) else []
    if slot == "responsibility":
        attrs = {a.get("id"): a for a in doc.get("attributions") or []}
        out = []
        for r in ev.get("responsibility") or []:
            label = f"{r.get('claimant') or '?'}: {str(r.get('status') or '').replace('_', ' ')}"
            if r.get("announced_by"):
                label += f" (announced by {r['announced_by']})"
            if r.get("attributed_by"):
                label += f" — per {r['attributed_by']}"
            a = attrs.get(r.get("attribution_id"))
            span = (a or {}).get("content")
            out.append(item(label, _evidence_for(doc, ev, span=span) if span else _evidence_for(doc, ev, value=r.get("claimant"))))
        return out
    return []


def cluster_context(store: Any, corpus: CorpusView, cluster_id: str, links: Links,
                    docs: dict[str, dict] | None = None) -> dict[str, Any] | None:
    cluster = corpus.cluster(cluster_id)
    if cluster is None:
        return None
    contradicted = {}
    for k in corpus.contradictions.get(cluster_id, []):
        contradicted[slot_key(k["slot"])] = k
    columns = []
    for doc_id, event_id in cluster["members"]:
        doc = (docs or {}).get(doc_id) if docs is not None else store.get_document(doc_id)
        if doc is None:
            columns.append({"doc_id": doc_id, "event_id": event_id, "missing": True, "label": doc_id})
            continue
        ev = next((e for e in doc.get("events") or [] if e.get("id") == event_id), None)
        col = {"doc_id": doc_id, "event_id": event_id, "label": doc_label(doc), "site": doc.get("site"),
               "published": doc.get("published"), "missing": ev is None, "cells": {}}
        if ev is not None:
            col["cells"] = {slot: _cell(doc, ev, slot, links) for slot, _ in SLOTS}
            col["href"] = links.item(doc_id, event_id)
        columns.append(col)
    labels = {c["doc_id"]: c["label"] for c in columns}
    return {"cluster": cluster, "columns": columns, "slots": SLOTS, "contradicted": contradicted, "labels": labels}


@router.get("/clusters", include_in_schema=False)
def clusters(request: Request):
    st = state(request)
    corpus = st.corpus.load(st.store)
    show_all = request.query_params.get("all") == "1"
    shown = [c for c in corpus.clusters if show_all or c["documents"] > 1]
    return page(request, "clusters.html", title="Event clusters", corpus=corpus, shown=shown, show_all=show_all,
                hidden=len(corpus.clusters) - len(shown),
                counts={c["id"]: len(corpus.contradictions.get(c["id"], [])) for c in corpus.clusters})


def requested_cluster(request: Request, cluster_id: str) -> dict[str, Any]:
    """The context of the cluster a request names: 404 for a malformed or unknown id."""
    if not CLUSTER_ID.match(cluster_id):
        raise HTTPException(404, Errors.E091.format(what="cluster", id=cluster_id[:80], pattern="letters, digits, _ . : -"))
    st = state(request)
    ctx = cluster_context(st.store, st.corpus.load(st.store), cluster_id, st.links)
    if ctx is None:
        raise not_found("event cluster", cluster_id)
    return ctx


@router.get("/clusters/{cluster_id}", include_in_schema=False)
def cluster(request: Request, cluster_id: str):
    ctx = requested_cluster(request, cluster_id)
    return page(request, "cluster.html", title=f"Event cluster {cluster_id}", **ctx)

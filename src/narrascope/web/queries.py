"""Aggregate SQL for the dashboard, the sources page and the API (no document JSON is loaded)."""

from __future__ import annotations

import json
from collections import namedtuple
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Iterator

from sqlalchemy import Column, MetaData, Select, String, Table, distinct, exists, func, select, text
from sqlalchemy.orm import Session

from narrascope.store import facet_vectors as fv
from narrascope.store.schema import DocEvent, Document
from narrascope.store.search import citations, facet_totals, facets, relations

UNKNOWN_SITE = "(unknown source)"
Edge = namedtuple("Edge", "source_key target_key relation n")


@dataclass
class Filters:
    site: str | None = None
    type: str | None = None
    actor: str | None = None
    technique: str | None = None
    country: str | None = None
    scope: Select | None = field(default=None, repr=False, compare=False)  # materialised ids (`scoped`)

    @classmethod
    def from_params(cls, params: Any) -> "Filters":
        def get(k: str) -> str | None:
            v = params.get(k)
            return v[:300] if isinstance(v, str) and v.strip() else None
        return cls(site=get("site"), type=get("type"), actor=get("actor"), technique=get("technique"),
                   country=get("country"))

    def active(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if k != "scope" and v}

    def doc_ids(self) -> Select | None:
        """A subquery of matching document ids, or None when nothing is filtered.

        One condition drives (its ids read from a covering index: a source, else an actor, a
        technique, an event type, a country); the others are checked per driving id with
        `EXISTS` seeks, so no condition is evaluated over the whole corpus."""
        if self.scope is not None:
            return self.scope
        conds = [(k, getattr(self, k)) for k in ("site", "actor", "technique", "type", "country") if getattr(self, k)]
        if not conds:
            return None
        (kind, value), rest = conds[0], conds[1:]
        q, col = _ids(kind, value)
        return q.where(*(_exists(k, v, col) for k, v in rest))


def _site_cond(value: str) -> Any:
    return Document.site.is_(None) if value == UNKNOWN_SITE else Document.site == value


def _ids(kind: str, value: str) -> tuple[Select, Any]:
    """The ids matching one condition (from an index holding them) and their column."""
    if kind == "site":
        return select(Document.id).where(_site_cond(value)), Document.id
    if kind in ("type", "country"):
        col = DocEvent.type if kind == "type" else DocEvent.country_iso
        return select(DocEvent.doc_id).where(col == value).distinct(), DocEvent.doc_id
    return select(facets.c.doc_id).where(facets.c.facet == kind, facets.c.value == value), facets.c.doc_id


def _exists(kind: str, value: str, doc_id: Any) -> Any:
    """Whether the document `doc_id` matches one condition (a seek)."""
    if kind == "site":
        d = Document.__table__.alias("fd")
        return exists().where(d.c.id == doc_id, d.c.site.is_(None) if value == UNKNOWN_SITE else d.c.site == value)
    if kind in ("type", "country"):
        e = DocEvent.__table__.alias("fe")
        return exists().where(e.c.doc_id == doc_id, (e.c.type if kind == "type" else e.c.country_iso) == value)
    f = facets.alias("ff")
    return exists().where(f.c.doc_id == doc_id, f.c.facet == kind, f.c.value == value)


def corpus_size(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(Document)) or 0


def matched(s: Session, ids: Select) -> int:
    """How many documents a filter's id subquery matches."""
    return s.scalar(select(func.count()).select_from(ids.subquery())) or 0


def count_documents(s: Session, f: Filters) -> int:
    """How many documents the filter matches (the corpus size without one)."""
    ids = f.doc_ids()
    return corpus_size(s) if ids is None else matched(s, ids)


SCOPE = Table("ns_scope", MetaData(), Column("doc_id", String(80), primary_key=True))


@contextmanager
def scoped(s: Session, f: Filters) -> Iterator[Filters]:
    """`f` for a run of aggregates: no filter when it matches every document (same counts,
    without a restriction that makes each aggregate probe the corpus document by document);
    else its matching ids evaluated once into a temporary table of this connection, which the
    aggregates read instead of re-running the filter's joins each time."""
    ids = f.doc_ids()
    if ids is None or _matches_all(s, f):
        yield Filters() if ids is not None else f
        return
    s.execute(text("CREATE TEMPORARY TABLE IF NOT EXISTS ns_scope (doc_id varchar(80) PRIMARY KEY)"))
    s.execute(text("DELETE FROM ns_scope"))
    s.execute(SCOPE.insert().from_select(["doc_id"], ids))
    n = s.scalar(select(func.count()).select_from(SCOPE)) or 0
    try:
        yield Filters() if n >= corpus_size(s) else replace(f, scope=select(SCOPE.c.doc_id))
    finally:
        s.execute(text("DELETE FROM ns_scope"))


def _matches_all(s: Session, f: Filters) -> bool:
    """Whether a one-facet filter is known to match every document (its value's total, kept at
    index time, equals the corpus size): then no id table is needed at all."""
    active = f.active()
    if len(active) != 1 or "country" in active:
        return False
    facet, value = next(iter(active.items()))
    if facet == "site":
        value = fv.key(None if value == UNKNOWN_SITE else value)
    n = fv.total(s, facet, value)
    return n is not None and n >= corpus_size(s)


def _restrict(q: Select, col: Any, ids: Select | None) -> Select:
    return q.where(col.in_(ids)) if ids is not None else q


# Every panel of the dashboard is derived from the counts of the web index's vectors
# (`store/facet_vectors.py`): under a filter, one read of the matching documents' vectors; without
# one, the per-value totals kept at index time. Each public function below can run alone (API,
# report); `dashboard` reads the vectors once and derives every panel from them.
EventGroup = namedtuple("EventGroup", "m type lat lon n dead place")


def vector_counts(s: Session, f: Filters) -> dict[str, Any] | None:
    """Per facet, value id -> documents (edges: relation rows; `event`: [events, fatalities])
    under the filter; None without a filter."""
    ids = f.doc_ids()
    return None if ids is None else fv.count(s, ids)


def doc_counts(s: Session, f: Filters, vec: dict[str, Any] | None = None) -> dict[str, dict[Any, int]]:
    """Documents per source (`site`, None: unknown) and per publication month (`month`, None: undated)."""
    vec = vector_counts(s, f) if vec is None else vec
    out: dict[str, dict[Any, int]] = {}
    for facet in ("site", "month"):
        counts = fv.whole(s, facet) if vec is None else vec[facet]
        out[facet] = {parts[0]: n for parts, n in fv.decoded(s, counts)}
    return out


def date_range(s: Session, f: Filters, dc: dict[str, dict[Any, int]]) -> tuple[str | None, str | None]:
    """First and last publication date: a seek of the `published` index within the first and
    the last month that has a matching document (a few rows, whatever the filter matches)."""
    months = sorted(m for m in dc["month"] if m)
    if not months:
        return None, None
    ids, p = f.doc_ids(), Document.published

    def edge(agg: Any, month: str) -> str | None:
        # [month, next) by the index, then exactly the month (any string format); `id || ''`
        # keeps SQLite from seeking every matching document by id instead
        q = select(agg(p)).where(p >= month, p < month[:-1] + chr(ord(month[-1]) + 1),
                                 func.substr(p, 1, 7) == month)
        return s.scalar(_restrict(q, Document.id.concat(""), ids))
    return edge(func.min, months[0]), edge(func.max, months[-1])


def event_groups(s: Session, f: Filters, vec: dict[str, Any] | None = None) -> list[EventGroup]:
    """Events per month, type and place (coordinates to 2 decimals) with their fatalities."""
    vec = vector_counts(s, f) if vec is None else vec
    counts = fv.whole(s, "event") if vec is None else vec["event"]
    return [EventGroup(m, t, lat, lon, n, dead, place)
            for (m, t, lat, lon, place), (n, dead) in fv.decoded(s, counts)]


def dashboard(s: Session, f: Filters, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Every panel of the dashboard for `f` (use inside `scoped`)."""
    vec = vector_counts(s, f)
    dg, eg = doc_counts(s, f, vec), event_groups(s, f, vec)
    return {"stats": overview(s, f, dg, eg), "months": by_month(s, f, dg), "timeline": event_timeline(s, f, eg),
            "points": event_points(s, f, eg=eg), "facet": facet_counts(s, f, dg=dg, vec=vec),
            "docs": documents(s, f, limit=limit, offset=offset), "graph": actor_graph(s, f, vec=vec)}


def overview(s: Session, f: Filters, dg: dict[str, dict[Any, int]] | None = None,
             eg: list[Any] | None = None) -> dict[str, Any]:
    dg = doc_counts(s, f) if dg is None else dg
    eg = event_groups(s, f) if eg is None else eg
    first, last = date_range(s, f, dg)
    return {"documents": sum(dg["site"].values()), "total": corpus_size(s), "first": first, "last": last,
            "sites": sum(1 for site in dg["site"] if site is not None),
            "events": sum(r.n for r in eg), "fatalities": int(sum(r.dead or 0 for r in eg))}


def by_source(s: Session, f: Filters, limit: int = 12, dg: dict[str, dict[Any, int]] | None = None) -> list[dict[str, Any]]:
    n: dict[str, int] = {}
    for site, k in (doc_counts(s, f) if dg is None else dg)["site"].items():
        site = UNKNOWN_SITE if site is None else site
        n[site] = n.get(site, 0) + k
    return [{"value": k, "n": v} for k, v in sorted(n.items(), key=lambda x: (-x[1], x[0]))[:limit]]


def by_month(s: Session, f: Filters, dg: dict[str, dict[Any, int]] | None = None) -> list[dict[str, Any]]:
    months = (doc_counts(s, f) if dg is None else dg)["month"]
    undated = months.get(None, 0)
    return ([{"month": m, "n": k} for m, k in sorted((m, k) for m, k in months.items() if m)]
            + ([{"month": None, "n": undated}] if undated else []))


def event_timeline(s: Session, f: Filters, eg: list[Any] | None = None) -> list[dict[str, Any]]:
    acc: dict[tuple[str, str], list[int]] = {}
    for r in event_groups(s, f) if eg is None else eg:
        if r.m:
            a = acc.setdefault((r.m, r.type), [0, 0])
            a[0] += r.n
            a[1] += int(r.dead or 0)
    return [{"month": m, "type": t, "n": n, "fatalities": dead} for (m, t), (n, dead) in sorted(acc.items())]


def event_points(s: Session, f: Filters, limit: int = 1500, eg: list[Any] | None = None) -> dict[str, Any]:
    acc: dict[tuple[float, float, str], list[Any]] = {}
    unplaced = 0
    for r in event_groups(s, f) if eg is None else eg:
        if r.lat is None:
            unplaced += r.n
            continue
        if r.lon is None:
            continue
        a = acc.setdefault((float(r.lat), float(r.lon), r.type), [0, 0, None])
        a[0] += r.n
        a[1] += int(r.dead or 0)
        if r.place is not None and (a[2] is None or r.place < a[2]):
            a[2] = r.place
    rows = sorted(acc.items(), key=lambda x: (-x[1][0], x[0]))[:limit]
    return {"points": [{"lat": lat, "lon": lon, "place": place, "type": t, "n": n, "fatalities": dead}
                       for (lat, lon, t), (n, dead, place) in rows],
            "unplaced": unplaced}


def facet_counts(s: Session, f: Filters, limit: int = 12, *, dg: dict[str, dict[Any, int]] | None = None,
                 vec: dict[str, Any] | None = None) -> dict[str, list[dict[str, Any]]]:
    vec = vector_counts(s, f) if vec is None else vec
    out = {"site": by_source(s, f, limit, dg)}
    for facet in ("type", "actor", "technique"):
        # a filter: the matching documents' vectors; none: the totals kept at index time
        rows = fv.top_values(s, fv.whole_top(s, facet, limit) if vec is None else vec[facet], limit)
        if facet == "type":
            out[facet] = [{"value": v, "label": v, "n": n} for v, n in rows]
            continue
        meta = facet_meta(s, facet, [v for v, _ in rows])
        out[facet] = [{"value": v, "label": meta.get(v, (None, None))[0] or v, "n": n} for v, n in rows]
    return out


def facet_meta(s: Session, facet: str, values: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """Label and kind of each facet value (primary-key reads of the per-value totals)."""
    return {v: (label, kind) for v, label, kind, _ in facet_docs(s, facet, values)}


def facet_docs(s: Session, facet: str, values: list[str]) -> list[tuple[str, str | None, str | None, int]]:
    """`(value, label, kind, documents)` of these facet values over the whole corpus."""
    t = facet_totals.c
    out = []
    for i in range(0, len(values), 500):
        out += [tuple(r) for r in s.execute(select(t.value, t.label, t.kind, t.docs)
                                            .where(t.facet == facet, t.value.in_(values[i:i + 500]))).all()]
    return out


def documents(s: Session, f: Filters, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    # the page's ids first, sorted on the narrow covering index (id, site, published), then the
    # 50 rows: sorting the matched documents never reads their wide rows (text and JSON)
    page = _restrict(select(Document.id), Document.id.concat(""), f.doc_ids())  # `|| ''`: see date_range
    page_ids = list(s.scalars(page.order_by(Document.published.desc().nulls_last(), Document.id)
                              .limit(limit).offset(offset)))
    if not page_ids:
        return []
    ev_count = (select(func.count()).where(DocEvent.doc_id == Document.id).correlate(Document).scalar_subquery())
    q = select(Document.id, Document.title, Document.site, Document.published, Document.words, Document.url,
               Document.near_duplicate_of, func.substr(Document.text, 1, 120).label("head"),
               ev_count.label("events")).where(Document.id.in_(page_ids))
    rows = {r.id: r for r in s.execute(q).all()}
    return [{"id": r.id, "title": r.title, "site": r.site, "published": r.published, "words": r.words,
             "url": r.url, "near_duplicate_of": r.near_duplicate_of, "text": r.head, "events": r.events}
            for r in (rows[i] for i in page_ids if i in rows)]


def actor_graph(s: Session, f: Filters, limit: int = 80, *, vec: dict[str, Any] | None = None) -> dict[str, Any]:
    """Relations read from events (attacks, claims, accusations), aggregated across documents."""
    r = relations.c
    vec = vector_counts(s, f) if vec is None else vec
    counts = fv.whole_top(s, "edge", limit) if vec is None else vec["edge"]  # relation rows per edge
    rows = [Edge(*json.loads(v), n) for v, n in fv.top_values(s, counts, limit)]
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for row in rows:  # names and one evidence sentence from a single row per edge (index seek)
        one = s.execute(select(r.source_name, r.target_name, r.evidence).where(
            r.source_key == row.source_key, r.target_key == row.target_key, r.relation == row.relation).limit(1)).first()
        nodes.setdefault(row.source_key, {"id": row.source_key, "name": one.source_name, "type": None, "mentions": 0})
        nodes.setdefault(row.target_key, {"id": row.target_key, "name": one.target_name, "type": None, "mentions": 0})
        edges.append({"source": row.source_key, "target": row.target_key, "relation": row.relation, "count": row.n,
                      "evidence": [one.evidence] if one.evidence else []})
    if nodes:  # mentions: documents mentioning the actor (whole corpus), with its label and type
        for value, lab, kind, n in facet_docs(s, "actor", list(nodes)):
            nodes[value].update(mentions=int(n or 0), type=kind, name=lab or nodes[value]["name"])
    return {"nodes": list(nodes.values()), "edges": edges}


def source_table(s: Session, limit: int = 200, cue_class: str | None = None) -> list[dict[str, Any]]:
    """Sources by citations: citations, documents, claims and events backed; `cue_class` (a known
    class, see `attribution/cue_class_names.known_cue_class`) counts only the citations of that class."""
    c = citations.c
    q = select(c.source_key, func.count().label("n"), func.count(distinct(c.doc_id)).label("docs"),
               func.coalesce(func.sum(c.claims), 0).label("claims"), func.coalesce(func.sum(c.events), 0).label("events"))
    if cue_class is not None:
        q = q.where(c.cue_class == cue_class)
    rows = s.execute(q.group_by(c.source_key).order_by(func.count().desc(), c.source_key).limit(limit)).all()
    out = []
    for r in rows:  # name and type from one row per source (index seek)
        one = s.execute(select(c.source_name, c.source_type).where(c.source_key == r.source_key)
                        .limit(1)).first()
        out.append({"key": r.source_key, "name": one.source_name, "type": one.source_type, "citations": r.n,
                    "docs": r.docs, "claims": int(r.claims), "events": int(r.events)})
    return out


def source_types(s: Session, cue_class: str | None = None) -> list[dict[str, Any]]:
    c = citations.c
    q = select(c.source_type, func.count().label("n"))
    if cue_class is not None:
        q = q.where(c.cue_class == cue_class)
    rows = s.execute(q.group_by(c.source_type).order_by(func.count().desc(), c.source_type)).all()
    return [{"value": r.source_type or "unknown", "n": r.n} for r in rows]


def cue_class_totals(s: Session, key: str | None = None) -> dict[str | None, int]:
    """Citations per `cue_class` (None: no class), over the corpus or one source's citations."""
    c = citations.c
    q = select(c.cue_class, func.count().label("n"))
    if key is not None:
        q = q.where(c.source_key == key)
    return {r.cue_class: r.n for r in s.execute(q.group_by(c.cue_class))}


def source_citations(s: Session, key: str, limit: int = 60, cue_class: str | None = None) -> list[dict[str, Any]]:
    """A source's citations, the first `limit` by document and attribution id (of one class)."""
    c = citations.c
    q = select(c.doc_id, c.attribution_id, c.source_name, c.source_type, c.kind, c.claims, c.events, c.cue_class) \
        .where(c.source_key == key)
    if cue_class is not None:
        q = q.where(c.cue_class == cue_class)
    rows = s.execute(q.order_by(c.doc_id, c.attribution_id).limit(limit)).all()
    return [dict(r._mapping) for r in rows]


def events_list(s: Session, *, type: str | None = None, country: str | None = None, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    q = select(DocEvent)
    if type:
        q = q.where(DocEvent.type == type)
    if country:
        q = q.where(DocEvent.country_iso == country)
    q = q.order_by(DocEvent.date.is_(None), DocEvent.date.desc(), DocEvent.doc_id, DocEvent.event_id)
    return [{"doc_id": e.doc_id, "event_id": e.event_id, "type": e.type, "date": e.date, "date_end": e.date_end,
             "country_iso": e.country_iso, "place": e.place, "lat": e.lat, "lon": e.lon, "fatalities": e.fatalities}
            for e in s.scalars(q.limit(limit).offset(offset))]

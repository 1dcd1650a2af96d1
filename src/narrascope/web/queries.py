"""Aggregate SQL for the dashboard, the sources page and the API (no document JSON is loaded)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Iterator

from sqlalchemy import Column, MetaData, Select, String, Table, and_, distinct, func, literal, select, text
from sqlalchemy.orm import Session

from narrascope.store.schema import DocEvent, Document
from narrascope.store.search import citations, facet_totals, facets, relations

UNKNOWN_SITE = "(unknown source)"


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
        """A subquery of matching document ids, or None when nothing is filtered."""
        if self.scope is not None:
            return self.scope
        conds = []
        if self.site:
            conds.append(Document.site.is_(None) if self.site == UNKNOWN_SITE else Document.site == self.site)
        if self.type:
            conds.append(Document.id.in_(select(DocEvent.doc_id).where(DocEvent.type == self.type)))
        if self.country:
            conds.append(Document.id.in_(select(DocEvent.doc_id).where(DocEvent.country_iso == self.country)))
        if self.actor:
            conds.append(Document.id.in_(select(facets.c.doc_id).where(
                and_(facets.c.facet == "actor", facets.c.value == self.actor))))
        if self.technique:
            conds.append(Document.id.in_(select(facets.c.doc_id).where(
                and_(facets.c.facet == "technique", facets.c.value == self.technique))))
        if not conds:
            return None
        return select(Document.id).where(and_(*conds))


def corpus_size(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(Document)) or 0


def matched(s: Session, ids: Select) -> int:
    """How many documents a filter's id subquery matches."""
    return s.scalar(select(func.count()).select_from(ids.subquery())) or 0


SCOPE = Table("ns_scope", MetaData(), Column("doc_id", String(80), primary_key=True))


@contextmanager
def scoped(s: Session, f: Filters) -> Iterator[Filters]:
    """`f` for a run of aggregates: no filter when it matches every document (same counts,
    without a restriction that makes each aggregate probe the corpus document by document);
    else its matching ids evaluated once into a temporary table of this connection, which the
    aggregates read instead of re-running the filter's joins each time."""
    ids = f.doc_ids()
    if ids is None:
        yield f
        return
    s.execute(text("CREATE TEMPORARY TABLE IF NOT EXISTS ns_scope (doc_id varchar(80) PRIMARY KEY)"))
    s.execute(text("DELETE FROM ns_scope"))
    s.execute(SCOPE.insert().from_select(["doc_id"], ids))
    n = s.scalar(select(func.count()).select_from(SCOPE)) or 0
    try:
        yield Filters() if n >= corpus_size(s) else replace(f, scope=select(SCOPE.c.doc_id))
    finally:
        s.execute(text("DELETE FROM ns_scope"))


def _restrict(q: Select, col: Any, ids: Select | None) -> Select:
    return q.where(col.in_(ids)) if ids is not None else q


def overview(s: Session, f: Filters) -> dict[str, Any]:
    ids = f.doc_ids()
    q = _restrict(select(func.count(), func.min(Document.published), func.max(Document.published),
                         func.count(distinct(Document.site))).select_from(Document), Document.id, ids)
    n, first, last, sites = s.execute(q).one()
    ev = s.execute(_restrict(select(func.count(), func.coalesce(func.sum(DocEvent.fatalities), 0)), DocEvent.doc_id, ids)).one()
    total = s.scalar(select(func.count()).select_from(Document)) or 0
    return {"documents": n, "total": total, "first": first, "last": last, "sites": sites,
            "events": ev[0], "fatalities": int(ev[1] or 0)}


def by_source(s: Session, f: Filters, limit: int = 12) -> list[dict[str, Any]]:
    site = func.coalesce(Document.site, literal(UNKNOWN_SITE))
    q = _restrict(select(site.label("site"), func.count().label("n")).select_from(Document), Document.id, f.doc_ids())
    rows = s.execute(q.group_by(site).order_by(func.count().desc(), site).limit(limit)).all()
    return [{"value": r.site, "n": r.n} for r in rows]


def by_month(s: Session, f: Filters) -> list[dict[str, Any]]:
    month = func.substr(Document.published, 1, 7)
    q = _restrict(select(month.label("m"), func.count().label("n")).where(Document.published.is_not(None)),
                  Document.id, f.doc_ids())
    rows = s.execute(q.group_by(month).order_by(month)).all()
    undated = s.scalar(_restrict(select(func.count()).select_from(Document).where(Document.published.is_(None)),
                                 Document.id, f.doc_ids())) or 0
    return [{"month": r.m, "n": r.n} for r in rows if r.m] + ([{"month": None, "n": undated}] if undated else [])


def event_timeline(s: Session, f: Filters) -> list[dict[str, Any]]:
    month = func.substr(DocEvent.date, 1, 7)
    q = _restrict(select(month.label("m"), DocEvent.type, func.count().label("n"),
                         func.coalesce(func.sum(DocEvent.fatalities), 0).label("dead"))
                  .where(DocEvent.date.is_not(None)), DocEvent.doc_id, f.doc_ids())
    rows = s.execute(q.group_by(month, DocEvent.type).order_by(month)).all()
    return [{"month": r.m, "type": r.type, "n": r.n, "fatalities": int(r.dead or 0)} for r in rows if r.m]


def event_points(s: Session, f: Filters, limit: int = 1500) -> dict[str, Any]:
    lat, lon = func.round(DocEvent.lat, 2), func.round(DocEvent.lon, 2)
    q = _restrict(select(lat.label("lat"), lon.label("lon"), func.min(DocEvent.place).label("place"),
                         DocEvent.type, func.count().label("n"),
                         func.coalesce(func.sum(DocEvent.fatalities), 0).label("dead"))
                  .where(DocEvent.lat.is_not(None), DocEvent.lon.is_not(None)), DocEvent.doc_id, f.doc_ids())
    rows = s.execute(q.group_by(lat, lon, DocEvent.type).order_by(func.count().desc()).limit(limit)).all()
    unplaced = s.scalar(_restrict(select(func.count()).select_from(DocEvent).where(DocEvent.lat.is_(None)),
                                  DocEvent.doc_id, f.doc_ids())) or 0
    return {"points": [{"lat": float(r.lat), "lon": float(r.lon), "place": r.place, "type": r.type, "n": r.n,
                        "fatalities": int(r.dead or 0)} for r in rows],
            "unplaced": unplaced}


def facet_counts(s: Session, f: Filters, limit: int = 12) -> dict[str, list[dict[str, Any]]]:
    ids = f.doc_ids()
    types = s.execute(_restrict(select(DocEvent.type, func.count(distinct(DocEvent.doc_id)).label("n")),
                                DocEvent.doc_id, ids).group_by(DocEvent.type)
                      .order_by(func.count(distinct(DocEvent.doc_id)).desc(), DocEvent.type).limit(limit)).all()
    out = {"site": by_source(s, f, limit), "type": [{"value": r.type, "label": r.type, "n": r.n} for r in types]}
    for facet in ("actor", "technique"):
        if ids is None:  # whole corpus: the totals kept at index time, top rows of an index
            t = facet_totals.c
            rows = s.execute(select(t.value, t.docs.label("n")).where(t.facet == facet)
                             .order_by(t.docs.desc(), t.value).limit(limit)).all()
        else:
            # `facet || ''` keeps SQLite from walking every row of this facet in (facet, value)
            # order probing the set; it seeks (doc_id, facet, value) per document instead, unless
            # the filter is so broad that one pass over the facet's rows is cheaper
            cond = facets.c.facet.concat("") == facet if _seek_cheaper(s, facet, ids) else facets.c.facet == facet
            q = _restrict(select(facets.c.value, func.count().label("n")).where(cond), facets.c.doc_id, ids)
            rows = s.execute(q.group_by(facets.c.value).order_by(func.count().desc(), facets.c.value)
                             .limit(limit)).all()
        meta = facet_meta(s, facet, [r.value for r in rows])
        out[facet] = [{"value": r.value, "label": meta.get(r.value, (None, None))[0] or r.value, "n": r.n} for r in rows]
    return out


def _seek_cheaper(s: Session, facet: str, ids: Select) -> bool:
    """Whether counting a facet over a document set is cheaper document by document (a seek
    per document, then its rows) than in one pass over all the facet's rows probing the set.
    Per-row and per-document costs measured on SQLite at 10,000 documents (docs/web.md)."""
    rows = s.scalar(select(func.sum(facet_totals.c.docs)).where(facet_totals.c.facet == facet)) or 0
    total = corpus_size(s) or 1
    docs = matched(s, ids)
    return docs * (9.7 + 0.35 * rows / total) < 0.62 * rows


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
    ev_count = (select(func.count()).where(DocEvent.doc_id == Document.id).correlate(Document).scalar_subquery())
    q = _restrict(select(Document.id, Document.title, Document.site, Document.published, Document.words,
                         Document.url, Document.near_duplicate_of, func.substr(Document.text, 1, 120).label("head"),
                         ev_count.label("events")),
                  Document.id, f.doc_ids())
    q = q.order_by(Document.published.desc().nulls_last(), Document.id).limit(limit).offset(offset)
    return [{"id": r.id, "title": r.title, "site": r.site, "published": r.published, "words": r.words,
             "url": r.url, "near_duplicate_of": r.near_duplicate_of, "text": r.head, "events": r.events}
            for r in s.execute(q).all()]


def actor_graph(s: Session, f: Filters, limit: int = 80) -> dict[str, Any]:
    """Relations read from events (attacks, claims, accusations), aggregated across documents."""
    r = relations.c
    q = _restrict(select(r.source_key, r.target_key, r.relation, func.count().label("n")), r.doc_id, f.doc_ids())
    rows = s.execute(q.group_by(r.source_key, r.target_key, r.relation)
                     .order_by(func.count().desc(), r.source_key, r.target_key).limit(limit)).all()
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


def source_table(s: Session, limit: int = 200) -> list[dict[str, Any]]:
    c = citations.c
    rows = s.execute(select(c.source_key, func.count().label("n"), func.count(distinct(c.doc_id)).label("docs"),
                            func.coalesce(func.sum(c.claims), 0).label("claims"),
                            func.coalesce(func.sum(c.events), 0).label("events"))
                     .group_by(c.source_key).order_by(func.count().desc(), c.source_key).limit(limit)).all()
    out = []
    for r in rows:  # name and type from one row per source (index seek)
        one = s.execute(select(c.source_name, c.source_type).where(c.source_key == r.source_key)
                        .limit(1)).first()
        out.append({"key": r.source_key, "name": one.source_name, "type": one.source_type, "citations": r.n,
                    "docs": r.docs, "claims": int(r.claims), "events": int(r.events)})
    return out


def source_types(s: Session) -> list[dict[str, Any]]:
    c = citations.c
    rows = s.execute(select(c.source_type, func.count().label("n")).group_by(c.source_type)
                     .order_by(func.count().desc())).all()
    return [{"value": r.source_type or "unknown", "n": r.n} for r in rows]


def source_citations(s: Session, key: str, limit: int = 60) -> list[dict[str, Any]]:
    c = citations.c
    rows = s.execute(select(c.doc_id, c.attribution_id, c.source_name, c.source_type, c.kind, c.claims, c.events)
                     .where(c.source_key == key).order_by(c.doc_id, c.attribution_id).limit(limit)).all()
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

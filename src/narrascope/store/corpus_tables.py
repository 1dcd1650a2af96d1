"""Tables of the corpus level: event clusters, their members, and which documents are linked.

- `corpus_clusters`: one row per event cluster (`k1`, `k2`, ...) with its summary (type, date
  interval, most specific location) so listing clusters needs no JSON of the documents.
- `corpus_events`: one row per linked event: its cluster, the score it joined with, and the
  linking features (date interval as day ordinals, place path, actors) so that linking new
  documents resumes without reloading the documents already linked.
- `corpus_docs`: the documents already linked, with a hash of their events so a re-analysed
  document (different events) is unlinked and linked again.

Defined on the store's `Base`: importing this module before `Store()` creates the tables
(`ensure_tables` creates them on an existing database).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from narrascope.store.schema import Base, utcnow


class CorpusCluster(Base):
    __tablename__ = "corpus_clusters"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)
    type: Mapped[str] = mapped_column(String(40))
    day_lo: Mapped[int | None] = mapped_column(Integer, nullable=True)
    day_hi: Mapped[int | None] = mapped_column(Integer, nullable=True)
    place: Mapped[str | None] = mapped_column(Text, nullable=True)
    location: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    size: Mapped[int] = mapped_column(Integer, default=1)
    documents: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CorpusEvent(Base):
    __tablename__ = "corpus_events"
    doc_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)  # linking order
    cluster_id: Mapped[str] = mapped_column(String(40), index=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    type: Mapped[str] = mapped_column(String(40))
    day_lo: Mapped[int | None] = mapped_column(Integer, nullable=True)
    day_hi: Mapped[int | None] = mapped_column(Integer, nullable=True)
    place: Mapped[str | None] = mapped_column(Text, nullable=True)
    has_country: Mapped[bool] = mapped_column(Boolean, default=False)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    actors: Mapped[dict] = mapped_column(JSON, default=dict)
    location: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    dup_of: Mapped[str | None] = mapped_column(String(80), nullable=True)


class CorpusDoc(Base):
    __tablename__ = "corpus_docs"
    doc_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    events_hash: Mapped[str] = mapped_column(String(64))
    events: Mapped[int] = mapped_column(Integer, default=0)
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


CORPUS_TABLES = [CorpusCluster.__table__, CorpusEvent.__table__, CorpusDoc.__table__]


def ensure_tables(engine) -> None:
    """Create the corpus tables on a database made before they existed."""
    Base.metadata.create_all(engine, tables=CORPUS_TABLES)

"""SQLAlchemy schema: the same tables on SQLite (default) and PostgreSQL.

- `runs`: one row per `analyze` invocation.
- `inputs`: one row per input position (path, URL, WARC record, JSONL line) with its status;
  a re-run skips inputs that are `done`, which is how a killed batch resumes.
- `documents`: one row per distinct clean text (keyed by content hash), the document-v1 JSON
  in `data`, with denormalised columns for listing and search.
- `doc_errors`: per-input / per-document problems, the batch went on.
- `doc_bands`: MinHash LSH band keys for near-duplicate lookup inside the same database.
- `doc_events`: one row per extracted event, for dashboards and linking without loading JSON.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (JSON, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String,
                        Text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Run(Base):
    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    command: Mapped[dict] = mapped_column(JSON, default=dict)
    model: Mapped[str | None] = mapped_column(String(200), nullable=True)
    version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="running")  # running, finished, failed
    counts: Mapped[dict] = mapped_column(JSON, default=dict)


class Input(Base):
    __tablename__ = "inputs"
    key: Mapped[str] = mapped_column(String(2000), primary_key=True)
    source: Mapped[str] = mapped_column(String(2000))
    record: Mapped[str | None] = mapped_column(String(400), nullable=True)
    format: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))  # done, error, unsupported
    doc_id: Mapped[str | None] = mapped_column(String(80), ForeignKey("documents.id"), nullable=True, index=True)
    run_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("runs.id"), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    author: Mapped[str | None] = mapped_column(Text, nullable=True)
    site: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    language: Mapped[str] = mapped_column(String(10))
    words: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    near_duplicate_of: Mapped[str | None] = mapped_column(String(80), nullable=True)
    near_duplicate_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    pipeline_version: Mapped[str] = mapped_column(String(40))
    run_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("runs.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class DocError(Base):
    __tablename__ = "doc_errors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("runs.id"), nullable=True, index=True)
    input_key: Mapped[str] = mapped_column(String(2000), index=True)
    doc_id: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    stage: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocBand(Base):
    __tablename__ = "doc_bands"
    band: Mapped[str] = mapped_column(String(40), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(80), ForeignKey("documents.id"), primary_key=True)


class DocEvent(Base):
    __tablename__ = "doc_events"
    doc_id: Mapped[str] = mapped_column(String(80), ForeignKey("documents.id"), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    date: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    date_end: Mapped[str | None] = mapped_column(String(40), nullable=True)
    country_iso: Mapped[str | None] = mapped_column(String(8), nullable=True, index=True)
    place: Mapped[str | None] = mapped_column(Text, nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    fatalities: Mapped[int | None] = mapped_column(Integer, nullable=True)


Index("ix_inputs_status", Input.status)

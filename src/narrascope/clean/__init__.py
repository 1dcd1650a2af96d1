"""Cleaning: from a Record to the clean article text all offsets refer to.

`clean_record` returns a `Cleaned`: text, metadata (title, author, site, published), the
lines cut with their reasons (`removed`), the detected language and any errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from narrascope.ingest.record import Record


@dataclass
class Cleaned:
    text: str
    title: str | None = None
    author: str | None = None
    site: str | None = None
    published: str | None = None
    language: str = "und"
    removed: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


def clean_record(record: Record) -> Cleaned:
    """Placeholder: pass-through (the ingestion issue brings extraction and boilerplate filters)."""
    text = (record.text or record.html or "").strip()
    return Cleaned(text=text, title=record.title, author=record.author, site=record.site,
                   published=record.published, language="en")

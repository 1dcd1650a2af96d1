"""The unit every reader yields: one input document, raw or already failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Record:
    """One document as read from an input, before cleaning and analysis.

    Exactly one of `text` / `html` is set for a readable record; `error` is set (and both may be
    None) when the input could not be read: the batch records it and goes on.
    """

    source: str  # path or URL the record came from (the input name shown in errors)
    format: str  # text, html, jsonl, warc, feed
    text: str | None = None
    html: str | None = None
    url: str | None = None
    path: str | None = None
    record: str | None = None  # WARC record id, JSONL line number, feed entry id
    title: str | None = None
    author: str | None = None
    site: str | None = None
    published: str | None = None  # ISO date
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # encoding, content_type, http status, ...
    warnings: list[str] = field(default_factory=list)  # numbered messages that did not stop the record (E013)

    @property
    def key(self) -> str:
        """Stable identity of the input position (for resuming a batch)."""
        return f"{self.source}#{self.record}" if self.record else self.source

    def input_obj(self) -> dict[str, Any]:
        obj: dict[str, Any] = {"format": self.format, "record": self.record}
        if self.url:
            obj["url"] = self.url
        if self.path or not self.url:
            obj["path"] = self.path
        return obj

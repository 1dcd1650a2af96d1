"""Span objects of the output contract: `{text, start, end}` with `text == doc_text[start:end]`."""

from __future__ import annotations

from typing import Any


def span_dict(text: str, start: int, end: int, **extra: Any) -> dict[str, Any]:
    """A spec span over `text` (the whole document text) from character offsets."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    out: dict[str, Any] = {"text": text[start:end], "start": start, "end": end}
    out.update(extra)
    return out


def from_span(span: Any, **extra: Any) -> dict[str, Any]:
    """A spec span from a spaCy Span or Token (uses character offsets into its Doc)."""
    doc = span.doc
    if hasattr(span, "start_char"):
        start, end = span.start_char, span.end_char
    else:  # Token
        start, end = span.idx, span.idx + len(span.text)
    return span_dict(doc.text, start, end, **extra)


def check_span(text: str, span: dict[str, Any]) -> bool:
    """True when the span's text matches the document at its offsets."""
    return text[span["start"]:span["end"]] == span["text"]

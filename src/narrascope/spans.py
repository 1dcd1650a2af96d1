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
    """A spec span from a spaCy Span or Token.

    Uses the span's own text and character offsets: `Doc.text` is rebuilt from the tokens on
    every access, so going through it here made per-span calls cost O(document length).
    """
    if hasattr(span, "start_char"):
        out: dict[str, Any] = {"text": span.text, "start": span.start_char, "end": span.end_char}
    else:  # Token
        out = {"text": span.text, "start": span.idx, "end": span.idx + len(span.text)}
    out.update(extra)
    return out


def check_span(text: str, span: dict[str, Any]) -> bool:
    """True when the span's text matches the document at its offsets."""
    return text[span["start"]:span["end"]] == span["text"]


def pieces(part: Any) -> list[tuple[int, int]]:
    """The character pieces of a span that a cue may break (an attribution's content).

    The contract gives such a span its whole extent as `start`/`end` and, when the cue cuts it,
    the pieces as `spans: [[start, end], ...]`. This is the one reading of that shape: the
    pieces when there are any (malformed entries skipped: stored documents are read back from
    the web layer too), else the extent, else nothing.
    """
    if not isinstance(part, dict):
        return []
    listed = part.get("spans")
    if listed:
        return [(p[0], p[1]) for p in listed if isinstance(p, (list, tuple)) and len(p) == 2]
    if part.get("start") is None or part.get("end") is None:
        return []
    return [(part["start"], part["end"])]


def pieces_text(text: str, part: Any, sep: str = " … ") -> str:
    """What a reader should see of a span the cue may break: its pieces joined by `sep` ("that
    ... left 17 killed", without the "according to state media" between them); the span's own
    `text` when it has one piece, or when its pieces do not fit `text` (a malformed stored
    document)."""
    own = part.get("text") if isinstance(part, dict) else None
    own = own if isinstance(own, str) else ""
    cut = pieces(part)
    if len(cut) < 2 or not all(isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text)
                               for a, b in cut):
        return own
    return sep.join(text[a:b].strip() for a, b in cut)

"""Text units for event reading: the parser's sentences, split again at blank lines.

News text carries headings and list items without final punctuation; the small spaCy
parser often glues a heading to the next sentence. Events read from a heading alone would
duplicate the body's, so headings are marked and their mentions skipped.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def text_units(doc: Doc) -> list[Span]:
    units: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and tok.text.count("\n") >= 2 and tok.i > start:
                units.append(doc[start:tok.i])
                start = tok.i + 1
        if start < sent.end:
            units.append(doc[start:sent.end])
    return [u for u in units if u.text.strip()]


def is_heading(unit: Span) -> bool:
    """A short line with no final punctuation (titles, section headings, bylines)."""
    words = [t for t in unit if not t.is_space and not t.is_punct]
    if not words:
        return True
    last = [t for t in unit if not t.is_space][-1]
    if last.text in (".", "!", "?", "\u201d", '"', ":", ";") or last.text.endswith("."):
        return False
    return len(words) <= 16


def unit_index(doc: Doc, units: list[Span]) -> list[int]:
    """Token index -> unit index (-1 for tokens outside every unit)."""
    idx = [-1] * len(doc)
    for n, u in enumerate(units):
        for i in range(u.start, u.end):
            idx[i] = n
    return idx

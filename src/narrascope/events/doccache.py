"""Per-document values that spaCy rebuilds on every access, computed once per `extract` call.

`doc.text` joins every token on each access and `doc.ents` builds new spans on each access;
`extract` runs inside `cached(doc)`, and the helpers below return the stored values for that
doc (and fall back to spaCy's for any other doc, e.g. when a helper is called on its own).
Thread-local, so concurrent analyses in threads do not share state.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from spacy.tokens import Doc, Span, Token

_local = threading.local()


@contextmanager
def cached(doc: Doc) -> Iterator[None]:
    prev = getattr(_local, "state", None)
    ents = doc.ents
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    _local.state = (doc, doc.text, ents, by_token)
    try:
        yield
    finally:
        _local.state = prev


def _state(doc: Doc) -> tuple | None:
    state = getattr(_local, "state", None)
    return state if state is not None and state[0] is doc else None


def doc_text(doc: Doc) -> str:
    state = _state(doc)
    return state[1] if state else doc.text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    state = _state(doc)
    return state[2] if state else doc.ents


def entity_at(tok: Token) -> Span | None:
    """The named entity holding the token, or None."""
    state = _state(tok.doc)
    if state:
        return state[3].get(tok.i)
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None

"""Per-document values that spaCy rebuilds on every access, computed once per `extract` call.

`doc.text` joins every token on each access and `doc.ents` builds new spans on each access;
`extract` runs inside `cached(doc)`, and the helpers below return the stored values for that
doc (and fall back to spaCy's for any other doc, e.g. when a helper is called on its own).
`token_table(doc)` gives the token attributes the per-token loops read (text, lower, lemma,
POS, tag, dep, head index, entity IOB/type, stop/space/punct flags) as plain lists, read in one `to_array`
call: building a spaCy `Token` (and its `head`) costs more than the rest of such a loop.
Thread-local, so concurrent analyses in threads do not share state.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LOWER, ORTH, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

from narrascope.doc_text import doc_text as _shared_text

_local = threading.local()
T = TypeVar("T")
_IOB = ("", "I", "O", "B")  # spaCy's ENT_IOB codes -> `Token.ent_iob_`
_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, IS_STOP, IS_SPACE, IS_PUNCT]


class TokenTable:
    """Token attributes by token index (same values as the `Token` properties named alike);
    `lemma_l` is `lemma_.lower()`, `head` the head's index."""

    __slots__ = ("text", "lower", "lemma_l", "pos", "tag", "dep", "head", "ent_iob", "ent_type", "is_stop", "is_space",
                 "is_punct")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        if len(doc) == 0:
            cols: list[list[int]] = [[] for _ in _ATTRS]
        else:
            cols = doc.to_array(_ATTRS).T.tolist()
        # each distinct string read once from the StringStore
        string = {h: strings[h] for h in {*cols[0], *cols[1], *cols[2], *cols[4], *cols[5], *cols[8]}}
        lower = {h: string[h].lower() for h in set(cols[2])}
        self.text = [string[h] for h in cols[0]]
        self.lower = [string[h] for h in cols[1]]
        self.lemma_l = [lower[h] for h in cols[2]]
        self.pos = [POS_NAMES[h] for h in cols[3]]
        self.tag = [string[h] for h in cols[4]]
        self.dep = [string[h] for h in cols[5]]
        # HEAD is relative and stored unsigned: negative offsets wrap around 2**64
        self.head = [i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(cols[6])]
        self.ent_iob = [_IOB[h] for h in cols[7]]
        self.ent_type = [string[h] for h in cols[8]]
        self.is_stop = [bool(h) for h in cols[9]]
        self.is_space = [bool(h) for h in cols[10]]
        self.is_punct = [bool(h) for h in cols[11]]


@contextmanager
def cached(doc: Doc) -> Iterator[None]:
    prev = getattr(_local, "state", None)
    ents = doc.ents
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    _local.state = (doc, _shared_text(doc), ents, by_token, [], [], {})
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


def doc_sents(doc: Doc) -> list[Span]:
    """`list(doc.sents)` (read once per `cached(doc)`: spaCy rebuilds the spans on each access)."""
    state = _state(doc)
    if state is None:
        return list(doc.sents)
    if not state[5]:
        state[5].append(list(doc.sents))
    return state[5][0]


def memo(doc: Doc, key: str, build: Callable[[], T]) -> T:
    """`build()`, computed once per `cached(doc)` under `key` (called afresh outside it): a per-document
    value several event steps read (`units.doc_citation_lines`)."""
    state = _state(doc)
    if state is None:
        return build()
    if key not in state[6]:
        state[6][key] = build()
    return state[6][key]


def token_table(doc: Doc) -> TokenTable:
    """The doc's `TokenTable` (built once per `cached(doc)`; a fresh one outside it)."""
    state = _state(doc)
    if state is None:
        return TokenTable(doc)
    if not state[4]:
        state[4].append(TokenTable(doc))
    return state[4][0]

"""Wordpieces aligned to spaCy tokens, cut into overlapping windows the encoder can read.

Alignment is by character offsets: the tokenizer reports each wordpiece's span in the text, a
binary search over the tokens' start offsets names the token it falls in. Linear in the text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Pieces:
    """One document's wordpieces: ids, the spaCy token each belongs to, each token's first piece."""

    ids: np.ndarray          # (n_pieces,) int64 wordpiece ids, no special tokens
    token_of: np.ndarray     # (n_pieces,) int64 index of the spaCy token the piece lies in
    first: np.ndarray        # (n_tokens,) int64 index of the token's first piece, -1 if none


def token_offsets(doc) -> tuple[np.ndarray, np.ndarray]:
    """Start and end character offsets of every token of a Doc-like object."""
    starts = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
    ends = starts + np.fromiter((len(t) for t in doc), dtype=np.int64, count=len(doc))
    return starts, ends


def align(tokenizer, doc) -> Pieces:
    """Tokenise the document's text once and map every wordpiece to its spaCy token."""
    n_tokens = len(doc)
    enc = tokenizer(doc.text, add_special_tokens=False, return_offsets_mapping=True,
                    return_attention_mask=False, return_token_type_ids=False, verbose=False)
    ids = np.asarray(enc["input_ids"], dtype=np.int64)
    offsets = np.asarray(enc["offset_mapping"], dtype=np.int64).reshape(-1, 2)
    first = np.full(n_tokens, -1, dtype=np.int64)
    if not len(ids) or not n_tokens:
        return Pieces(ids[:0], np.zeros(0, dtype=np.int64), first)
    starts, ends = token_offsets(doc)
    token_of = np.searchsorted(starts, offsets[:, 0], side="right") - 1
    inside = (token_of >= 0) & (offsets[:, 0] < ends[np.clip(token_of, 0, None)])
    ids, token_of = ids[inside], token_of[inside]
    # first piece per token: the pieces are in text order, so the first occurrence of each token
    seen, where = np.unique(token_of, return_index=True)
    first[seen] = where
    return Pieces(ids, token_of, first)


def windows(n_pieces: int, size: int, overlap: int) -> list[tuple[int, int, int, int]]:
    """Cover pieces [0, n) with windows of `size`; each piece is owned by one window, the one where
    it sits farthest from an edge. Returns (start, end, own_start, own_end) per window."""
    if n_pieces <= size:
        return [(0, n_pieces, 0, n_pieces)]
    step = max(1, size - overlap)
    half = (size - step) // 2
    out = []
    start = 0
    while True:
        end = min(start + size, n_pieces)
        own_start = 0 if start == 0 else start + half
        if end == n_pieces:
            out.append((start, end, own_start, n_pieces))
            return out
        out.append((start, end, own_start, start + half + step))
        start += step

"""Vectorised features of token spans for the technique classifier (see model.py).

One 64-bit key per (span, feature), mixed from a template number and spaCy hashes of the
span's tokens and their surroundings (see features.py for the key scheme). All spans of a
document are featurised together with numpy (`repeat` / `reduceat` over the span tokens), so
the cost is linear in the total span length plus the length of the spans' sentences.
"""

from __future__ import annotations

import numpy as np
from spacy.strings import hash_string
from spacy.tokens import Doc

from narrascope.rhetoric.doc_repetition import ngram_repeats, repetition_keys
from narrascope.rhetoric.features import _BOS, _bucket, _mix

_QUOTES = np.array(sorted(hash_string(q) for q in ('"', "“", "”", "'", "‘", "’", "``", "''")), dtype=np.uint64)
_QUESTION = np.uint64(hash_string("?"))
_EXCLAIM = np.uint64(hash_string("!"))
# Which groups of span features to use (switches kept for ablations by cross-validation).
# "document" (session 11): the document-level repetition bins of doc_repetition.py.
OPTIONS = {"context_bag": True, "sentence_bag": True, "phrase": True, "marks": True, "earlier": True,
           "document": True}


def _expand(S: np.ndarray, E: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, token) pairs for the tokens of spans [S, E)."""
    W = E - S
    rows = np.repeat(np.arange(len(S), dtype=np.int64), W)
    offsets = np.repeat(np.cumsum(W) - W, W)
    toks = np.arange(int(W.sum()), dtype=np.int64) - offsets + np.repeat(S, W)
    return rows, toks


def span_features(doc: Doc, t: dict[str, np.ndarray], spans: list[tuple[int, int]],
                  dense: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, keys, dense) features for token spans [(start, end)] of `doc` (row = span index).

    Bag of words / lemmas / POS / head lemmas and bigrams inside the span, the whole wording,
    boundary and neighbouring words, the words around it and of its sentence, width,
    repetition in the article (and whether the wording occurred before; since session 11 also
    the binned document-level evidence of doc_repetition.py), quotes and question / exclamation
    marks, sentence coverage, and the mean tok2vec vector of the span.
    """
    n = len(doc)
    ns = len(spans)
    width_dense = dense.shape[1] if dense.ndim == 2 else 0
    if not ns or not n:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros((ns, width_dense), np.float32)
    lower, lemma, pos = t["lower"], t["lemma"], t["pos"]
    S = np.clip(np.array([s for s, _e in spans], dtype=np.int64), 0, n - 1)
    E = np.clip(np.array([e for _s, e in spans], dtype=np.int64), S + 1, n)
    W = E - S
    span_rows = np.arange(ns, dtype=np.int64)
    tok_rows, toks = _expand(S, E)
    firsts = np.cumsum(W) - W

    def at(arr: np.ndarray, idx: np.ndarray) -> np.ndarray:
        ok = (idx >= 0) & (idx < n)
        return np.where(ok, arr[np.clip(idx, 0, n - 1)], _BOS)

    inner = toks + 1 < np.repeat(E, W)
    lemma_max = np.maximum.reduceat(t["lemma_count"][toks], firsts)
    lemma_min = np.minimum.reduceat(t["lemma_count"][toks], firsts)
    coverage = np.round(4 * W / np.maximum(t["sent_len"][S], 1)).astype(np.uint64)
    rows = [tok_rows, tok_rows, tok_rows, tok_rows, tok_rows[inner]]
    keys = [_mix(100, lower[toks]), _mix(101, lemma[toks]), _mix(102, pos[toks]),
            _mix(113, lemma[t["head"][toks]]), _mix(103, lower[toks[inner]], lower[toks[inner] + 1])]
    count, earlier = ngram_repeats(lower, S, W)
    per_span = [
        _mix(104, lower[S]), _mix(105, lower[E - 1]), _mix(106, at(lower, S - 1)), _mix(107, at(lower, E)),
        _mix(108, at(lower, S - 2)), _mix(109, np.minimum(W, 12).astype(np.uint64)),
        _mix(110, _bucket(lemma_max, [2, 3, 5, 9])), _mix(111, coverage), _mix(112, pos[S], pos[E - 1]),
        _mix(0, np.zeros(ns, dtype=np.uint64)),
        _mix(115, _bucket(lemma_min, [2, 3, 5]), np.minimum(W, 6).astype(np.uint64)),
        _mix(116, _bucket(count, [2, 3])),
    ]
    short = W <= 3
    phrase3 = _mix(114, lower[S], np.where(W > 1, at(lower, S + 1), _BOS), np.where(W > 2, at(lower, S + 2), _BOS))
    rows.append(span_rows[short])
    keys.append(phrase3[short])
    if OPTIONS["phrase"]:  # the whole wording (order-sensitive sum of position-mixed hashes)
        offs = (toks - np.repeat(S, W)).astype(np.uint64)
        mixed = _mix(117, lower[toks], offs)
        whole = np.add.reduceat(mixed, firsts)
        per_span.append(_mix(118, whole, np.minimum(W, 20).astype(np.uint64)))
    if OPTIONS["earlier"]:
        per_span.append(_mix(119, earlier.astype(np.uint64), np.minimum(W, 4).astype(np.uint64)))
    if OPTIONS["marks"]:
        quoted = np.isin(at(lower, S - 1), _QUOTES) | np.isin(lower[S], _QUOTES)
        q_after = (at(lower, E) == _QUESTION) | (lower[E - 1] == _QUESTION)
        e_after = (at(lower, E) == _EXCLAIM) | (lower[E - 1] == _EXCLAIM)
        per_span.append(_mix(120, quoted.astype(np.uint64), q_after.astype(np.uint64), e_after.astype(np.uint64)))
        upper = t["shape"][toks] == np.uint64(hash_string("XXXX"))
        per_span.append(_mix(121, (np.add.reduceat(upper.astype(np.int64), firsts) > 0).astype(np.uint64)))
    if OPTIONS["context_bag"]:
        for k in (1, 2, 3):
            rows += [span_rows, span_rows]
            keys += [_mix(122, at(lemma, S - k)), _mix(123, at(lemma, E - 1 + k))]
    if OPTIONS["sentence_bag"]:  # lemmas of the sentence the span starts in
        sent_start = S - t["pos_in_sent"][S]  # at most 30 tokens either side: linear cost
        lo = np.maximum(sent_start, S - 30)
        hi = np.maximum(np.minimum(sent_start + t["sent_len"][S], E + 30), lo + 1)
        s_rows, s_toks = _expand(lo, hi)
        rows.append(s_rows)
        keys.append(_mix(124, lemma[s_toks]))
        q_sent = np.bincount(s_rows, weights=(lower[s_toks] == _QUESTION), minlength=ns) > 0
        per_span.append(_mix(125, q_sent.astype(np.uint64)))
    if OPTIONS["document"]:  # does the span's wording recur in the article (lemmas, fuzzily, title)
        per_span += repetition_keys(doc, t, S, E)
    rows += [span_rows] * len(per_span)
    keys += per_span
    dense_out = np.zeros((ns, width_dense), dtype=np.float32)
    if width_dense:
        dense_out = np.add.reduceat(dense[toks], firsts, axis=0) / W[:, None].astype(np.float32)
    return np.concatenate(rows), np.concatenate(keys), dense_out

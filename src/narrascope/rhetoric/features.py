"""Cheap, vectorised token features for the rhetoric tagger.

Every feature is a 64-bit key mixing a template number with a spaCy hash (lowercase form,
lemma, POS, tag, dependency, shape, head lemma ...) of a token or its neighbours. Keys are
computed with numpy over `doc.to_array(...)`, so featurising costs a few array operations per
document instead of a Python loop per token, and the model looks its weights up with
`searchsorted` (see model.py). Nothing here re-parses: it reads the existing Doc.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS, SENT_START, SHAPE, TAG
from spacy.tokens import Doc

ATTRS = [LOWER, LEMMA, POS, TAG, DEP, SHAPE, HEAD, SENT_START, IS_PUNCT, IS_SPACE, IDX, LENGTH]
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_S31 = np.uint64(31)
_BOS = np.uint64(0x5BD1E9955BD1E995)  # stands for "no token" beyond the document edges


def _mix(template: int, *values: np.ndarray) -> np.ndarray:
    """A 64-bit key per row from a template id and one or more uint64 value arrays."""
    h = np.full(values[0].shape, np.uint64((template + 1) * 0x9E3779B97F4A7C15 % 2**64), dtype=np.uint64)
    for v in values:
        h = (h ^ v) * _M2
        h ^= h >> _S31
    return h


def _shift(arr: np.ndarray, k: int) -> np.ndarray:
    """arr shifted so that row i holds arr[i + k] (edges filled with _BOS)."""
    if k == 0:
        return arr.copy()
    out = np.full_like(arr, _BOS)
    n = len(arr)
    if k > 0 and k < n:
        out[: n - k] = arr[k:]
    elif k < 0 and -k < n:
        out[-k:] = arr[: n + k]
    return out


def _bucket(values: np.ndarray, edges: list[int]) -> np.ndarray:
    return np.searchsorted(np.asarray(edges), values, side="right").astype(np.uint64)


def token_arrays(doc: Doc) -> dict[str, np.ndarray]:
    """Per-token uint64 attribute arrays plus derived sentence / article columns."""
    raw = doc.to_array(ATTRS)
    a = raw.astype(np.uint64)
    n = len(doc)
    lower, lemma, pos, tag, dep, shape = (a[:, i] for i in range(6))
    rel_head = a[:, 6].astype(np.int64)
    idx = np.arange(n, dtype=np.int64)
    head = np.clip(idx + rel_head, 0, max(n - 1, 0))
    sent_start = a[:, 7].astype(np.int64) == 1
    if n:
        sent_start[0] = True
    sent_id = np.cumsum(sent_start) - 1
    starts = np.flatnonzero(sent_start)
    sent_len = np.diff(np.append(starts, n))
    pos_in_sent = idx - starts[sent_id] if n else idx
    # repetition inside the article: how often this lemma occurs in the document
    _, inverse, counts = np.unique(lemma, return_inverse=True, return_counts=True)
    lemma_count = counts[inverse] if n else counts
    return {
        "lower": lower, "lemma": lemma, "pos": pos, "tag": tag, "dep": dep, "shape": shape,
        "head": head, "sent_id": sent_id, "sent_len": sent_len[sent_id] if n else sent_len,
        "pos_in_sent": pos_in_sent, "lemma_count": lemma_count,
        "skip": (a[:, 8] == 1) | (a[:, 9] == 1), "idx": raw[:, 10].astype(np.int64),
        "end": raw[:, 10].astype(np.int64) + raw[:, 11].astype(np.int64),
    }


def sentence_flags(doc: Doc, t: dict[str, np.ndarray], flag_hashes: dict[str, set[int]]) -> np.ndarray:
    """A uint64 bit set per token: which cue groups (by lowercase hash) occur in its sentence."""
    n = len(doc)
    bits = np.zeros(n, dtype=np.uint64)
    if not n:
        return bits
    nsent = int(t["sent_id"][-1]) + 1
    for bit, (_name, hashes) in enumerate(sorted(flag_hashes.items())):
        hit = np.isin(t["lower"], np.fromiter(hashes, dtype=np.uint64, count=len(hashes)))
        per_sent = np.bincount(t["sent_id"][hit], minlength=nsent) > 0
        bits |= per_sent[t["sent_id"]].astype(np.uint64) << np.uint64(bit)
    return bits


# Sentence-level cue groups (lowercase words): the tagger sees which groups occur in the
# token's sentence. Own choice of cues (exclamation, question, quotes, person, demands, negation).
FLAG_WORDS = {
    "exclaim": {"!"}, "question": {"?"}, "quote": {'"', "“", "”"},
    "first_person": {"i", "we", "our", "us", "my"}, "second_person": {"you", "your"},
    "demand": {"must", "should", "need"}, "negation": {"not", "n't", "never", "no"},
    "intensifier": {"very", "so", "totally", "absolutely", "completely", "utterly", "extremely"},
}
USE_FLAGS = False  # tried: dev SI-F1 31.0 -> 31.4 for the tagger alone; not shipped (within noise)


def _flag_hashes() -> dict[str, set[int]]:
    from spacy.strings import hash_string

    return {name: {hash_string(w) for w in words} for name, words in FLAG_WORDS.items()}


def featurize(doc: Doc, t: dict[str, np.ndarray] | None = None,
              flag_hashes: dict[str, set[int]] | None = None,
              lexicon_hits: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(rows, keys): feature keys for every token of `doc` (row = token index)."""
    n = len(doc)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    t = t if t is not None else token_arrays(doc)
    lower, lemma, pos, tag, dep, shape = t["lower"], t["lemma"], t["pos"], t["tag"], t["dep"], t["shape"]
    head_lemma = lemma[t["head"]]
    head_pos = pos[t["head"]]
    sent_len_b = _bucket(t["sent_len"], [5, 10, 20, 30, 45])
    pos_b = _bucket(t["pos_in_sent"], [1, 2, 4, 8, 16])
    rep_b = _bucket(t["lemma_count"], [2, 3, 5, 9])
    feats = [
        _mix(0, np.zeros(n, dtype=np.uint64)),  # bias
        _mix(1, lower), _mix(2, lemma), _mix(3, pos), _mix(4, tag), _mix(5, dep), _mix(6, shape),
        _mix(7, _shift(lower, -1)), _mix(8, _shift(lower, 1)),
        _mix(9, _shift(lower, -2)), _mix(10, _shift(lower, 2)),
        _mix(11, _shift(lower, -1), lower), _mix(12, lower, _shift(lower, 1)),
        _mix(13, _shift(pos, -1), pos, _shift(pos, 1)),
        _mix(14, _shift(pos, -1)), _mix(15, _shift(pos, 1)),
        _mix(16, head_lemma), _mix(17, dep, head_lemma), _mix(18, dep, head_pos),
        _mix(19, sent_len_b), _mix(20, pos_b), _mix(21, rep_b, pos),
        _mix(22, _shift(lemma, -3)), _mix(23, _shift(lemma, 3)),
        _mix(24, _shift(tag, -2), _shift(tag, -1), tag), _mix(25, tag, _shift(tag, 1), _shift(tag, 2)),
    ]
    if flag_hashes is None and USE_FLAGS:
        flag_hashes = _FLAGS
    if flag_hashes:
        flags = sentence_flags(doc, t, flag_hashes)
        feats.append(_mix(26, flags))
        feats.append(_mix(27, flags, pos))
    if lexicon_hits is not None:
        feats.append(_mix(28, lexicon_hits.astype(np.uint64)))
        feats.append(_mix(29, _shift(lexicon_hits.astype(np.uint64), -1), _shift(lexicon_hits.astype(np.uint64), 1)))
    keys = np.concatenate(feats)
    rows = np.tile(np.arange(n, dtype=np.int64), len(feats))
    return rows, keys


def dense_token(doc: Doc, t: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """Dense columns per token: spaCy's own tok2vec output (doc.tensor) and its sentence mean.

    The vectors are already computed by the pipeline's tok2vec; when a pipeline leaves
    doc.tensor empty the columns are zero (the sparse features still work).
    """
    n = len(doc)
    tensor = doc.tensor if getattr(doc, "tensor", None) is not None else None
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != n or tensor.shape[1] != DENSE_DIM:
        return np.zeros((n, 2 * DENSE_DIM), dtype=np.float32)
    tensor = np.asarray(tensor, dtype=np.float32)
    t = t if t is not None else token_arrays(doc)
    sid = t["sent_id"]
    starts = np.flatnonzero(np.diff(np.concatenate([[-1], sid])))
    ends = np.append(starts[1:], n)
    means = np.add.reduceat(tensor, starts, axis=0) / np.maximum(ends - starts, 1)[:, None].astype(np.float32)
    return np.hstack([tensor, means[sid]])


DENSE_DIM = 96  # width of en_core_web_sm's tok2vec output


_FLAGS = _flag_hashes()

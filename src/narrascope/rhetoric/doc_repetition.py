"""Document-level repetition evidence for the technique classifier (session 11).

`repetition` is by definition a document-level fact (the span's words recur elsewhere in the
article), and slogans and flag waving recur too, but a span classifier that reads the span and
its sentence cannot see it. This module gives the linear span classifier (span_features.py)
binned facts about each span against the rest of its article (`GROUPS`, the shipped ones):

- `rep_lemma`: how many *other* times the span's content-lemma sequence occurs as a contiguous
  run in the article's content-lemma stream (content lemma = the lower-cased lemma of a token that
  is not a stop word, punctuation or space; spaCy's own `is_stop` list, no word list of ours;
  spans of more than `MAX_N` content lemmas are compared on their first `MAX_N`), 0 / 1 / 2 / 3+,
  crossed with the number of content lemmas (capped at 4);
- `lemma_share`: the share of the span's distinct content lemmas that occur outside the span
  anywhere in the article: 0 / (0, .5) / [.5, 1) / 1;
- `title`: the title is the article's first non-empty line (at most `TITLE_TOKENS` tokens; a text
  without a line break has none): a span inside it gets its own bin, any other the share of its
  distinct content lemmas found in the title, 0 / (0, .5) / [.5, 1) / 1.

Measured, not shipped (`ALL_GROUPS`, opt-in through `groups`): `fuzzy`, the best rapidfuzz
`fuzz.partial_ratio` of the span's lower-cased text (its first `NEEDLE_CHARS` characters) against
the other sentences of the article (those not overlapping the span; at most `MAX_SENTENCES`, the
nearest, so the cost stays linear), < 70 / 70-84 / 85-94 / 95-99 / 100, crossed with the span
width (capped at 4). It scored the same on the validation fold with or without it and cost about
two thirds of the module's time (~0.6 ms per span; docs/history/claims-rhetoric.md, "Session 11").

A fact that is not defined (no content lemma, no other sentence, no title) has its own bin
(`UNDEFINED`). The exact-wording count of `ngram_repeats` (lower-cased words, stop words
included) was a span feature before this module.

`marker_indices` gives the same three shipped groups to the encoder backend's span classifier
when it is fitted with the input option `markers="repetition_v1"` (session 12, span_encoder.py):
one marker piece per group, `MARKER_PIECES` distinct pieces in all.
"""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz import fuzz, process
from spacy.attrs import IS_STOP
from spacy.strings import hash_string
from spacy.tokens import Doc

from narrascope.doc_text import doc_text
from narrascope.rhetoric.features import _bucket, _mix, _shift

GROUPS = ("rep_lemma", "lemma_share", "title")
ALL_GROUPS = ("rep_lemma", "lemma_share", "fuzzy", "title")
MAX_N = 6
MAX_SENTENCES = 200
NEEDLE_CHARS = 64
TITLE_TOKENS = 60
IN_TITLE = np.uint64(8)
UNDEFINED = np.uint64(9)
_SPACE = re.compile(r"\s+")

#: marker pieces of `marker_indices`: rep_lemma 0 / 1 / 2 / 3+ / undefined -> 0-4; lemma_share
#: 0 / (0, .5) / [.5, 1) / 1 / undefined -> 5-9; title 0 / (0, .5) / [.5, 1) / 1 / inside the
#: title / undefined -> 10-15 (bin value -> piece; -1: a bin the group never takes)
MARKER_PIECES = 16
_MARKER_OF = {"rep_lemma": np.array([0, 1, 2, 3, -1, -1, -1, -1, -1, 4]),
              "lemma_share": np.array([5, 6, 7, 8, -1, -1, -1, -1, -1, 9]),
              "title": np.array([10, 11, 12, 13, -1, -1, -1, -1, 14, 15])}


def ngram_repeats(lower: np.ndarray, S: np.ndarray, W: np.ndarray, max_n: int = MAX_N) -> tuple[np.ndarray, np.ndarray]:
    """(count, earlier) per span: how often the span's exact word sequence occurs in the
    document, and whether it occurs before the span (spans longer than `max_n` words are
    compared on their first `max_n` words). `lower`: one hash per token (or per position of any
    token stream), `S` / `W`: the spans' start positions and widths in it."""
    n = len(lower)
    count = np.ones(len(S), dtype=np.int64)
    earlier = np.zeros(len(S), dtype=bool)
    key = np.zeros(n, dtype=np.uint64)
    for width in range(1, max_n + 1):
        if width > n:
            break
        key = _mix(200 + width, key, _shift(lower, width - 1))  # hash of lower[i:i+width]
        valid = key[: n - width + 1]
        uniq, first, counts = np.unique(valid, return_index=True, return_counts=True)
        sel = np.minimum(W, max_n) == width
        if sel.any():
            pos = np.minimum(np.searchsorted(uniq, key[S[sel]]), len(uniq) - 1)
            count[sel] = counts[pos]
            earlier[sel] = first[pos] < S[sel]
    return count, earlier


def content_lemmas(doc: Doc, t: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(content mask, hash of the lower-cased lemma) per token. The lemma strings are looked up
    once per distinct lemma, not per token."""
    n = len(doc)
    stop = doc.to_array([IS_STOP]).reshape(n).astype(bool) if n else np.zeros(0, dtype=bool)
    content = ~(stop | t["skip"])
    uniq, inv = np.unique(t["lemma"], return_inverse=True)
    strings = doc.vocab.strings
    low = np.array([hash_string(strings[int(h)].lower()) if int(h) in strings else int(h) for h in uniq],
                   dtype=np.uint64)
    return content, low[inv.reshape(-1)] if n else low


def _share_bins(share: np.ndarray, defined: np.ndarray) -> np.ndarray:
    b = np.where(share <= 0, 0, np.where(share < 0.5, 1, np.where(share < 1, 2, 3))).astype(np.uint64)
    return np.where(defined, b, UNDEFINED)


def repetition_bins(doc: Doc, t: dict[str, np.ndarray], S: np.ndarray, E: np.ndarray,
                    groups: tuple[str, ...] = GROUPS) -> dict[str, np.ndarray]:
    """The bins (uint64 per span) of the `groups` for token spans [S, E) of `doc` (`t`: its
    `token_arrays`), plus `n_content` (content lemmas in the span, capped at 4)."""
    S, E = np.asarray(S, dtype=np.int64), np.asarray(E, dtype=np.int64)
    ns = len(S)
    content, low = content_lemmas(doc, t)
    csum = np.concatenate([[0], np.cumsum(content)])
    cs, m = csum[S], csum[E] - csum[S]
    stream = low[content]
    out = {"n_content": np.minimum(m, 4).astype(np.uint64)}
    if "rep_lemma" in groups:
        other = np.zeros(ns, dtype=np.int64)
        has = m > 0
        if has.any():
            count, _earlier = ngram_repeats(stream, cs[has], m[has])
            other[has] = count - 1
        out["rep_lemma"] = np.where(has, _bucket(other, [1, 2, 3]), UNDEFINED)
    if "lemma_share" in groups or "title" in groups:
        # distinct (span, content lemma) pairs, with the lemma's count inside the span
        rows = np.repeat(np.arange(ns, dtype=np.int64), m)
        cpos = np.arange(int(m.sum()), dtype=np.int64) - np.repeat(np.cumsum(m) - m, m) + np.repeat(cs, m)
        lemmas, lid = np.unique(stream, return_inverse=True)
        lid = lid.reshape(-1)
        nl = max(len(lemmas), 1)
        pairs, inside = np.unique(rows * nl + lid[cpos], return_counts=True)
        prow, plid = pairs // nl, pairs % nl
        distinct = np.bincount(prow, minlength=ns)
    if "lemma_share" in groups:
        outside = np.bincount(lid, minlength=nl)[plid] - inside > 0
        share = np.bincount(prow, weights=outside, minlength=ns) / np.maximum(distinct, 1)
        out["lemma_share"] = _share_bins(share, distinct > 0)
    if "fuzzy" in groups:
        out["fuzzy"] = fuzzy_bins(doc, t, S, E)
    if "title" in groups:
        text = doc_text(doc)
        lead = len(text) - len(text.lstrip())
        line_end = text.find("\n", lead)
        if line_end < 0 or not len(doc):
            out["title"] = np.full(ns, UNDEFINED)
        else:
            n_title = min(int(np.searchsorted(t["idx"], line_end)), TITLE_TOKENS)
            title = np.unique(low[:n_title][content[:n_title]])
            share = np.bincount(prow, weights=np.isin(lemmas[plid], title), minlength=ns) / np.maximum(distinct, 1)
            out["title"] = np.where(E <= n_title, IN_TITLE, _share_bins(share, distinct > 0))
    return out


def marker_indices(doc: Doc, t: dict[str, np.ndarray], S: np.ndarray, E: np.ndarray) -> np.ndarray:
    """(n_spans, 3) marker pieces (0 .. MARKER_PIECES - 1) of token spans [S, E): the span's
    rep_lemma, lemma_share and title bins (`GROUPS`), in that order. Neutral (nothing recurs, no
    title word): 0, 5, 10."""
    b = repetition_bins(doc, t, S, E, GROUPS)
    return np.stack([_MARKER_OF[g][b[g].astype(np.int64)] for g in GROUPS], axis=1)


def fuzzy_bins(doc: Doc, t: dict[str, np.ndarray], S: np.ndarray, E: np.ndarray) -> np.ndarray:
    """Per span, the bin of the best `partial_ratio` of its first NEEDLE_CHARS characters
    against the sentences that do not overlap it, at most MAX_SENTENCES of them (half before,
    half after); UNDEFINED without any."""
    text = doc_text(doc)
    sid = t["sent_id"]
    starts = np.flatnonzero(np.diff(np.concatenate([[-1], sid])))
    ends = np.append(starts[1:], len(sid))
    sents = [_SPACE.sub(" ", text[t["idx"][a]:t["end"][b - 1]]).strip().lower() for a, b in zip(starts, ends)]
    out = np.full(len(S), UNDEFINED)
    half = MAX_SENTENCES // 2
    for i, (s, e) in enumerate(zip(S.tolist(), E.tolist())):
        first, last = int(sid[s]), int(sid[e - 1])
        choices = sents[max(0, first - half):first] + sents[last + 1:last + 1 + half]
        needle = _SPACE.sub(" ", text[t["idx"][s]:t["end"][e - 1]]).strip().lower()[:NEEDLE_CHARS]
        best = process.extractOne(needle, choices, scorer=fuzz.partial_ratio) if choices and needle else None
        if best is not None:
            out[i] = _bucket(np.array([best[1]]), [70, 85, 95, 100])[0]
    return out


def repetition_keys(doc: Doc, t: dict[str, np.ndarray], S: np.ndarray, E: np.ndarray,
                    groups: tuple[str, ...] = GROUPS) -> list[np.ndarray]:
    """One feature key array (one key per span) per group in `groups` (templates 126-129)."""
    b = repetition_bins(doc, t, S, E, groups)
    width = np.minimum(E - S, 4).astype(np.uint64)
    out = []
    if "rep_lemma" in b:
        out.append(_mix(126, b["rep_lemma"], b["n_content"]))
    if "lemma_share" in b:
        out.append(_mix(127, b["lemma_share"]))
    if "fuzzy" in b:
        out.append(_mix(128, b["fuzzy"], width))
    if "title" in b:
        out.append(_mix(129, b["title"]))
    return out

"""Per-actor tone: the evaluative words around an actor's mentions (data/profile/tone.tsv).

For every mention of a canonical actor (doc._.entities, grouped by kb_id, else name, else
the mention text; spaCy's own PERSON/ORG/GPE/NORP entities when the actors component did not
run), the tone lexicon scores of the words within WINDOW tokens on either side, inside the
same sentence and outside other mentions, are summed; the actor's tone is the mean per
mention squashed to -1..1 (tanh), with the deciding words listed.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc

DATA = Path(__file__).resolve().parents[1] / "data" / "profile"
WINDOW = 6
EVENT_WEIGHT = 0.5
FALLBACK_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


@functools.lru_cache(maxsize=1)
def tone_lexicon() -> dict[str, tuple[float, str]]:
    out: dict[str, tuple[float, str]] = {}
    for line in (DATA / "tone.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, score, kind = line.split("\t")[:3]
        out[word.lower()] = (float(score), kind)
    return out


@functools.lru_cache(maxsize=1)
def _hashed() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lexicon as sorted spaCy string hashes, weighted scores and an evaluative flag."""
    lex = tone_lexicon()
    keys = np.array([hash_string(w) for w in lex], dtype=np.uint64)
    scores = np.array([sc * (EVENT_WEIGHT if kind == "event" else 1.0) for sc, kind in lex.values()])
    evaluative = np.array([kind == "evaluative" for _sc, kind in lex.values()])
    order = np.argsort(keys)
    return keys[order], scores[order], evaluative[order]


def _lookup(values: np.ndarray) -> np.ndarray:
    """Index into the hashed lexicon per value, -1 when absent."""
    keys = _hashed()[0]
    idx = np.minimum(np.searchsorted(keys, values), len(keys) - 1)
    return np.where(keys[idx] == values, idx, -1)


def token_scores(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """(tone score per token, evaluative flag per token); lowercase form first, then lemma."""
    _keys, scores, evaluative = _hashed()
    arr = doc.to_array([LOWER, LEMMA]).astype(np.uint64)
    if not len(doc):
        return np.zeros(0), np.zeros(0, dtype=bool)
    hit = _lookup(arr[:, 0])
    by_lemma = _lookup(arr[:, 1])
    hit = np.where(hit >= 0, hit, by_lemma)
    found = hit >= 0
    return np.where(found, scores[np.maximum(hit, 0)], 0.0), found & evaluative[np.maximum(hit, 0)]


def _mentions(doc: Doc) -> list[dict[str, Any]]:
    ents = doc._.entities
    if ents is not None:
        return [e for e in ents if isinstance(e, dict) and "start" in e and "end" in e]
    return [{"text": e.text, "start": e.start_char, "end": e.end_char, "label": e.label_,
             "kb_id": None, "name": None, "type": None} for e in doc.ents if e.label_ in FALLBACK_LABELS]


def _sentences(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Sentence index per token and sentence token bounds, in one pass (linear)."""
    sent_of, starts, ends = [], [], []
    sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for k, sent in enumerate(sents):
        starts.append(sent.start)
        ends.append(sent.end)
        sent_of.extend([k] * (sent.end - sent.start))
    return sent_of, starts, ends


def actor_tone(doc: Doc, scores: np.ndarray | None = None) -> list[dict[str, Any]]:
    scores = (scores if scores is not None else token_scores(doc)[0]).tolist()
    mentions = _mentions(doc)
    # token ranges of all mentions (so an actor's own name is never its context)
    in_mention = bytearray(len(doc))
    spans = []
    for m in mentions:
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if span is None or not len(span):
            continue
        in_mention[span.start:span.end] = b"\x01" * len(span)
        spans.append((m, span))
    sent_of, sent_start, sent_end = _sentences(doc)
    actors: dict[str, dict[str, Any]] = {}
    for m, span in spans:
        key = m.get("kb_id") or m.get("name") or m["text"]
        a = actors.setdefault(key, {"actor": m.get("name") or m["text"], "kb_id": m.get("kb_id"),
                                    "type": m.get("type"), "label": m.get("label"), "mentions": 0,
                                    "_sum": 0.0, "_words": Counter()})
        a["mentions"] += 1
        sid = sent_of[span.start]
        lo, hi = max(sent_start[sid], span.start - WINDOW), min(sent_end[sid], span.end + WINDOW)
        for i in range(lo, hi):
            if in_mention[i] or scores[i] == 0.0:
                continue
            a["_sum"] += scores[i]
            a["_words"][doc[i].lower_] += 1
    out = []
    for key, a in actors.items():
        mean = a["_sum"] / a["mentions"]
        tone = math.tanh(mean / 2.0)
        out.append({
            "actor": a["actor"], "key": key, "kb_id": a["kb_id"], "type": a["type"], "label": a["label"],
            "mentions": a["mentions"], "tone": round(tone, 3),
            "tone_label": "negative" if tone <= -0.2 else "positive" if tone >= 0.2 else "neutral",
            "tone_words": [w for w, _n in a["_words"].most_common(8)],
        })
    out.sort(key=lambda r: (-r["mentions"], r["actor"]))
    return out

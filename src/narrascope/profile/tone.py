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


def token_scores(doc: Doc) -> list[float]:
    """Tone score per token (0 for words not in the lexicon)."""
    lex = tone_lexicon()
    out = []
    for tok in doc:
        hit = lex.get(tok.lower_) or lex.get(tok.lemma_.lower())
        if hit is None:
            out.append(0.0)
        else:
            out.append(hit[0] * (EVENT_WEIGHT if hit[1] == "event" else 1.0))
    return out


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


def actor_tone(doc: Doc, scores: list[float] | None = None) -> list[dict[str, Any]]:
    scores = scores if scores is not None else token_scores(doc)
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

"""Genre of an article: reporting, opinion or satire, with the features that decided it.

No labelled genre corpus is at hand, so the score is a transparent hand-set logistic
combination of rates per 100 words (weights below, documented in docs/claims-rhetoric.md):
opinion rises with first-person voice outside quotes, evaluative words (data/profile/tone.tsv
`evaluative` entries), normative modals ("should", "must"), author-voice hedged/speculative
claims, rhetoric density and explicit cues ("op-ed", "analyst"); it falls with attribution
density (reporting cites sources). Satire needs an explicit cue (data/profile/genre_cues.tsv).
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import LOWER, TAG
from spacy.strings import hash_string
from spacy.tokens import Doc

DATA = Path(__file__).resolve().parents[1] / "data" / "profile"
FIRST_PERSON = {"i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"}
NORMATIVE = {"should", "must", "ought"}
QUOTES = {'"', "“", "”"}
WEIGHTS = {  # per feature; rates are per 100 words unless named *_share
    "bias": -1.6,
    "first_person": 0.6,
    "evaluative": 0.9,
    "normative": 0.8,
    "author_speculation_share": 3.0,
    "rhetoric_density": 0.04,   # spans per 1,000 words
    "opinion_cue": 1.2,
    "attribution_density": -0.9,
}


@functools.lru_cache(maxsize=1)
def genre_cues() -> dict[str, str]:
    out = {}
    for line in (DATA / "genre_cues.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, genre = line.split("\t")[:2]
            out[phrase.lower()] = genre
    return out


def _cue_hits(texts: list[str]) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    for text in texts:
        low = f" {' '.join(text.lower().split())} "
        for phrase, genre in genre_cues().items():
            if f" {phrase} " in low or f" {phrase}:" in low or f" {phrase}," in low:
                hits.setdefault(genre, []).append(phrase)
    return hits


def _hashes(words: set[str]) -> np.ndarray:
    return np.array([hash_string(w) for w in words], dtype=np.uint64)


def genre(doc: Doc, claims: list[dict], attributions: list[dict], rhetoric: list[dict],
          n_words: int, evaluative_flags: np.ndarray | None = None) -> dict[str, Any]:
    words = max(n_words, 1)
    arr = doc.to_array([LOWER, TAG]).astype(np.uint64)
    lower, tag = arr[:, 0], arr[:, 1]
    # inside quotes: after an odd number of straight quotes or between curly ones
    straight = lower == hash_string('"')
    opening, closing = lower == hash_string("“"), lower == hash_string("”")
    depth = np.cumsum(opening.astype(np.int64) - closing.astype(np.int64))
    in_quote = (np.cumsum(straight) % 2 == 1) | (depth > 0)
    first = int((np.isin(lower, _hashes(FIRST_PERSON)) & ~in_quote).sum())
    evaluative = int(evaluative_flags.sum()) if evaluative_flags is not None else 0
    normative = int((np.isin(lower, _hashes(NORMATIVE)) & (tag == hash_string("MD"))).sum())
    author = [c for c in claims if c.get("asserted_by") == "author"]
    speculative = [c for c in author if c.get("status") in ("hedged", "speculative")]
    head = [doc._.title or "", doc[: min(len(doc), 80)].text[:300]]
    cues = _cue_hits(head)
    features = {
        "first_person": round(100 * first / words, 3),
        "evaluative": round(100 * evaluative / words, 3),
        "normative": round(100 * normative / words, 3),
        "author_speculation_share": round(len(speculative) / len(author), 3) if author else 0.0,
        "rhetoric_density": round(1000 * len(rhetoric) / words, 3),
        "opinion_cue": 1.0 if cues.get("opinion") else 0.0,
        "attribution_density": round(100 * len(attributions) / words, 3),
    }
    contrib = {k: WEIGHTS[k] * v for k, v in features.items()}
    x = WEIGHTS["bias"] + sum(contrib.values())
    p_opinion = 1.0 / (1.0 + math.exp(-x))
    satire = 0.9 if cues.get("satire") else 0.0
    scores = {"reporting": round((1 - p_opinion) * (1 - satire), 3),
              "opinion": round(p_opinion * (1 - satire), 3), "satire": satire}
    label = max(scores, key=scores.get)
    decided = sorted(contrib, key=lambda k: -abs(contrib[k]))[:3]
    return {"label": label, "score": scores[label], "scores": scores, "features": features,
            "decided_by": [{"feature": k, "value": features[k], "contribution": round(contrib[k], 3)}
                           for k in decided],
            "cues": sorted({p for v in cues.values() for p in v})}

"""Encoder role tagger: the same five MUC roles as `role_tagger` (BIO), read by a fine-tuned
transformer (`narrascope.encoder`, all-MiniLM-L6-v2) instead of the CRF.

Opt-in (`narrascope_events` config `role_backend = "encoder"`): it costs more per article than
the whole spaCy pipeline. Weights: `models/events/encoder/` (see MODEL_CARD.md), trained by
`narrascope train events --backend encoder`. `available()` is False when torch/transformers/the
packaged base model or the weights are missing; the caller then falls back to the CRF with a
warning (E065).

Decoding: per spaCy sentence, the most probable valid BIO sequence (`viterbi`: I-X only after
B-X or I-X) under the encoder's per-token probabilities with P(O) scaled by `O_BIAS`; spans
follow the labels (`role_tagger.decode`). Independent per-token decisions fragment multi-word
names: 32.5 against 37.6 template F1 on held-out MUC dev documents 1001-1300 (docs/events.md).
"""

from __future__ import annotations

import functools
import warnings
from pathlib import Path
from typing import Any, Callable

import numpy as np
from spacy.tokens import Doc, Span

from narrascope.events.doccache import doc_sents
from narrascope.events.role_tagger import ROLE_LABELS, decode

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "events" / "encoder"
LABELS = ["O"] + [f"{p}-{r}" for r in ROLE_LABELS for p in "BI"]
# P(O) is multiplied by this before decoding (chosen on held-out MUC dev docs 1001-1300; the
# model was trained with role labels weighted 3x, so its raw P(O) is low)
O_BIAS = 5.0
# the encoder's fillers are added to the CRF's (where they overlap none) rather than replacing them
WITH_CRF = True


def available(path: Path | None = None) -> bool:
    from narrascope.encoder.shipped import weights_available

    return weights_available(path or MODEL_DIR)


def load(path: Path | None = None) -> Any:
    """The tagger (cached per path); OSError (E103) when its weights are unreadable."""
    from narrascope.encoder.shipped import load_checked

    return load_checked(path or MODEL_DIR, LABELS)


@functools.lru_cache(maxsize=8)
def warn_fallback(detail: str) -> None:
    from narrascope.errors import Errors

    warnings.warn(Errors.E065.format(detail=detail), stacklevel=3)


def _allowed() -> np.ndarray:
    """allowed[a, b]: label b may follow label a (I-X only after B-X or I-X)."""
    n = len(LABELS)
    ok = np.ones((n, n), dtype=bool)
    for b, lab in enumerate(LABELS):
        if lab.startswith("I-"):
            ok[:, b] = False
            ok[LABELS.index("B-" + lab[2:]), b] = ok[b, b] = True
    return ok


_ALLOWED = _allowed()
_START = np.array([not lab.startswith("I-") for lab in LABELS])


def viterbi(probs: np.ndarray, o_bias: float = 1.0) -> list[str]:
    """The most probable valid BIO sequence (an I-X only after B-X/I-X) under the per-token
    probabilities, with P(O) multiplied by `o_bias` (< 1 tags more tokens)."""
    n = len(probs)
    if not n:
        return []
    logp = np.log(np.clip(probs, 1e-9, None))
    logp[:, 0] += np.log(o_bias)
    trans = np.where(_ALLOWED, 0.0, -np.inf)
    score = np.where(_START, logp[0], -np.inf)
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(0)
        score = cand.max(0) + logp[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return [LABELS[i] for i in reversed(path)]


def tag_probs(doc: Doc, probs: np.ndarray, keep: Callable[[Span], bool] | None = None,
              o_bias: float | None = None) -> list[tuple[str, Span]]:
    """(role, span) from per-token probabilities (len(doc), len(LABELS)), sentence by sentence."""
    bias = O_BIAS if o_bias is None else o_bias
    out: list[tuple[str, Span]] = []
    for sent in doc_sents(doc):
        if keep is not None and not keep(sent):
            continue
        out.extend(decode(sent, viterbi(probs[sent.start:sent.end], bias)))
    return out


def tag(doc: Doc, path: Path | None = None, keep: Callable[[Span], bool] | None = None,
        info: dict[str, Any] | None = None) -> list[tuple[str, Span]]:
    """(role, span) for every filler the encoder marks; `keep(sentence)` filters sentences.
    With `info`, `info["relevance"]` is set to the largest role probability (1 - P(O)) of any
    token the encoder read: how sure it is that the article reports a filler at all.

    With `keep`, the encoder reads the text from the doc's start to the end of the last kept
    sentence (less CPU; later sentences would not be used. Starting at the first kept sentence
    instead cost 0.6 template F1 on MUC dev docs 1001-1300: the stretch lacks its context). Raises OSError (E103) when the
    weights are unreadable; the caller falls back to the CRF."""
    sents = doc_sents(doc)
    kept = [s for s in sents if keep is None or keep(s)]
    if not kept or not len(doc):
        return []  # nothing to tag: skip the encoder
    tagger = load(path)
    end = kept[-1].end  # read from the doc's start: the start of a stretch lacks context
    probs = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    probs[:end] = tagger.predict(doc[:end])  # a Span from 0: its offsets are the doc's
    if info is not None:
        info["relevance"] = float((1.0 - probs[:end, 0]).max())
    return tag_probs(doc, probs, keep)

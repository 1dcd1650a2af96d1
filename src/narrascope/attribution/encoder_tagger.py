"""The attribution encoder: a fine-tuned MiniLM BIO tagger of source / cue / content tokens
(`narrascope.encoder.EncoderTagger`), used by the opt-in `backend = "encoder"` of
narrascope_attribution to veto cues (`encoder_veto`).

Weights: `models/attribution/encoder/` (int8, see MODEL_CARD.md), trained by
`narrascope train attribution --polnear DIR --stage encoder` (`encoder_training`).
`available()` is False when torch/transformers/the packaged base model or the weights are
missing; the component then falls back to the rules-and-CRF default with warning E046.
"""

from __future__ import annotations

import functools
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from narrascope.errors import Errors

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "attribution" / "encoder"
LABELS = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CNT", "I-CNT"]
CUE = (LABELS.index("B-CUE"), LABELS.index("I-CUE"))
#: the attribution component's `backend` values: the default stages, or with the encoder veto
BACKENDS = ("rules", "encoder")


def available(path: Path | None = None) -> bool:
    """The encoder extra is installed and the weights file exists (it may still be unreadable:
    `load` raises OSError then)."""
    from narrascope.encoder.shipped import weights_available

    return weights_available(path or MODEL_DIR)


def load(path: Path | str | None = None) -> Any:
    """The tagger (cached per path: loading costs about a second); OSError (E103) when its
    weights are unreadable."""
    from narrascope.encoder.shipped import load_checked

    return load_checked(path or MODEL_DIR, LABELS)


def cue_probs(doc: Doc, path: Path | str | None = None) -> np.ndarray:
    """P(B-CUE) + P(I-CUE) per token of `doc` (0 for whitespace tokens)."""
    if not len(doc):
        return np.zeros(0, dtype=np.float32)
    probs = load(path).predict(doc)
    return probs[:, CUE[0]] + probs[:, CUE[1]]


@functools.lru_cache(maxsize=8)
def warn_fallback(detail: str) -> None:
    """Warning E046, once per reason."""
    warnings.warn(Errors.E046.format(detail=detail), stacklevel=3)


def usable_backend(backend: str, path: Path | str | None = None) -> str:
    """The backend that will run: "encoder" only when the extra and the weights load, else
    "rules" (with warning E046 for a requested encoder)."""
    from narrascope.encoder.shipped import runnable

    if backend == "encoder" and runnable(Path(path) if path else MODEL_DIR, LABELS, warn_fallback):
        return "encoder"
    return "rules"

"""python-crfsuite models: the one training loop and the one loader the attribution and event
taggers share (crfsuite is imported here only, when a model is trained or opened)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable


def fit_crf(sequences: Iterable[tuple[list[dict[str, Any]], list[str]]], out: Path | str,
            params: dict[str, Any]) -> int:
    """Train a CRF on (features, labels) sequences, write it to `out`; return how many were used.

    The sequences are streamed into crfsuite, so a caller can pass a generator.
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for feats, labels in sequences:
        trainer.append(feats, labels)
        n += 1
    trainer.set_params(params)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return n


def open_crf(path: Path | str):
    """A `pycrfsuite.Tagger` on the model file at `path`. Raises ImportError without
    python-crfsuite and OSError (FileNotFoundError) when the file is missing."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger

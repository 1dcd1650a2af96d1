"""The shipped rhetoric model: a token tagger for "inside a technique span" and a span
classifier naming the technique, both linear over cheap features of the existing Doc.

Prediction: token probabilities (sparse features + spaCy's tok2vec vectors), smoothed over a
small window, thresholded with hysteresis (a low threshold to extend a run, a higher `seed`
probability some token of it must reach); runs of tokens become spans (trimmed of punctuation, short gaps
joined); the classifier gives each span its technique and score. Stored as one `.npz` file
plus `params.json` (decoding settings tuned by cross-validation on the train split).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from narrascope.doc_text import doc_text
from narrascope.rhetoric.features import dense_token, featurize, token_arrays
from narrascope.rhetoric.span_edges import EdgeRules, keep_names, reshape
from narrascope.rhetoric.span_features import span_features
from narrascope.rhetoric.linear import LinearModel

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "rhetoric"


@dataclass
class DecodeParams:
    threshold: float = 0.25
    smooth: int = 1          # half width of the moving average over token probabilities
    max_gap: int = 0         # join spans separated by at most this many tokens
    min_tokens: int = 1
    seed: float = 0.0        # a span is kept only if some token's (unsmoothed) probability reaches this
    extra: dict = field(default_factory=dict)


class RhetoricModel:
    def __init__(self, tagger: LinearModel, classifier: LinearModel, params: DecodeParams) -> None:
        self.tagger = tagger
        self.classifier = classifier
        self.params = params

    # -- persistence -------------------------------------------------------------------
    def save(self, directory: str | Path) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        arrays = {**self.tagger.to_arrays("tagger"), **self.classifier.to_arrays("classifier")}
        np.savez_compressed(d / "model.npz", **arrays)
        (d / "params.json").write_text(json.dumps(self.params.__dict__, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: str | Path = MODEL_DIR) -> "RhetoricModel":
        d = Path(directory)
        with np.load(d / "model.npz", allow_pickle=False) as arrays:
            data = {k: arrays[k] for k in arrays.files}
        params = DecodeParams(**json.loads((d / "params.json").read_text(encoding="utf-8")))
        return cls(LinearModel.from_arrays(data, "tagger"), LinearModel.from_arrays(data, "classifier"), params)

    # -- prediction --------------------------------------------------------------------
    def token_proba(self, doc: Doc, t: dict | None = None, dense: np.ndarray | None = None) -> np.ndarray:
        t = t if t is not None else token_arrays(doc)
        rows, keys = featurize(doc, t)
        dense = dense if dense is not None else dense_token(doc, t)
        return self.tagger.proba(rows, keys, len(doc), dense)

    def classify(self, doc: Doc, t: dict, dense: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
        """(n_spans, n_techniques) probabilities for token spans."""
        rows, keys, d = span_features(doc, t, spans, dense)
        return self.classifier.proba(rows, keys, len(spans), d)

    def decode(self, doc: Doc, proba: np.ndarray, t: dict | None = None,
               text: str | None = None) -> list[tuple[int, int, float]]:
        """Token spans (start, end, mean probability) from token probabilities."""
        p = self.params
        t = t if t is not None else token_arrays(doc)
        raw = proba
        if p.smooth > 0 and len(proba) > 1:
            kernel = np.ones(2 * p.smooth + 1) / (2 * p.smooth + 1)
            proba = np.convolve(proba, kernel, mode="full")[p.smooth: p.smooth + len(proba)]
        on = (proba >= p.threshold) & ~t["skip"]  # runs never start or end on punctuation
        inside = proba >= p.threshold
        spans: list[list[int]] = []
        edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.astype(np.int8), [0]])))
        text = text if text is not None or not p.max_gap else doc_text(doc)
        for a, b in zip(edges[::2].tolist(), edges[1::2].tolist()):
            hits = np.flatnonzero(on[a:b])
            if not len(hits):
                continue
            a, b = a + int(hits[0]), a + int(hits[-1]) + 1
            if spans and a - spans[-1][1] <= p.max_gap and \
                    "\n" not in text[t["end"][spans[-1][1] - 1]:t["idx"][a]]:
                spans[-1][1] = b
            else:
                spans.append([a, b])
        csum = np.concatenate([[0.0], np.cumsum(proba)])
        out = [(s, e, float((csum[e] - csum[s]) / (e - s))) for s, e in spans if e - s >= p.min_tokens]
        if p.seed > 0 and out:  # hysteresis: low threshold to extend, a seed token to keep
            bounds = np.array([i for s, e, _sc in out for i in (s, e)], dtype=np.int64)
            peak = np.maximum.reduceat(np.append(raw, 0.0), bounds)[::2]  # max over [s, e)
            out = [span for span, top in zip(out, peak) if top >= p.seed]
        return out

    def predict(self, doc: Doc, text: str | None = None,
                edges: EdgeRules | None = None) -> list[tuple[str, int, int, float]]:
        """(technique, start_char, end_char, score) for the technique spans of `doc`; `edges`:
        the span-edge rules of rhetoric/span_edges.py to apply after decoding (None: none)."""
        if not len(doc):
            return []
        t = token_arrays(doc)
        dense = dense_token(doc, t)
        proba = self.token_proba(doc, t, dense)
        spans = self.decode(doc, proba, t, text)
        if edges:
            p = self.params
            spans = reshape(doc, spans, t, proba, p.threshold, p.seed, p.min_tokens, edges)
        if not spans:
            return []
        cls = self.classify(doc, t, dense, [(s, e) for s, e, _ in spans])
        best = cls.argmax(axis=1)
        classes = self.classifier.classes
        if edges and edges.names:
            keep = keep_names(doc, [(s, e) for s, e, _ in spans], [classes[k] for k in best], edges)
            spans, cls, best = [spans[i] for i in keep], cls[keep], best[keep]
        starts, ends = t["idx"], t["end"]
        return [(classes[k], int(starts[s]), int(ends[e - 1]), round(score * float(row[k]) ** 0.5, 4))
                for (s, e, score), k, row in zip(spans, best, cls)]

"""The opt-in encoder backend of the rhetoric model (`backend = "encoder"`).

A fine-tuned MiniLM token tagger (`narrascope.encoder`, labels `O` + the 14 techniques; a
token carries the technique of the shortest gold span covering it) gives, per token,
P(inside a technique span) = 1 - P(O) and a distribution over techniques. Span
identification mixes that P(inside) with the linear tagger's probability and decodes it with
the same hysteresis/gap decoder as the linear model (settings tuned on the validation fold).
Technique classification mixes the linear span classifier's probabilities with the mean of
the encoder's technique distribution over the span's tokens.

Optionally (`span_head.npz`), a logistic regression over the encoder's last-layer vectors
pooled over the span and over its sentence adds a third technique distribution. One encoder
pass per article serves all of it: the token probabilities are the tagger's linear head
applied to the same last-layer vectors. Optionally (`span.safetensors`), a fourth: a
separately fine-tuned span classifier (rhetoric/span_encoder.py) reading each span in its
sentence, one short extra pass per span.

Files (`models/rhetoric/encoder/`): `encoder.safetensors` + `encoder.json` (the tagger, see
narrascope.encoder; stored in int8 by encoder/int8.py, older fp16 files still load),
`rhetoric.json` (decoding settings and mixing weights) and
`span_head.npz` (the pooled-vector technique classifier), `span.safetensors` + `span.json`
(the fine-tuned span classifier).

The tagger may also be a binary one (labels `O` / `technique`, `train rhetoric --labels
binary`): it then gives P(inside) and the vectors, but no technique distribution, so technique
classification leaves out the `encoder` part. Or a sentence one (`--labels sentence`, session
10): `O` split into `O` (in a sentence with no gold span) and `O-near` (appended after the
techniques), so P(inside) = 1 - P(O) - P(O-near) (`inside_proba`).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from narrascope.rhetoric.features import dense_token, token_arrays
from narrascope.rhetoric.model import MODEL_DIR, DecodeParams, RhetoricModel
from narrascope.rhetoric.ptc import LABELS
from narrascope.rhetoric.span_edges import EdgeRules, keep_names, reshape
from narrascope.rhetoric.span_encoder import SpanClassifier, load_span_classifier

ENCODER_DIR = MODEL_DIR / "encoder"
PARAMS = "rhetoric.json"
SPAN_HEAD = "span_head.npz"
ENC_LABELS = ["O", *LABELS]
#: tagger labels that mean "outside any technique span": `O`, and in the `sentence` label set
#: (`train rhetoric --labels sentence`, session 10) `O-near`, an O token in a sentence that holds
#: a gold span (`O` is then an O token in a sentence that holds none)
OUTSIDE_LABELS = ("O", "O-near")
SENTENCE_LABELS = [*ENC_LABELS, "O-near"]


def outside_columns(labels: list[str]) -> list[int]:
    """The indices of the OUTSIDE_LABELS in a tagger's `labels` ([0], or [0, 15] for the
    sentence set)."""
    return [i for i, name in enumerate(labels) if name in OUTSIDE_LABELS]


def inside_proba(proba: np.ndarray, labels: list[str]) -> np.ndarray:
    """P(inside a technique span) per token: 1 - the summed probability of the OUTSIDE_LABELS
    columns of the tagger's (n, len(labels)) output (1 - P(O) for the technique and binary sets,
    1 - P(O) - P(O-near) for the sentence set)."""
    return 1.0 - proba[:, outside_columns(labels)].sum(axis=1)


def span_technique_means(proba: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """(n_spans, 14) mean technique distribution (label O dropped, rows renormalised) over the
    tokens of each token span [start, end), by prefix sums (linear). The techniques are columns
    1-14 in both the technique and the sentence label sets (O-near, if any, is the last)."""
    if not spans:
        return np.zeros((0, len(LABELS)))
    tech = proba[:, 1:1 + len(LABELS)].astype(np.float64)
    csum = np.vstack([np.zeros((1, tech.shape[1])), np.cumsum(tech, axis=0)])
    idx = np.asarray(spans, dtype=np.int64)
    sums = csum[idx[:, 1]] - csum[idx[:, 0]]
    return sums / np.maximum(sums.sum(axis=1, keepdims=True), 1e-9)


def pooled_span_vectors(hidden: np.ndarray, spans: list[tuple[int, int]],
                        sent_bounds: np.ndarray) -> np.ndarray:
    """(n_spans, 2 * d): mean vector over each span's tokens, then over its sentence's tokens
    (`sent_bounds[i]` = (start, end) of token i's sentence), by prefix sums (linear)."""
    d = hidden.shape[1]
    if not spans:
        return np.zeros((0, 2 * d), dtype=np.float32)
    csum = np.vstack([np.zeros((1, d)), np.cumsum(hidden, axis=0, dtype=np.float64)])
    idx = np.asarray(spans, dtype=np.int64)
    width = np.maximum(idx[:, 1] - idx[:, 0], 1)[:, None]
    span_mean = (csum[idx[:, 1]] - csum[idx[:, 0]]) / width
    sb = sent_bounds[idx[:, 0]]
    sent_mean = (csum[sb[:, 1]] - csum[sb[:, 0]]) / np.maximum(sb[:, 1] - sb[:, 0], 1)[:, None]
    return np.hstack([span_mean, sent_mean]).astype(np.float32)


def sentence_bounds(t: dict) -> np.ndarray:
    """(n_tokens, 2) start and end token of every token's sentence, from token_arrays."""
    start = np.arange(len(t["idx"]), dtype=np.int64) - t["pos_in_sent"]
    return np.stack([start, start + t["sent_len"]], axis=1)


def linear_in_labels(proba: np.ndarray, classes: list[str]) -> np.ndarray:
    """The linear classifier's (n, C) probabilities as (n, 14) columns in LABELS order."""
    out = np.zeros((proba.shape[0], len(LABELS)))
    for j, name in enumerate(classes):
        out[:, LABELS.index(name)] = proba[:, j]
    return out


class SpanHead:
    """Multinomial logistic regression over pooled encoder vectors (standardised)."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> None:
        self.weights, self.bias, self.mean, self.scale = weights, bias, mean, scale

    def proba(self, x: np.ndarray) -> np.ndarray:
        """(n, 14) probabilities in LABELS order."""
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        z = z - z.max(axis=1, keepdims=True) if len(z) else z
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                            mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32))

    @classmethod
    def load(cls, path: Path) -> "SpanHead":
        with np.load(path, allow_pickle=False) as a:
            return cls(a["weights"], a["bias"], a["mean"], a["scale"])


def gives_techniques(tagger) -> bool:
    """Whether `tagger` gives a technique distribution: a technique tagger (O + the 14
    techniques, or with O-near after them, `--labels sentence`) does, a binary one (O /
    technique, `--labels binary`) only P(inside)."""
    return list(tagger.labels[:len(ENC_LABELS)]) == ENC_LABELS


class EncoderRhetoric:
    """Encoder tagger (+ optional pooled-vector span head) mixed with the linear model."""

    def __init__(self, tagger, linear: RhetoricModel | None, params: dict,
                 span_head: SpanHead | None = None, span_classifier: SpanClassifier | None = None) -> None:
        self.tagger = tagger
        self.linear = linear
        self.span_head = span_head
        self.span_classifier = span_classifier
        self.params = params
        self.decode_params = DecodeParams(**params.get("decode", {}))
        self.mix_tagger = float(params.get("mix_tagger", 1.0))  # weight of the encoder's P(inside)
        # technique mixing weights: encoder token means, span head, linear classifier
        mix = dict(params.get("mix_classifier", {"encoder": 1.0}))
        if span_head is None:
            mix.pop("hidden", None)
        if span_classifier is None:
            mix.pop("span", None)
        if tagger is not None and not gives_techniques(tagger):
            mix.pop("encoder", None)
        if linear is None:
            self.mix_tagger = 1.0
            mix.pop("linear", None)
        total = sum(mix.values()) or 1.0
        self.mix_classifier = {k: v / total for k, v in mix.items() if v > 0} or {"encoder": 1.0}
        self._decoder = RhetoricModel(None, None, self.decode_params)  # type: ignore[arg-type]

    @classmethod
    def load(cls, directory: str | Path = ENCODER_DIR, linear: RhetoricModel | None = None) -> "EncoderRhetoric":
        from narrascope.encoder import EncoderTagger

        d = Path(directory)
        params = json.loads((d / PARAMS).read_text(encoding="utf-8"))
        head = SpanHead.load(d / SPAN_HEAD) if (d / SPAN_HEAD).is_file() else None
        return cls(EncoderTagger.load(d), linear, params, head, load_span_classifier(d))

    def save_params(self, directory: str | Path) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        params = {**self.params, "decode": self.decode_params.__dict__,
                  "mix_tagger": self.mix_tagger, "mix_classifier": self.mix_classifier}
        (d / PARAMS).write_text(json.dumps(params, indent=2) + "\n", encoding="utf-8")
        if self.span_head is not None:
            self.span_head.save(d / SPAN_HEAD)

    # -- prediction --------------------------------------------------------------------------
    def encode(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """One encoder pass: (token label probabilities (n, 15), last-layer vectors (n, d)).
        The probabilities are the tagger's head on the vectors (what `predict` computes);
        tokens without a wordpiece (whitespace) get label O."""
        return self.tagger.predict_and_hidden(doc)

    def inside(self, enc_proba: np.ndarray, lin_proba: np.ndarray | None) -> np.ndarray:
        p = inside_proba(enc_proba, self.tagger.labels)
        if lin_proba is not None and self.mix_tagger < 1.0:
            p = self.mix_tagger * p + (1.0 - self.mix_tagger) * lin_proba
        return p

    def needs_linear(self) -> bool:
        return self.linear is not None and (self.mix_tagger < 1.0 or "linear" in self.mix_classifier)

    def classify(self, doc: Doc, spans: list[tuple[int, int]], enc: tuple[np.ndarray, np.ndarray] | None = None,
                 t: dict | None = None, dense: np.ndarray | None = None) -> np.ndarray:
        """(n_spans, 14) technique probabilities (LABELS order) for token spans of `doc`."""
        if not spans:
            return np.zeros((0, len(LABELS)))
        enc_proba, hidden = enc if enc is not None else self.encode(doc)
        t = t if t is not None else token_arrays(doc)
        out = np.zeros((len(spans), len(LABELS)))
        for name, weight in self.mix_classifier.items():
            if name == "encoder":
                out += weight * span_technique_means(enc_proba, spans)
            elif name == "hidden":
                out += weight * self.span_head.proba(pooled_span_vectors(hidden, spans, sentence_bounds(t)))
            elif name == "span":
                out += weight * self.span_classifier.proba(doc, spans, sentence_bounds(t), t)
            elif name == "linear":
                dense = dense if dense is not None else dense_token(doc, t)
                out += weight * linear_in_labels(self.linear.classify(doc, t, dense, spans),
                                                 self.linear.classifier.classes)
        return out

    def predict(self, doc: Doc, text: str | None = None,
                edges: EdgeRules | None = None) -> list[tuple[str, int, int, float]]:
        """(technique, start_char, end_char, score) like RhetoricModel.predict (and its `edges`)."""
        if not len(doc):
            return []
        t = token_arrays(doc)
        enc = self.encode(doc)
        dense = lin = None
        if self.needs_linear():
            dense = dense_token(doc, t)
            if self.mix_tagger < 1.0:
                lin = self.linear.token_proba(doc, t, dense)
        inside = self.inside(enc[0], lin)
        spans = self._decoder.decode(doc, inside, t, text)
        if edges:
            p = self.decode_params
            spans = reshape(doc, spans, t, inside, p.threshold, p.seed, p.min_tokens, edges)
        if not spans:
            return []
        cls = self.classify(doc, [(s, e) for s, e, _ in spans], enc, t, dense)
        best = cls.argmax(axis=1)
        if edges and edges.names:
            keep = keep_names(doc, [(s, e) for s, e, _ in spans], [LABELS[k] for k in best], edges)
            spans, cls, best = [spans[i] for i in keep], cls[keep], best[keep]
        starts, ends = t["idx"], t["end"]
        return [(LABELS[k], int(starts[s]), int(ends[e - 1]),
                 round(min(1.0, score * float(row[k]) ** 0.5), 4))
                for (s, e, score), k, row in zip(spans, best, cls)]

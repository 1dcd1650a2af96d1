"""A fine-tuned MiniLM span classifier for technique classification (TC) of the encoder backend.

What the published SemEval-2020 Task 11 TC systems did, on the CPU: one short input per span,
the span's wordpieces inside their sentence (context either side, at most `max_len` pieces in
all), the span flagged with token type 1 (the encoder's segment embedding, trained here, so no
marker tokens and no new word embeddings are needed), the last layer pooled as [CLS] + mean over
the span's pieces, then a 14-way softmax. It is a separate network from the token tagger
(`span.safetensors` + `span.json` beside it in `models/rhetoric/encoder/`, int8 Linear weights
with a scale per row and 32 columns, fp16 for the rest (encoder/int8.py; old fp16 files
still load), word embeddings left out and read from the package at load).

Inputs come from one wordpiece alignment per document (`narrascope.encoder.windows.align`), so
a document's spans cost one tokenisation plus one short forward pass per span, batched.

Input option `markers="repetition_v1"` (session 12, opt-in, recorded as "markers" in span.json;
a file without it is the shipped input): three marker pieces right after [CLS] carry the span's
document-level repetition bins (`doc_repetition.marker_indices`: content-lemma run recurring,
share of its lemmas found elsewhere, share found in the title), before the same sentence window.
The pieces are the tokenizer's reserved [unused0]..[unused15]; their frozen pretrained vectors
are nearly alike (cosine ~0.8), so a trainable 16 x 384 table, zero at the start, is added to the
word vector at those positions (the word-embedding matrix itself stays frozen and unshipped).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import numpy as np

from narrascope.errors import Errors
from narrascope.rhetoric.ptc import LABELS

SPAN_WEIGHTS = "span.safetensors"
SPAN_CONFIG = "span.json"
BATCH = 32
#: span-classifier input options (`markers`); None is the shipped input
MARKER_OPTIONS = ("repetition_v1",)
MARKER_FIRST = "[unused0]"


def span_inputs(pieces, spans: Sequence[tuple[int, int]], sent_bounds: np.ndarray,
                max_len: int = 96, extra: int = 8) -> list[tuple[np.ndarray, int, int]]:
    """(piece ids, span start, span end) per token span, without [CLS]/[SEP].

    Context: the pieces of the span's sentences plus `extra` pieces either side, split as evenly
    as the room (`max_len` - 2 - span pieces) allows. A span longer than the room keeps its
    first and last pieces. `sent_bounds[i]` = (start, end) token of token i's sentence."""
    room = max_len - 2
    ids, token_of = pieces.ids, pieces.token_of
    n = len(ids)
    out = []
    for s, e in spans:
        p0, p1 = np.searchsorted(token_of, [s, e], side="left")
        if p1 <= p0:  # a span of whitespace: read the nearest piece
            p0, p1 = min(p0, max(n - 1, 0)), min(p0, max(n - 1, 0)) + (1 if n else 0)
        width = p1 - p0
        if width >= room:
            head = room // 2
            seq = np.concatenate([ids[p0:p0 + head], ids[p1 - (room - head):p1]])
            out.append((seq, 0, len(seq)))
            continue
        q0, q1 = np.searchsorted(token_of, [sent_bounds[s][0], sent_bounds[max(e - 1, s)][1]], side="left")
        left_av, right_av = p0 - max(0, q0 - extra), min(n, q1 + extra) - p1
        free = room - width
        left = min(left_av, free // 2)
        right = min(right_av, free - left)
        left = min(left_av, free - right)
        out.append((ids[p0 - left:p1 + right], left, left + width))
    return out


def soft_targets(techniques: Sequence[Sequence[str]]) -> np.ndarray:
    """(n, 14) target distributions: a span with k gold techniques has 1/k on each."""
    y = np.zeros((len(techniques), len(LABELS)), dtype=np.float32)
    for i, techs in enumerate(techniques):
        for tech in techs:
            y[i, LABELS.index(tech)] += 1.0 / len(techs)
    return y


class SpanClassifier:
    """MiniLM (first `layers` layers) + pooled [CLS]/span vector + linear 14-way head."""

    def __init__(self, layers: int = 4, max_len: int = 96, extra: int = 8, markers: str | None = None) -> None:
        from narrascope.encoder.base import load_base_model, load_tokenizer, torch_setup
        from narrascope.encoder.weights import freeze

        check_markers(markers)
        torch, _ = torch_setup()
        self.layers, self.max_len, self.extra, self.markers = layers, max_len, extra, markers
        self.tokenizer = load_tokenizer()
        self.marker_base = self.tokenizer.convert_tokens_to_ids(MARKER_FIRST) if markers else None
        self.net = _build_net(torch, load_base_model(layers), len(LABELS), self.marker_base)
        freeze(self.net)
        self.net.eval()

    # -- batching ------------------------------------------------------------------------------
    def batch(self, rows: Sequence[tuple[np.ndarray, int, int]]):
        """Padded (ids, attention mask, token types, span mask) tensors for `span_inputs` rows."""
        from narrascope.encoder.base import torch_setup

        torch, _ = torch_setup()
        tok = self.tokenizer
        longest = max(len(r[0]) for r in rows) + 2
        ids = np.full((len(rows), longest), tok.pad_token_id, dtype=np.int64)
        mask = np.zeros((len(rows), longest), dtype=np.int64)
        types = np.zeros((len(rows), longest), dtype=np.int64)
        span = np.zeros((len(rows), longest), dtype=np.float32)
        for i, (seq, a, b) in enumerate(rows):
            ids[i, 0], ids[i, 1:len(seq) + 1], ids[i, len(seq) + 1] = tok.cls_token_id, seq, tok.sep_token_id
            mask[i, :len(seq) + 2] = 1
            types[i, 1 + a:1 + b] = 1
            span[i, 1 + a:1 + b] = 1.0
        return (torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(types),
                torch.from_numpy(span))

    # -- inference -----------------------------------------------------------------------------
    def doc_inputs(self, doc, spans: Sequence[tuple[int, int]], sent_bounds: np.ndarray, t: dict | None = None):
        """Inputs of token spans of `doc`; `t`: the doc's `features.token_arrays` when the caller
        has them (the marker option reads them; computed here otherwise)."""
        from narrascope.encoder.windows import align

        rows = span_inputs(align(self.tokenizer, doc), spans, sent_bounds, self.max_len, self.extra)
        if not self.markers or not len(spans):
            return rows
        marks = self.marker_ids(doc, spans, t)
        k = marks.shape[1]
        return [(np.concatenate([m, seq.astype(np.int64)]), a + k, b + k) for m, (seq, a, b) in zip(marks, rows)]

    def marker_ids(self, doc, spans: Sequence[tuple[int, int]], t: dict | None = None) -> np.ndarray:
        """(n_spans, 3) piece ids of the repetition markers (option "repetition_v1")."""
        from narrascope.rhetoric.doc_repetition import marker_indices
        from narrascope.rhetoric.features import token_arrays

        n = len(doc)
        S = np.clip(np.array([s for s, _e in spans], dtype=np.int64), 0, max(n - 1, 0))
        E = np.clip(np.array([e for _s, e in spans], dtype=np.int64), S + 1, n)
        return self.marker_base + marker_indices(doc, t if t is not None else token_arrays(doc), S, E)

    def proba_rows(self, rows: Sequence[tuple[np.ndarray, int, int]]) -> np.ndarray:
        """(n, 14) technique probabilities (LABELS order), batched by length."""
        from narrascope.encoder.base import torch_setup

        torch, _ = torch_setup()
        out = np.zeros((len(rows), len(LABELS)), dtype=np.float64)
        order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]))
        with torch.inference_mode():
            for b in range(0, len(order), BATCH):
                idx = order[b:b + BATCH]
                logits = self.net(*self.batch([rows[i] for i in idx]))
                out[idx] = logits.softmax(-1).double().numpy()
        return out

    def proba(self, doc, spans: Sequence[tuple[int, int]], sent_bounds: np.ndarray,
              t: dict | None = None) -> np.ndarray:
        """(n_spans, 14) technique probabilities for token spans of `doc` (`t`: see doc_inputs)."""
        if not len(spans):
            return np.zeros((0, len(LABELS)))
        return self.proba_rows(self.doc_inputs(doc, spans, sent_bounds, t))

    # -- files ---------------------------------------------------------------------------------
    def save(self, model_dir: Path | str, info: dict | None = None) -> None:
        from narrascope.encoder.base import BASE_NAME
        from narrascope.encoder.weights import save_weights

        d = Path(model_dir)
        d.mkdir(parents=True, exist_ok=True)
        save_weights(self.net, d / SPAN_WEIGHTS, int8=True)
        meta = {"labels": LABELS, "layers": self.layers, "max_len": self.max_len, "extra": self.extra,
                "base": BASE_NAME, **({"markers": self.markers} if self.markers else {}), "trained": info or {}}
        (d / SPAN_CONFIG).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, model_dir: Path | str) -> "SpanClassifier":
        from narrascope.encoder.weights import load_weights

        d = Path(model_dir)
        try:
            meta = json.loads((d / SPAN_CONFIG).read_text(encoding="utf-8"))
            shape = {"layers": meta["layers"], "max_len": meta["max_len"], "extra": meta.get("extra", 8)}
        except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same explanation
            raise OSError(Errors.E103.format(path=d, detail=exc)) from exc
        if meta.get("labels") != LABELS:
            raise OSError(Errors.E103.format(path=d, detail="span classifier labels differ"))
        markers = meta.get("markers")
        try:
            check_markers(markers)  # before the base model is loaded
        except ValueError as exc:  # a file written with an option this version does not know
            raise OSError(Errors.E103.format(path=d, detail=exc)) from exc
        model = cls(**shape, markers=markers)
        load_weights(model.net, d / SPAN_WEIGHTS)
        return model


def check_markers(markers: str | None) -> None:
    """Refuse an unknown span-classifier input option (E075)."""
    if markers is not None and markers not in MARKER_OPTIONS:
        raise ValueError(Errors.E075.format(markers=markers, known=", ".join(MARKER_OPTIONS)))


def _build_net(torch, encoder, n_labels: int, marker_base: int | None = None):
    """Without `marker_base`: the shipped net. With it: the ids marker_base .. + MARKER_PIECES - 1
    get a trainable vector (`marker_delta`, zero-initialised) added to their frozen word vector."""
    from narrascope.rhetoric.doc_repetition import MARKER_PIECES

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(2 * encoder.config.hidden_size, n_labels)
            if marker_base is not None:
                self.marker_delta = torch.nn.Parameter(torch.zeros(MARKER_PIECES, encoder.config.hidden_size))

        def forward(self, ids, mask, types, span):
            if marker_base is None:
                h = self.encoder(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            else:  # the encoder adds position and type embeddings to inputs_embeds as it does to input_ids'
                emb = self.encoder.embeddings.word_embeddings(ids)
                idx = ids - marker_base
                is_marker = ((idx >= 0) & (idx < MARKER_PIECES)).unsqueeze(-1).to(emb.dtype)
                emb = emb + is_marker * self.marker_delta[idx.clamp(0, MARKER_PIECES - 1)]
                h = self.encoder(inputs_embeds=emb, attention_mask=mask, token_type_ids=types).last_hidden_state
            pooled = (h * span[:, :, None]).sum(1) / span.sum(1, keepdim=True).clamp(min=1.0)
            return self.head(self.dropout(torch.cat([h[:, 0], pooled], dim=-1)))

    return Net()


def load_span_classifier(model_dir: Path | str) -> SpanClassifier | None:
    """The span classifier saved in `model_dir`, or None when there is none (the TC mix then
    goes without it); present but unreadable: E103."""
    return SpanClassifier.load(model_dir) if (Path(model_dir) / SPAN_WEIGHTS).is_file() else None

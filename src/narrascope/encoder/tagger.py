"""`EncoderTagger`: the encoder plus a linear head, reading and writing spaCy-token labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ..errors import Errors
from .base import BASE_NAME, load_base_model, load_tokenizer, torch_setup
from .weights import freeze, load_weights, save_weights
from .windows import align, windows

WEIGHTS = "encoder.safetensors"
CONFIG = "encoder.json"
#: windows per forward pass at inference (bounds memory whatever the document's length)
BATCH = 16


class EncoderTagger:
    """Token classifier: packaged encoder (first `layers` layers) + dropout + linear head."""

    def __init__(self, labels: Sequence[str], layers: int = 6, max_len: int = 256,
                 overlap: int = 64):
        torch, _ = torch_setup()
        self.labels = list(labels)
        self.layers = layers
        self.max_len = max_len
        self.overlap = overlap
        self.tokenizer = load_tokenizer()
        self.net = _build_net(torch, load_base_model(layers), len(self.labels))
        freeze(self.net)
        self.net.eval()

    @classmethod
    def new(cls, labels: Sequence[str], layers: int = 6, seed: int | None = None, **kw) -> "EncoderTagger":
        """A fresh head on the packaged encoder, ready for `fit_tagger`. `seed`: seed Python, numpy
        and torch before the head is drawn; this torch seeds its default generator at random per
        process, so a training run is repeatable only with a seed here (every shipped recipe
        passes one since session 10)."""
        if seed is not None:
            from .train import seed_all

            seed_all(seed)
        return cls(labels, layers=layers, **kw)

    @classmethod
    def load(cls, model_dir: Path | str) -> "EncoderTagger":
        """The fine-tuned tagger saved by `save` (fp16 or int8 weights, frozen parts from the package)."""
        model_dir = Path(model_dir)
        try:
            meta = json.loads((model_dir / CONFIG).read_text(encoding="utf-8"))
            labels, shape = meta["labels"], {"layers": meta["layers"], "max_len": meta["max_len"],
                                             "overlap": meta.get("overlap", 64)}
        except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same explanation
            raise OSError(Errors.E103.format(path=model_dir, detail=exc)) from exc
        tagger = cls(labels, **shape)
        load_weights(tagger.net, model_dir / WEIGHTS)
        return tagger

    def save(self, model_dir: Path | str, int8: bool = False) -> None:
        """Write the trained parameters as fp16, or with `int8` in the int8 format quantised from
        the fp32 values (the frozen word embeddings are left out either way)."""
        model_dir = Path(model_dir)
        model_dir.mkdir(parents=True, exist_ok=True)
        save_weights(self.net, model_dir / WEIGHTS, int8=int8)
        meta = {"labels": self.labels, "layers": self.layers, "max_len": self.max_len,
                "overlap": self.overlap, "base": BASE_NAME}
        (model_dir / CONFIG).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    # -- inference ---------------------------------------------------------------------------
    def predict(self, doc) -> np.ndarray:
        """Softmax probabilities per spaCy token, (len(doc), n_labels). Tokens without a
        wordpiece (whitespace) get label 0 with probability 1."""
        return self._run([doc])[0][0]

    def hidden(self, doc) -> np.ndarray:
        """The last layer's vector of every spaCy token's first wordpiece, (len(doc), hidden);
        zeros for tokens without a wordpiece."""
        return self._run([doc])[0][1]

    def predict_and_hidden(self, doc) -> tuple[np.ndarray, np.ndarray]:
        """`predict` and `hidden` from one encoder pass."""
        return self._run([doc])[0]

    def predict_many(self, docs: Iterable) -> list[np.ndarray]:
        return [probs for probs, _ in self._run(list(docs))]

    def _run(self, docs: list) -> list[tuple[np.ndarray, np.ndarray]]:
        """(probabilities, vectors) per document: one batched encoder pass over all windows."""
        torch, _ = torch_setup()
        size = self.max_len - 2
        jobs = []   # (doc index, window, piece ids)
        aligned = []
        for d, doc in enumerate(docs):
            pieces = align(self.tokenizer, doc)
            aligned.append(pieces)
            for win in windows(len(pieces.ids), size, self.overlap):
                jobs.append((d, win))
        width = self.net.encoder.config.hidden_size
        piece_vec = [np.zeros((len(p.ids), width), dtype=np.float32) for p in aligned]
        piece_prob = [np.zeros((len(p.ids), len(self.labels)), dtype=np.float32) for p in aligned]
        with torch.inference_mode():
            for b in range(0, len(jobs), BATCH):
                chunk = jobs[b:b + BATCH]
                seqs = [aligned[d].ids[s:e] for d, (s, e, _, _) in chunk]
                ids, mask = self.pad(torch, seqs)
                vec = self.net.encode(ids, mask)
                prob = self.net.head(vec).softmax(-1).float().numpy()  # dropout is off in eval
                vec = vec.float().numpy()
                for row, (d, (s, _e, own_s, own_e)) in enumerate(chunk):
                    piece_vec[d][own_s:own_e] = vec[row, 1 + own_s - s:1 + own_e - s]
                    piece_prob[d][own_s:own_e] = prob[row, 1 + own_s - s:1 + own_e - s]
        results = []
        for doc, pieces, pv, pp in zip(docs, aligned, piece_vec, piece_prob):
            vectors = np.zeros((len(doc), width), dtype=np.float32)
            probs = np.zeros((len(doc), len(self.labels)), dtype=np.float32)
            probs[:, 0] = 1.0
            has = pieces.first >= 0
            vectors[has] = pv[pieces.first[has]]
            probs[has] = pp[pieces.first[has]]
            results.append((probs, vectors))
        return results

    def pad(self, torch, seqs: list[np.ndarray]):
        """[CLS] seq [SEP] rows padded to the longest, with their attention mask."""
        tok = self.tokenizer
        longest = max(len(s) for s in seqs) + 2
        ids = np.full((len(seqs), longest), tok.pad_token_id, dtype=np.int64)
        mask = np.zeros((len(seqs), longest), dtype=np.int64)
        for i, s in enumerate(seqs):
            ids[i, 0], ids[i, 1:len(s) + 1], ids[i, len(s) + 1] = tok.cls_token_id, s, tok.sep_token_id
            mask[i, :len(s) + 2] = 1
        return torch.from_numpy(ids), torch.from_numpy(mask)


def _build_net(torch, encoder, n_labels: int):
    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(encoder.config.hidden_size, n_labels)

        def encode(self, ids, mask):
            return self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state

        def forward(self, ids, mask):
            return self.head(self.dropout(self.encode(ids, mask)))

    return Net()

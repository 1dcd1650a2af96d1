"""Fine-tuning the encoder backend's span classifier (`train rhetoric --backend encoder --stage span`).

One example per distinct gold span of the training articles (a span with k techniques gets the
target 1/k on each: the TC scorer gives such a span its k best guesses). AdamW with linear
warm-up and decay, gradient clipping at 1.0, batches of similar length (little padding),
word embeddings frozen. The validation articles are scored (TC micro-F1 on gold spans) after
every epoch and the best epoch is saved.
"""

from __future__ import annotations

import math
import random
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from narrascope.errors import Errors
from narrascope.rhetoric.encoder_model import sentence_bounds
from narrascope.rhetoric.ptc import LABELS
from narrascope.rhetoric.span_encoder import SpanClassifier, soft_targets
from narrascope.rhetoric.train import Prepared, token_span


def gold_spans(p: Prepared) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]], list[list[str]]]:
    """(keys (article, start, end), token spans, gold techniques) of the distinct gold spans."""
    techs: dict[tuple[str, int, int], list[str]] = {}
    for tech, s, e in p.article.spans:
        techs.setdefault((p.article.id, s, e), []).append(tech)
    keys = sorted(techs)
    return keys, [token_span(p.doc, s, e) or (0, 1) for _a, s, e in keys], [techs[k] for k in keys]


def span_rows(model: SpanClassifier, items: Sequence[Prepared]):
    """(inputs, targets, per-item counts) for the distinct gold spans of `items`."""
    rows, targets, counts = [], [], []
    for p in items:
        _keys, spans, techs = gold_spans(p)
        counts.append(len(spans))
        if spans:
            rows.extend(model.doc_inputs(p.doc, spans, sentence_bounds(p.t), p.t))
            targets.append(soft_targets(techs))
    y = np.vstack(targets) if targets else np.zeros((0, len(LABELS)), dtype=np.float32)
    return rows, y, counts


def tc_micro_f1(proba: np.ndarray, targets: np.ndarray) -> float:
    """TC micro-F1 on gold spans as the scorer counts it: a span with k techniques gets the k
    best guesses; precision = recall = correct guesses / gold labels."""
    k = np.rint(1.0 / np.where(targets > 0, targets, np.inf).min(axis=1)).astype(int) if len(targets) else []
    correct = total = 0
    for row, t, kk in zip(proba, targets, k):
        guess = np.argsort(-row)[:kk]
        correct += int((t[guess] > 0).sum())
        total += kk
    return correct / max(total, 1)


def length_batches(rows: Sequence, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of indices whose inputs have similar lengths (sorted within pools of
    50 batches), in shuffled order."""
    order = list(range(len(rows)))
    rng.shuffle(order)
    pool = batch_size * 50
    batches = []
    for b in range(0, len(order), pool):
        chunk = sorted(order[b:b + pool], key=lambda i: len(rows[i][0]))
        batches.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def check_class_power(power: float) -> None:
    """Refuse a class-weight power that is negative or not finite (E079)."""
    if not (isinstance(power, (int, float)) and math.isfinite(power) and power >= 0):
        raise ValueError(Errors.E079.format(power=power))


def technique_weights(y: np.ndarray, power: float, cap: float = 4.0) -> np.ndarray:
    """Per-technique loss weights (max count / count) ** power, clipped to [1, cap], from the
    soft targets `y` (n_spans, n_techniques); all ones when `power` is 0."""
    counts = np.asarray(y, dtype=np.float64).sum(axis=0)
    if not power:
        return np.ones(len(counts))
    return np.clip((counts.max() / np.maximum(counts, 1e-9)) ** power, 1.0, cap)


def fit_span_classifier(train_p: Sequence[Prepared], valid_p: Sequence[Prepared], out: str | Path, *,
                        layers: int = 4, epochs: int = 3, lr: float = 5e-5, batch_size: int = 16,
                        max_len: int = 96, seed: int = 0, stop_after: int | None = None,
                        class_power: float = 0.0, markers: str | None = None,
                        progress: Callable[[str], None] = print) -> dict:
    """Fine-tune a `SpanClassifier` on the gold spans of `train_p`; save the epoch with the best
    validation TC micro-F1 to `out` (without `valid_p`: every epoch, so the last one stays).
    `class_power` > 0 weights each technique's loss by `technique_weights` (0: unweighted, as
    shipped). `markers` is the classifier's input option (None: the shipped input;
    "repetition_v1": span_encoder.py; an unknown one is refused by the classifier, E075), recorded
    in span.json. Returns the saved epoch's info."""
    from narrascope.encoder.train import Optimiser, seed_all

    check_class_power(class_power)
    torch = seed_all(seed)
    rng = random.Random(seed)
    model = SpanClassifier(layers=layers, max_len=max_len, markers=markers)
    rows, y, _ = span_rows(model, train_p)
    if not rows:
        raise ValueError("no gold spans to train the span classifier on")
    v_rows, v_y, _ = span_rows(model, valid_p)
    net = model.net
    weights = torch.from_numpy(technique_weights(y, class_power)).to(torch.float32)
    steps = epochs * ((len(rows) + batch_size - 1) // batch_size)
    optimiser = Optimiser(net, lr, steps)
    progress(f"span classifier: {len(rows)} spans, {sum(len(r[0]) + 2 for r in rows)} wordpieces, "
             f"{steps} steps; validation {len(v_rows)} spans")
    t0 = time.process_time()
    best = {"valid_tc_f1": -1.0}
    for epoch in range(1, min(epochs, stop_after or epochs) + 1):
        net.train()
        total, n, start = 0.0, 0, time.process_time()
        for batch in length_batches(rows, batch_size, rng):
            logits = net(*model.batch([rows[i] for i in batch]))
            target = torch.from_numpy(y[batch])
            loss = -(target * weights * logits.log_softmax(-1)).sum(-1).mean()
            total, n = total + optimiser.step(loss), n + 1
            if n % 50 == 0:
                progress(f"span classifier: epoch {epoch} batch {n} loss {total / n:.4f} "
                         f"cpu {time.process_time() - start:.0f}s")
        net.eval()
        c0 = time.process_time()
        f1 = tc_micro_f1(model.proba_rows(v_rows), v_y) if v_rows else None
        progress(f"span classifier: epoch {epoch} loss {total / max(n, 1):.4f}, validation TC micro-F1 "
                 f"{f1} (validation cpu {time.process_time() - c0:.0f}s), train cpu {c0 - start:.0f}s")
        if f1 is None or f1 > best["valid_tc_f1"]:
            best = {"epoch": epoch, "valid_tc_f1": None if f1 is None else round(f1, 4), "epochs": epochs, "layers": layers,
                    "lr": lr, "max_len": max_len, "train_spans": len(rows),
                    **({"class_power": class_power} if class_power else {}),
                    **({"markers": markers} if markers else {}),
                    "train_cpu_s": round(time.process_time() - t0)}
            model.save(out, best)
    return best

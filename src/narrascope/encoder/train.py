"""Fine-tuning an `EncoderTagger` on spaCy-token labels (the one training loop every area uses),
and the optimiser every network on the encoder trains with."""

from __future__ import annotations

import random
import time
from typing import Callable, Sequence

import numpy as np

from ..errors import Errors
from .base import torch_setup
from .tagger import EncoderTagger
from .windows import align, windows

IGNORE = -100


def seed_all(seed: int):
    """Seed Python, numpy and torch; returns torch."""
    torch, _ = torch_setup()
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return torch


class Optimiser:
    """AdamW (weight decay 0.01) with linear warm-up and decay over `steps`, gradients clipped at
    1.0; `step(loss)` once per batch returns the loss as a float."""

    def __init__(self, net, lr: float, steps: int, warmup: float = 0.1) -> None:
        torch, transformers = torch_setup()
        self.torch, self.steps = torch, steps
        self.params = [p for p in net.parameters() if p.requires_grad]
        self.opt = torch.optim.AdamW(self.params, lr=lr, weight_decay=0.01)
        self.sched = transformers.get_linear_schedule_with_warmup(self.opt, int(warmup * steps), steps)

    def step(self, loss) -> float:
        loss.backward()
        self.torch.nn.utils.clip_grad_norm_(self.params, 1.0)
        self.opt.step()
        self.sched.step()
        self.opt.zero_grad()
        return loss.item()


def piece_labels(pieces, labels: np.ndarray) -> np.ndarray:
    """Each token's label on its first wordpiece; the token's other pieces are ignored."""
    out = np.full(len(pieces.ids), IGNORE, dtype=np.int64)
    has = pieces.first >= 0
    out[pieces.first[has]] = np.asarray(labels, dtype=np.int64)[has]
    return out


def training_windows(tagger: EncoderTagger, examples) -> list[tuple[np.ndarray, np.ndarray]]:
    """(piece ids, piece labels) windows for every example; windows without a label are dropped."""
    size = tagger.max_len - 2
    out = []
    for doc, labels in examples:
        if len(labels) != len(doc):
            raise ValueError(f"labels for {len(labels)} tokens, document has {len(doc)}")
        pieces = align(tagger.tokenizer, doc)
        plabels = piece_labels(pieces, labels)
        for s, e, _, _ in windows(len(pieces.ids), size, overlap=0):
            if (plabels[s:e] != IGNORE).any():
                out.append((pieces.ids[s:e], plabels[s:e]))
    return out


def fit_tagger(tagger: EncoderTagger, examples: Sequence, *, epochs: int = 2, lr: float = 5e-5,
               batch_size: int = 8, class_weights: Sequence[float] | None = None, seed: int = 0,
               warmup: float = 0.1, stop_after: int | None = None, log: Callable[[str], None] = print,
               on_epoch: Callable[[int, EncoderTagger], None] | None = None) -> EncoderTagger:
    """Fine-tune `tagger` in place on (doc, int label per token) examples (-100 = ignore).

    AdamW with linear warm-up and decay, gradient clipping at 1.0, windows of `tagger.max_len`
    wordpieces without overlap, shuffled each epoch with `seed`. Word embeddings stay frozen.
    `stop_after`: stop after that many epochs of a schedule laid out for `epochs`.
    """
    torch = seed_all(seed)
    data = training_windows(tagger, examples)
    if not data:
        raise ValueError(Errors.E104)
    net = tagger.net
    optimiser = Optimiser(net, lr, epochs * ((len(data) + batch_size - 1) // batch_size), warmup)
    weight = None if class_weights is None else torch.tensor(list(class_weights), dtype=torch.float32)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight, ignore_index=IGNORE)
    log(f"encoder: {len(data)} windows, {sum(len(x) for x, _ in data)} wordpieces, {optimiser.steps} steps")
    order = list(range(len(data)))
    for epoch in range(1, min(epochs, stop_after or epochs) + 1):
        net.train()
        random.shuffle(order)
        start, total, n = time.process_time(), 0.0, 0
        for b in range(0, len(order), batch_size):
            batch = [data[i] for i in order[b:b + batch_size]]
            ids, mask = tagger.pad(torch, [x for x, _ in batch])
            gold = torch.full(ids.shape, IGNORE, dtype=torch.long)
            for row, (_, y) in enumerate(batch):
                gold[row, 1:len(y) + 1] = torch.from_numpy(y)
            logits = net(ids, mask)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), gold.reshape(-1))
            total, n = total + optimiser.step(loss), n + 1
            if n % 50 == 0:
                log(f"encoder: epoch {epoch} batch {n} loss {total / n:.4f} "
                    f"cpu {time.process_time() - start:.0f}s")
        net.eval()
        log(f"encoder: epoch {epoch} done, loss {total / max(n, 1):.4f}, "
            f"cpu {time.process_time() - start:.0f}s")
        if on_epoch is not None:
            on_epoch(epoch, tagger)
    return tagger

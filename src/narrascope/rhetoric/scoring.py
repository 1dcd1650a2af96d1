"""SemEval-2020 Task 11 scores.

- Span identification (SI), as the official scorer: per article, overlapping spans are merged
  (gold and predicted separately, labels ignored); with S the predicted and T the gold spans,
  P = (1/|S|) sum_{s,t} |s & t| / |s|, R = (1/|T|) sum_{s,t} |s & t| / |t|, summed over
  all articles before dividing, F1 their harmonic mean.
- Technique classification (TC) on gold spans: micro-F1 over (article, start, end, technique)
  instances; a span annotated with k techniques gets the model's k best guesses.
- Label-aware span F1: the SI formula where a predicted span earns overlap only with gold spans
  of its own technique (spans merged per technique).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping, Sequence

Span = tuple[int, int]


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Overlapping or touching spans merged into one, sorted."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def _overlap_sums(pred: list[Span], gold: list[Span]) -> tuple[float, float]:
    """(sum_s sum_t |s&t|/|s|, sum_t sum_s |s&t|/|t|) with a linear sweep over sorted spans."""
    p_sum = r_sum = 0.0
    j0 = 0
    for s0, s1 in pred:
        while j0 < len(gold) and gold[j0][1] <= s0:
            j0 += 1
        j = j0
        while j < len(gold) and gold[j][0] < s1:
            inter = min(s1, gold[j][1]) - max(s0, gold[j][0])
            if inter > 0:
                p_sum += inter / (s1 - s0)
                r_sum += inter / (gold[j][1] - gold[j][0])
            j += 1
    return p_sum, r_sum


def _prf(p_sum: float, r_sum: float, n_pred: int, n_gold: int) -> dict[str, float]:
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "n_pred": n_pred, "n_gold": n_gold}


def si_scores(pred: Mapping[Any, Sequence[Span]], gold: Mapping[Any, Sequence[Span]]) -> dict[str, float]:
    """Span identification P/R/F1 over articles (keys: article ids, values: (start, end))."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for aid in set(pred) | set(gold):
        ps, gs = merge_spans(pred.get(aid, ())), merge_spans(gold.get(aid, ()))
        n_pred += len(ps)
        n_gold += len(gs)
        a, b = _overlap_sums(ps, gs)
        p_sum += a
        r_sum += b
    return _prf(p_sum, r_sum, n_pred, n_gold)


def label_aware_scores(pred: Mapping[str, Sequence[tuple[str, int, int]]],
                       gold: Mapping[str, Sequence[tuple[str, int, int]]]) -> dict[str, float]:
    """SI formula with credit only between spans of the same technique: the SI score over
    (article, technique) keys, so spans are merged and matched per technique."""
    def by_technique(spans: Mapping[str, Sequence[tuple[str, int, int]]]) -> dict[tuple[str, str], list[Span]]:
        out: dict[tuple[str, str], list[Span]] = defaultdict(list)
        for aid, items in spans.items():
            for tech, start, end in items:
                out[(aid, tech)].append((start, end))
        return out

    return si_scores(by_technique(pred), by_technique(gold))


def tc_scores(pred: Mapping[tuple[str, int, int], Sequence[str]],
              gold: Mapping[tuple[str, int, int], Sequence[str]]) -> dict[str, float]:
    """Micro P/R/F1 of technique labels on gold spans.

    Keys: (article id, start, end); `gold` values: the span's techniques (a multiset), `pred`
    values: the model's guesses in order of preference (the first len(gold) count).
    """
    correct = n_pred = n_gold = 0
    per_label: dict[str, Counter] = defaultdict(Counter)
    for key, labels in gold.items():
        guesses = list(pred.get(key, ()))[: len(labels)]
        remaining = Counter(labels)
        n_gold += len(labels)
        n_pred += len(guesses)
        for g in labels:
            per_label[g]["gold"] += 1
        for guess in guesses:
            per_label[guess]["pred"] += 1
            if remaining[guess] > 0:
                remaining[guess] -= 1
                correct += 1
                per_label[guess]["correct"] += 1
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    out = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
           "n_gold": n_gold, "n_pred": n_pred}
    out["per_label_f1"] = {}
    for label, c in sorted(per_label.items()):
        lp = c["correct"] / c["pred"] if c["pred"] else 0.0
        lr = c["correct"] / c["gold"] if c["gold"] else 0.0
        out["per_label_f1"][label] = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
    return out

"""`narrascope eval rhetoric --ptc DIR`: SemEval-2020 Task 11 scores on the held-out PTC split.

Reports, for the shipped component (model + lexicon) and its two parts alone:
- SI: span identification F1 (official formula, see rhetoric/scoring.py);
- TC: technique classification micro-F1 on the gold spans (the span classifier);
- label-aware span F1 (overlap credit only between spans of the same technique);
beside the trivial baselines: the whole article as one span (SI; labelled with the most
frequent training technique for the label-aware score) and the most frequent technique (TC).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.rhetoric.ptc import SPLIT_RULE, load_ptc
from narrascope.rhetoric.scoring import label_aware_scores, si_scores, tc_scores
from narrascope.rhetoric.train import token_span


def _spans_only(pred: dict[str, list[tuple[str, int, int]]]) -> dict[str, list[tuple[int, int]]]:
    return {aid: [(s, e) for _t, s, e in spans] for aid, spans in pred.items()}


def evaluate(ptc_dir: str | Path, split: str = "dev", model_dir: str | None = None,
             limit: int | None = None, backend: str = "linear",
             encoder_dir: str | None = None) -> dict[str, Any]:
    from narrascope.loader import load_pipeline
    from narrascope.pipeline.rhetoric import RhetoricComponent

    articles = load_ptc(ptc_dir, split)[:limit] if limit else load_ptc(ptc_dir, split)
    train_counts = Counter(t for a in load_ptc(ptc_dir, "train") for t, _s, _e in a.spans) \
        if split != "train" else Counter(t for a in articles for t, _s, _e in a.spans)
    majority = train_counts.most_common(1)[0][0] if train_counts else "loaded_language"
    # the features read no entities, but the span-edge rules (rhetoric/span_edges.py, on in the
    # shipped component) do: the evaluation measures the component as it ships
    nlp = load_pipeline(components=())
    component = RhetoricComponent(nlp, "narrascope_rhetoric", model_dir=model_dir, backend=backend,
                                  encoder_dir=encoder_dir)
    variants: dict[str, dict[str, list]] = {"combined": {}, "model": {}, "lexicon": {}}
    gold_la: dict[str, list] = {}
    gold_tc: dict[tuple, list[str]] = {}
    pred_tc: dict[tuple, list[str]] = {}
    n_words = 0
    cpu = 0.0
    t0 = time.time()
    for doc, art in zip(nlp.pipe((a.text for a in articles), batch_size=16), articles):
        n_words += sum(1 for t in doc if not t.is_space)
        gold_la[art.id] = list(art.spans)
        c0 = time.process_time()
        spans = component.spans(doc)
        cpu += time.process_time() - c0
        variants["combined"][art.id] = [(t, s, e) for t, s, e, _sc, _src in spans]
        variants["model"][art.id] = [(t, s, e) for t, s, e, _sc, src in spans if src == "model"]
        variants["lexicon"][art.id] = [(t, s, e) for t, s, e, _sc, src in spans if src == "lexicon"]
        keys = sorted({(art.id, s, e) for _t, s, e in art.spans})
        for tech, s, e in art.spans:
            gold_tc.setdefault((art.id, s, e), []).append(tech)
        if component.encoder is not None and keys:
            from narrascope.rhetoric.ptc import LABELS

            tspans = [token_span(doc, s, e) or (0, 1) for _a, s, e in keys]
            proba = component.encoder.classify(doc, tspans)
            for key, row in zip(keys, proba):
                pred_tc[key] = [LABELS[j] for j in np.argsort(-row)]
        elif component.model is not None and keys:
            from narrascope.rhetoric.features import dense_token, token_arrays

            t = token_arrays(doc)
            dense = dense_token(doc, t)
            tspans = [token_span(doc, s, e) or (0, 1) for _a, s, e in keys]
            proba = component.model.classify(doc, t, dense, tspans)
            classes = component.model.classifier.classes
            for key, row in zip(keys, proba):
                pred_tc[key] = [classes[j] for j in np.argsort(-row)]
    elapsed = time.time() - t0
    gold_si = _spans_only(gold_la)
    out: dict[str, Any] = {
        "split": split, "split_rule": SPLIT_RULE, "articles": len(articles), "words": n_words,
        "gold_spans": sum(len(v) for v in gold_la.values()),
        "model_loaded": component.model is not None,
        "backend": component.backend,
        "seconds": round(elapsed, 1),
        "rhetoric_cpu_s_per_article": round(cpu / max(len(articles), 1), 3),
    }
    for name, pred in variants.items():
        out[name] = {"si": si_scores(_spans_only(pred), gold_si),
                     "label_aware": label_aware_scores(pred, gold_la)}
    out["tc"] = tc_scores(pred_tc, gold_tc)
    whole = {a.id: [(majority, 0, len(a.text))] for a in articles}
    out["baseline"] = {
        "description": f"whole article as one span labelled {majority}; TC: always {majority}",
        "si": si_scores(_spans_only(whole), gold_si),
        "label_aware": label_aware_scores(whole, gold_la),
        "tc": tc_scores({k: [majority] * len(v) for k, v in gold_tc.items()}, gold_tc),
    }
    out["published_best"] = {"si_f1": 0.5155, "tc_micro_f1": 0.6207,
                             "source": "SemEval-2020 Task 11 leaderboard (test set, fine-tuned transformers)"}
    return out


def rows(result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(metric, narrascope, baseline, best published) rows for the table."""
    def f(x: float | None) -> str:
        return "-" if x is None else f"{100 * x:.2f}"

    b = result["baseline"]
    out = [
        ("SI F1 (combined)", f(result["combined"]["si"]["f1"]), f(b["si"]["f1"]), f(result["published_best"]["si_f1"])),
        ("SI precision", f(result["combined"]["si"]["precision"]), f(b["si"]["precision"]), "-"),
        ("SI recall", f(result["combined"]["si"]["recall"]), f(b["si"]["recall"]), "-"),
        ("TC micro-F1 (gold spans)", f(result["tc"]["f1"]), f(b["tc"]["f1"]), f(result["published_best"]["tc_micro_f1"])),
        ("label-aware span F1", f(result["combined"]["label_aware"]["f1"]), f(b["label_aware"]["f1"]), "-"),
        ("SI F1 (model only)", f(result["model"]["si"]["f1"]), "", ""),
        ("label-aware F1 (model only)", f(result["model"]["label_aware"]["f1"]), "", ""),
        ("SI F1 (lexicon only)", f(result["lexicon"]["si"]["f1"]), "", ""),
        ("label-aware F1 (lexicon only)", f(result["lexicon"]["label_aware"]["f1"]), "", ""),
    ]
    return out

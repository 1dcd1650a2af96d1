"""Train the cue picker (`cuepick.py`) on PolNeAR train: one row per candidate cue word."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.cuepick import (CUEPICK_FILE, GATE_SCORE, PickContext, candidate_tokens, cue_span,
                                            features)
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.percue_train import CharIndex
from narrascope.attribution.rules import RuleExtractor
from narrascope.attribution.tagger import cue_words, learned_lemmas
from narrascope.eval import brat_attributions as polnear

CUEPICK_C = 0.3          # inverse L2 strength (LogisticRegression C)
CUEPICK_THRESHOLD = 0.45  # chosen on the first half of PolNeAR dev (0.35 / 0.45 / 0.55 tried)
MIN_COUNT = 2            # features seen fewer times in train are dropped


def build_rows(root, split: str, docs: dict[str, Doc], label: str = "exact", log=print,
               model_path: Path | None = None, one_annotator: bool = True):
    """(feature lists, 0/1 labels): label 1 when the word's cue span is a gold cue (`exact`)
    or the word lies inside one (`overlap`), for the first annotator file of each article."""
    lex = cue_lexicon()
    rules = RuleExtractor(lex)
    words = cue_words(lex, model_path)
    learned = learned_lemmas(model_path)
    xs, ys = [], []
    for name, doc in docs.items():
        _, qids, cands = rules.read(doc)
        ctx = PickContext(doc, qids, cands)
        index = CharIndex(doc)
        gold: set[tuple[int, int]] = set()
        inside: set[int] = set()
        for article in polnear.iter_articles(root, split, names=[name], one_annotator=one_annotator):
            for att in article.attributions:
                for s, e in att.cue:
                    r = index.tokens(s, e)
                    if r:
                        gold.add(r)
                        inside.update(range(*r))
        for i in candidate_tokens(doc, words):
            xs.append(features(ctx, i, lex, learned))
            ys.append(int(cue_span(doc, i) in gold) if label == "exact" else int(i in inside))
    log(f"{split}: {len(docs)} articles, {len(xs)} candidate words, {sum(ys)} gold")
    return xs, ys


def fit_weights(xs: list[list[str]], ys: list[int], c: float = CUEPICK_C) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for f in xs:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    keep = {k for k, v in counts.items() if v >= MIN_COUNT}
    vec = DictVectorizer()
    x = vec.fit_transform([{k: 1 for k in f if k in keep} for f in xs]).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    model.fit(x, ys)
    names = vec.get_feature_names_out()
    weights = {str(k): float(w) for k, w in zip(names, model.coef_[0]) if abs(w) >= 1e-4}
    weights["b"] = weights.get("b", 0.0) + float(model.intercept_[0])
    return weights


def cue_lemmas_of(xs: list[list[str]], ys: list[int], weights: dict[str, float]) -> list[str]:
    """The lemmas of the candidate words that are gold cues at least once and score at least
    GATE_SCORE at least once (features()[1] is l=)."""
    import math

    gold = {f[1][2:] for f, y in zip(xs, ys) if y and f[1].startswith("l=")}
    z_min = math.log(GATE_SCORE / (1 - GATE_SCORE))
    out = set()
    for f in xs:
        lemma = f[1][2:]
        if lemma in gold and lemma not in out and sum(weights.get(k, 0.0) for k in f) >= z_min:
            out.add(lemma)
    return sorted(out)


def write_weights(weights: dict[str, float], out: Path | str, threshold: float, note: str,
                  lemmas: list[str] = ()) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# cue picker: logistic regression weights (feature<TAB>weight); " + note + "\n")
        fh.write(f"#threshold\t{threshold}\n")
        for lemma in lemmas:
            if lemma and not any(ch.isspace() for ch in lemma):
                fh.write(f"#lemma\t{lemma}\n")
        for k in sorted(weights):
            if "\t" in k or "\n" in k:
                continue
            fh.write(f"{k}\t{weights[k]:.5f}\n")


def train_cuepick(root, docs: dict[str, Doc], out: Path | str | None = None, log=print,
                  c: float = CUEPICK_C, threshold: float = CUEPICK_THRESHOLD,
                  model_path: Path | None = None) -> dict:
    """Fit the picker on PolNeAR train; `model_path`: the paragraph tagger beside whose
    learned cue lemmas (`cue_lemmas.tsv`) it reads."""
    t0 = time.process_time()
    out = Path(out) if out else CUEPICK_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    xs, ys = build_rows(root, "train", docs, log=log, model_path=model_path)
    t1 = time.process_time()
    weights = fit_weights(xs, ys, c)
    write_weights(weights, out, threshold,
                  f"PolNeAR train (one annotator file per article), C={c}, {len(xs)} rows; "
                  "written by `narrascope train attribution --stage cuepick`; #lemma: lemmas of "
                  "the candidate words that are gold cues in train (only these are scored)",
                  cue_lemmas_of(xs, ys, weights))
    t2 = time.process_time()
    info = {"cuepick_features_cpu_s": round(t1 - t0, 1), "cuepick_train_cpu_s": round(t2 - t1, 1),
            "cuepick_rows": len(xs), "cuepick_weights": len(weights),
            "cuepick_size_bytes": out.stat().st_size, "cuepick_path": str(out)}
    log(f"cue picker: {info}")
    return info

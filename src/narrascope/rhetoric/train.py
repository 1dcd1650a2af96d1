"""Training the rhetoric model on PTC (`narrascope train rhetoric --ptc DIR`).

Steps: parse the articles with the bare spaCy model (the same parse the pipeline gives);
label tokens inside any technique span; fit the token tagger (logistic regression, SGD, over
sparse keys + standardised tok2vec columns); fit the span classifier on the gold spans of
the train split; tune the decoding (threshold, seed, smoothing, gap joining) for SI-F1 on
out-of-fold token probabilities of a 5-fold cross-validation over the train split (the dev
split stays untouched, for reporting only); save to models/rhetoric/.
"""

from __future__ import annotations

import logging
import time
from typing import Callable, Sequence

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression, SGDClassifier
from spacy.tokens import Doc

from narrascope.rhetoric.features import dense_token, featurize, token_arrays
from narrascope.rhetoric.linear import LinearModel, build_vocab, fit_matrix
from narrascope.rhetoric.model import DecodeParams, RhetoricModel
from narrascope.rhetoric.ptc import LABELS, Article, fold_of
from narrascope.rhetoric.scoring import si_scores
from narrascope.rhetoric.span_features import span_features

log = logging.getLogger(__name__)


def token_labels(doc: Doc, spans: Sequence[tuple[str, int, int]]) -> np.ndarray:
    """1 for tokens overlapping any technique span, else 0."""
    n_chars = len(doc.text)
    mark = np.zeros(n_chars + 1, dtype=np.int32)
    for _tech, s, e in spans:
        mark[s] += 1
        mark[e] -= 1
    covered = np.concatenate([[0], np.cumsum(np.cumsum(mark)[:n_chars] > 0)])
    starts = np.fromiter((tok.idx for tok in doc), dtype=np.int64, count=len(doc))
    ends = starts + np.fromiter((len(tok.text) for tok in doc), dtype=np.int64, count=len(doc))
    return (covered[ends] - covered[starts] > 0).astype(np.int8)


def token_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.start, span.end


class Prepared:
    """Per-article arrays computed once: token arrays, sparse keys, dense columns, labels."""

    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        self.article = article
        self.t = token_arrays(doc)
        self.text = doc.text
        self.rows, self.keys = featurize(doc, self.t)
        self.dense = dense_token(doc, self.t)
        self.y = token_labels(doc, article.spans)


def _stack(items: list[Prepared]):
    rows, keys, dense, ys = [], [], [], []
    off = 0
    for it in items:
        rows.append(it.rows + off)
        keys.append(it.keys)
        dense.append(it.dense)
        ys.append(it.y)
        off += len(it.doc)
    return np.concatenate(rows), np.concatenate(keys), np.vstack(dense), np.concatenate(ys), off


def _standardise(dense: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mu = dense.mean(axis=0)
    sd = dense.std(axis=0) + 1e-6
    return mu, sd


def fit_tagger(train: list[Prepared], min_count: int = 2, alpha: float = 1e-5,
               epochs: int = 10, seed: int = 0, eta0: float = 0.02,
               dense_scale: float = 0.3) -> LinearModel:
    rows, keys, dense, y, n = _stack(train)
    vocab = build_vocab(keys, min_count)
    xs = fit_matrix(vocab, rows, keys, n)
    mu, sd = _standardise(dense)
    sd = sd / dense_scale  # smaller dense columns keep the SGD steps stable
    x = sparse.hstack([xs, sparse.csr_matrix((dense - mu) / sd)], format="csr")
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, average=True,
                        learning_rate="constant", eta0=eta0, random_state=seed)
    clf.fit(x, y)
    w = clf.coef_[0].astype(np.float32)
    ws, wd = w[: len(vocab)], w[len(vocab):]
    wd_raw = wd / sd
    bias = np.float32(clf.intercept_[0] - float((wd * mu / sd).sum()))
    return LinearModel(vocab, ws[:, None], np.array([bias], np.float32), ["propaganda"],
                       wd_raw[:, None].astype(np.float32))


def _span_examples(items: list[Prepared]):
    rows, keys, dense, labels = [], [], [], []
    off = 0
    for it in items:
        spans, labs = [], []
        for tech, s, e in it.article.spans:
            ts = token_span(it.doc, s, e)
            if ts is not None:
                spans.append(ts)
                labs.append(tech)
        r, k, d = span_features(it.doc, it.t, spans, it.dense)
        rows.append(r + off)
        keys.append(k)
        dense.append(d)
        labels.extend(labs)
        off += len(spans)
    return np.concatenate(rows), np.concatenate(keys), np.vstack(dense), labels, off


def fit_classifier(train: list[Prepared], min_count: int = 1, c: float = 0.25) -> LinearModel:
    rows, keys, dense, labels, n = _span_examples(train)
    vocab = build_vocab(keys, min_count)
    xs = fit_matrix(vocab, rows, keys, n)
    mu, sd = _standardise(dense)
    x = sparse.hstack([xs, sparse.csr_matrix((dense - mu) / sd)], format="csr")
    classes = [lab for lab in LABELS if lab in set(labels)]
    y = np.array([classes.index(lab) for lab in labels])
    clf = LogisticRegression(C=c, max_iter=400)
    clf.fit(x, y)
    w = clf.coef_.T.astype(np.float32)  # (features, classes)
    ws, wd = w[: len(vocab)], w[len(vocab):]
    wd_raw = wd / sd[:, None]
    bias = (clf.intercept_ - (wd * (mu / sd)[:, None]).sum(axis=0)).astype(np.float32)
    return LinearModel(vocab, ws, bias, classes, wd_raw.astype(np.float32))


FOLDS = 5


def crossval_proba(items: list[Prepared], tagger_kw: dict | None = None, folds: int = FOLDS,
                   progress: Callable[[str], None] = print) -> list[np.ndarray]:
    """Out-of-fold token probabilities: each article scored by a tagger fitted without its fold."""
    out: list[np.ndarray] = [np.zeros(0)] * len(items)
    fold = [fold_of(it.article.id, folds) for it in items]
    for f in range(folds):
        tagger = fit_tagger([it for it, g in zip(items, fold) if g != f], **(tagger_kw or {}))
        for i, g in enumerate(fold):
            if g == f:
                it = items[i]
                out[i] = tagger.proba(it.rows, it.keys, len(it.doc), it.dense)
        progress(f"cross-validation fold {f + 1}/{folds}")
    return out


GRID = {"smooth": (0, 1, 2), "max_gap": (1, 2, 3, 4, 5, 6, 8),
        "threshold": (0.075, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25),
        "seed": (0.0, 0.2, 0.225, 0.25, 0.275, 0.3, 0.35)}


def search_decoding(items: Sequence[Prepared], probas: Sequence[np.ndarray],
                    grid: dict = GRID) -> tuple[float, DecodeParams]:
    """The best SI-F1 of `probas` (held-out token probabilities of `items`) over `grid`, and its
    settings; the hysteresis seed is applied to each candidate span's peak probability."""
    gold = {it.article.id: [(s, e) for _t, s, e in it.article.spans] for it in items}
    best: tuple[float, DecodeParams] = (-1.0, DecodeParams())
    decoder = RhetoricModel(None, None, DecodeParams())  # type: ignore[arg-type]  # decoding only
    for smooth in grid["smooth"]:
        for gap in grid["max_gap"]:
            for th in grid["threshold"]:
                decoder.params = DecodeParams(threshold=th, smooth=smooth, max_gap=gap)
                cands = [[(int(it.t["idx"][s]), int(it.t["end"][e - 1]), float(p[s:e].max()))
                          for s, e, _ in decoder.decode(it.doc, p, it.t, it.text)]
                         for it, p in zip(items, probas)]
                for seed in grid["seed"]:
                    pred = {it.article.id: [(s, e) for s, e, top in c if top >= seed]
                            for it, c in zip(items, cands)}
                    f1 = si_scores(pred, gold)["f1"]
                    if f1 > best[0]:
                        best = (f1, DecodeParams(threshold=th, smooth=smooth, max_gap=gap, seed=seed))
    return best


def tune_decoding(model: RhetoricModel, items: list[Prepared], probas: list[np.ndarray]) -> dict:
    """`search_decoding` over out-of-fold probabilities; keeps the best settings in model.params."""
    f1, model.params = search_decoding(items, probas)
    return {"cv_si_f1": round(f1, 4), **model.params.__dict__}


def train(articles_train: list[Article], nlp, progress: Callable[[str], None] = print,
          tagger_kw: dict | None = None, classifier_kw: dict | None = None) -> tuple[RhetoricModel, dict]:
    """Fit on `articles_train` only (parsed with `nlp`); decoding tuned by cross-validation."""
    t0 = time.time()
    prepared = [Prepared(doc, art) for doc, art in
                zip(nlp.pipe((a.text for a in articles_train), batch_size=16), articles_train)]
    progress(f"parsed {len(prepared)} articles in {time.time() - t0:.0f}s")
    return fit_all(prepared, progress, tagger_kw, classifier_kw, nlp=nlp)


def select_lexicon(nlp, train_p: list[Prepared], min_precision: float = 0.4) -> tuple[list[str], dict]:
    """Lexicon entries to use: precise on the train split (a match overlapping a gold span of
    the entry's technique), or unseen there (kept as written)."""
    from narrascope.rhetoric.lexicon import LexiconMatcher, entries

    matcher = LexiconMatcher(nlp)
    hits: dict[str, list[int]] = {}
    for it in train_p:
        for tech, phrase, ts, te in matcher(it.doc):
            s, e = it.doc[ts].idx, it.doc[te - 1].idx + len(it.doc[te - 1].text)
            ok = any(t == tech and gs < e and s < ge for t, gs, ge in it.article.spans)
            hits.setdefault(phrase, [0, 0])
            hits[phrase][0] += 1
            hits[phrase][1] += int(ok)
    keep = [p for p, _t in entries() if p not in hits or hits[p][0] < 2 or hits[p][1] / hits[p][0] >= min_precision]
    return keep, hits


def fit_all(train_p: list[Prepared], progress=print, tagger_kw: dict | None = None,
            classifier_kw: dict | None = None, nlp=None):
    t0 = time.time()
    probas = crossval_proba(train_p, tagger_kw, progress=progress)
    tagger = fit_tagger(train_p, **(tagger_kw or {}))
    progress(f"tagger: {len(tagger.keys)} features, {time.time() - t0:.0f}s")
    classifier = fit_classifier(train_p, **(classifier_kw or {}))
    progress(f"classifier: {len(classifier.keys)} features, {len(classifier.classes)} techniques, "
             f"{time.time() - t0:.0f}s")
    model = RhetoricModel(tagger, classifier, DecodeParams())
    info = tune_decoding(model, train_p, probas)
    progress(f"decoding tuned by {FOLDS}-fold cross-validation on train: {info}")
    if nlp is not None:
        keep, hits = select_lexicon(nlp, train_p)
        model.params.extra["lexicon"] = keep
        dropped = sorted(p for p in hits if p not in set(keep))
        info["lexicon_kept"] = len(keep)
        info["lexicon_dropped"] = dropped
        progress(f"lexicon: kept {len(keep)} entries, dropped {len(dropped)}: {dropped}")
    return model, info

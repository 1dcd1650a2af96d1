"""Training the encoder backend (`narrascope train rhetoric --ptc DIR --backend encoder`).

Reads the PTC train split only. Folds of `ptc.fold_of`: the encoder is fine-tuned on folds
1-4 and validated on fold 0 after every epoch (the epoch with the best validation SI-F1 is
kept). On fold 0 it then tunes, against a linear tagger and span classifier fitted on folds
1-4 (so that fold 0 is unseen by both), the mixing weights of the encoder with the linear
model and the decoding settings. At prediction time the encoder is mixed with the shipped
linear model (fitted on all of train).

Stages (`--stage`): `tagger` fine-tunes the token tagger, `span` the span classifier
(rhetoric/train_span.py, same folds, best epoch by validation TC micro-F1), `mix` only re-tunes
the mixing and decoding with whatever `out` holds; `all` (default) runs the three in turn. Each
of them ends with `mix`. With `refit`, the stage's networks are refitted on all the articles and
the fold-0 choices kept (rhetoric/refit_encoder.py; how the shipped files were made, session 8).
"""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from spacy.tokens import Doc

from narrascope.errors import Errors
from narrascope.rhetoric.encoder_model import (ENC_LABELS, PARAMS, SENTENCE_LABELS, EncoderRhetoric,
                                               SpanHead, gives_techniques, inside_proba, outside_columns,
                                               linear_in_labels, pooled_span_vectors, sentence_bounds,
                                               span_technique_means)
from narrascope.rhetoric.features import token_arrays
from narrascope.rhetoric.model import DecodeParams, RhetoricModel
from narrascope.rhetoric.ptc import LABELS, Article, fold_of
from narrascope.rhetoric.scoring import si_scores, tc_scores
from narrascope.encoder.tagger import WEIGHTS as TAGGER_WEIGHTS
from narrascope.rhetoric.span_encoder import check_markers, load_span_classifier
from narrascope.rhetoric.train_span import check_class_power, fit_span_classifier
from narrascope.rhetoric.train import Prepared, fit_classifier, fit_tagger, search_decoding, token_span

VALID_FOLD = 0
GRID = {"smooth": (0, 1), "max_gap": (2, 4, 6, 8),
        "threshold": (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5),
        "seed": (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)}
MIX = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
STAGES = ("all", "tagger", "span", "mix")
#: tagger label sets (`--labels`): `technique` (shipped default) = O + the 14 techniques,
#: `binary` = O / inside any technique span (P(inside) only, no technique distribution),
#: `sentence` (session 10) = the technique set with O split by sentence: `O` in a sentence holding
#: no gold span, `O-near` (last) in a sentence that holds one (multi-granularity supervision)
LABEL_SETS = {"technique": ENC_LABELS, "binary": ["O", "technique"], "sentence": SENTENCE_LABELS}


def technique_labels(doc: Doc, spans: Sequence[tuple[str, int, int]]) -> np.ndarray:
    """Label index per token in ENC_LABELS: 0 = O, else the technique of the shortest gold span
    covering the token (longer spans are written first, shorter ones overwrite); -100 (ignored)
    for whitespace tokens."""
    y = np.zeros(len(doc), dtype=np.int64)
    for tech, s, e in sorted(spans, key=lambda r: r[1] - r[2]):
        ts = token_span(doc, s, e)
        if ts is not None:
            y[ts[0]:ts[1]] = 1 + LABELS.index(tech)
    space = np.fromiter((t.is_space for t in doc), dtype=bool, count=len(doc))
    y[space] = -100
    return y


def check_labels(labels: str) -> None:
    """Raise ValueError (E076) unless `labels` is a key of LABEL_SETS."""
    if labels not in LABEL_SETS:
        raise ValueError(Errors.E076.format(labels=labels, known=", ".join(LABEL_SETS)))


def tagger_labels(doc: Doc, spans: Sequence[tuple[str, int, int]], labels: str = "technique") -> np.ndarray:
    """`technique_labels`, or with `labels="binary"` 1 for every token inside a technique span
    (0 = O, -100 ignored as before), or with `labels="sentence"` the O tokens of every sentence
    that a technique token falls in relabelled `O-near` (index 15); a span crossing a sentence
    boundary makes each sentence it touches near. Sentences: the parse's (`token_arrays`, as
    the span head and the decoder read them)."""
    check_labels(labels)
    y = technique_labels(doc, spans)
    if labels == "binary":
        y[y > 0] = 1
    elif labels == "sentence" and len(doc):
        sent_id = token_arrays(doc)["sent_id"]
        near = np.isin(sent_id, np.unique(sent_id[y > 0])) & (y == 0)
        y[near] = SENTENCE_LABELS.index("O-near")
    return y


def class_weights(examples: Sequence[tuple[Doc, np.ndarray]], power: float = 0.3,
                  cap: float = 4.0, n_labels: int = len(ENC_LABELS),
                  outside: Sequence[int] = (0,)) -> np.ndarray:
    """(count(outside) / count(label)) ** power, clipped to [1, cap]; 1 for the `outside`
    labels (O; O and O-near in the sentence set, whose techniques so get the weights they have
    in the technique set: the O split moves no weight between outside and inside)."""
    y = np.concatenate([lab for _d, lab in examples])
    counts = np.bincount(y[y >= 0], minlength=n_labels).astype(float)
    out = list(outside)
    w = np.clip((counts[out].sum() / np.maximum(counts, 1.0)) ** power, 1.0, cap)
    w[out] = 1.0
    return w


def decode_si(items: Sequence[Prepared], probas: Sequence[np.ndarray], params: DecodeParams) -> dict:
    model = RhetoricModel(None, None, params)  # type: ignore[arg-type]
    gold = {it.article.id: [(s, e) for _t, s, e in it.article.spans] for it in items}
    pred = {}
    for it, p in zip(items, probas):
        pred[it.article.id] = [(int(it.t["idx"][s]), int(it.t["end"][e - 1]))
                               for s, e, _ in model.decode(it.doc, p, it.t, it.text)]
    return si_scores(pred, gold)


def tune_si(items: Sequence[Prepared], probas: Sequence[np.ndarray]) -> tuple[float, DecodeParams]:
    """Best SI-F1 over this module's (smaller) GRID: `train.search_decoding`."""
    return search_decoding(items, probas, GRID)


def gold_span_keys(it: Prepared) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
    keys = sorted({(it.article.id, s, e) for _t, s, e in it.article.spans})
    return keys, [token_span(it.doc, s, e) or (0, 1) for _a, s, e in keys]


def tc_f1(items: Sequence[Prepared], rows: Sequence[np.ndarray]) -> float:
    """TC micro-F1 on gold spans; rows[i]: (n_keys, 14) technique scores of items[i]."""
    gold, pred = {}, {}
    for it, r in zip(items, rows):
        for tech, s, e in it.article.spans:
            gold.setdefault((it.article.id, s, e), []).append(tech)
        keys, _ = gold_span_keys(it)
        for key, row in zip(keys, r):
            pred[key] = [LABELS[j] for j in np.argsort(-row)]
    return tc_scores(pred, gold)["f1"]


def fit_span_head(items: Sequence[Prepared], encoded: Sequence[tuple[np.ndarray, np.ndarray]],
                  c: float = 0.03) -> SpanHead:
    """Logistic regression over pooled encoder vectors of the gold span instances of `items`."""
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for it, (_p, hidden) in zip(items, encoded):
        inst = [(tech, token_span(it.doc, s, e)) for tech, s, e in it.article.spans]
        inst = [(tech, sp) for tech, sp in inst if sp is not None]
        if inst:
            xs.append(pooled_span_vectors(hidden, [sp for _t, sp in inst], sentence_bounds(it.t)))
            ys.extend(LABELS.index(tech) for tech, _sp in inst)
    x = np.vstack(xs).astype(np.float64)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    clf = LogisticRegression(C=c, max_iter=500).fit((x - mean) / scale, np.array(ys))
    weights = np.zeros((x.shape[1], len(LABELS)))
    bias = np.full(len(LABELS), -30.0)  # techniques never seen in training: never chosen
    weights[:, clf.classes_] = clf.coef_.T
    bias[clf.classes_] = clf.intercept_
    return SpanHead(weights, bias, mean, scale)


def tune_classifier_mix(items: Sequence[Prepared], parts: dict[str, list[np.ndarray]],
                        progress: Callable[[str], None]) -> tuple[float, dict[str, float]]:
    """Best TC micro-F1 over convex weights (steps of 0.1) of the technique distributions."""
    names = list(parts)
    best: tuple[float, dict[str, float]] = (-1.0, {})
    combos = [c for c in itertools.product(range(11), repeat=len(names)) if sum(c) == 10]
    for tenths in combos:
        combo = tuple(x / 10 for x in tenths)
        rows = [sum(w * parts[n][i] for w, n in zip(combo, names)) for i in range(len(items))]
        f1 = tc_f1(items, rows)
        if f1 > best[0] + 1e-9:
            best = (f1, {n: w for n, w in zip(names, combo)})
    for n in names:
        only = tuple(1.0 if m == n else 0.0 for m in names)
        f1 = tc_f1(items, [sum(w * parts[m][i] for w, m in zip(only, names)) for i in range(len(items))])
        progress(f"validation TC micro-F1, {n} alone: {f1:.4f}")
    return best


def train_encoder(articles: list[Article], nlp, out: str | Path, *, epochs: int = 4, layers: int = 6,
                  lr: float = 5e-5, stage: str = "all", span_epochs: int = 4, span_layers: int = 4,
                  span_lr: float = 8e-5, refit: bool = False, seed: int = 0, labels: str = "technique",
                  keep_epochs: bool = False, span_class_power: float = 0.0, span_markers: str | None = None,
                  progress: Callable[[str], None] = print) -> dict:
    """Run `stage` (see the module doc) on the train-split `articles`; write `out`.

    `seed` (stage tagger/all): the tagger's random seed; 0 (default) is the shipped recipe, any
    other value is a second member (see docs); every seed also seeds the head's initialisation.
    `labels` (stage tagger/all): `technique` (default, shipped), `binary` or `sentence` (LABEL_SETS).
    `keep_epochs`: also write every epoch's tagger and its fold-0 P(inside) under `out`/epochs.
    `span_class_power` (stage span/all): the span classifier's technique loss weights
    (`train_span.technique_weights`; 0, the default, is unweighted; the session-9 refit used 0.5).
    `span_markers` (stage span/all): the span classifier's input option (span_encoder.py; None,
    the default, is the shipped input; "repetition_v1": repetition marker pieces).

    `refit` (rhetoric/refit_encoder.py): fit the stage's networks on all the articles, fold 0
    included, for exactly `epochs` / `span_epochs` (the last epoch kept), and keep the mixing
    weights and decoding already in `out` (tuned on fold 0 with networks that had not seen it):
    `span` the span classifier, `tagger` the tagger and the span head, `all` the three."""
    if stage not in STAGES:
        raise ValueError(Errors.E073.format(stage=stage, stages=", ".join(STAGES)))
    check_labels(labels)
    check_class_power(span_class_power)
    check_markers(span_markers)
    out = Path(out)
    if refit:
        from narrascope.rhetoric.refit_encoder import check_refit

        check_refit(stage, out)  # before the articles are parsed
    t0 = time.process_time()
    prepared = [Prepared(doc, art) for doc, art in
                zip(nlp.pipe((a.text for a in articles), batch_size=16), articles)]
    train_p = [p for p in prepared if fold_of(p.article.id) != VALID_FOLD]
    valid_p = [p for p in prepared if fold_of(p.article.id) == VALID_FOLD]
    progress(f"parsed {len(prepared)} articles ({len(train_p)} fine-tune, {len(valid_p)} validation), "
             f"cpu {time.process_time() - t0:.0f}s")
    if refit:
        from narrascope.rhetoric.refit_encoder import refit_encoder

        # folds 1-4 then fold 0: the order the shipped span classifier was refitted with
        return refit_encoder(out, train_p + valid_p, stage=stage, epochs=epochs, layers=layers, lr=lr,
                             seed=seed, labels=labels, keep_epochs=keep_epochs, span_epochs=span_epochs,
                             span_layers=span_layers, span_lr=span_lr, span_class_power=span_class_power,
                             span_markers=span_markers, progress=progress)
    if stage in ("all", "tagger"):
        info = fit_encoder_tagger(train_p, valid_p, out, epochs=epochs, layers=layers, lr=lr,
                                  seed=seed, labels=labels, keep_epochs=keep_epochs,
                                  progress=progress, t0=t0)
    else:
        if not (out / TAGGER_WEIGHTS).is_file():
            raise ValueError(Errors.E074.format(stage=stage, path=out))
        info = previous_info(out)
    if stage in ("all", "span"):
        span_info = fit_span_classifier(train_p, valid_p, out, layers=span_layers, epochs=span_epochs,
                                        lr=span_lr, class_power=span_class_power, markers=span_markers,
                                        progress=progress)
        progress(f"span classifier saved: {span_info}")
    return finish_encoder(out, train_p, valid_p, info, progress, t0)


def previous_info(out: Path) -> dict:
    """The tagger's training info from an existing rhetoric.json (without the mix results)."""
    try:
        trained = json.loads((out / PARAMS).read_text(encoding="utf-8")).get("trained", {})
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in trained.items() if k not in ("valid_si_f1", "valid_tc_f1", "train_cpu_s", "span")}


def fine_tune_tagger(items: Sequence[Prepared], *, labels: str, layers: int, epochs: int, lr: float,
                     seed: int, on_epoch: Callable, progress: Callable[[str], None]):
    """A new token tagger fine-tuned on `items` with the shipped recipe (batch 8, class weights
    from `items`' labels, shuffling and dropout seeded with `seed`); `on_epoch(epoch, tagger)`
    after each epoch. Torch is seeded before the new head is drawn: this torch seeds its default
    generator at random per process, so an unseeded head would make the run unrepeatable (the
    folds-1-4 path left it unseeded for seed 0 until session 9)."""
    from narrascope.encoder import EncoderTagger, fit_tagger as fit_encoder

    names = LABEL_SETS[labels]
    examples = [(p.doc, tagger_labels(p.doc, p.article.spans, labels)) for p in items]
    tagger = EncoderTagger.new(labels=names, layers=layers, seed=seed)
    outside = outside_columns(names)
    fit_encoder(tagger, examples, epochs=epochs, lr=lr, batch_size=8,
                class_weights=class_weights(examples, n_labels=len(names), outside=outside).tolist(), seed=seed,
                log=progress, on_epoch=on_epoch)
    return tagger


def fit_encoder_tagger(train_p: list[Prepared], valid_p: list[Prepared], out: Path, *, epochs: int,
                       layers: int, lr: float, progress: Callable[[str], None], t0: float,
                       seed: int = 0, labels: str = "technique", keep_epochs: bool = False) -> dict:
    """Fine-tune the token tagger on `train_p`, keep the epoch with the best validation SI-F1.
    `seed` 0 is the shipped recipe (head initialisation, shuffling and dropout seeded with it;
    before session 9 the head of seed 0 came from torch's unseeded default generator). `labels`: a key of
    LABEL_SETS (`binary`: O / technique, session 5's binary member; `sentence`: O split by
    sentence, session 10). `keep_epochs`: also save every epoch's tagger (`out`/epochs/e<N>/)
    and its fold-0 P(inside) (`fold0_pin_e<N>.npy`).
    Taggers are written in int8 quantised from their fp32 weights."""
    best: dict = {"si": -1.0}

    def on_epoch(epoch: int, tg) -> None:
        probas = tg.predict_many([p.doc for p in valid_p])
        pin = [inside_proba(q, tg.labels) for q in probas]
        f1, params = tune_si(valid_p, pin)
        progress(f"epoch {epoch}: validation SI-F1 {f1:.4f} ({params.__dict__}), "
                 f"cpu {time.process_time() - t0:.0f}s")
        if keep_epochs:
            tg.save(out / "epochs" / f"e{epoch}", int8=True)
            np.save(out / "epochs" / f"fold0_pin_e{epoch}.npy",
                    np.array(pin + [None], dtype=object)[:-1], allow_pickle=True)
        if f1 > best["si"]:
            best.update(si=f1, epoch=epoch)
            tg.save(out, int8=True)

    fine_tune_tagger(train_p, labels=labels, layers=layers, epochs=epochs, lr=lr, seed=seed,
                     on_epoch=on_epoch, progress=progress)
    return {"epoch": best["epoch"], "valid_si_f1_encoder": round(best["si"], 4),
            "layers": layers, "epochs": epochs, "lr": lr, "valid_fold": VALID_FOLD, "seed": seed,
            "labels": labels}


def finish_encoder(out: Path, train_p: list[Prepared], valid_p: list[Prepared], info: dict,
                   progress: Callable[[str], None] = print, t0: float | None = None) -> dict:
    """With the fine-tuned tagger saved in `out`: fit the span head on the fine-tune folds, tune
    the mixing with a linear model fitted on the same folds and the decoding on the validation
    fold; write rhetoric.json and span_head.npz to `out`. A binary tagger (`--labels binary`) has
    no technique distribution: the technique mix is then tuned without the `encoder` part."""
    from narrascope.encoder import EncoderTagger

    t0 = time.process_time() if t0 is None else t0
    span = load_span_classifier(out)
    model = EncoderRhetoric(EncoderTagger.load(out), None, {}, None, span)
    enc_valid = [model.encode(p.doc) for p in valid_p]
    enc_train = [model.encode(p.doc) for p in train_p]
    head = fit_span_head(train_p, enc_train)
    progress(f"span head fitted, cpu {time.process_time() - t0:.0f}s")
    # the linear model fitted without the validation fold, for mixing
    lin = RhetoricModel(fit_tagger(train_p), fit_classifier(train_p), DecodeParams())
    lin_p = [lin.tagger.proba(p.rows, p.keys, len(p.doc), p.dense) for p in valid_p]
    results = []
    for w in MIX:
        f1, params = tune_si(valid_p, [w * inside_proba(q, model.tagger.labels) + (1.0 - w) * lp
                                       for (q, _h), lp in zip(enc_valid, lin_p)])
        results.append((f1, w, params))
        progress(f"tagger mix {w}: validation SI-F1 {f1:.4f}")
    si_f1, mix_tagger, decode = max(results, key=lambda r: (r[0], r[1]))
    parts: dict[str, list[np.ndarray]] = {"encoder": [], "hidden": [], "linear": []}
    technique_tagger = gives_techniques(model.tagger)
    if not technique_tagger:
        del parts["encoder"]
    if span is not None:
        parts["span"] = []
    for p, (q, hidden) in zip(valid_p, enc_valid):
        _keys, spans = gold_span_keys(p)
        if technique_tagger:
            parts["encoder"].append(span_technique_means(q, spans))
        parts["hidden"].append(head.proba(pooled_span_vectors(hidden, spans, sentence_bounds(p.t)))
                               if spans else np.zeros((0, len(LABELS))))
        parts["linear"].append(linear_in_labels(lin.classify(p.doc, p.t, p.dense, spans), lin.classifier.classes)
                               if spans else np.zeros((0, len(LABELS))))
        if span is not None:
            parts["span"].append(span.proba(p.doc, spans, sentence_bounds(p.t), p.t))
    tc_f, mix_classifier = tune_classifier_mix(valid_p, parts, progress)
    info = {**info, "valid_si_f1": round(si_f1, 4), "valid_tc_f1": round(tc_f, 4),
            "train_cpu_s": round(time.process_time() - t0)}
    if span is not None:
        info["span"] = json.loads((out / "span.json").read_text(encoding="utf-8")).get("trained", {})
    final = EncoderRhetoric(None, None, {"trained": info}, head, span)
    final.decode_params, final.mix_tagger, final.mix_classifier = decode, mix_tagger, mix_classifier
    final.save_params(out)
    progress(f"saved to {out}: {info}, decode {decode.__dict__}, mix tagger {mix_tagger}, "
             f"classifier {mix_classifier}")
    return {**info, "mix_tagger": mix_tagger, "mix_classifier": mix_classifier, **decode.__dict__}

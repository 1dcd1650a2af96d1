"""Attribution evaluation on PolNeAR (`narrascope eval attribution --polnear DIR --split dev`).

Per role (source, cue, content), as in the CofeNet paper: precision/recall/F1 with exact span
match (character offsets, after trimming white space; a content broken in two by the cue counts
as its fragments) and with token overlap (token-level micro P/R/F1 of the role's tokens). Every
annotator file of an article is scored against the same prediction; Discuss/Discard marks are
ignored. Whole attributions: F1 on one annotator per article, an attribution matching when its
cue overlaps the gold cue and its source and content match exactly (`whole_exact`) or overlap
(`whole_overlap`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable

from spacy.tokens import Doc

from narrascope.eval import brat_attributions as polnear
from narrascope.spans import pieces

ROLES = ("source", "cue", "content")
Frag = tuple[int, int]


def _trim(text: str, start: int, end: int) -> Frag:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pred_roles(text: str, atts: list[dict]) -> dict[str, set[Frag]]:
    out: dict[str, set[Frag]] = {r: set() for r in ROLES}
    for att in atts:
        if att.get("source"):
            out["source"].add(_trim(text, att["source"]["start"], att["source"]["end"]))
        out["cue"].add(_trim(text, att["cue"]["start"], att["cue"]["end"]))
        for s, e in pieces(att["content"]):
            out["content"].add(_trim(text, s, e))
    return out


def gold_roles(article: polnear.AnnotatedArticle) -> dict[str, set[Frag]]:
    out: dict[str, set[Frag]] = {r: set() for r in ROLES}
    for att in article.attributions:
        for role in ROLES:
            for s, e in att.role(role) or ():
                frag = _trim(article.text, s, e)
                if frag[1] > frag[0]:
                    out[role].add(frag)
    return out


def _token_set(doc: Doc, frags: Iterable[Frag]) -> set[int]:
    toks: set[int] = set()
    for s, e in frags:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            toks.update(t.i for t in span if not t.is_space)
    return toks


def _prf(tp: float, npred: float, ngold: float) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1),
            "tp": int(tp), "pred": int(npred), "gold": int(ngold)}


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _frags_overlap(a: Iterable[Frag], b: Iterable[Frag]) -> bool:
    return any(_overlap(x, y) for x in a for y in b)


def whole_counts(text: str, atts: list[dict], gold: list[polnear.GoldAttribution]) -> tuple[int, int, int, int]:
    """(exact matches, overlap matches, predicted, gold) with one-to-one greedy matching."""
    preds = []
    for att in atts:
        cue = _trim(text, att["cue"]["start"], att["cue"]["end"])
        src = _trim(text, att["source"]["start"], att["source"]["end"]) if att.get("source") else None
        cnt = tuple(sorted(_trim(text, s, e) for s, e in pieces(att["content"])))
        preds.append((cue, src, cnt))
    golds = []
    for g in gold:
        src = _trim(text, *g.source[0]) if g.source else None
        if g.source and len(g.source) > 1:
            src = (_trim(text, *g.source[0])[0], _trim(text, *g.source[-1])[1])
        golds.append((tuple(_trim(text, *c) for c in g.cue), src,
                      tuple(sorted(_trim(text, *c) for c in g.content))))
    counts = []
    for mode in ("exact", "overlap"):
        used: set[int] = set()
        tp = 0
        for cue, src, cnt in preds:
            for k, (gcue, gsrc, gcnt) in enumerate(golds):
                if k in used or not _frags_overlap([cue], gcue):
                    continue
                if mode == "exact":
                    ok = src == gsrc and cnt == gcnt
                else:
                    ok = ((src is None) == (gsrc is None) and (src is None or _overlap(src, gsrc))) \
                        and _frags_overlap(cnt, gcnt)
                if ok:
                    used.add(k)
                    tp += 1
                    break
        counts.append(tp)
    return counts[0], counts[1], len(preds), len(golds)


def evaluate(root: Path | str, split: str, predict: Callable[[Doc], list[dict]],
             docs: dict[str, Doc], names: list[str] | None = None) -> dict:
    """Scores of `predict` (Doc -> spec attribution dicts) on a PolNeAR split.

    `docs`: {article name: parsed Doc} (the bare pipeline's parse, see attribution.corpus).
    """
    names = names if names is not None else sorted(docs)
    exact = {r: [0, 0, 0] for r in ROLES}
    tokens = {r: [0, 0, 0] for r in ROLES}
    whole = [0, 0, 0, 0]
    files = 0
    t0 = time.time()
    n_tokens = 0
    for name in names:
        doc = docs[name]
        n_tokens += len(doc)
        atts = predict(doc)
        pred = pred_roles(doc.text, atts)
        pred_toks = {r: _token_set(doc, pred[r]) for r in ROLES}
        for k, article in enumerate(polnear.iter_articles(root, split, names=[name])):
            files += 1
            gold = gold_roles(article)
            for r in ROLES:
                exact[r][0] += len(pred[r] & gold[r])
                exact[r][1] += len(pred[r])
                exact[r][2] += len(gold[r])
                gt = _token_set(doc, gold[r])
                tokens[r][0] += len(pred_toks[r] & gt)
                tokens[r][1] += len(pred_toks[r])
                tokens[r][2] += len(gt)
            if k == 0:
                for i, c in enumerate(whole_counts(doc.text, atts, article.attributions)):
                    whole[i] += c
    return {
        "split": split, "articles": len(names), "annotator_files": files,
        "exact": {r: _prf(*exact[r]) for r in ROLES},
        "overlap": {r: _prf(*tokens[r]) for r in ROLES},
        "whole_exact": _prf(whole[0], whole[2], whole[3]),
        "whole_overlap": _prf(whole[1], whole[2], whole[3]),
        "seconds": round(time.time() - t0, 1), "tokens": n_tokens,
    }


def component_predictor(use_model: bool, model_path: str | None = None,
                        **stages) -> Callable[[Doc], list[dict]]:
    """Run narrascope_attribution's stages on an already parsed Doc (no re-parse). `stages`: the
    component's other settings, by their config names (`use_percue=False`, `percue_path=...`,
    `use_quote_edges=False`...; see `AttributionComponent`), so a new stage switch needs no
    change here."""
    from spacy.lang.en import English

    import narrascope.pipeline  # noqa: F401 - registers extensions
    from narrascope.pipeline.attribution import AttributionComponent

    comp = AttributionComponent(English(), "narrascope_attribution", use_model=use_model,
                                resolve=False, model_path=model_path, **stages)
    if use_model and comp.tagger is None:
        raise FileNotFoundError("attribution model not found")
    return comp.extract

"""Fit the incident scorer (`events/incident_score.py`) on MUC-3/4 answer keys.

The records the rules read (role tagger off, so the fit does not see the tagger's fillers on
its own training documents; bombings read from a placed explosive, `triggers.WEAPON_TRIGGERS`,
off: fitting on them lowered MUC dev docs 1001-1300 from 39.6 to 39.3 with the CRF and from 41.7 to
41.1 with the encoder backend, docs/history/events.md; the session-4 attempt switches of `events.stage` likewise
off, and the session-5 filler span edits of `events.filler_spans` off too, so the shipped weights stay
reproducible) are aligned to the gold templates with the GTT/IterX alignment
(`narrascope.eval.events.align`); a record aligned to a gold incident is positive, any other
record of a MUC incident type negative. Logistic regression (scikit-learn, C = 1) over
`incident_score.features`; the weights are written as JSON.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc

from narrascope.events import training_inputs


# events.stage switches that change which mentions are records (off while fitting, as above)
STAGE_SWITCHES = ("UNBLOCK_FOILED", "UNBLOCK_ATTEMPT_NOUN", "DEFUSED", "BLOCK_INTENDED_ATTEMPT")
# events.filler_spans switches (the edits change filler wording, hence the alignment: off while fitting)
SPAN_SWITCHES = ("HEDGE", "TITLE", "OF_OWNER")


def training_items(docs_and_examples: Iterable[tuple[Doc, Any]]) -> Iterator[tuple[dict[str, float], int]]:
    """The scorer's training items, (features, 0/1 label) per record, with the rule switches set as
    above while each document is read (restored between yields, so a consumer runs under its own)."""
    from narrascope.eval.events import _norm_roles, align, gold_templates, to_templates
    from narrascope.events import incident_score
    from narrascope.events.extract import extract

    for doc, ex in docs_and_examples:
        with fitting_switches():
            preds = to_templates(extract(doc, ex.document.date, [], []))
            mapping, _ = align([_norm_roles(p) for p in preds], [_norm_roles(g) for g in gold_templates(ex)])
            matched = {i for i, _ in mapping}
            items = [(incident_score.features(p["_event"], len(doc.text)), int(i in matched))
                     for i, p in enumerate(preds)]
        yield from items


@contextmanager
def fitting_switches() -> Iterator[None]:
    """The rule switches as the scorer is fit (learned roles and weapon triggers off, the
    STAGE_SWITCHES and SPAN_SWITCHES off), restored on exit."""
    from narrascope.events import filler_spans, learned_roles, stage, triggers

    fitting = [(learned_roles, "MODE", "off"), (triggers, "WEAPON_TRIGGERS", False)]
    fitting += [(stage, k, False) for k in STAGE_SWITCHES] + [(filler_spans, k, False) for k in SPAN_SWITCHES]
    before = [getattr(mod, name) for mod, name, _ in fitting]
    for mod, name, value in fitting:
        setattr(mod, name, value)
    try:
        yield
    finally:
        for (mod, name, _), value in zip(fitting, before):
            setattr(mod, name, value)


def items_fingerprint(docs_and_examples: Iterable[tuple[Doc, Any]]) -> dict[str, Any]:
    """The `items` digest `fit` records, computed without fitting (`train events --check`)."""
    return training_inputs.items_digest(training_items(docs_and_examples))


def fit(docs_and_examples: Iterable[tuple[Doc, Any]], out: Path) -> dict[str, Any]:
    """Fit the scorer and write its JSON; returns the record counts and `items`, the sha256 of the
    exact (features, label) items it was fit on (`events.training_inputs`)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X: list[dict[str, float]] = []
    y: list[int] = []
    digest = training_inputs.Digest()
    for feats, label in training_inputs.hashed(training_items(docs_and_examples), digest):
        X.append(feats)
        y.append(label)
    vec = DictVectorizer()
    lr = LogisticRegression(C=1.0, max_iter=2000).fit(vec.fit_transform(X), y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0]) if abs(w) > 1e-6}
    weights["bias"] = round(weights.get("bias", 0.0) + float(lr.intercept_[0]), 5)
    out.parent.mkdir(parents=True, exist_ok=True)
    info = {"records": len(y), "positive": int(sum(y))}
    out.write_text(json.dumps({"model": "logistic regression, sklearn C=1", **info, "weights": weights},
                              indent=1, sort_keys=True), encoding="utf-8")
    return {**info, "items": digest.summary()}

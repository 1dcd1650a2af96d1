"""Train the role tagger (`events/role_tagger.py`) on MUC-3/4 answer keys.

Token labels come from matching each key's filler strings (every alternative of every
PerpInd / PerpOrg / Target / Victim / Weapon entity, as `narrascope.eval.muc.role_entities`
reads them) in the document text, case-insensitively and on token boundaries; the longest
match wins where matches overlap. Texts are prepared exactly as the evaluation prepares them
(truecased when all caps, hard wraps joined) and parsed with the bare spaCy model.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc

from narrascope.crf import fit_crf
from narrascope.events import training_inputs
from narrascope.events.doccache import token_table
from narrascope.events.role_tagger import ROLE_LABELS, doc_sentences, sentence_features

# the CRF's training options (L-BFGS with elastic net); chosen once, not tuned on test splits
TRAIN_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True,
                "feature.minfreq": 2}


def gold_strings(templates: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    from narrascope.eval import muc

    out: dict[str, set[str]] = {r: set() for r in ROLE_LABELS}
    for tmpl in templates:
        ents = muc.role_entities(tmpl)
        for role in ROLE_LABELS:
            for ent in ents[role]:
                out[role].update(s for s in ent if s.strip())
    return out


def token_labels(doc: Doc, strings: dict[str, set[str]]) -> list[str]:
    """BIO label per token of `doc` from the gold filler strings."""
    text = doc.text
    matches: list[tuple[int, int, str]] = []
    for role in ROLE_LABELS:
        for s in strings.get(role, ()):
            words = s.split()
            if not words:
                continue
            pat = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
            for m in re.finditer(pat, text, re.I):
                matches.append((m.start(), m.end(), role))
    matches.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    labels = ["O"] * len(doc)
    for start, end, role in matches:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or len(span) == 0 or any(labels[i] != "O" for i in range(span.start, span.end)):
            continue
        labels[span.start] = "B-" + role
        for i in range(span.start + 1, span.end):
            labels[i] = "I-" + role
    return labels


def sequences(doc: Doc, labels: list[str]) -> Iterable[tuple[list[dict[str, Any]], list[str]]]:
    table = token_table(doc)
    for n, sent in enumerate(doc_sentences(doc)):
        yield sentence_features(sent, n, table), labels[sent.start:sent.end]


def training_items(docs_and_templates: Iterable[tuple[Doc, list[dict[str, Any]]]],
                   counts: dict[str, int] | None = None) -> Iterator[tuple[list[dict[str, Any]], list[str]]]:
    """The CRF's training items: (feature dicts, BIO labels) per sentence, in training order.
    `counts` (optional) is filled with the documents and filler mentions seen."""
    counts = counts if counts is not None else {}
    counts.setdefault("documents", 0)
    counts.setdefault("fillers", 0)
    for doc, templates in docs_and_templates:
        labels = token_labels(doc, gold_strings(templates))
        counts["documents"] += 1
        for feats, labs in sequences(doc, labels):
            counts["fillers"] += sum(1 for x in labs if x.startswith("B-"))
            yield feats, labs


def train(docs_and_templates: Iterable[tuple[Doc, list[dict[str, Any]]]], out: Path,
          params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Fit the CRF; returns counts and `items`, the sha256 of the exact items it was given
    (`events.training_inputs`)."""
    counts: dict[str, int] = {}
    digest = training_inputs.Digest()
    n_seq = fit_crf(training_inputs.hashed(training_items(docs_and_templates, counts), digest), out,
                    {**TRAIN_PARAMS, **(params or {})})
    return {"documents": counts.get("documents", 0), "sequences": n_seq, "fillers": counts.get("fillers", 0),
            "items": digest.summary()}


def items_fingerprint(docs_and_templates: Iterable[tuple[Doc, list[dict[str, Any]]]]) -> dict[str, Any]:
    """The `items` digest `train` would record, computed without fitting (`train events --check`)."""
    return training_inputs.items_digest(training_items(docs_and_templates))


def prepare_split(root: str, split: str, limit: int | None = None) -> tuple[list[str], list[Any]]:
    """The split's texts as the evaluation prepares them, and its examples."""
    from narrascope.eval import muc
    from narrascope.eval.events import unwrap
    from narrascope.events.truecase import is_all_caps, truecase

    examples = muc.load_split(root, split, limit)
    texts = [unwrap(truecase(e.document.text) if is_all_caps(e.document.text) else e.document.text)
             for e in examples]
    return texts, examples

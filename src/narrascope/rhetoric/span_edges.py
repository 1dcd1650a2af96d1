"""Edges an analyst can read: rules applied to the decoder's technique spans (session 13, round 2).

The hysteresis/gap decoder (RhetoricModel.decode) works on token probabilities only, so a span
can run over a sentence end (gap joining ignores sentences) or start or end inside a name
("Rights, based in London, ..." starting inside "Human Rights Watch"). Three rules, applied after
decoding, with no refit (measured on fold 0 of the PTC train split for both backends:
docs/history/claims-rhetoric.md, "Session 13, round 2"):

- `sentences`: a span is cut at every sentence end it crosses (the parser's sentences); each part,
  trimmed of punctuation like the decoder's spans, is kept iff the decoder would keep it alone
  (some token reaches the `seed` probability, at least `min_tokens` tokens). Its score is its own
  mean probability.
- `entities`: an edge inside a named entity (any type) moves to the entity's edge: the span is
  extended over the whole entity if the entity's mean probability reaches the decoder's
  `threshold`, else the entity is cut off (extended after all if cutting would empty the span).
  Spans an extension makes overlap are merged. Needs the `ner` annotation; without it, no-op.
- `names`: after classification, a span that is exactly one ORG/PERSON/GPE entity is dropped
  unless its technique is name calling or flag waving (a bare name is rarely a technique by
  itself: 2 of the 739 fold-0 gold spans, one of them name calling).

Probabilities here are the decoder's input token probabilities, unsmoothed (both shipped
decodings use `smooth` 0, so these are the ones the decoder thresholds).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

NAME_TYPES = ("ORG", "PERSON", "GPE")
#: techniques a span that is only a name may carry (labels of narrascope.rhetoric.ptc.LABELS)
NAME_TECHNIQUES = ("name_calling_labeling", "flag_waving")

Span = tuple[int, int, float]  # token start, token end (exclusive), mean probability


@dataclass(frozen=True)
class EdgeRules:
    """Which rules run (all by default; `EdgeRules.none()` gives the decoder's spans unchanged)."""
    sentences: bool = True
    entities: bool = True
    names: bool = True

    @classmethod
    def none(cls) -> "EdgeRules":
        return cls(False, False, False)

    def __bool__(self) -> bool:
        return self.sentences or self.entities or self.names


def entity_arrays(doc: Doc) -> tuple[np.ndarray, np.ndarray, list[str]] | None:
    """Per token: start and end token of its entity (-1 outside) and the entity label ('' outside);
    None when the Doc has no entity annotation (no `ner` in the pipeline)."""
    if not doc.has_annotation("ENT_IOB"):
        return None
    n = len(doc)
    start = np.full(n, -1, dtype=np.int64)
    end = np.full(n, -1, dtype=np.int64)
    label = [""] * n
    for ent in doc.ents:
        start[ent.start:ent.end] = ent.start
        end[ent.start:ent.end] = ent.end
        label[ent.start:ent.end] = [ent.label_] * (ent.end - ent.start)
    return start, end, label


def _trim(s: int, e: int, skip: np.ndarray) -> tuple[int, int]:
    """[s, e) without leading/trailing punctuation or space tokens (the decoder's span edges)."""
    while s < e and skip[s]:
        s += 1
    while e > s and skip[e - 1]:
        e -= 1
    return s, e


def _mean(csum: np.ndarray, s: int, e: int) -> float:
    return float((csum[e] - csum[s]) / (e - s))


def cut_at_sentences(spans: list[Span], t: dict, proba: np.ndarray, seed: float,
                     min_tokens: int = 1) -> list[Span]:
    """Rule `sentences`: split spans at sentence ends; keep the parts the decoder would keep."""
    sent, skip = t["sent_id"], t["skip"]
    csum = np.concatenate([[0.0], np.cumsum(proba)])
    out: list[Span] = []
    for s, e, score in spans:
        if sent[s] == sent[e - 1]:
            out.append((s, e, score))
            continue
        cuts = [s, *(np.flatnonzero(np.diff(sent[s:e])) + s + 1).tolist(), e]
        for a, b in zip(cuts[:-1], cuts[1:]):
            a, b = _trim(a, b, skip)
            if b - a < max(min_tokens, 1) or (seed > 0 and float(proba[a:b].max()) < seed):
                continue
            out.append((a, b, _mean(csum, a, b)))
    return out


def entity_edges(spans: list[Span], t: dict, proba: np.ndarray, threshold: float,
                 ents: tuple[np.ndarray, np.ndarray, list[str]]) -> list[Span]:
    """Rule `entities`: edges inside an entity move to its edge (extend or cut, see module doc)."""
    start, end, _label = ents
    skip = t["skip"]
    csum = np.concatenate([[0.0], np.cumsum(proba)])
    out: list[Span] = []
    for s, e, score in spans:
        ns, ne = s, e
        cut_start = cut_end = False
        if 0 <= start[s] < s:  # starts inside an entity
            a, b = int(start[s]), int(end[s])
            cut_start = not (_mean(csum, a, b) >= threshold or _trim(b, ne, skip)[0] >= ne)
            ns = b if cut_start else a
        if end[e - 1] > e:  # ends inside an entity
            a, b = int(start[e - 1]), int(end[e - 1])
            cut_end = not (_mean(csum, a, b) >= threshold or _trim(ns, a, skip)[1] <= ns)
            ne = a if cut_end else b
        # a cut side is trimmed of punctuation like the decoder's edges ("Watch, based" -> "based");
        # an extended side keeps the whole entity ("20%", whose "%" the decoder would trim)
        ts, te = _trim(ns, ne, skip)
        ns, ne = (ts if cut_start else ns), (te if cut_end else ne)
        if ne <= ns:
            ns, ne = s, e
        out.append((ns, ne, score if (ns, ne) == (s, e) else _mean(csum, ns, ne)))
    out.sort()
    merged: list[Span] = []
    for s, e, score in out:  # an extension can reach the next span: merge (decoder spans never overlap)
        if merged and s < merged[-1][1]:
            ps, pe, _ = merged[-1]
            merged[-1] = (ps, max(pe, e), _mean(csum, ps, max(pe, e)))
        else:
            merged.append((s, e, score))
    return merged


def reshape(doc: Doc, spans: list[Span], t: dict, proba: np.ndarray, threshold: float, seed: float,
            min_tokens: int, rules: EdgeRules) -> list[Span]:
    """The decoder's spans after the `sentences` and `entities` rules (the ones before classification)."""
    if rules.sentences:
        spans = cut_at_sentences(spans, t, proba, seed, min_tokens)
    if rules.entities and spans:
        ents = entity_arrays(doc)
        if ents is not None:
            spans = entity_edges(spans, t, proba, threshold, ents)
    return spans


def keep_names(doc: Doc, spans: list[tuple[int, int]], techniques: list[str], rules: EdgeRules) -> list[int]:
    """Rule `names` (after classification): indices of the spans kept."""
    ents = entity_arrays(doc) if rules.names else None
    if ents is None:
        return list(range(len(spans)))
    start, end, label = ents
    return [i for i, ((s, e), tech) in enumerate(zip(spans, techniques))
            if not (start[s] == s and end[s] == e and label[s] in NAME_TYPES and tech not in NAME_TECHNIQUES)]

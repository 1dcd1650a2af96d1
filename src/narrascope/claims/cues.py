"""Epistemic cue lexicons (data/claims/*.tsv) compiled into spaCy matchers.

A cue is a token span labelled with what it does to a statement: `hedge`, `booster`,
`speculative`, `questioned`, `denied` or `reported`. Phrases match on lowercase tokens; a
token pattern adds counterfactual modal perfects ("could not have been", "couldn't have come",
"must have known"), which present an inference as fact (status speculative).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

DATA = Path(__file__).resolve().parents[1] / "data" / "claims"
MODAL_ONLY = {"may", "might"}  # hedge only as modal verbs ("May" the month is not a hedge)


@dataclass(frozen=True)
class Cue:
    kind: str
    start: int  # token indices
    end: int


def read_tsv(name: str) -> list[list[str]]:
    rows = []
    text = (DATA / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, list[str]]:
    """kind -> phrases, from the shipped data files."""
    out: dict[str, list[str]] = {"hedge": [], "booster": []}
    for row in read_tsv("hedges.tsv"):
        out["hedge"].append(row[0])
    for row in read_tsv("boosters.tsv"):
        out["booster"].append(row[0])
    for row in read_tsv("status_cues.tsv"):
        out.setdefault(row[1], []).append(row[0])
    return out


@functools.lru_cache(maxsize=1)
def act_lemmas() -> dict[str, frozenset[str]]:
    """status -> the lemmas of the acts its cues tell of (status_cues.tsv, column `act`): a cue whose
    head has one of them decides only as the claim's own predicate (claims/extract.py `_others_act`)."""
    out: dict[str, set[str]] = {}
    for row in read_tsv("status_cues.tsv"):
        if row[2] != "-":
            out.setdefault(row[1], set()).add(row[2])
    return {kind: frozenset(lemmas) for kind, lemmas in out.items()}


class CueMatcher:
    """All cue spans of a doc, longest match first, no overlaps."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind, phrases in lexicon().items():
            self.phrases.add(kind, [nlp.make_doc(p) for p in phrases])
        self.patterns = Matcher(nlp.vocab)
        modal = {"LOWER": {"IN": ["could", "would", "must", "might", "may", "should", "ca", "can"]}}
        neg = {"LOWER": {"IN": ["not", "n't", "n’t", "never"]}, "OP": "?"}
        have = {"LOWER": {"IN": ["have", "'ve", "’ve"]}}
        vbn = {"TAG": "VBN"}
        self.patterns.add("speculative", [[modal, neg, have, vbn]])

    def __call__(self, doc: Doc) -> list[Cue]:
        found: list[Cue] = []
        for match_id, start, end in self.phrases(doc):
            kind = doc.vocab.strings[match_id]
            if end - start == 1 and doc[start].lower_ in MODAL_ONLY and doc[start].tag_ != "MD":
                continue
            found.append(Cue(kind, start, end))
        for match_id, start, end in self.patterns(doc):
            found.append(Cue(doc.vocab.strings[match_id], start, end))
        # longest first, then leftmost; drop cues overlapping a kept one
        found.sort(key=lambda c: (-(c.end - c.start), c.start))
        taken = bytearray(len(doc))
        kept: list[Cue] = []
        for cue in found:
            if any(taken[cue.start:cue.end]):
                continue
            taken[cue.start:cue.end] = b"\x01" * (cue.end - cue.start)
            kept.append(cue)
        kept.sort(key=lambda c: c.start)
        return kept

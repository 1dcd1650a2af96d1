"""Rhetoric cue lexicon (data/rhetoric/lexicon.tsv) as a spaCy PhraseMatcher on lowercase tokens."""

from __future__ import annotations

import functools
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

LEXICON = Path(__file__).resolve().parents[1] / "data" / "rhetoric" / "lexicon.tsv"


@functools.lru_cache(maxsize=1)
def entries() -> tuple[tuple[str, str], ...]:
    """(phrase, technique) pairs from the shipped lexicon."""
    out = []
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        out.append((parts[0].strip().lower(), parts[1].strip()))
    return tuple(out)


class LexiconMatcher:
    """Longest non-overlapping lexicon matches: (technique, phrase, start_token, end_token)."""

    def __init__(self, nlp: Language, enabled: set[str] | None = None) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.technique: dict[str, str] = {}
        for phrase, tech in entries():
            if enabled is not None and phrase not in enabled:
                continue
            self.technique[phrase] = tech
            self.matcher.add(phrase, [nlp.make_doc(phrase)])

    def __call__(self, doc: Doc) -> list[tuple[str, str, int, int]]:
        found = []
        for match_id, start, end in self.matcher(doc):
            phrase = doc.vocab.strings[match_id]
            found.append((self.technique[phrase], phrase, start, end))
        found.sort(key=lambda m: (m[2], -(m[3] - m[2])))
        kept, last_end = [], -1
        for m in found:
            if m[2] >= last_end:
                kept.append(m)
                last_end = m[3]
        return kept

"""Phrase matchers over the KB's aliases and role names, built once per process (per vocab+KB).

Multi-token aliases match case-insensitively (attr LOWER); single-token aliases match as
written (attr ORTH: "IS", "AP", "Fox" must not match "is", "ap", "fox"). Diacritic-free and
straight/curly-apostrophe variants are added. Actors marked `match: ner` (non-capital cities,
whose names collide with common words and persons) are not in the matcher: they link only
when the statistical NER found the mention.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from narrascope.actors.kb import DATA_DIR, KnowledgeBase
from narrascope.actors.normalize import fold

ROLE_PREFIX = "ROLE|"
ACTOR_PREFIX = "KB|"
_APOS = re.compile(r"['’]")


@functools.lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    path = DATA_DIR / "titles.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _variants(alias: str) -> set[str]:
    forms = {alias, fold(alias)}
    for form in list(forms):
        if _APOS.search(form):
            forms.add(form.replace("’", "'"))
            forms.add(form.replace("'", "’"))
    return {f for f in forms if f.strip()}


@dataclass
class KBMatch:
    span: Span
    key: str  # "KB|<actor id>" or "ROLE|<role name>"

    @property
    def is_role(self) -> bool:
        return self.key.startswith(ROLE_PREFIX)

    @property
    def target(self) -> str:
        return self.key.split("|", 1)[1]


class KBMatcher:
    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.vocab = nlp.vocab
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower: dict[str, set[str]] = {}
        orth: dict[str, set[str]] = {}
        make = nlp.tokenizer

        def add(key: str, names: Iterable[str], upper: bool = False) -> None:
            for name in names:
                for form in _variants(name):
                    tokens = make(form)
                    # single words and "The X" names are matched as written ("The Hill", not "the hill")
                    cased = len(tokens) == 1 or (tokens[0].text == "The" and len(tokens) <= 3)
                    (orth if cased else lower).setdefault(key, set()).add(form)
                    if upper and len(tokens) == 1 and len(form) >= 4:
                        orth[key].add(form.upper())  # transcripts: "PENCE:"

        for actor in kb:
            if actor.match == "ner":
                continue
            add(ACTOR_PREFIX + actor.id, actor.names, upper=actor.type == "person")
        for role in kb.roles.values():
            add(ROLE_PREFIX + role.name, [role.name, *role.aliases])
        for matcher, table in ((self.lower, lower), (self.orth, orth)):
            for key, forms in table.items():
                matcher.add(key, list(make.pipe(sorted(forms))))

    def __call__(self, doc: Doc) -> list[KBMatch]:
        found: dict[tuple[int, int], str] = {}
        for matcher in (self.orth, self.lower):
            for match_id, start, end in matcher(doc):
                key = self.vocab.strings[match_id]
                old = found.get((start, end))
                # an actor name beats a role name on the same tokens; otherwise first wins
                if old is None or (old.startswith(ROLE_PREFIX) and key.startswith(ACTOR_PREFIX)):
                    found[(start, end)] = key
        spans = filter_spans([Span(doc, s, e) for (s, e) in found])
        return [KBMatch(span, found[(span.start, span.end)]) for span in spans]


_CACHE: dict[tuple[int, int], KBMatcher] = {}


def get_matcher(nlp: Language, kb: KnowledgeBase) -> KBMatcher:
    """One matcher per (vocab, KB) in the process."""
    key = (id(nlp.vocab), id(kb))
    if key not in _CACHE:
        _CACHE[key] = KBMatcher(nlp, kb)
    return _CACHE[key]


def kb_files_key(paths: Iterable[str | Path]) -> tuple[str, ...]:
    return tuple(str(p) for p in paths)

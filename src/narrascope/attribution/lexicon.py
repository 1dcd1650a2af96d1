"""The cue lexicon, the source-type head words and the word lists source resolution reads (official
modifiers, role synonyms, name titles, media name words), from src/narrascope/data/attribution/."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "attribution"


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, str] = field(default_factory=dict)      # lemma -> class (speech/belief)
    nouns: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()               # lower-cased word sequences
    # the `act` column (cue_class.py): what kind of act a cue reports, apart from the coarse class
    # above, which the rule extractor and the trained models read
    acts: dict[str, str] = field(default_factory=dict)       # lemma -> act (verb, noun, adverb, learned rows)
    phrase_acts: dict[tuple[str, ...], str] = field(default_factory=dict)
    data: frozenset[str] = frozenset()                       # datum rows: nouns naming data or records

    def verb_class(self, lemma: str) -> str | None:
        return self.verbs.get(lemma.lower())


def _rows(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            yield line.rstrip("\n").split("\t")


@functools.lru_cache(maxsize=None)
def cue_lexicon(path: str | None = None) -> CueLexicon:
    verbs: dict[str, str] = {}
    acts: dict[str, str] = {}
    phrase_acts: dict[tuple[str, ...], str] = {}
    nouns, adverbs, phrases, data = set(), set(), [], set()
    for cols in _rows(Path(path) if path else DATA / "cues.tsv"):
        cue, kind, klass = cols[0], cols[1], cols[2]
        # a file without the act column (cue<TAB>kind<TAB>class<TAB>provenance) acts as its class
        act = cols[3] if len(cols) >= 5 else klass
        if kind == "verb":
            verbs.setdefault(cue, klass)
        elif kind == "noun":
            nouns.add(cue)
        elif kind == "adverb":
            adverbs.add(cue)
        elif kind == "phrase":
            phrases.append(tuple(cue.split()))
            phrase_acts.setdefault(tuple(cue.split()), act)
        elif kind == "datum":
            data.add(cue)
        if kind in ("verb", "noun", "adverb", "learned"):
            acts.setdefault(cue, act)
    phrases.sort(key=len, reverse=True)
    return CueLexicon(verbs, frozenset(nouns), frozenset(adverbs), tuple(phrases), acts, phrase_acts,
                      frozenset(data))


@functools.lru_cache(maxsize=None)
def source_type_words(path: str | None = None) -> dict[str, str]:
    """Head words of possible speakers and their source type (source_types.tsv): the rules' gates."""
    return {cols[0]: cols[1] for cols in _rows(Path(path) if path else DATA / "source_types.tsv")}


@functools.lru_cache(maxsize=None)
def source_typing_words() -> dict[str, str]:
    """What types an unnamed source in resolve.py: source_types.tsv, then the head words that type a
    found source without making a noun a speaker (source_type_heads.tsv: "ad", "video", "this")."""
    return {**{cols[0]: cols[1] for cols in _rows(DATA / "source_type_heads.tsv")}, **source_type_words()}


@functools.lru_cache(maxsize=None)
def list_marks(path: str | None = None) -> frozenset[str]:
    """Characters that open a list item (`list_marks.tsv`; attribution/colon_lists.py)."""
    return frozenset(cols[0] for cols in _rows(Path(path) if path else DATA / "list_marks.tsv"))


@functools.lru_cache(maxsize=None)
def official_modifiers() -> frozenset[str]:
    """Pre-modifiers that make an otherwise untyped head noun an official body ("law enforcement" by its
    second word): `data/attribution/official_modifiers.tsv`, one word and its provenance a row."""
    return frozenset(cols[0] for cols in _rows(DATA / "official_modifiers.tsv"))


@functools.lru_cache(maxsize=None)
def role_synonyms() -> dict[str, str]:
    """Role noun -> its class (`data/attribution/role_synonyms.tsv`): "attorney", "lawyer", "counsel" name
    one role, so "the lawyer" can repeat a source called "the family's attorney" (session 17)."""
    return {cols[0]: cols[1] for cols in _rows(DATA / "role_synonyms.tsv")}


@functools.lru_cache(maxsize=None)
def name_titles() -> frozenset[str]:
    """Titles written before a person's name ("Police Chief <name>", "Sen. <name>"): `name_titles.tsv`."""
    return frozenset(cols[0] for cols in _rows(DATA / "name_titles.tsv"))


@functools.lru_cache(maxsize=None)
def media_name_words() -> frozenset[str]:
    """Last words of a media outlet's name ("... News"): `media_name_words.tsv`."""
    return frozenset(cols[0] for cols in _rows(DATA / "media_name_words.tsv"))


@functools.lru_cache(maxsize=None)
def line_labels() -> frozenset[str]:
    """Words of a line label before a colon ("Update 1:", "Editor's Note:"): `line_labels.tsv`."""
    return frozenset(cols[0] for cols in _rows(DATA / "line_labels.tsv"))


@functools.lru_cache(maxsize=None)
def gender_honorifics() -> dict[str, str]:
    """Honorific -> gender ("Mr" -> "m", `data/attribution/gender_honorifics.tsv`): a gendered pronoun source
    whose choice the text calls by the other gender's honorific looks further (resolve.py, session 18)."""
    return {cols[0]: cols[1] for cols in _rows(DATA / "gender_honorifics.tsv")}

"""One reading of a verb token's base form for every verb-set test of the events rules.

Hand-written because the shipped spaCy lemmatizer (en_core_web_sm's rule and lookup tables) gets a
few regular forms wrong ("staged", "staging", "stages" -> "stag", so "ISIS staged an attack" missed
`roles.LIGHT_VERBS`), and a larger lemmatizer cannot be shipped. Rather than trust the lemma alone,
a test asks whether any candidate base form (the lemma, the lower-case text, and the regular
-ed / -ing / -s strippings of an inflected verb) is in the set it is about: a wrong stripping
("stag" from "stagged") matters only if it happens to be in that set.
"""

from __future__ import annotations

from typing import AbstractSet

from spacy.tokens import Token

# Penn tags of the inflected verb forms whose text is stripped (base forms VB/VBP need no stripping)
INFLECTED = frozenset({"VBD", "VBN", "VBG", "VBZ"})


def _strippings(low: str) -> set[str]:
    out: set[str] = set()
    if low.endswith("ied") and len(low) > 4:
        out.add(low[:-3] + "y")  # "carried" -> "carry"
    if low.endswith("ed") and len(low) > 3:
        stem = low[:-2]
        out |= {stem, low[:-1]}  # "launched" -> "launch", "staged" -> "stage"
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.add(stem[:-1])  # "machinegunned" -> "machinegun"
    if low.endswith("ing") and len(low) > 4:
        stem = low[:-3]
        out |= {stem, stem + "e"}  # "launching" -> "launch", "staging" -> "stage"
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.add(stem[:-1])  # "stopping" -> "stop"
    if low.endswith("ies") and len(low) > 4:
        out.add(low[:-3] + "y")  # "carries" -> "carry"
    if low.endswith("es") and len(low) > 3:
        out.add(low[:-2])  # "reaches" -> "reach"
    if low.endswith("s") and not low.endswith("ss") and len(low) > 2:
        out.add(low[:-1])  # "stages" -> "stage"
    return out


def base_forms(tok: Token) -> frozenset[str]:
    """The forms `tok` may have in a lemma list: its lemma and lower-case text, and for an inflected
    verb (tag VBD/VBN/VBG/VBZ) the regular strippings of its text."""
    low, lem = tok.lower_, tok.lemma_.lower()
    forms = {lem, low}
    if tok.tag_ in INFLECTED:
        forms |= _strippings(low)
    return frozenset(forms)


def verb_in(tok: Token, *lemma_sets: AbstractSet[str]) -> bool:
    """`tok` reads as a member of one of `lemma_sets` (lemmas): its lemma, its text, or a regular
    stripping of its inflection ("staged" is in {"stage"} although the lemmatizer says "stag")."""
    lem = tok.lemma_.lower()
    if any(lem in s for s in lemma_sets):
        return True
    forms = base_forms(tok)
    return any(not forms.isdisjoint(s) for s in lemma_sets)


def member(tok: Token, lemmas: AbstractSet[str]) -> str | None:
    """The member of `lemmas` that `tok` reads as (its lemma first, else the longest of its other
    `base_forms`), else None: for a scan that goes on to branch on which lemma it met ("staged" ->
    "stage")."""
    lem = tok.lemma_.lower()
    if lem in lemmas:
        return lem
    found = sorted((f for f in base_forms(tok) if f in lemmas), key=len, reverse=True)
    return found[0] if found else None

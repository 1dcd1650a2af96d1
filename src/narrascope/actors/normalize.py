"""Alias normalisation: the key under which names are compared.

Case, diacritics, apostrophes and quote marks, hyphens, dots, a leading "the" and a trailing
possessive are ignored: "Khamene'i" == "Khamenei", "al-Qaeda" == "Al Qaeda", "ISIS's" == "ISIS".
"""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = "'’‘ʼʻʿʾ`´′"
_POSSESSIVE = re.compile(r"[" + _APOSTROPHES + r"]s$")
_DROP = re.compile(r"[" + _APOSTROPHES + r".\"“”«»()\[\]]")
_SPACE = re.compile(r"[\s\-‐‑‒–—_/,]+")


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DROP.sub("", text.casefold())
    text = _SPACE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def fold(text: str) -> str:
    """Diacritics removed, case kept (for extra matcher patterns)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))

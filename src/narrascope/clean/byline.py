"""Bylines: "By Jane Doe", "Jane Doe, Staff Writer", "Shahriar Kia Policy Analyst"."""

from __future__ import annotations

import re

from narrascope.clean.rules import role_titles

_TOKEN = r"(?:[A-Z]{2,}(?:-[A-Z]{2,})?|[A-Z][a-z'’\-]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.|[A-Z][a-z]?[A-Z][a-z'’]+|(?:al|el|bin|ibn|de|da|van|von|der|la|le|di|du)(?:-[A-Z][a-z'’]+)?)"
_NAME = rf"{_TOKEN}(?:\s+{_TOKEN}){{1,4}}"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+(?:and|&)\s+){_NAME})*"  # separators need spaces: no ambiguous split
_BY = re.compile(rf"(?i:(?:written\s+)?by)\s*:?\s+({_NAMES})(?:\s*[,|–—-]\s*.{{0,60}})?")
_NAME_RE = re.compile(_NAMES)
_STOP = {"The", "This", "That", "These", "Those", "A", "An", "In", "On", "At", "For", "From", "With", "Why",
         "How", "What", "When", "Where", "Who", "Is", "Are", "Was", "Breaking", "Live", "Update", "Updated"}


def byline_author(line: str) -> str | None:
    """The author(s) named by a byline line, or None when the line is not a byline."""
    s = line.strip().rstrip(".")
    if not s or len(s) > 120 or len(s.split()) > 12:
        return None
    m = _BY.fullmatch(s)
    if m and _plausible(m.group(1)):
        return _tidy(m.group(1))
    lower = s.lower()
    for role in role_titles():
        if lower.endswith(role.lower()) and len(s) > len(role):
            head = s[: len(s) - len(role)].rstrip(" ,|–—-:")
            head = re.sub(r"^by\s+", "", head, flags=re.I)
            head = re.sub(r"\s+(?:senior|chief|deputy|associate|assistant|contributing|guest|staff|former|lead)$", "", head, flags=re.I)
            if _NAME_RE.fullmatch(head) and _plausible(head):
                return _tidy(head)
            return None
    return None


def _plausible(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0] not in _STOP and sum(any(c.isupper() for c in w) for w in words) >= 2


def _tidy(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,")

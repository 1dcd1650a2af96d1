"""Data-driven line rules: boilerplate patterns and byline job titles from
`narrascope/data/clean/` (one entry per line, with provenance)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DATA = "data/clean"


@dataclass(frozen=True)
class LineRule:
    pattern: re.Pattern
    reason: str
    provenance: str


def _lines(name: str) -> list[str]:
    text = resources.files("narrascope").joinpath(f"{DATA}/{name}").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[LineRule, ...]:
    rules = []
    for n, line in enumerate(_lines("boilerplate.tsv"), 1):
        parts = line.split("\t")
        if len(parts) < 2:
            raise ValueError(f"boilerplate.tsv entry {n} needs 'pattern<TAB>reason<TAB>provenance': {line!r}")
        rules.append(LineRule(re.compile(parts[0], re.I | re.S), parts[1].strip(), parts[2].strip() if len(parts) > 2 else ""))
    return tuple(rules)


@lru_cache(maxsize=1)
def role_titles() -> tuple[str, ...]:
    """Job titles, longest first (so 'Senior Policy Analyst' wins over 'Analyst')."""
    return tuple(sorted({line.strip() for line in _lines("roles.txt")}, key=len, reverse=True))


def match_boilerplate(line: str, max_len: int = 240) -> LineRule | None:
    s = line.strip()
    if not s or len(s) > max_len:
        return None
    for rule in boilerplate_rules():
        if rule.pattern.fullmatch(s):
            return rule
    return None

"""A faster `match` for spaCy's `attribute_ruler`, with identical results.

The English pipelines' attribute ruler holds ~180 token patterns (the tag map, morph rules,
contraction lemmas), several with `IN` / `NOT_IN` / `REGEX` predicates. spaCy's `Matcher`
tries every pattern at every token and evaluates those predicates in Python; for a
600-word article that is ~20 ms of CPU, more than the tagger and the parser's own output
layer together (docs/performance.md).

`IndexedRuleMatch` compiles the same patterns into lookups keyed by the first attribute a
pattern requires (e.g. the fine-grained tag), so each token only checks the few patterns
that can match it, on one `Doc.to_array` of the attributes the patterns use. It returns the
same `(attr_id, match_id, start, end)` list as `AttributeRuler.match` (sorted the same way,
so later rules still win), and the ruler's own `set_annotations` applies them: the model,
its patterns and its outputs are unchanged. Patterns it cannot compile exactly (operators
`OP`, extension attributes, `FUZZY`, comparisons, unknown attributes) leave the ruler as it
is: `install` then returns False.
"""

from __future__ import annotations

import itertools
import re
from typing import Any, Callable

from spacy.attrs import IDS
from spacy.strings import get_string_id

# Token attributes whose per-token value `Doc.to_array` gives exactly as the Matcher sees it.
_ARRAY_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "POS", "DEP", "LEMMA",
                "ENT_TYPE", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
                "IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}
_ALIASES = {"TEXT": "ORTH"}
MEMO_MAX = 50_000  # distinct token rows remembered (~15 MB); cleared when full


class Unsupported(ValueError):
    """A pattern this index does not reproduce exactly: keep spaCy's matcher."""


def _value_id(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return get_string_id(value)
    raise Unsupported(f"value {value!r}")


class _Token:
    """The constraints on one token: exact values per column, then other tests."""

    def __init__(self, spec: dict[str, Any], columns: dict[str, int], strings) -> None:
        self.tests: list[tuple[int, Callable[[int], bool]]] = []
        self.eq: dict[int, int] = {}  # column -> required value
        self.options: dict[int, frozenset[int]] = {}  # column -> allowed values (value or IN), for the index
        for attr, value in spec.items():
            name = _ALIASES.get(attr.upper(), attr.upper())
            if name not in _ARRAY_ATTRS:
                raise Unsupported(f"attribute {attr!r}")
            col = columns.setdefault(name, len(columns))
            if not isinstance(value, dict):
                self.eq[col] = _value_id(value)
                self.options[col] = frozenset((self.eq[col],))
                continue
            if len(value) != 1:
                raise Unsupported(f"predicate {value!r}")
            (op, arg), = value.items()
            if op == "IN" and isinstance(arg, (list, tuple)):
                allowed = frozenset(_value_id(v) for v in arg)
                self.options[col] = allowed
                self.tests.append((col, allowed.__contains__))
            elif op == "NOT_IN" and isinstance(arg, (list, tuple)):
                banned = frozenset(_value_id(v) for v in arg)
                self.tests.append((col, lambda v, banned=banned: v not in banned))
            elif op == "REGEX" and isinstance(arg, str) and not name.startswith(("IS_", "LIKE_")):
                rx = re.compile(arg)
                self.tests.append((col, lambda v, rx=rx: bool(rx.search(strings[v]))))
            else:
                raise Unsupported(f"predicate {op!r}")

    def matches(self, row) -> bool:
        for col, want in self.eq.items():
            if row[col] != want:
                return False
        for col, test in self.tests:
            if not test(row[col]):
                return False
        return True


class IndexedRuleMatch:
    """`AttributeRuler.match` for one ruler, through an index on the first token's required value."""

    def __init__(self, ruler) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.size = len(ruler.attrs)  # rules compiled; a ruler changed later is recompiled
        self.stock = False  # True: the changed ruler holds patterns this index cannot compile
        columns: dict[str, int] = {}
        self.rules: list[tuple[int, int, list[_Token]]] = []  # (attr_id, match_id, tokens)
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = self.vocab.strings[str(attr_id)]
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(t, dict) or "OP" in t or "op" in t or "_" in t for t in pattern):
                    raise Unsupported(f"pattern {pattern!r}")
                self.rules.append((attr_id, match_id, [_Token(t, columns, self.vocab.strings) for t in pattern]))
        self.names = sorted(columns, key=columns.get)
        self.attr_ids = [IDS[n] for n in self.names]
        # An index finds the rules a token row can match: per set of columns a first token
        # requires values for (its value or an IN list), value tuple -> (order, rule); rules
        # whose first token requires no value are tried on every new row. What a row matches
        # depends on the row only, so it is memoised per distinct row (rows repeat:
        # "the"/DT/det): the single-token rules it matches, and the longer rules whose first
        # token it matches (their other tokens are checked per position).
        self.index: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, tuple]]]] = {}
        self.anywhere: list[tuple[int, tuple]] = []
        for order, rule in enumerate(self.rules):
            options = rule[2][0].options
            if not options:
                self.anywhere.append((order, rule))
                continue
            cols = tuple(sorted(options))
            table = self.index.setdefault(cols, {})
            for values in itertools.product(*(sorted(options[c]) for c in cols)):
                table.setdefault(values, []).append((order, rule))
        self.groups = list(self.index.items())
        self.memo: dict[tuple[int, ...], tuple[tuple, tuple]] = {}

    def _lookup(self, row: tuple[int, ...]) -> tuple[tuple, tuple]:
        cands = list(self.anywhere)
        for cols, table in self.groups:
            cands.extend(table.get(tuple(row[c] for c in cols), ()))
        cands.sort(key=lambda c: c[0])
        rules = [rule for _, rule in cands if rule[2][0].matches(row)]
        hits = tuple((attr_id, match_id) for attr_id, match_id, toks in rules if len(toks) == 1)
        starts = tuple(rule for rule in rules if len(rule[2]) > 1)
        if len(self.memo) >= MEMO_MAX:
            self.memo.clear()
        self.memo[row] = (hits, starts)
        return hits, starts

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        if len(self.ruler.attrs) != self.size or self.stock:  # rules added or cleared since
            try:
                if not self.stock:
                    self.__init__(self.ruler)
            except Unsupported:
                self.stock = True
            if self.stock:
                return type(self.ruler).match(self.ruler, doc)
        n = len(doc)
        if not n or not self.rules:
            return []
        rows = [tuple(r) for r in doc.to_array(self.attr_ids).reshape(n, len(self.attr_ids)).tolist()]
        found = set()
        memo, lookup = self.memo, self._lookup
        for start, row in enumerate(rows):
            entry = memo.get(row)
            hits, starts = entry if entry is not None else lookup(row)
            for attr_id, match_id in hits:
                found.add((attr_id, match_id, start, start + 1))
            for attr_id, match_id, toks in starts:
                end = start + len(toks)
                if end <= n and all(tok.matches(rows[start + k]) for k, tok in enumerate(toks[1:], 1)):
                    found.add((attr_id, match_id, start, end))
        return sorted(found)


def install(nlp) -> bool:
    """Give the pipeline's `attribute_ruler` the indexed `match` (True when installed)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if type(ruler).__name__ != "AttributeRuler" or not hasattr(ruler, "patterns"):
        return False
    try:
        ruler.match = IndexedRuleMatch(ruler)
    except Unsupported:
        return False
    return True

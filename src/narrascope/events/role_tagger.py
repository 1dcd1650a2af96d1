"""Learned role tagger: a linear-chain CRF (CRFsuite) that marks role fillers in a parsed Doc.

Labels are BIO tags over five roles, named as in MUC-4 / GTT: `PerpInd` (perpetrator
individual), `PerpOrg` (perpetrator organisation), `Target` (physical target), `Victim` (human
target), `Weapon` (instrument). Features come from the spaCy parse already on the Doc (no
re-parse): word, lemma, shape, POS, dependency and head, entity label, the trigger lexicon
(`data/events/triggers.tsv`) on the token, its head and its sentence, and a window of two
tokens.

The model file (`models/events/roles.crfsuite`, see its MODEL_CARD.md) is optional: when it or
`pycrfsuite` is absent, `available()` is False and the rule roles are used alone. `tag` scores the
file's weights in numpy (`events/role_scores.py`: the same labels as `pycrfsuite.Tagger.tag`,
which it falls back to for a text CRFsuite would read otherwise).
`narrascope train events --muc DIR` trains it (`events/role_training.py`).
"""

from __future__ import annotations

import functools
import re
import warnings
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
from spacy.tokens import Doc, Span

from narrascope.crf import open_crf
from narrascope.doc_text import doc_text
from narrascope.events import lexicon
from narrascope.events.doccache import TokenTable, doc_sents, token_table
from narrascope.events.role_scores import COLUMNS, RoleScorer, readable, sentence_columns

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "events"
MODEL_PATH = MODEL_DIR / "roles.crfsuite"
ROLE_LABELS = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
_DIGITS = re.compile(r"\d")


@functools.lru_cache(maxsize=None)
def _trigger_lemmas() -> frozenset[str]:
    return frozenset(term.split()[0] for term in lexicon.triggers())


@functools.lru_cache(maxsize=None)
def _instrument_words() -> frozenset[str]:
    return frozenset(w for term in lexicon.instruments() for w in term.split())


def _shape(text: str) -> str:
    if text.isupper():
        return "X" if len(text) > 1 else "x1"
    if text[:1].isupper():
        return "Xx"
    if text.islower():
        return "x"
    if _DIGITS.search(text):
        return "d"
    return "o"


@functools.lru_cache(maxsize=65536)
def _shape_cached(text: str) -> str:
    return _shape(text)


def sentence_features(sent: Span, sent_no: int, table: TokenTable | None = None) -> list[dict[str, Any]]:
    """CRF features of the sentence's tokens; `table`: the doc's `token_table` (read once per doc).

    Keys and their order are those the model was trained with (`_tok_feats`, then the window
    -2w -2p -1w -1p -1sh -1e 1w 1p 1sh 1e 2w 2p, then h2l pre anc st=*). The values come from
    `role_scores.sentence_columns`, the one definition of the features, which the numpy scorer
    reads column by column; a dict here leaves out what an edge token lacks (None there)."""
    t = table if table is not None else token_table(sent.doc)
    cols, st = sentence_columns(sent, sent_no, t, _trigger_lemmas(), _instrument_words(), _shape_cached)
    keyed = [(key, cols[key]) for key in COLUMNS]
    out = []
    for i in range(len(sent)):
        feats: dict[str, Any] = {key: values[i] for key, values in keyed if values[i] is not None}
        for x in st:
            feats["st=" + x] = 1.0
        out.append(feats)
    return out


def doc_sentences(doc: Doc) -> list[Span]:
    """The sequences the tagger reads: spaCy sentences (no blank-line re-split needed here)."""
    return list(doc_sents(doc))


@functools.lru_cache(maxsize=1)
def _tagger(path: str) -> Any:
    return open_crf(path)


@functools.lru_cache(maxsize=1)
def _scorer(path: str) -> RoleScorer | None:
    """The model scored in numpy (events/role_scores.py); None when its file cannot be read
    that way (pycrfsuite's tagger is used then)."""
    try:
        return RoleScorer(path)
    except (OSError, ValueError):
        return None


@functools.lru_cache(maxsize=8)
def _warn_unreadable(path: str, detail: str) -> None:
    from narrascope.errors import Errors

    warnings.warn(Errors.E063.format(path=path, detail=detail), stacklevel=3)


def available(path: Path | None = None) -> bool:
    path = path or MODEL_PATH
    if not path.is_file():
        return False
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        return False
    return True


def decode(tokens: Span, labels: list[str]) -> Iterator[tuple[str, Span]]:
    """BIO labels -> (role, span)."""
    start, role = None, None
    for i, lab in enumerate(list(labels) + ["O"]):
        if lab == "O" or lab.startswith("B-") or (lab.startswith("I-") and lab[2:] != role):
            if role is not None and start is not None:
                yield role, tokens[start:i]
            start, role = (i, lab[2:]) if lab != "O" else (None, None)
    return


def tag(doc: Doc, path: Path | None = None, keep: Callable[[Span], bool] | None = None,
        sentences: list[Span] | None = None) -> list[tuple[str, Span]]:
    """(role, span) for every filler the model marks in the doc; [] when no model is available.

    `keep(sentence)`: tag only the sentences it accepts (the others cost nothing). `sentences`: the
    spans to read, numbered in order (default `doc_sentences(doc)`; the events component passes the
    sentences with a wire dateline cut off, events/learned_roles.py)."""
    path = path or MODEL_PATH
    if not available(path):
        return []
    try:
        tagger = _tagger(str(path))
    except Exception as exc:  # noqa: BLE001 - a broken model file must not stop the rule roles
        _warn_unreadable(str(path), str(exc))
        return []
    out: list[tuple[str, Span]] = []
    table = None
    scorer = _scorer(str(path)) if readable(doc_text(doc)) else None
    wanted: list[tuple[Span, np.ndarray]] = []
    for n, sent in enumerate(doc_sentences(doc) if sentences is None else sentences):
        if keep is not None and not keep(sent):
            continue
        if table is None:
            table = token_table(doc)
        if scorer is None:
            out.extend(decode(sent, tagger.tag(sentence_features(sent, n, table))))
        else:  # the same labels as `tagger.tag`, for less CPU (events/role_scores.py)
            cols, st = sentence_columns(sent, n, table, _trigger_lemmas(), _instrument_words(), _shape_cached)
            wanted.append((sent, scorer.items(cols, st, len(sent))))
    if wanted:
        scorer.clear_if_large()
        for (sent, _), labels in zip(wanted, scorer.labels([ids for _, ids in wanted])):
            out.extend(decode(sent, labels))
    return out

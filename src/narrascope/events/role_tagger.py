"""Learned role tagger: a linear-chain CRF (CRFsuite) that marks role fillers in a parsed Doc.

Labels are BIO tags over five roles, named as in MUC-4 / GTT: `PerpInd` (perpetrator
individual), `PerpOrg` (perpetrator organisation), `Target` (physical target), `Victim` (human
target), `Weapon` (instrument). Features come from the spaCy parse already on the Doc (no
re-parse): word, lemma, shape, POS, dependency and head, entity label, the trigger lexicon
(`data/events/triggers.tsv`) on the token, its head and its sentence, and a window of two
tokens.

The model file (`models/events/roles.crfsuite`, see its MODEL_CARD.md) is optional: when it or
`pycrfsuite` is absent, `available()` is False and the rule roles are used alone.
`narrascope train events --muc DIR` trains it (`events/role_training.py`).
"""

from __future__ import annotations

import functools
import re
import warnings
from pathlib import Path
from typing import Any, Callable, Iterator

from spacy.tokens import Doc, Span, Token

from narrascope.events import lexicon

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


def _trigger_ancestor(tok: Token, trig: frozenset[str]) -> str:
    """The nearest trigger lemma among the token's ancestors (up to 4 steps up), else ''."""
    node = tok
    for _ in range(4):
        if node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in trig:
            return node.lemma_.lower()
    return ""


def _tok_feats(tok: Token, trig: frozenset[str], instr: frozenset[str]) -> dict[str, Any]:
    lem = tok.lemma_.lower()
    head = tok.head
    return {
        "w": tok.lower_, "l": lem, "sh": _shape(tok.text), "suf": tok.lower_[-3:], "p": tok.pos_, "t": tok.tag_,
        "d": tok.dep_, "hl": head.lemma_.lower(), "hd": head.dep_, "hp": head.pos_,
        "dh": tok.dep_ + "|" + head.lemma_.lower(),
        "e": (tok.ent_iob_ + "-" + tok.ent_type_) if tok.ent_type_ else "O",
        "tr": lem in trig, "htr": head.lemma_.lower() in trig,
        "h2tr": head.head.lemma_.lower() in trig, "in": tok.lower_ in instr,
    }


def sentence_features(sent: Span, sent_no: int) -> list[dict[str, Any]]:
    trig, instr = _trigger_lemmas(), _instrument_words()
    base = [_tok_feats(t, trig, instr) for t in sent]
    has_trig = any(f["tr"] for f in base)
    sent_trigs = sorted({f["l"] for f in base if f["tr"]})[:4]
    pos = "s0" if sent_no == 0 else "s1" if sent_no == 1 else "s2-4" if sent_no < 5 else "s5+"
    out = []
    n = len(base)
    for i, f in enumerate(base):
        feats: dict[str, Any] = {"bias": 1.0, "str": has_trig, "sp": pos}
        feats.update(f)
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                g = base[j]
                feats[f"{off}w"] = g["w"]
                feats[f"{off}p"] = g["p"]
                if abs(off) == 1:
                    feats[f"{off}sh"] = g["sh"]
                    feats[f"{off}e"] = g["e"]
            else:
                feats[f"{off}w"] = "<pad>"
        tok = sent[i]
        feats["h2l"] = tok.head.head.lemma_.lower()
        feats["pre"] = tok.lower_[:4]
        feats["anc"] = _trigger_ancestor(tok, trig)
        for lem in sent_trigs:
            feats["st=" + lem] = 1.0
        out.append(feats)
    return out


def doc_sentences(doc: Doc) -> list[Span]:
    """The sequences the tagger reads: spaCy sentences (no blank-line re-split needed here)."""
    return list(doc.sents)


@functools.lru_cache(maxsize=1)
def _tagger(path: str) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


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


def tag(doc: Doc, path: Path | None = None, keep: Callable[[Span], bool] | None = None) -> list[tuple[str, Span]]:
    """(role, span) for every filler the model marks in the doc; [] when no model is available.

    `keep(sentence)`: tag only the sentences it accepts (the others cost nothing)."""
    path = path or MODEL_PATH
    if not available(path):
        return []
    try:
        tagger = _tagger(str(path))
    except Exception as exc:  # noqa: BLE001 - a broken model file must not stop the rule roles
        _warn_unreadable(str(path), str(exc))
        return []
    out: list[tuple[str, Span]] = []
    for n, sent in enumerate(doc_sentences(doc)):
        if keep is not None and not keep(sent):
            continue
        labels = tagger.tag(sentence_features(sent, n))
        out.extend(decode(sent, labels))
    return out

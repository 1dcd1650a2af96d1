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

from spacy.tokens import Doc, Span

from narrascope.crf import open_crf
from narrascope.events import lexicon
from narrascope.events.doccache import TokenTable, doc_sents, token_table

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


def _trigger_ancestor(i: int, t: TokenTable, trig: frozenset[str]) -> str:
    """The nearest trigger lemma among token i's ancestors (4 steps up), else ''.

    As trained: the walk does not stop at the root (the root is its own head), so a root
    trigger is its own "ancestor" (the first version compared new `Token` objects with `is`,
    which never matched)."""
    head, lem = t.head, t.lemma_l
    node = i
    for _ in range(4):
        node = head[node]
        if lem[node] in trig:
            return lem[node]
    return ""


@functools.lru_cache(maxsize=65536)
def _shape_cached(text: str) -> str:
    return _shape(text)


def sentence_features(sent: Span, sent_no: int, table: TokenTable | None = None) -> list[dict[str, Any]]:
    """CRF features of the sentence's tokens; `table`: the doc's `token_table` (read once per doc).

    Keys and their order are those the model was trained with (`_tok_feats`, then the window
    -2w -2p -1w -1p -1sh -1e 1w 1p 1sh 1e 2w 2p, then h2l pre anc st=*); inner tokens are built
    in one dict literal, the two tokens at each edge (with padding) key by key."""
    trig, instr = _trigger_lemmas(), _instrument_words()
    t = table if table is not None else token_table(sent.doc)
    s0, n = sent.start, len(sent)
    head, lem, dep, pos_, tag = t.head, t.lemma_l, t.dep, t.pos, t.tag
    W = t.lower[s0:s0 + n]
    L = lem[s0:s0 + n]
    P = pos_[s0:s0 + n]
    SH = [_shape_cached(x) for x in t.text[s0:s0 + n]]
    E = [(iob + "-" + et) if et else "O" for iob, et in zip(t.ent_iob[s0:s0 + n], t.ent_type[s0:s0 + n])]
    TR = [x in trig for x in L]
    has_trig = any(TR)
    sent_trigs = sorted({x for x, is_tr in zip(L, TR) if is_tr})[:4]
    sp = "s0" if sent_no == 0 else "s1" if sent_no == 1 else "s2-4" if sent_no < 5 else "s5+"
    out = []
    for i in range(n):
        k = s0 + i
        h = head[k]
        hlem = lem[h]
        d = dep[k]
        w = W[i]
        h2l = lem[head[h]]
        if 2 <= i < n - 2:
            feats: dict[str, Any] = {
                "bias": 1.0, "str": has_trig, "sp": sp,
                "w": w, "l": L[i], "sh": SH[i], "suf": w[-3:], "p": P[i], "t": tag[k], "d": d, "hl": hlem,
                "hd": dep[h], "hp": pos_[h], "dh": d + "|" + hlem, "e": E[i], "tr": TR[i], "htr": hlem in trig,
                "h2tr": h2l in trig, "in": w in instr,
                "-2w": W[i - 2], "-2p": P[i - 2], "-1w": W[i - 1], "-1p": P[i - 1], "-1sh": SH[i - 1],
                "-1e": E[i - 1], "1w": W[i + 1], "1p": P[i + 1], "1sh": SH[i + 1], "1e": E[i + 1],
                "2w": W[i + 2], "2p": P[i + 2],
                "h2l": h2l, "pre": w[:4], "anc": _trigger_ancestor(k, t, trig),
            }
        else:
            feats = {
                "bias": 1.0, "str": has_trig, "sp": sp,
                "w": w, "l": L[i], "sh": SH[i], "suf": w[-3:], "p": P[i], "t": tag[k], "d": d, "hl": hlem,
                "hd": dep[h], "hp": pos_[h], "dh": d + "|" + hlem, "e": E[i], "tr": TR[i], "htr": hlem in trig,
                "h2tr": h2l in trig, "in": w in instr,
            }
            if i >= 2:
                feats["-2w"] = W[i - 2]
                feats["-2p"] = P[i - 2]
            else:
                feats["-2w"] = "<pad>"
            if i >= 1:
                feats["-1w"] = W[i - 1]
                feats["-1p"] = P[i - 1]
                feats["-1sh"] = SH[i - 1]
                feats["-1e"] = E[i - 1]
            else:
                feats["-1w"] = "<pad>"
            if i + 1 < n:
                feats["1w"] = W[i + 1]
                feats["1p"] = P[i + 1]
                feats["1sh"] = SH[i + 1]
                feats["1e"] = E[i + 1]
            else:
                feats["1w"] = "<pad>"
            if i + 2 < n:
                feats["2w"] = W[i + 2]
                feats["2p"] = P[i + 2]
            else:
                feats["2w"] = "<pad>"
            feats["h2l"] = h2l
            feats["pre"] = w[:4]
            feats["anc"] = _trigger_ancestor(k, t, trig)
        for x in sent_trigs:
            feats["st=" + x] = 1.0
        out.append(feats)
    return out


def doc_sentences(doc: Doc) -> list[Span]:
    """The sequences the tagger reads: spaCy sentences (no blank-line re-split needed here)."""
    return list(doc_sents(doc))


@functools.lru_cache(maxsize=1)
def _tagger(path: str) -> Any:
    return open_crf(path)


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
    for n, sent in enumerate(doc_sentences(doc) if sentences is None else sentences):
        if keep is not None and not keep(sent):
            continue
        if table is None:
            table = token_table(doc)
        labels = tagger.tag(sentence_features(sent, n, table))
        out.extend(decode(sent, labels))
    return out

"""Token features for the attribution tagger (CRF over paragraphs), read from a parsed Doc.

Features: word form, lemma, POS, fine tag, dependency label, word shape and suffix; the head's
lemma, POS and label; whether the token is inside a quotation or is a quote mark; whether it is
a cue-lexicon word; the label the parse rules gave it (stacking); the dependency relation that
links it to the nearest cue-lexicon ancestor and its depth; its position relative to the
nearest cue word of its sentence; and a window of neighbour features.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY, TAG
from spacy.tokens import Doc

from narrascope.attribution.lexicon import CueLexicon
from narrascope.attribution.quotes import MARKS

ROLE_TAGS = {"source": "SRC", "cue": "CUE", "content": "CNT"}


class DocArrays:
    """Token attributes as plain Python lists (read once with `Doc.to_array`: no Token objects).

    Each column's distinct hashes are looked up once (`numpy.unique`), not once per token."""

    __slots__ = ("n", "text", "lower", "lemma", "pos", "tag", "dep", "head", "sent_start", "space", "paras")

    def __init__(self, doc: Doc) -> None:
        self.n = len(doc)
        self.paras: list[tuple[int, int]] | None = None  # filled by `paragraphs` on first use
        if self.n == 0:
            self.text = self.lower = self.lemma = self.pos = self.tag = self.dep = []
            self.head, self.sent_start, self.space = [], [], []
            return
        strings = doc.vocab.strings
        arr = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, SENT_START, SPACY])

        def column(k: int, lower: bool = False) -> list[str]:
            uniq, inv = np.unique(arr[:, k], return_inverse=True)
            names = [strings[h] for h in uniq.tolist()]
            if lower:
                names = [x.lower() for x in names]
            return [names[j] for j in inv.tolist()]

        self.text = column(0)
        self.lower = column(1)
        self.lemma = column(2, lower=True)
        self.pos = column(3)
        self.tag = column(4)
        self.dep = column(5)
        offsets = arr[:, 6].astype(np.int64)  # relative head offsets, stored as uint64
        self.head = (offsets + np.arange(self.n, dtype=np.int64)).tolist()
        starts = (arr[:, 7] == 1).tolist()
        starts[0] = True
        self.sent_start = starts
        self.space = (arr[:, 8] == 1).tolist()  # a space after the token


_LAST: list = [None, None]  # the last Doc and its arrays (one Doc is read by several stages)


def arrays(doc: Doc) -> DocArrays:
    if _LAST[0] is not doc or _LAST[1].n != len(doc):
        _LAST[0], _LAST[1] = doc, DocArrays(doc)
    return _LAST[1]


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined from the token arrays (spaCy's own property builds a Token object per
    token on every access)."""
    a = arrays(doc)
    return "".join([t + " " if sp else t for t, sp in zip(a.text, a.space)])


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of paragraphs (split on whitespace tokens holding a newline); computed once
    per Doc (three stages read them), callers must not change the list."""
    a = arrays(doc)
    if a.paras is None:
        a.paras = _paragraphs(a.text)
    return a.paras


def _paragraphs(texts: list[str]) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, text in enumerate(texts):
        if "\n" in text and not text.strip():
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(texts):
        out.append((start, len(texts)))
    return out


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "AA"
    if text[:1].isupper():
        return "Aa"
    if text.isdigit():
        return "d"
    if text.isalpha():
        return "a"
    return "x"


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else ("8-15" if n < 16 else "16+"))


def select_paragraphs(doc: Doc, cue_words: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """Paragraphs worth tagging: with a cue word (lexicon or learned), a quote mark or a colon."""
    a = arrays(doc)
    out = []
    for s, e in paragraphs(doc):
        for i in range(s, e):
            if a.lemma[i] in cue_words or a.text[i] in MARKS or a.text[i] == ":" or a.lower[i] == "according":
                out.append((s, e))
                break
    return out


def _doc_context(doc: Doc, lex: CueLexicon, quote_ids: list[int]):
    """What the paragraph features are read from, per token: the cue class (1 verb, 2
    `according`/adverb, 3 noun, 4 colon), the nearest cue ancestor (a function, memoised),
    the sentence id, the cue positions of each sentence, the in-quotation flag."""
    a = arrays(doc)
    n = a.n
    lower, lemma, pos, tag, dep, head, texts, sent_start = (
        a.lower, a.lemma, a.pos, a.tag, a.dep, a.head, a.text, a.sent_start)
    verbs, nouns, adverbs = lex.verbs, lex.nouns, lex.adverbs
    is_cue = [0] * n
    for i in range(n):
        if lemma[i] in verbs and tag[i][:2] == "VB":
            is_cue[i] = 1
        elif lower[i] == "according" or lower[i] in adverbs:
            is_cue[i] = 2
        elif lemma[i] in nouns and pos[i] == "NOUN":
            is_cue[i] = 3
        elif texts[i] == ":":
            is_cue[i] = 4
    # nearest cue ancestor: (dep of the path's child below the cue, depth, cue lemma), memoised
    anc: list[tuple[str, int, str] | None] = [None] * n
    done = [False] * n

    def ancestor(i: int):
        chain = []
        j = i
        while not done[j]:
            chain.append(j)
            h = head[j]
            if h == j:
                anc[j], done[j] = ("none", 0, ""), True
                chain.pop()
                break
            if is_cue[h]:
                anc[j], done[j] = (dep[j], 1, lemma[h]), True
                chain.pop()
                break
            j = h
        for k in reversed(chain):
            d, depth, cl = anc[head[k]]
            anc[k] = (d, depth + 1, cl) if d != "none" else ("none", 0, "")
            done[k] = True
        return anc[i]

    sent_id = [0] * n
    k = -1
    for i in range(n):
        if sent_start[i] or i == 0:
            k += 1
        sent_id[i] = k
    cue_pos: dict[int, list[int]] = {}
    for i in range(n):
        if is_cue[i] in (1, 2):
            cue_pos.setdefault(sent_id[i], []).append(i)
    qflag = ["1" if q >= 0 else "0" for q in quote_ids]
    return a, is_cue, anc, done, ancestor, sent_id, cue_pos, qflag


def _nearest_cue(cues: list[int], i: int) -> int:
    """Offset of token `i` from the nearest cue of its sentence (on a tie the one before)."""
    k = bisect_left(cues, i)
    if k == len(cues) or (k > 0 and i - cues[k - 1] <= cues[k] - i):
        k -= 1
    return i - cues[k]


def token_features(doc: Doc, lex: CueLexicon, quote_ids: list[int], rule_tags: list[str],
                   ranges: list[tuple[int, int]] | None = None) -> dict[int, list[str]]:
    """{token index: features} for the tokens of `ranges` (all paragraphs when None);
    neighbour features stop at the range's edges. Feature strings come from tables memoised
    by the values they are built from; each token's list is assembled from those."""
    a, is_cue, anc, done, ancestor, sent_id, cue_pos, qflag = _doc_context(doc, lex, quote_ids)
    n = a.n
    lower, lemma, pos, tag, dep, head, texts, sent_start = (
        a.lower, a.lemma, a.pos, a.tag, a.dep, a.head, a.text, a.sent_start)
    if ranges is None:
        ranges = paragraphs(doc)
    word_f, head_f, tags_f, cue_f, anc_f, near_f, far_f = _tables()
    base: dict[int, list[str]] = {}
    for s, e in ranges:
        # what each token adds to its neighbours' windows (offsets -1/+1 and -2/+2)
        near, far = [], []
        for j in range(s, e):
            key = (lower[j], rule_tags[j], pos[j], dep[j], qflag[j])
            v = near_f.get(key)
            if v is None:
                v = near_f[key] = tuple(tuple("%d:%s=%s" % (off, name, x) for name, x in zip("wrpdq", key))
                                        for off in (-1, 1))
            near.append(v)
            key = key[:2]
            v = far_f.get(key)
            if v is None:
                v = far_f[key] = tuple(("%d:w=%s" % (off, key[0]), "%d:r=%s" % (off, key[1])) for off in (-2, 2))
            far.append(v)
        for i in range(s, e):
            text = texts[i]
            hd = head[i]
            key = (text, lemma[i], pos[i], tag[i], dep[i])
            wf = word_f.get(key)
            if wf is None:
                w = lower[i]
                wf = word_f[key] = ("w=" + w, "l=" + key[1], "p=" + key[2], "t=" + key[3], "d=" + key[4],
                                    "sh=" + _shape(text), "s3=" + w[-3:])
            key = (lemma[hd], pos[hd], dep[hd], dep[i])
            hf = head_f.get(key)
            if hf is None:
                hf = head_f[key] = ("hl=" + key[0], "hp=" + key[1], "hd=" + key[2], "dhd=" + key[3] + "|" + key[2])
            key = (qflag[i], rule_tags[i])
            tf = tags_f.get(key)
            if tf is None:
                tf = tags_f[key] = ("q=" + key[0], "r=" + key[1], "rq=" + key[1] + key[0])
            f = ["bias", *wf, *hf, *tf]
            if text in MARKS:
                f.append("qm")
            if is_cue[i]:
                key = (is_cue[i], lemma[i])
                cf = cue_f.get(key)
                if cf is None:
                    cf = cue_f[key] = ("cue=%d" % key[0], "cuel=" + key[1])
                f.extend(cf)
            if sent_start[i]:
                f.append("ss")
            if i + 1 < n and sent_start[i + 1]:
                f.append("se")
            key = anc[i] if done[i] else ancestor(i)
            af = anc_f.get(key)
            if af is None:
                d = key[0]
                af = anc_f[key] = ("ad=" + d,) if d == "none" else (
                    "ad=" + d, "adl=" + d + "|" + _bucket(key[1]), "adc=" + d + "|" + key[2])
            f.extend(af)
            cues = cue_pos.get(sent_id[i])
            if cues:
                d = _nearest_cue(cues, i)
                f.append(_CP[d] if -16 < d < 16 else _cp(d))
            else:
                f.append("cp=none")
            f.extend(far[i - s - 2][0] if i - 2 >= s else _PAD[0])
            f.extend(near[i - s - 1][0] if i - 1 >= s else _PAD[1])
            f.extend(near[i - s + 1][1] if i + 1 < e else _PAD[2])
            f.extend(far[i - s + 2][1] if i + 2 < e else _PAD[3])
            base[i] = f
    return base


def _cp(d: int) -> str:
    return "cp=" + ("0" if d == 0 else ("b" if d < 0 else "a") + _bucket(abs(d)))


_CP = {d: _cp(d) for d in range(-15, 16)}
_PAD = (("-2:pad",), ("-1:pad",), ("1:pad",), ("2:pad",))
_TABLES: tuple[dict, ...] = tuple({} for _ in range(7))


def _tables() -> tuple[dict, ...]:
    """Feature strings memoised across documents by the values they are built from (word,
    lemma, tags...): most tokens repeat earlier ones, so most strings are built once."""
    if sum(len(t) for t in _TABLES) > 300_000:
        for t in _TABLES:
            t.clear()
    return _TABLES


def paint(n: int, spans: list[tuple[str, int, int]]) -> list[str]:
    """BIO tags from (role tag, start, end) token spans; shorter spans win over longer ones."""
    tags = ["O"] * n
    for role, s, e in sorted(spans, key=lambda x: -(x[2] - x[1])):
        for i in range(s, e):
            tags[i] = ("B-" if i == s else "I-") + role
    return tags


def decode(tags: list[str], offset: int = 0) -> list[tuple[str, int, int]]:
    """(role tag, start, end) spans from BIO tags (an I- after another role starts a span)."""
    out, cur = [], None
    for i, tag in enumerate(tags + ["O"]):
        role = tag[2:] if tag != "O" else None
        if cur is not None and (role != cur[0] or tag.startswith("B-")):
            out.append((cur[0], cur[1] + offset, i + offset))
            cur = None
        if role is not None and cur is None:
            cur = (role, i)
    return out

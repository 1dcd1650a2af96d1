"""Token features for the attribution tagger (CRF over paragraphs), read from a parsed Doc.

Features: word form, lemma, POS, fine tag, dependency label, word shape and suffix; the head's
lemma, POS and label; whether the token is inside a quotation or is a quote mark; whether it is
a cue-lexicon word; the label the parse rules gave it (stacking); the dependency relation that
links it to the nearest cue-lexicon ancestor and its depth; its position relative to the
nearest cue word of its sentence; and a window of neighbour features.
"""

from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc

from narrascope.attribution.lexicon import CueLexicon
from narrascope.attribution.quotes import MARKS

ROLE_TAGS = {"source": "SRC", "cue": "CUE", "content": "CNT"}


class DocArrays:
    """Token attributes as plain Python lists (read once with `Doc.to_array`: no Token objects)."""

    __slots__ = ("n", "text", "lower", "lemma", "pos", "tag", "dep", "head", "sent_start")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        cache: dict[int, str] = {}

        def s(h: int) -> str:
            v = cache.get(h)
            if v is None:
                v = cache[h] = strings[h]
            return v

        self.n = len(doc)
        if self.n == 0:
            self.text = self.lower = self.lemma = self.pos = self.tag = self.dep = []
            self.head, self.sent_start = [], []
            return
        arr = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, SENT_START]).tolist()
        self.text = [s(a[0]) for a in arr]
        self.lower = [s(a[1]) for a in arr]
        self.lemma = [s(a[2]).lower() for a in arr]
        self.pos = [s(a[3]) for a in arr]
        self.tag = [s(a[4]) for a in arr]
        self.dep = [s(a[5]) for a in arr]
        self.head = [i + (a[6] if a[6] < 2**63 else a[6] - 2**64) for i, a in enumerate(arr)]
        self.sent_start = [a[7] == 1 or i == 0 for i, a in enumerate(arr)]


_LAST: list = [None, None]  # the last Doc and its arrays (one Doc is read by several stages)


def arrays(doc: Doc) -> DocArrays:
    if _LAST[0] is not doc or _LAST[1].n != len(doc):
        _LAST[0], _LAST[1] = doc, DocArrays(doc)
    return _LAST[1]


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of paragraphs (split on whitespace tokens holding a newline)."""
    out, start = [], 0
    texts = arrays(doc).text
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


def token_features(doc: Doc, lex: CueLexicon, quote_ids: list[int], rule_tags: list[str],
                   ranges: list[tuple[int, int]] | None = None) -> dict[int, list[str]]:
    """{token index: features} for the tokens of `ranges` (all paragraphs when None);
    neighbour features stop at the range's edges."""
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
    if ranges is None:
        ranges = paragraphs(doc)
    base: dict[int, list[str]] = {}
    for i in (i for s, e in ranges for i in range(s, e)):
        text = texts[i]
        w = lower[i]
        hd = head[i]
        f = [
            "bias", "w=" + w, "l=" + lemma[i], "p=" + pos[i], "t=" + tag[i], "d=" + dep[i],
            "sh=" + _shape(text), "s3=" + w[-3:], "hl=" + lemma[hd], "hp=" + pos[hd],
            "hd=" + dep[hd], "dhd=" + dep[i] + "|" + dep[hd], "q=" + qflag[i], "r=" + rule_tags[i],
            "rq=" + rule_tags[i] + qflag[i],
        ]
        if text in MARKS:
            f.append("qm")
        if is_cue[i]:
            f.append("cue=%d" % is_cue[i])
            f.append("cuel=" + lemma[i])
        if sent_start[i]:
            f.append("ss")
        if i + 1 < n and sent_start[i + 1]:
            f.append("se")
        a = anc[i] if done[i] else ancestor(i)
        f.append("ad=" + a[0])
        if a[0] != "none":
            f.append("adl=" + a[0] + "|" + _bucket(a[1]))
            f.append("adc=" + a[0] + "|" + a[2])
        cues = cue_pos.get(sent_id[i])
        if cues:
            j = min(cues, key=lambda c: abs(c - i))
            d = i - j
            f.append("cp=" + ("0" if d == 0 else ("b" if d < 0 else "a") + _bucket(abs(d))))
        else:
            f.append("cp=none")
        base[i] = f
    for s, e in ranges:
        for i in range(s, e):
            f = base[i]
            for off in (-2, -1, 1, 2):
                j = i + off
                if s <= j < e:
                    f.append("%d:w=%s" % (off, lower[j]))
                    f.append("%d:r=%s" % (off, rule_tags[j]))
                    if off == 1 or off == -1:
                        f.append("%d:p=%s" % (off, pos[j]))
                        f.append("%d:d=%s" % (off, dep[j]))
                        f.append("%d:q=%s" % (off, qflag[j]))
                else:
                    f.append("%d:pad" % off)
    return base


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

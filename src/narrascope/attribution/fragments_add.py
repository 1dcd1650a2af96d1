"""Content fragments to add: a logistic regression decides whether a content lacks a piece.

The per-cue model sometimes gives a cue one piece of what PolNeAR's annotators mark as its
content in two: the other half of a sentence around a parenthetical cue ("To judge the bridge,
Lopez said, one has to walk across it"), or the next (or previous) quotation of the
paragraph ("“...,” Smith said. “...”"). Candidates, for a content the per-cue model gave:
  - `rest`: the part of the cue's sentence on the other side of the cue (and of its source,
    when the source lies there), without the commas and white space next to the cue, when the
    content lies on one side of the cue only, inside that sentence;
  - `quote`: the first quotation after the content (or the cue) in the cue's paragraph, and
    the last quotation before it, when the content is a quotation itself.
Each candidate is scored from what it is (kind, side, length, first and last word, a whole
quotation or not, ends the sentence), what the content is (a quotation, its length, its
sentence), the cue (lemma, x kind) and what lies between them (`fragments._gap`: a sentence
start, a paragraph break, a quotation mark, another cue word). A candidate scoring at least
the threshold stored with the weights is added. Trained, like the fragment model, on the
per-cue model's k-fold readings of PolNeAR train's gold cues (label: the candidate is a gold
content fragment the reading lacks). Weights: `models/attribution/fragments_add.tsv`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.features import DocArrays, arrays, paragraphs
from narrascope.attribution.fragments import _bucket, _gap, cue_words
from narrascope.attribution.lexicon import CueLexicon
from narrascope.attribution.quotes import MARKS
from narrascope.attribution.rules import Candidate
from narrascope.attribution.weights_file import LinearWeights, load_model
from narrascope.attribution.tagger import MODEL_DIR

ADD_FILE = MODEL_DIR / "fragments_add.tsv"
TokRange = tuple[int, int]
SKIP = {",", "—", "–", "-", "--"}


def _sentence(a: DocArrays, i: int) -> TokRange:
    s = i
    while s > 0 and not a.sent_start[s]:
        s -= 1
    e = i + 1
    while e < a.n and not a.sent_start[e]:
        e += 1
    return s, e


def _trim(a: DocArrays, s: int, e: int) -> TokRange:
    """Without white space and the commas or dashes that set a cue off, at both edges."""
    while s < e and (not a.text[s].strip() or a.text[s] in SKIP):
        s += 1
    while e > s and (not a.text[e - 1].strip() or a.text[e - 1] in SKIP):
        e -= 1
    return s, e


def _quote_span(a: DocArrays, quote_ids: list[int], i: int) -> TokRange:
    q = quote_ids[i]
    s, e = i, i + 1
    while s > 0 and quote_ids[s - 1] == q:
        s -= 1
    while e < a.n and quote_ids[e] == q:
        e += 1
    return s, e


def candidates(a: DocArrays, quote_ids: list[int], cue: TokRange, source: TokRange | None,
               content: list[TokRange], para: TokRange) -> list[tuple[str, str, TokRange]]:
    """(kind, side, span) of the pieces `content` might lack (none overlapping it or the cue)."""
    frags = sorted(content)
    cs, ce = frags[0][0], frags[-1][1]
    out = []
    ss, se = _sentence(a, cue[0])
    left = ce <= cue[0]
    right = cs >= cue[1]
    if (left or right) and ss <= cs and ce <= se:
        if left:
            start = max(cue[1], source[1] if source and source[0] >= cue[1] and source[1] <= se else cue[1])
            span = _trim(a, start, se)
            side = "R"
        else:
            end = min(cue[0], source[0] if source and source[1] <= cue[0] and source[0] >= ss else cue[0])
            span = _trim(a, ss, end)
            side = "L"
        if span[1] > span[0]:
            out.append(("rest", side, span))
    ps, pe = para
    inner = [q for q in (quote_ids[cs], quote_ids[ce - 1]) if q >= 0]
    for i in range(max(ce, cue[1]), pe):
        if quote_ids[i] >= 0 and quote_ids[i] not in inner:
            out.append(("quote", "R", _quote_span(a, quote_ids, i)))
            break
    for i in range(min(cs, cue[0]) - 1, ps - 1, -1):
        if quote_ids[i] >= 0 and quote_ids[i] not in inner:
            out.append(("quote", "L", _quote_span(a, quote_ids, i)))
            break
    seen, kept = set(), []
    for kind, side, (s, e) in out:
        s, e = max(s, ps), min(e, pe)
        if e <= s or (s, e) in seen or any(s < fe and fs < e for fs, fe in frags) or (s < cue[1] and cue[0] < e):
            continue
        seen.add((s, e))
        kept.append((kind, side, (s, e)))
    return kept


def features(a: DocArrays, quote_ids: list[int], cue: TokRange, cue_head: int,
             content: list[TokRange], kind: str, side: str, span: TokRange,
             words: frozenset[str]) -> list[str]:
    frags = sorted(content)
    s, e = span
    cs, ce = frags[0][0], frags[-1][1]
    if side == "R":
        gap = _gap(a, max(ce, cue[1]), s, words)
    else:
        gap = _gap(a, e, min(cs, cue[0]), words)
    q = quote_ids[s]
    whole = q >= 0 and a.text[s] in MARKS and quote_ids[e - 1] == q and a.text[e - 1] in MARKS
    cq = quote_ids[cs]
    cwhole = cq >= 0 and quote_ids[ce - 1] == cq
    content_side = "L" if ce <= cue[0] else ("R" if cs >= cue[1] else "M")
    last = a.text[e - 1]
    k = kind + side
    cl = a.lemma[cue_head]
    return ["bias", "k=" + k, "len=" + _bucket(e - s), "fw=" + a.lower[s], "lw=" + a.lower[e - 1],
            "wq" if whole else ("inq" if q >= 0 else "noq"), "cq" if cwhole else "cnq",
            "cside=" + content_side, "k|cs=" + k + content_side, "clen=" + _bucket(ce - cs),
            "nf=" + _bucket(len(frags)), "cl=" + cl, "clk=" + cl + "|" + k,
            "end=" + ("p" if last in (".", "?", "!") else ("q" if last in MARKS else "o")),
            "k|wq=" + k + ("1" if whole else "0") + ("1" if cwhole else "0")] + gap + ["k|" + k + g for g in gap
                                                                                      if not g.startswith("gcuel=")]


class AddModel(LinearWeights):
    """The add model's weights and its `#threshold` (`weights_file.py`)."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(path or ADD_FILE)
        self.threshold = self.setting("threshold", 0.5)
        self.words: frozenset[str] | None = None

    def add(self, a: DocArrays, quote_ids: list[int], cue: TokRange, cue_head: int,
            source: TokRange | None, content: list[TokRange], para: TokRange,
            words: frozenset[str]) -> list[TokRange]:
        """The content with the candidates scoring at least the threshold added."""
        if not content:
            return content
        extra = [span for kind, side, span in candidates(a, quote_ids, cue, source, content, para)
                 if self.prob(features(a, quote_ids, cue, cue_head, content, kind, side, span, words))
                 >= self.threshold]
        return sorted(content + extra) if extra else content


def para_of(paras: list[TokRange], i: int) -> TokRange:
    for s, e in paras:
        if s <= i < e:
            return s, e
    return 0, 0


def add_fragments(doc: Doc, cands: list[Candidate], model: AddModel | None, quote_ids: list[int],
                  lex: CueLexicon) -> list[Candidate]:
    """Each per-cue content with the fragments `model` adds (strong rule readings and floating
    quotes are left alone)."""
    if model is None:
        return cands
    from narrascope.attribution.boundary import cue_head

    a = arrays(doc)
    if model.words is None:
        model.words = cue_words(lex)
    paras = paragraphs(doc)
    out = []
    for cand in cands:
        if cand.content and cand.origin != "rule" and cand.inherited_from is None:
            para = para_of(paras, cand.cue[0])
            if para[1] > para[0]:
                new = model.add(a, quote_ids, cand.cue, cue_head(a, cand.cue), cand.source,
                                sorted(cand.content), para, model.words)
                if new != sorted(cand.content):
                    cand = replace(cand, content=new)
        out.append(cand)
    return out


def load_add(path: Path | str | None = None) -> AddModel | None:
    return load_model(AddModel, path)

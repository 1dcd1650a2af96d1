"""Clause units: a sentence cut where it joins independent clauses that can differ in status.

"Gunmen killed four people, and the attackers may belong to a group abroad" makes two claims,
one asserted and one hedged. A segment (sentence or line, see extract.segments) is cut before

- a `conj` of a clause head (the segment's root, then each clause accepted this way), both finite
  verbs with a subject of their own (`nsubj`, `nsubjpass`, `expl`, `csubj`): coordinated
  clauses, "..., and the attackers may belong to a group abroad", "..., but officials denied it";
- a `;` with a subject and its verb on both sides (the parser often hangs the first half under
  the second, so the cut is by position, not by the tree);
- a contrast `advcl` after its head, introduced by ", while" or ", whereas", with its own subject.

It is not cut at a subordinate clause (other `advcl`, `ccomp`, `relcl`, a `conj` opened by a
wh-word or with a subordinator: "... and why he believes ..."), at a `conj` without
its own subject ("killed four and wounded six") or of a noun ("Iran, Iraq and Syria"), inside the
extent of an attribution (source to content: reported speech stays with its cue), where the
later part would hold words of the earlier clause (the parse wraps around it), or where either
part would keep fewer than `min_words` words (the cut is dropped and the parts stay joined).
Each part is trimmed of the joining comma, conjunction or contrast mark; a segment with no cut
comes back as it is. One pass over the segment's tokens: linear in its length.
"""

from __future__ import annotations

import bisect
from typing import Any, Iterable

import numpy
from spacy.attrs import DEP, HEAD, ORTH, POS
from spacy.tokens import Doc, Span

from narrascope.spans import pieces

SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
VERBAL = {"VERB", "AUX"}
CONTRAST_MARKS = {"while", "whereas"}
TRAILING_PUNCT = {",", ";", ":", "-", "–", "—"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
WH_TAGS = {"WDT", "WP", "WP$", "WRB"}


class Extents:
    """Disjoint character intervals covered by attributions (source, cue and content together)."""

    def __init__(self, attributions: Iterable[dict[str, Any]]) -> None:
        raw: list[tuple[int, int]] = []
        for a in attributions:
            lo, hi = None, None
            for key in ("source", "cue", "content"):
                for s, e in pieces(a.get(key)):
                    lo = s if lo is None else min(lo, s)
                    hi = e if hi is None else max(hi, e)
            if lo is not None and hi is not None and hi > lo:
                raw.append((lo, hi))
        raw.sort()
        merged: list[list[int]] = []
        for s, e in raw:
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def inside(self, char: int) -> bool:
        """True when `char` lies strictly inside one attribution's extent."""
        i = bisect.bisect_left(self.starts, char) - 1
        return i >= 0 and self.ends[i] > char


def _own_subject(tok) -> bool:
    return any(c.dep_ in SUBJECTS for c in tok.children)


def _finite_clause(tok) -> bool:
    """A verb heading a finite clause with its own subject.

    Finite: a finite tag (VBD, VBZ, VBP, MD) or a finite auxiliary. A by-agent without a passive
    auxiliary marks a participle the small parser read as a main verb ("gatherings staged ... by
    investors"); a `VB` without auxiliary is usually a mis-tagged name ("the organization ISIS").
    """
    if tok.pos_ not in VERBAL:
        return False
    subject = agent = auxpass = finite_aux = False
    for c in tok.children:
        dep = c.dep_
        if dep in SUBJECTS:
            subject = True
        elif dep == "agent":
            agent = True
        elif dep in ("aux", "auxpass"):
            auxpass = auxpass or dep == "auxpass"
            finite_aux = finite_aux or c.tag_ in FINITE_TAGS
    if not subject or (agent and not auxpass):
        return False
    return tok.tag_ in FINITE_TAGS or finite_aux


def _embedded(tok, first) -> bool:
    """A conjunct that is itself subordinate: "... and why he believes", "... and that it was"."""
    return first.tag_ in WH_TAGS or any(c.dep_ == "mark" for c in tok.children)


def _contrast_clause(tok, doc: Doc) -> bool:
    left = tok.left_edge.i
    first = doc[left]
    return (left > 0 and doc[left - 1].text == "," and first.lower_ in CONTRAST_MARKS
            and first.dep_ == "mark" and _own_subject(tok))


def _has_clause(doc: Doc, a: int, b: int) -> bool:
    """A subject whose verb is also in doc[a:b]."""
    for k in range(a, b):
        tok = doc[k]
        if tok.dep_ in SUBJECTS and a <= tok.head.i < b and tok.head.pos_ in VERBAL:
            return True
    return False


def _candidates(seg: Span) -> list[tuple[int, Any]]:
    """(token index where a new part would start, its clause head or None for ';'), in order."""
    doc = seg.doc
    start, end = seg.start, seg.end
    heads: set[int] = set()
    found: list[tuple[int, Any]] = []
    for tok in seg:
        head = tok.head
        if head.i == tok.i or not (start <= head.i < end):
            if _finite_clause(tok):
                heads.add(tok.i)
            continue
        if tok.text == ";":
            if start < tok.i + 1 < end:
                found.append((tok.i + 1, None))
            continue
        if head.i not in heads or tok.pos_ not in VERBAL:
            continue
        dep = tok.dep_
        left = tok.left_edge.i
        if left <= head.i or left <= start:
            continue
        if dep == "conj" and _finite_clause(tok) and not _embedded(tok, doc[left]):
            heads.add(tok.i)
            found.append((left, tok))
        elif dep == "advcl" and tok.i > head.i and _contrast_clause(tok, doc):
            found.append((left, tok))
    found.sort(key=lambda f: f[0])
    out: list[tuple[int, Any]] = []
    for point in found:  # one cut per position
        if not out or out[-1][0] != point[0]:
            out.append(point)
    return out


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    while a < b:
        tok = doc[a]
        if tok.is_space or (tok.is_punct and tok.text not in "\"“‘'") or tok.dep_ == "cc" \
                or (tok.dep_ == "mark" and tok.lower_ in CONTRAST_MARKS):
            a += 1
            continue
        break
    while b > a:
        tok = doc[b - 1]
        if tok.is_space or tok.text in TRAILING_PUNCT or tok.dep_ == "cc":
            b -= 1
            continue
        break
    return a, b


def clause_units(seg: Span, extents: Extents | None, min_words: int) -> list[Span]:
    """The clause parts of one segment, in text order (the segment itself when it has one)."""
    points = _candidates(seg)
    if not points:
        return [seg]
    doc = seg.doc
    start, end = seg.start, seg.end
    bounds = [p[0] for p in points] + [end]
    accepted: list[int] = []
    for k, (b, head) in enumerate(points):
        nxt = bounds[k + 1]
        if extents is not None and extents.inside(doc[b].idx):
            continue
        if head is None:
            prev = accepted[-1] if accepted else start
            if not (_has_clause(doc, prev, b) and _has_clause(doc, b, nxt)):
                continue
        elif any(not (doc[j].is_punct or doc[j].is_space or doc[j].dep_ == "cc")
                 for j in range(head.right_edge.i + 1, nxt)):
            continue  # the earlier clause goes on after this one: not a clean cut
        accepted.append(b)
    if not accepted:
        return [seg]
    # words per token prefix, to keep only cuts that leave min_words on both sides
    words = [0]
    for tok in seg:
        words.append(words[-1] + (1 if tok.is_alpha else 0))

    def n_words(a: int, b: int) -> int:
        return words[b - start] - words[a - start]

    kept: list[int] = []
    last = start
    for b in accepted:
        if n_words(last, b) >= min_words:
            kept.append(b)
            last = b
    while kept and n_words(kept[-1], end) < min_words:
        kept.pop()
    if not kept:
        return [seg]
    units: list[Span] = []
    cuts = [start] + kept + [end]
    for i in range(len(cuts) - 1):
        a, b = cuts[i], cuts[i + 1]
        if i > 0 or i < len(cuts) - 2:
            a2, b2 = _trim(doc, a, b)
            a = a2 if i > 0 else a
            b = b2 if i < len(cuts) - 2 else b
        if b > a:
            units.append(doc[a:b])
    return units


class ClauseSplitter:
    """clause_units for every segment of one doc, skipping segments that cannot be cut.

    A vectorised pre-pass marks the tokens a cut needs (a verb `conj` or `advcl` with a subject,
    whose head is a verb with a subject; a `;`); a segment without one comes back whole without
    looking at its tokens one by one (same result, about a third of the segments are looked at).
    """

    def __init__(self, doc: Doc, attributions: Iterable[dict[str, Any]], min_words: int) -> None:
        self.extents = Extents(attributions)
        self.min_words = min_words
        strings = doc.vocab.strings
        if len(doc):
            arr = doc.to_array([DEP, POS, ORTH, HEAD]).astype("int64")
            dep, pos, orth = arr[:, 0].astype("uint64"), arr[:, 1], arr[:, 2].astype("uint64")
            head = numpy.arange(len(doc)) + arr[:, 3]  # HEAD is stored relative to the token
            verbal = numpy.isin(pos, _pos_ids(VERBAL))
            has_subject = numpy.zeros(len(doc), dtype=bool)
            has_subject[head[numpy.isin(dep, [strings.add(d) for d in SUBJECTS])]] = True
            clause_dep = numpy.isin(dep, [strings.add("conj"), strings.add("advcl")])
            mark = (clause_dep & verbal & verbal[head] & has_subject & has_subject[head]) | (orth == strings.add(";"))
            self.prefix = numpy.concatenate([[0], numpy.cumsum(mark)])
        else:
            self.prefix = numpy.zeros(1, dtype="int64")

    def __call__(self, seg: Span) -> list[Span]:
        if self.prefix[seg.end] == self.prefix[seg.start]:
            return [seg]
        return clause_units(seg, self.extents, self.min_words)


def _pos_ids(names: Iterable[str]) -> list[int]:
    from spacy.parts_of_speech import IDS

    return [IDS[n] for n in names]

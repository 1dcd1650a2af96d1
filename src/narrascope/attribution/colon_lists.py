"""Lists introduced by a colon (session 13): "X emphasized the following measures:" and then
bulleted lines, one per measure.

- A content whose last fragment ends at its paragraph's final colon goes on over the list
  items that follow: each next paragraph opening with a list mark (`data/attribution/
  list_marks.tsv`) becomes a fragment, without its mark, up to the first paragraph that does
  not open with one. Without this the content stopped at "the following measures" and what was
  said was lost.
- A cue made only of list marks is dropped: the parser can tag a bullet as a verb and the
  tagger then reads it as a cue with no source. PolNeAR train has no list marks at all (0 in
  its text), so no gold convention is broken; the punctuation PolNeAR does mark as cues
  (":" 196 times in train gold, dashes, quote marks) is not in the list.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc

from narrascope.attribution.features import arrays, paragraphs
from narrascope.attribution.rules import Candidate

TokRange = tuple[int, int]


def _items(text: list[str], paras: list[TokRange], k: int, marks: frozenset[str]) -> list[TokRange]:
    """The list items (mark left out) in the paragraphs after paragraph `k`."""
    out = []
    for s, e in paras[k + 1:]:
        if text[s] not in marks:
            break
        if e > s + 1:
            out.append((s + 1, e))
    return out


def extend_lists(doc: Doc, cands: list[Candidate], marks: frozenset[str]) -> list[Candidate]:
    """Each content ending at its paragraph's final colon, with the list items after it."""
    text = arrays(doc).text
    paras = paragraphs(doc)
    ends = [e for _s, e in paras]  # paragraphs are disjoint and in order: a binary search per content
    out = []
    for cand in cands:
        if cand.content:
            last = max(e for _, e in cand.content)
            k = bisect.bisect_left(ends, last)  # the first paragraph ending at or after the content
            if k < len(paras) and paras[k][0] < last:
                e = paras[k][1]
                # the content ends at the colon or right before it
                if text[e - 1] == ":" and last >= e - 1:
                    items = _items(text, paras, k, marks)
                    if items:
                        cand = replace(cand, content=sorted(cand.content) + items)
        out.append(cand)
    return out


def drop_mark_cues(doc: Doc, cands: list[Candidate], marks: frozenset[str]) -> list[Candidate]:
    """`cands` without those whose cue is list marks only."""
    text = arrays(doc).text
    return [c for c in cands
            if not all(text[i] in marks or not text[i].strip() for i in range(*c.cue))]

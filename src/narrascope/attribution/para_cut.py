"""Content fragments cut at a paragraph break (session 19).

A content fragment sometimes runs over a paragraph break into the next paragraph: most often a
headline's content ("Carson: [‘Not Fit To Serve.’ <break> GOP presidential candidate Ben Carson
says ...]") running on into the story's first paragraph, or a content running into a dateline
line ("... Chairman's Job. <break> WASHINGTON (Reuters)"). PolNeAR's annotators never let one
fragment span a paragraph break: a quotation going on over several paragraphs is marked a
fragment per paragraph (`quote_paragraphs.py`, session 8). On PolNeAR train (all articles but a
held-out sample of 60, the shipped component's contents, last fragment right of its cue), cutting
such a fragment at the break turns 34 wrong contents right, moves 4 closer and 1 farther.

So a content fragment that runs over a paragraph break (a white-space token holding a newline,
as `features.paragraphs` splits) is cut at the break, keeping the piece on its cue's side (right
of the cue: the piece before the first break; left of it: the piece after the last), when:
  - the first token after the break is not a quote mark (a news quotation going on into the
    next paragraph is `quote_paragraphs.py`'s),
  - the break ends a sentence: the last word before it is punctuation, or the first word after
    it starts with a capital letter or a digit (a line wrapped inside a sentence stays whole),
  - something is left.
Floating quotes (a quote paragraph that inherits its speaker) are left as they were.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from narrascope.attribution.features import arrays
from narrascope.attribution.quote_edges import QUOTE_TOKENS
from narrascope.attribution.rules import Candidate

TokRange = tuple[int, int]


def breaks(text: list[str], s: int, e: int) -> list[int]:
    """Paragraph breaks inside [s, e) that end a sentence and open no quotation: for each, the
    first white-space token of the break."""
    out = []
    i = s + 1
    while i < e - 1:
        if "\n" not in text[i] or text[i].strip():
            i += 1
            continue
        b = i
        while b > s and not text[b - 1].strip():
            b -= 1
        j = i
        while j < e and not text[j].strip():
            j += 1
        if j < e and b > s:
            before, after = text[b - 1], text[j]
            ends = not before[-1:].isalnum() or after[:1].isupper() or after[:1].isdigit()
            if ends and after not in QUOTE_TOKENS and after != "'":
                out.append(b)
        i = j
    return out


def after_break(text: list[str], b: int, e: int) -> int:
    """The first word after the break starting at `b` (before `e`)."""
    while b < e and not text[b].strip():
        b += 1
    return b


def cut(text: list[str], cue: TokRange, frag: TokRange) -> TokRange:
    """`frag` cut at its paragraph breaks (`breaks`), keeping the piece nearest the cue."""
    s, e = frag
    found = breaks(text, s, e)
    if not found:
        return frag
    if s >= cue[1]:
        return (s, found[0])
    if e <= cue[0]:
        ns = after_break(text, found[-1], e)
        return (ns, e) if ns < e else frag
    return frag


def cut_paragraphs(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Each candidate's content fragments cut at paragraph breaks (`cut`); floating quotes are
    kept as they were, and a candidate whose content does not change is kept (not copied)."""
    text = None
    out = []
    for cand in cands:
        if cand.content and cand.inherited_from is None:
            if text is None:
                text = arrays(doc).text
            new = [cut(text, cand.cue, f) for f in cand.content]
            if new != list(cand.content):
                cand = replace(cand, content=new)
        out.append(cand)
    return out

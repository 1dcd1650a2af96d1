"""A dateline left out of a content's start (session 7, third round).

A content that opens a story's first paragraph ("WASHINGTON ― The push for the deal is a
betrayal of workers, senators said") starts after the dateline in PolNeAR: on the gold
contents of train (one annotator file per article), of the 89 datelines at a line's start 7
begin a gold content fragment right after their dash and none begins one at the dateline.

The first fragment of a per-cue content (strong rule readings and floating quotes are left as
they were) loses its dateline when it starts at a line's start (or the text's) with a capitalised
word of three or more letters written all in capitals, followed within five tokens by a dash
(`—`, `--`, `―`, `–`, `-`), the tokens in between capitalised words or commas ("DES MOINES,
Iowa —"), and something is left after the dash that does not start in lower case (a
sentence's start: "NEW YORK-based firms" is no dateline).
Chosen on the first half of dev (sorted article names, first 42), held on the second.
"""

from __future__ import annotations

from spacy.tokens import Doc

from narrascope.attribution.content_edits import edit_contents
from narrascope.attribution.dash_ends import DASHES as TEXT_DASHES
from narrascope.attribution.rules import Candidate

TokRange = tuple[int, int]
DASHES = TEXT_DASHES | {"-"}  # the dashes a content may run over, and a hyphen after a dateline
MAX_WORDS = 5


def _place_word(word: str) -> bool:
    return word == "," or not word.strip() or word[:1].isupper()


def after_dateline(text: list[str], line_start: bool, frag: TokRange) -> TokRange:
    """`frag` without the dateline it starts with (the conditions above); `frag` itself when
    they do not hold. `line_start`: the fragment's first token opens a line or the text."""
    s, e = frag
    if not line_start or not text[s].isupper() or sum(ch.isalpha() for ch in text[s]) < 3:
        return frag
    for j in range(s + 1, min(s + 1 + MAX_WORDS, e - 1)):
        if text[j] in DASHES:
            k = j + 1
            while k < e and not text[k].strip():
                k += 1
            return (k, e) if k < e and not text[k][:1].islower() else frag
        if not _place_word(text[j]):
            return frag
    return frag


def drop_datelines(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Each per-cue content with its first fragment started after a dateline (`after_dateline`)."""
    def edit(text: list[str], cand: Candidate) -> list[TokRange]:
        s = cand.content[0][0]
        if not text[s].isupper():  # the common case: no Token looked at
            return cand.content
        line_start = s == 0 or "\n" in doc[s - 1].whitespace_ or "\n" in text[s - 1]
        return [after_dateline(text, line_start, cand.content[0])] + list(cand.content[1:])

    return edit_contents(doc, cands, edit)

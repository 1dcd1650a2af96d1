"""Content fragments carried across the paragraphs of a multi-paragraph quotation (session 8,
follow-up).

News style runs a long quotation over several paragraphs: a paragraph ends inside the open
quotation (no closing mark) and the next one opens with a quote mark again; `quotes.py` reads
such a run as one quotation. The quotation completion (`quote_edges.py`) stops at a line
break, and the per-cue model reads a window of sentences, so a content read in one paragraph
of the run stops there. PolNeAR's annotators mark the rest of the run as further fragments,
one per paragraph: on train (one annotator file per article, 33 multi-paragraph quotations,
53 paragraph breaks), a gold content fragment ending in a paragraph of the run goes on with a
fragment in the next paragraph 38 times and stops 12 (every continued one ends at its
paragraph's end); a gold content in a paragraph of the run also covers the paragraph before
it 38 times and does not 11. Only news runs count (`is_run`): every paragraph opening with a
quote mark of one style and no speaker label ("PENCE:", a transcript's turns, which are colon
cues of their own); on those, train's counts are 30 : 12 and 30 : 10.

So for each fragment of a per-cue content (strong rule readings and floating quotes are left
as they were) that ends inside such a quotation before one of its line breaks, the fragment is
extended to its paragraph's end and each further paragraph of the quotation up to its closing
mark is added as a fragment of its own; symmetrically, a fragment that starts inside one after
a line break starts at its paragraph's start and each earlier paragraph of the quotation back
to its opening mark is added. Not when the cue lies in the part added, nor when the part added
reaches the content's next (previous) fragment.
"""

from __future__ import annotations

from spacy.tokens import Doc

from narrascope.attribution.content_edits import edit_sorted
from narrascope.attribution.quote_edges import line_breaks, quotation_end, quotation_start
from narrascope.attribution.rules import Candidate

TokRange = tuple[int, int]


def _paragraphs(text: list[str], start: int, end: int) -> list[TokRange]:
    """[start, end) split at its line-break tokens, each part trimmed of whitespace tokens;
    empty parts left out."""
    out: list[TokRange] = []
    s = start
    for j in line_breaks(text, start, end) + [end]:
        a, b = s, j
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        s = j + 1
    return out


STRAIGHT_STARTS = ('"', "'", "`")


def _speaker(text: list[str], i: int, end: int) -> bool:
    """A speaker label ("PENCE:", "MR. SMITH:") right after the token `i` (a quote mark)."""
    j = i + 1
    while j < end and j < i + 4 and text[j].rstrip(".").isalpha() and text[j].isupper():
        j += 1
    return j > i + 1 and j < end and text[j] == ":"


def is_run(text: list[str], qs: int, qe: int) -> bool:
    """The quotation [qs, qe) is a news run of paragraphs: every paragraph opens with a quote
    mark of one style (straight or curly: a straight-quoted excerpt followed by a curly
    quotation is two things) and none opens with a speaker label (a transcript's turns)."""
    styles = set()
    for a, b in _paragraphs(text, qs, qe):
        first = text[a][:1]
        if first in STRAIGHT_STARTS:
            styles.add("straight")
        elif first in "“”‘’":
            styles.add("curly")
        else:
            return False
        if _speaker(text, a, b):
            return False
    return len(styles) == 1


def carry(text: list[str], quote_ids: list[int], cue: TokRange,
          content: list[TokRange]) -> list[TokRange]:
    """`content` (sorted fragments) with the paragraphs of the multi-paragraph quotations its
    fragments end (start) inside added, under the conditions above."""
    n = len(text)
    cs = cue[0]
    frags = list(content)
    out: list[TokRange] = []
    for k, (s, e) in enumerate(frags):
        before: list[TokRange] = []
        after: list[TokRange] = []
        if s > 0 and quote_ids[s] >= 0 and quote_ids[s - 1] == quote_ids[s]:
            qs = quotation_start(quote_ids, s)
            prv = out[-1][1] if out else 0
            brk = line_breaks(text, qs, s)
            if brk and not qs <= cs < s and qs >= prv and is_run(text, qs, quotation_end(quote_ids, qs)):
                parts = _paragraphs(text, qs, s)
                s = brk[-1] + 1
                while s < e and text[s].isspace():
                    s += 1
                before = [p for p in parts if p[1] <= brk[-1]]
        if e < n and quote_ids[e - 1] >= 0 and quote_ids[e] == quote_ids[e - 1]:
            qe = quotation_end(quote_ids, e - 1)
            nxt = frags[k + 1][0] if k + 1 < len(frags) else n
            brk = line_breaks(text, e, qe)
            if brk and not e <= cs < qe and qe <= nxt and is_run(text, quotation_start(quote_ids, e - 1), qe):
                parts = _paragraphs(text, e, qe)
                e = brk[0]
                while e > s and text[e - 1].isspace():
                    e -= 1
                after = [p for p in parts if p[0] > brk[0]]
        out.extend(before)
        out.append((s, e))
        out.extend(after)
    return out


def carry_quotes(doc: Doc, cands: list[Candidate], quote_ids: list[int]) -> list[Candidate]:
    """Each per-cue content with the other paragraphs of its quotations added (`carry`)."""
    return edit_sorted(doc, cands, lambda text, cue, frags: carry(text, quote_ids, cue, frags))

"""Content fragments completed to the quotation they lie in (session 7).

The per-cue model (`percue.py`) sometimes ends a content inside a quotation ("... and that can
[be a problem. It is]" where the quotation goes on to its closing mark) or starts one after
the quotation's opening mark ("“The plan is dead. [Nobody in the town wants it,”]"):
its window is the cue's sentence and two either side, and it reads sentence by sentence.
PolNeAR's annotators mark a quotation whole: on the per-cue model's k-fold readings of train
(`percue_cv.py`), of 379 read fragments ending inside a quotation (the cue not in the rest of
it), the gold fragment ends at the quotation's closing mark 321 times and where the reading
ends 27; of 156 starting inside one, gold starts at the opening mark 87 times, where the
reading starts 19.

So each fragment of a per-cue content (strong rule readings and floating quotes are left as
they were) that ends inside a quotation is extended to its closing mark, and one that starts
inside a quotation to its opening mark, when:
  - the quotation closes (opens) with a quote mark in the same paragraph (no line break in
    between: a quotation going on into the next paragraph is left alone),
  - the cue does not lie in the part added (“..., Smith said, ...”),
  - the part added does not reach the next (previous) fragment of the content.
"""

from __future__ import annotations

from spacy.tokens import Doc

from narrascope.attribution.content_edits import edit_sorted
from narrascope.attribution.quotes import MARKS
from narrascope.attribution.rules import Candidate

TokRange = tuple[int, int]
QUOTE_TOKENS = MARKS | {"''", "``"}  # doubled apostrophes / backquotes as tokens


def quotation_start(quote_ids: list[int], i: int) -> int:
    """The first token of the quotation token `i` lies in (`quote_ids[i] >= 0`)."""
    q = quote_ids[i]
    while i > 0 and quote_ids[i - 1] == q:
        i -= 1
    return i


def quotation_end(quote_ids: list[int], i: int) -> int:
    """The token after the last of the quotation token `i` lies in."""
    q = quote_ids[i]
    n = len(quote_ids)
    while i < n and quote_ids[i] == q:
        i += 1
    return i


def line_breaks(text: list[str], start: int, end: int) -> list[int]:
    """Tokens in [start, end) that hold a line break."""
    return [j for j in range(start, end) if "\n" in text[j]]


def complete(text: list[str], quote_ids: list[int], cue: TokRange,
             content: list[TokRange]) -> list[TokRange]:
    """`content` (sorted fragments) with each fragment's edges moved to the edges of the
    quotation it ends (starts) inside, under the conditions above."""
    n = len(text)
    cs = cue[0]
    out: list[TokRange] = []
    for k, (s, e) in enumerate(content):
        if e < n and quote_ids[e - 1] >= 0 and quote_ids[e] == quote_ids[e - 1]:
            qe = quotation_end(quote_ids, e - 1)
            nxt = content[k + 1][0] if k + 1 < len(content) else n
            if (text[qe - 1] in QUOTE_TOKENS and not e <= cs < qe and qe <= nxt
                    and not line_breaks(text, e, qe)):
                e = qe
        if s > 0 and quote_ids[s] >= 0 and quote_ids[s - 1] == quote_ids[s]:
            qs = quotation_start(quote_ids, s)
            prv = out[-1][1] if out else 0
            if (text[qs] in QUOTE_TOKENS and not qs <= cs < s and qs >= prv
                    and not line_breaks(text, qs, s)):
                s = qs
        out.append((s, e))
    return out


def complete_quotes(doc: Doc, cands: list[Candidate], quote_ids: list[int]) -> list[Candidate]:
    """Each per-cue content with its fragments completed to their quotations (`complete`)."""
    return edit_sorted(doc, cands, lambda text, cue, frags: complete(text, quote_ids, cue, frags))

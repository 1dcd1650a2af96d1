"""Quotations that run over several sentences, and whose voice the sentences inside them are.

A writer quotes a speaker for three sentences and names the speaker once, at the first or the
last ("'The school will reopen. The roof is already fixed,' the mayor said").
The attribution component gives a quotation's speaker only the sentence next to the cue, so the
other quoted sentences came out as the author's claims. An analyst reads every sentence between
the quotation marks as the speaker's. `QuotedVoices.speaker` returns the attribution whose
content overlaps the quotation around a claim and whose cue lies outside it (the quote's
speaker, not a speaker quoted by the speaker); none when the article names nobody (session 16).

Quotation marks are paired here by hand (spaCy marks no quotations; the texts mix curly and
straight marks, strays and unclosed quotes, which the limits below keep from spreading), not by
the attribution component's `attribution.quotes.find_quotes`: that one closes a quotation at a line
end unless the next line opens with a mark (the newspaper convention for multi-paragraph quotes),
while scraped articles often put one sentence on a line inside one quotation. Here only a blank
line or `MAX_CHARS` ends an open quotation.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from narrascope.spans import pieces

OPEN_CURLY, CLOSE_CURLY, STRAIGHT = "“", "”", '"'
# a quotation that long, or one that crosses a blank line, is a stray mark, not a quote
MAX_CHARS = 1500


_MARKS = re.compile(r"[“”\"]|\n\n")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start of the opening mark, end of the closing mark) of each quotation holding a line
    break or a sentence end, in text order."""
    return _long(text, paired(text))


def _long(text: str, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The `pairs` holding a line break or a sentence end."""
    return [(s, e) for s, e in pairs if _several_sentences(text[s:e])]


def paired(text: str) -> list[tuple[int, int]]:
    """(start of the opening mark, end of the closing mark) of every quotation, short ones included,
    in text order. One pass over the marks and blank lines only (linear)."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    kind = ""
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if open_at is not None and i - open_at > MAX_CHARS:
            open_at = None  # a runaway quotation: its opening mark was a stray
        if ch == "\n\n":
            open_at = None  # a paragraph break ends any open quotation
        elif ch == OPEN_CURLY:
            open_at, kind = i, "curly"  # a second opening mark restarts: the first was a stray
        elif ch == CLOSE_CURLY and open_at is not None and kind == "curly":
            out.append((open_at, i + 1))
            open_at = None
        elif ch == STRAIGHT:
            if open_at is not None and kind == "straight":
                out.append((open_at, i + 1))
                open_at = None
            elif open_at is None:
                open_at, kind = i, "straight"
    return out


def quoted(text: str, quotes: list[tuple[int, int]], starts: list[int], at: int, since: int) -> bool:
    """Whether the character at `at` is quoted: inside one of the paired `quotes` (sorted, their
    `starts`), directly followed by a closing mark ('?"'), or after an opening mark between `since`
    (the start of its sentence) and `at` that no mark closes before it (an unclosed quotation)."""
    i = bisect.bisect_right(starts, at) - 1
    if i >= 0 and quotes[i][0] < at < quotes[i][1]:
        return True
    if text[at + 1:at + 2] in (CLOSE_CURLY, STRAIGHT):
        return True
    before = text[since:at]
    return before.rfind(OPEN_CURLY) > before.rfind(CLOSE_CURLY) or before.count(STRAIGHT) % 2 == 1


def _several_sentences(quote: str) -> bool:
    inner = quote[1:-1].rstrip(" ,.!?")
    return "\n" in inner or any(p in inner for p in (". ", "? ", "! "))


class QuotedVoices:
    def __init__(self, text: str, attributions: list[dict[str, Any]]) -> None:
        self.text = text
        self.paired = paired(text)  # every quotation, short ones included (`is_quoted`)
        self.paired_starts = [q[0] for q in self.paired]
        self.quotes = _long(text, self.paired)  # = quotations(text), one pairing pass
        self.starts = [q[0] for q in self.quotes]
        self.attributions = attributions

    def is_quoted(self, at: int, since: int) -> bool:
        """`quoted` over this text's paired quotations (one pairing pass per document)."""
        return quoted(self.text, self.paired, self.paired_starts, at, since)

    def speaker(self, start: int, end: int) -> str | None:
        """The id of the attribution that speaks the quotation holding [start, end), if any."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        q_start, q_end = self.quotes[i]
        if not (q_start <= start and end <= q_end):
            return None
        best, best_overlap = None, 0
        for a in self.attributions:
            cue = a.get("cue")
            if not isinstance(cue, dict) or not isinstance(cue.get("start"), int) or not a.get("id"):
                continue
            if q_start <= cue["start"] < q_end:
                continue  # a speaker the quoted speaker quotes
            overlap = sum(max(0, min(e, q_end) - max(s, q_start)) for s, e in pieces(a.get("content")))
            if overlap > best_overlap:
                best, best_overlap = a["id"], overlap
        return best

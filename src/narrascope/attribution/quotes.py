"""Quotation spans in a text: straight and curly double quotes, multi-paragraph quotes.

A quote opened and not closed before the end of its paragraph goes on into the next paragraph
when that one opens with a quote mark (the news convention for multi-paragraph quotes);
otherwise it is closed at the end of its paragraph, so an unbalanced mark never swallows the
rest of an article. Single quotes are not read (they are mostly apostrophes); doubled ones ('') are.
"""

from __future__ import annotations

import re

from spacy.attrs import IDX

OPEN = {"“", "„", "«"}
CLOSE = {"”", "»"}
STRAIGHT = {'"', "＂"}
MARKS = OPEN | CLOSE | STRAIGHT
_INTERESTING = re.compile("[%s]" % re.escape("".join(sorted(MARKS | {"\n", "'"}))))


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of quotations, quote marks included."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    n = len(text)
    i = 0
    while i < n:
        # only newlines, quote marks and apostrophes do anything: jump to the next one
        m = _INTERESTING.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch == "\n" and start is not None:
            j = i
            while j < n and text[j] in "\n\r \t":
                j += 1
            if j < n and (text[j] in OPEN | STRAIGHT or text[j:j + 2] == "''") and i - start > 1:
                i = j + 1  # multi-paragraph quote: goes on after the next opening mark
                continue
            end = i
            while end > start and text[end - 1] in " \t\r":
                end -= 1
            if end - start > 1:
                out.append((start, end))
            start = None
        elif ch in OPEN:
            if start is None:
                start = i
        elif ch in CLOSE:
            if start is None and (i == 0 or text[i - 1] in "\n \t") and i + 1 < n and text[i + 1].isalnum():
                start = i  # a closing mark used to open a quote at a paragraph's start
            elif start is not None:
                out.append((start, i + 1))
                start = None
        elif ch == "'" and i + 1 < n and text[i + 1] == "'":
            # NYT-style doubled apostrophes: ''quote,''
            if start is None:
                start = i
            else:
                out.append((start, i + 2))
                start = None
            i += 2
            continue
        elif ch in STRAIGHT:
            if start is None:
                start = i
            else:
                out.append((start, i + 1))
                start = None
        i += 1
    if start is not None and n - start > 1:
        out.append((start, n))
    return out


def token_quote_ids(doc, quotes: list[tuple[int, int]]) -> list[int]:
    """Per token: index of the quote it lies in (marks included), or -1."""
    ids = [-1] * len(doc)
    if not quotes:
        return ids
    q = 0
    for i, idx in enumerate(doc.to_array(IDX).tolist()):  # character offsets, no Token objects
        while q < len(quotes) and quotes[q][1] <= idx:
            q += 1
        if q < len(quotes) and quotes[q][0] <= idx < quotes[q][1]:
            ids[i] = q
    return ids

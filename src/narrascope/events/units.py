"""Text units for event reading: the parser's sentences, split again at blank lines.

News text carries headings and list items without final punctuation; the small spaCy
parser often glues a heading to the next sentence. Events read from a heading alone would
duplicate the body's, so headings are marked and their mentions skipped.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span

from narrascope.events.doccache import doc_sents, doc_text, memo, token_table


def text_units(doc: Doc) -> list[Span]:
    units: list[Span] = []
    tab = token_table(doc)
    is_space, tok_text = tab.is_space, tab.text
    for sent in doc_sents(doc):
        start = sent.start
        for i in range(sent.start, sent.end):
            if is_space[i] and i > start and tok_text[i].count("\n") >= 2:
                units.append(doc[start:i])
                start = i + 1
        if start < sent.end:
            units.append(doc[start:sent.end])
    text = doc_text(doc)
    # `u.text` is this slice of the doc's text
    return [u for u in units if text[u.start_char:u.end_char].strip()]


def cut_out(spans: list[Span], mask: range) -> list[Span]:
    """`spans` with the tokens of `mask` cut out: a span that overlaps it keeps its non-empty parts
    before and after (the wire dateline, events/extract.py `DATELINE_STORY`: the event reader's units
    and the CRF role tagger's sentences are read as if the dateline were not there)."""
    out: list[Span] = []
    for span in spans:
        if span.end <= mask.start or span.start >= mask.stop:
            out.append(span)
            continue
        doc = span.doc
        out.extend(part for part in (doc[span.start:max(span.start, mask.start)],
                                     doc[min(mask.stop, span.end):span.end]) if len(part))
    return out


def is_heading(unit: Span) -> bool:
    """A short line with no final punctuation (titles, section headings, bylines)."""
    tab = token_table(unit.doc)
    is_space, is_punct, tok_text = tab.is_space, tab.is_punct, tab.text
    idx = range(unit.start, unit.end)
    n_words = sum(1 for i in idx if not is_space[i] and not is_punct[i])
    if not n_words:
        return True
    last = tok_text[[i for i in idx if not is_space[i]][-1]]
    if last in (".", "!", "?", "\u201d", '"', ":", ";") or last.endswith("."):
        return False
    return n_words <= 16


def unit_index(doc: Doc, units: list[Span]) -> list[int]:
    """Token index -> unit index (-1 for tokens outside every unit)."""
    idx = [-1] * len(doc)
    for n, u in enumerate(units):
        for i in range(u.start, u.end):
            idx[i] = n
    return idx


# Lines that cite or credit rather than tell (session 16, defects round 2). A date on such a line is the
# date of a report or a photograph, not of the incident: partisan articles quote news reports under a
# citation line ("<headline>," by <name>, <outlet>, <date>:) and wire photos carry a caption and a credit
# line ("<OUTLET>/<photographer>"). Hand-written patterns: no library marks citation or caption lines.
_MON = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
         r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_FULL_DATE = rf"(?:{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MON},?\s+\d{{4}})"
_CREDIT = (r"\(?(?:AP|AFP|EPA|Reuters|REUTERS|Getty Images|Associated Press)(?:\s+Photo)?\s*/\s*[A-Z][^\n/]{0,60}\)?"
           r"|(?:Photo|Image|Picture)(?:\s+credit)?\s*:[^\n]{0,80}"
           r"|\(?(?:Photo|Image|Picture)\s+(?:by|courtesy\s+of)\s+[A-Z][^\n]{0,60}\)?")
# a citation: a line ending with ", <date>:" (outlet, date, colon), or a byline "By <Name>, ..., <date>"
_CITATION = re.compile(rf"^[^\n]*,\s*{_FULL_DATE}\s*:[ \t]*$|^[ \t]*By\s+[A-Z][^\n,]{{1,60}},[^\n]*{_FULL_DATE}[ \t:.]*$",
                       re.M)
_CREDIT_LINE = re.compile(rf"^[ \t]*(?:{_CREDIT})[ \t]*$", re.M)
_CREDIT_END = re.compile(rf"(?:{_CREDIT})[ \t]*$", re.M)  # a caption line closed by its own credit
# session 17: a name on a citation, byline or credit line is no actor of the incident (`in_citation`: claimants,
# accused, perpetrators), and two more shapes of such lines: a byline pasted into the first line ("... by <ALL-CAPS
# NAME>, <outlet> <weekday>, <date>") and the credit line of an embedded post ("— <Name> (@handle) <date>"). A
# harness can switch both off.
CREDIT_ACTORS = True
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_INLINE_BYLINE = re.compile(rf"\b[Bb]y\s+[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){{1,3}},[^\n,]{{1,60}}?\s+"
                            rf"(?:{_WEEKDAY},?\s+)?{_FULL_DATE}")
_POST_CREDIT = re.compile(rf"[\u2014\u2013-]\s*[^\n()]{{1,80}}\(@\w{{1,30}}\)\s*{_FULL_DATE}[ \t]*$", re.M)


def citation_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of citation, caption and credit lines: a line ending with ", <date>:", a
    byline ("By <Name>, <outlet>, <date>"), a photo credit line ("REUTERS/<name>", "Photo: ..."),
    a caption closed by a credit ("... (AP Photo/<name>)"), and the line right before a credit line
    (the caption it credits); since session 17 (`CREDIT_ACTORS`) also a byline pasted into a line ("by
    <ALL-CAPS NAME>, <outlet> [<weekday>,] <date>") and an embedded post's credit ("— <Name> (@handle)
    <date>"). The ranges are disjoint and sorted (overlapping ones merged)."""
    out: list[tuple[int, int]] = [(m.start(), m.end()) for m in _CITATION.finditer(text)]
    for m in _CREDIT_LINE.finditer(text):
        out.append((m.start(), m.end()))
        before = text.rfind("\n", 0, max(0, m.start() - 1))
        if m.start() > 0 and text[m.start() - 1] == "\n" and text[before + 1:m.start() - 1].strip():
            out.append((before + 1, m.start() - 1))  # the caption above the credit
    for m in _CREDIT_END.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        out.append((line_start, m.end()))
    if CREDIT_ACTORS:
        out.extend((m.start(), m.end()) for m in _INLINE_BYLINE.finditer(text))
        out.extend((m.start(), m.end()) for m in _POST_CREDIT.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(out):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def doc_citation_lines(doc: Doc) -> list[tuple[int, int]]:
    """`citation_lines` of the doc's text, found once per `doccache.cached(doc)` (dates, perpetrators and
    responsibility statements all read them)."""
    return memo(doc, "citation_lines", lambda: citation_lines(doc_text(doc)))


def in_citation(ranges: list[tuple[int, int]], pos: int) -> bool:
    """`pos` lies in one of the sorted, disjoint character ranges of `citation_lines`."""
    i = bisect.bisect_right(ranges, (pos, 1 << 62))
    return i > 0 and pos < ranges[i - 1][1]

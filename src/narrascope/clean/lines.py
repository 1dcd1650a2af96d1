"""The post-extraction line filter: title, byline and dateline lines near the top,
boilerplate lines anywhere, a paragraph repeated right after itself. Every cut line is reported with its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from narrascope.clean.byline import byline_author
from narrascope.clean.dates import dateline
from narrascope.clean.rules import match_boilerplate

HEAD_LINES = 6  # non-empty lines at the top where titles, bylines and datelines are looked for
DUPLICATE_WORDS = 8  # a paragraph this long repeated right after itself is a rendering artefact
_WORDS = re.compile(r"\w+")
_SITE_SUFFIX = re.compile(r"\s*[|–—:-]\s*[^|–—:-]{1,60}$")


@dataclass
class Filtered:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    removed: list[dict] = field(default_factory=list)


def norm(s: str) -> str:
    return " ".join(_WORDS.findall(s.lower()))


def is_title_line(line: str, title: str | None) -> bool:
    """`line` repeats `title` (exactly, with a site suffix, or nearly: a deck restating it)."""
    if not title:
        return False
    a, b = norm(line), norm(title)
    if not a or not b:
        return False
    if a == b or norm(_SITE_SUFFIX.sub("", title)) == a or norm(_SITE_SUFFIX.sub("", line)) == b:
        return True
    if line.rstrip().endswith((".", ",", ";", ":")) or len(a) > 2 * len(b) + 20:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= 85


def looks_like_headline(line: str) -> bool:
    s = line.strip()
    words = s.split()
    if not 2 <= len(words) <= 25 or len(s) > 250:
        return False
    if s.endswith((".", ",", ";", ":")) and not s.endswith("..."):
        return False
    if not any(ch.isalpha() for ch in s):
        return False
    return s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘"


def filter_lines(text: str, *, title: str | None = None, infer_title: bool = False,
                 find_author: bool = True, find_date: bool = False) -> Filtered:
    out = Filtered(text="", title=title)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    keep = [True] * len(lines)
    nonempty = [i for i, line in enumerate(lines) if line.strip()]

    def cut(i: int, reason: str) -> None:
        keep[i] = False
        out.removed.append({"text": lines[i].strip(), "reason": reason})

    # the top: title, deck restating it, byline, dateline
    head = nonempty[:HEAD_LINES]
    if infer_title and len(nonempty) > 1 and looks_like_headline(lines[head[0]]) \
            and byline_author(lines[head[0]]) is None and match_boilerplate(lines[head[0]]) is None:
        out.title = lines[head[0]].strip()
        cut(head[0], "title")
    for i in head:
        if not keep[i]:
            continue
        line = lines[i]
        if len(line.split()) > 30:
            break  # the body has started
        if is_title_line(line, out.title):
            cut(i, "title")
            continue
        author = byline_author(line) if find_author or out.author is None else None
        if author:
            out.author = out.author or author
            cut(i, "byline")
            continue
        if find_date:
            when = dateline(line)
            if when:
                out.published = out.published or when
                cut(i, "byline")
                continue
    # everywhere: boilerplate, the exact title again, repeated paragraphs
    previous: str | None = None
    title_norm = norm(out.title) if out.title else None
    for i in nonempty:
        if not keep[i]:
            continue
        line = lines[i]
        rule = match_boilerplate(line)
        if rule:
            cut(i, rule.reason)
            continue
        if dateline(line):
            cut(i, "byline")  # a dateline further down (HTML output): metadata, not article text
            continue
        key = norm(line)
        if title_norm and key == title_norm:
            cut(i, "title")
            continue
        if key == previous and len(key.split()) >= DUPLICATE_WORDS:
            cut(i, "duplicate")  # the same paragraph twice in a row (a list item repeated later stays)
            continue
        previous = key
    out.text = _join([line.rstrip() if k else None for line, k in zip(lines, keep)])
    return out


def _join(lines: list[str | None]) -> str:
    """Kept lines in order; a removed line leaves no gap; runs of blank lines become one."""
    result: list[str] = []
    for line in lines:
        if line is None:
            continue
        if not line.strip():
            if result and result[-1] != "":
                result.append("")
            continue
        result.append(line)
    return "\n".join(result).strip()

"""The wire service that credits an article: its dateline ("TEHRAN (Reuters) -") or closing credit ("— IRNA").

Two components read it: the claims component lists it on author claims as a `dateline` support
item (claims/context.py, whose voice the claim is in), and the profile component reports it once
per document as `profile.wire_credit` (profile/wire.py). It lives here, outside both, so that
neither component imports the other's internals for it and the patterns exist once. The agency
names are the `agency` rows of data/claims/context_cues.tsv (one provenance column per entry),
where session 13 put them beside the claims' pointer words.

A place-only dateline ("WASHINGTON -") names no agency and gives None; so does an agency named
in the running text ("The AP reported ...").
"""

from __future__ import annotations

import functools
import re

from narrascope.claims.cues import read_tsv

TOP_CHARS = 600  # a dateline sits in the first lines (after the title)
END_CHARS = 120  # a trailing wire credit ("— IRNA") in the last characters


@functools.lru_cache(maxsize=1)
def agencies() -> tuple[str, ...]:
    """The wire services and broadcasters a dateline may credit, longest first."""
    names = [row[0] for row in read_tsv("context_cues.tsv") if len(row) > 1 and row[1] == "agency"]
    return tuple(sorted(names, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def dateline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(re.escape(a) for a in agencies())
    # "TEHRAN (Reuters) -", "TEHRAN, Nov. 27 (IRNA) --", "(AP) —" at the start of a line
    top = re.compile(rf"(?m)^[^\S\n]*[^\n()]{{0,60}}?\((?P<agency>{names})\)[^\S\n]*[-—–:]")
    # "... he said. — IRNA", "(AFP)" at the very end
    end = re.compile(rf"(?:[-—–][^\S\n]*\(?|\()(?P<agency>{names})\)?\.?\s*\Z")
    return top, end


def wire_credit(text: str) -> tuple[int, int] | None:
    """Character offsets of the agency named by the article's dateline or closing wire credit."""
    top, end = dateline_patterns()
    m = top.search(text[:TOP_CHARS])
    if m:
        return m.start("agency"), m.end("agency")
    tail_from = max(0, len(text) - END_CHARS)
    m = end.search(text[tail_from:])
    if m:
        return tail_from + m.start("agency"), tail_from + m.end("agency")
    return None

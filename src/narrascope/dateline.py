"""The wire service that credits an article: its dateline ("TEHRAN (Reuters) -"), closing credit
("— IRNA") or byline ("By Jane Doe, Reuters").

Two components read it: the claims component lists the dateline and closing credits on author
claims as a `dateline` support item (claims/context.py, whose voice the claim is in), and the
profile component reports the credit once per document as `profile.wire_credit`
(profile/wire.py), where a byline credit also counts. It lives here, outside both, so that
neither component imports the other's internals for it and the patterns exist once. The agency
names are the `agency` rows of data/claims/context_cues.tsv (one provenance column per entry),
where session 13 put them beside the claims' pointer words; the knowledge base resolves each
(`KnowledgeBase.credit`: short forms it keeps out of running text, "Fars", "MENA", "PTI", "DPA",
are credit-only names there).

A place-only dateline ("WASHINGTON -") names no agency and gives None; so do an agency named
in the running text ("The AP reported ..."), a byline naming a person only ("By Jane Doe") and a
"Reporting by ...; Editing by ..." line alone (it names people; `reporting_line`).
"""

from __future__ import annotations

import functools
import re

from narrascope.claims.cues import read_tsv

TOP_CHARS = 600  # a dateline sits in the first lines (after the title)
END_CHARS = 120  # a trailing wire credit ("— IRNA") in the last characters
BYLINE_CHARS = 120  # a byline is one short line

# "(Reporting by Jane Doe in Tehran; Editing by John Roe)": Reuters' closing line, which the
# cleaner usually cuts as `byline` (data/clean/boilerplate.tsv) but keeps when its shape is
# unusual. It names people, never the agency.
REPORTING_LINE = re.compile(r"(?i)^[^\S\n]*\(?[^\S\n]*(?:additional[^\S\n]+)?(?:reporting|writing|editing|edited)"
                            r"[^\S\n]+by[^\S\n]+\S")
# the people a byline names before the agency: capitalised words, "and", "&", name particles
_PEOPLE = (r"[A-Z][\w.'’-]*(?:[^\S\n]*,?[^\S\n]+(?:(?:and|&|de|da|di|del|van|von|der|al|el|bin|ibn|le|la)"
           r"[^\S\n]+)?[A-Z][\w.'’-]*)*")
# after the agency: "Staff", "Writer", "Diplomatic Writer", "Staff Correspondent" (AP, Reuters, UPI styles)
_ROLE = (r"(?:[^\S\n]+[A-Za-z]+){0,2}?[^\S\n]+(?:[Ss]taff|STAFF|[Ww]riters?|WRITERS?|[Cc]orrespondents?|"
         r"CORRESPONDENTS?|[Rr]eporters?|REPORTERS?|[Ee]ditors?|[Jj]ournalists?)")


@functools.lru_cache(maxsize=1)
def agencies() -> tuple[str, ...]:
    """The wire services and broadcasters a credit may name, longest first."""
    names = [row[0] for row in read_tsv("context_cues.tsv") if len(row) > 1 and row[1] == "agency"]
    return tuple(sorted(names, key=len, reverse=True))


def _names() -> str:
    return "|".join(re.escape(a) for a in agencies())


@functools.lru_cache(maxsize=1)
def dateline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = _names()
    # "TEHRAN (Reuters) -", "TEHRAN, Nov. 27 (IRNA) --", "(AP) —" at the start of a line
    top = re.compile(rf"(?m)^[^\S\n]*[^\n()]{{0,60}}?\((?P<agency>{names})\)[^\S\n]*[-—–:]")
    # "... he said. — IRNA", "(AFP)" at the very end
    end = re.compile(rf"(?:[-—–][^\S\n]*\(?|\()(?P<agency>{names})\)?\.?\s*\Z")
    return top, end


@functools.lru_cache(maxsize=2)
def byline_pattern(metadata: bool = False) -> re.Pattern[str]:
    """A byline whose last element is an agency: "By Jane Doe, Reuters", "By Jane Doe | AP",
    "By Jane Doe (AFP)", "By JANE DOE Associated Press", "By Jane Doe AP Diplomatic Writer",
    "By The Associated Press", "By Reuters Staff". Matched against one whole line, agencies as
    written; between a name and the agency a bare space is taken only after a name in capitals or
    before a job title ("By Farah Mehr" names a person). With `metadata` (the `author` and the
    byline lines cut from the text) "By" may be absent ("Jane Doe; Reuters", "Reuters") and, before
    a job title, the agency's case is free: HTML metadata comes title-cased ("Jane Doe; Ap Auto
    Writer")."""
    by = r"(?i:by)[^\S\n]*:?[^\S\n]+"
    names = _names()
    sep = r"(?:[^\S\n]*[,|/;–—-][^\S\n]*|[^\S\n]+(?:and|&)[^\S\n]+|[^\S\n]*(?=\())"
    caps = r"[A-Z][A-Z.'’-]*(?:[^\S\n]+[A-Z][A-Z.'’-]*)*"

    def agency(i: int, flags: str = "") -> str:  # a group name may occur once: one per form
        return rf"\(?(?P<agency{i}>{f'(?{flags}:{names})' if flags else names})\)?"

    forms = [rf"(?:{_PEOPLE}{sep}|(?:[Tt]he[^\S\n]+)?){agency(0)}(?:{_ROLE})?",  # "Jane Doe, Reuters", "Reuters"
             rf"{caps}[^\S\n]+{agency(1)}(?:{_ROLE})?",  # "JANE DOE Associated Press"
             rf"{_PEOPLE}[^\S\n]+{agency(2)}{_ROLE}"]  # "Jane Doe AP Diplomatic Writer"
    if metadata:  # "Jane Doe; Ap Auto Writer"
        forms.append(rf"(?:{_PEOPLE}(?:{sep}|[^\S\n]+))?{agency(3, 'i')}{_ROLE}")
    body = "|".join(f"(?:{f})" for f in forms)
    return re.compile(rf"[^\S\n]*{f'(?:{by})?' if metadata else by}(?:{body})[^\S\n]*")


def reporting_line(line: str) -> bool:
    """A "Reporting by ...; Editing by ..." line (Reuters house style)."""
    return REPORTING_LINE.match(line) is not None


def _body_end(text: str) -> int:
    """The end of the text without its trailing "Reporting by ..." lines."""
    end = len(text.rstrip())
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if not reporting_line(text[start:end]):
            break
        end = len(text[:start].rstrip())
    return end


def _dateline_or_closing(text: str) -> tuple[int, int, str] | None:
    top, end = dateline_patterns()
    m = top.search(text[:TOP_CHARS])
    if m:
        return m.start("agency"), m.end("agency"), "dateline"
    stop = _body_end(text)
    tail_from = max(0, stop - END_CHARS)
    m = end.search(text[tail_from:stop])
    if m:
        return tail_from + m.start("agency"), tail_from + m.end("agency"), "closing"
    return None


def find_credit(text: str) -> tuple[int, int, str] | None:
    """Offsets of the agency the text credits and where: `dateline` (top), `closing` (the very
    end, before any "Reporting by" lines) or `byline` (a "By ..." line in the first lines)."""
    found = _dateline_or_closing(text)
    if found is not None:
        return found
    line_start = 0
    for line in text[:TOP_CHARS].split("\n"):
        at = byline_credit(line)
        if at is not None:
            return line_start + at[0], line_start + at[1], "byline"
        line_start += len(line) + 1
    return None


def wire_credit(text: str) -> tuple[int, int] | None:
    """Character offsets of the agency named by the article's dateline or closing wire credit
    (the claims' `dateline` items; a byline credit is the profile's only: `find_credit`)."""
    found = _dateline_or_closing(text)
    return found[:2] if found is not None else None


def byline_credit(line: str, metadata: bool = False) -> tuple[int, int] | None:
    """Offsets (in `line`) of the agency a byline line credits, or None (a person-only byline,
    not a byline). `metadata`: the line is the `author` or a line cut from the text as a byline."""
    if len(line) > BYLINE_CHARS:
        return None
    m = byline_pattern(metadata).fullmatch(line)
    if m is None:
        return None
    group = next(name for name, value in m.groupdict().items() if value is not None)
    return m.start(group), m.end(group)


# A dateline by its shape ("SHIRAZ, Iran (AP) —", "TEHRAN (Reuters) -", "WASHINGTON -",
# "SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --", "Rome (Italy), 9 Feb 91 --"; from the session-15 D1
# patch, docs/history/events.md, plus "No city (Peru)," transcripts): capitalised place words
# at a line's start, then an optional "(Country)," (a parenthesis followed by a comma: "TEHRAN
# (Reuters) -" is a credit) or ", Country/State", an optional date, an optional parenthesised credit
# (a typist's "[" for "(" too) and a dash. Any short parenthesis counts as the credit here (broadcasters such
# as "domestic service" are no agency of `agencies()`), so `wire_credit` and this pattern differ on
# purpose: the agency names stay the credit's business, the place's only needs the dateline's shape.
_PLACE_WORDS = (r"[A-Z][\w.'’-]*(?:[^\S\n]+(?:(?:de|del|da|do|du|la|le|el|al|au|of|the)[^\S\n]+)?"
                r"[A-Z][\w.'’-]*){0,3}")
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|"
          r"July|August|September|October|November|December)\.?")
_DATE_WORDS = (rf"(?i:\d{{1,2}}[^\S\n]+{_MONTH}(?:[^\S\n]+\d{{2,4}})?|{_MONTH}[^\S\n]+\d{{1,2}}(?:,?[^\S\n]+\d{{2,4}})?"
               rf"|no[^\S\n]+date)")
PLACE_DATELINE = re.compile(
    rf"(?m)^[^\S\n]*(?P<place>(?i:no[^\S\n]+city)|{_PLACE_WORDS})"
    rf"(?:[^\S\n]*\((?P<paren>[^\W\d_][^()\n]{{1,40}})\)(?=,)|,[^\S\n]*(?!{_MONTH}[^\S\n,]*\d)(?P<region>{_PLACE_WORDS}))?"
    rf"(?:,?[^\S\n]*(?P<date>{_DATE_WORDS}))?"
    rf"(?:[^\S\n]*[(\[](?P<credit>[^()\[\]\n]{{1,60}})\))?"
    rf"[^\S\n]*(?:--|[-—–―])(?=[^\S\n]|\n|\Z)")


def dateline_span(text: str) -> tuple[int, int] | None:
    """The character range of the text's dateline, from its place words to the end of its dash
    ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --", "NO CITY, NO DATE (FBIS) --"), or None: the event
    reader takes none of its words for the story's (events/extract.py, `DATELINE_STORY`).

    A dateline opens one of the first lines (`TOP_CHARS`). A place followed only by a dash
    ("WASHINGTON -") counts when written in capitals, as wire copy writes it: a title line
    ("Iran - the week in review") is no dateline; with a date or a credit it may be in any case
    (an all-caps text that was truecased: "San Salvador, 3 Jan 90 --")."""
    for m in PLACE_DATELINE.finditer(text[:TOP_CHARS]):
        if not (m.group("date") or m.group("credit")) and not m.group("place").isupper():
            continue
        return m.start("place"), m.end()
    return None

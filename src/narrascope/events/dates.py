"""Event dates: find the date phrase of a mention and resolve it to `{value, end, precision, text}`.

Why our own rules next to dateparser: dateparser turns a phrase into ONE datetime and fills the
missing parts from the reference date, so "late 2022" becomes a single day, "in 2017" becomes
today's day-of-month in 2017, and phrases anchored on another event ("five years later", "on the
anniversary of ...") are out of its scope. Analysts need the precision and the range a phrase
allows, and we must not invent a day. So:
- explicit calendar dates ("June 20th, 1994", "30 DECEMBER", "3 JAN 90") go to dateparser with
  the reference date as RELATIVE_BASE (it handles ordinals, month names, 2-digit years well), and
  we set the precision from which parts the phrase actually names;
- deictic days ("today", "yesterday", "last Tuesday", "this morning") are resolved here against
  the article date (None when the article has no date: null, never a guess); so are the news
  forms with no "last"/"on" (session 15): a bare weekday ("was shot Thursday": the latest such
  weekday on or before the article date, as "on Thursday"), "in the past few hours" / "N hours
  ago" (the article's day; "the past 18 hours" a range from the day before), "on the 12th" (the
  latest 12th on or before the article date);
- vague periods ("late 2022", "early June", "in 2017", "spring 1994") become ranges; so does a year that
  modifies an incident noun ("the 2012 attack", "the 1995 Harlow bombing"; session 18);
- "N years later/earlier" resolve against the nearest preceding explicit date in the text;
- "the (first) anniversary of X" is resolved only when the anchor X has a known date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MON_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
# The dot belongs to an abbreviated month only ("Nov.", "Sept."): after a full name ("16 November.") it is the
# sentence's full stop, and a phrase span ending on it is rooted on the "." token, whose parse head is the main
# verb, so the phrase would date the wrong clause (session 15).
_MON_RE = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?"
           r"|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMWORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10}
_HOURS_N = "few|several|\\d{1,3}|" + "|".join(w for w in _NUMWORDS if len(w) > 2)  # "one".."twelve"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

# session 18: a year right after a determiner or possessive ("the 2012 attack"; the phrase is the year alone, so
# the determiners are lookbehinds, one per word as `re` needs fixed widths); `find_dates` keeps it only when an
# incident noun follows (`_incident_follows`, group 2 = the next three words)
_YEAR_DETERMINERS = ("the", "a", "an", "this", "that", "its", "his", "her", "their", "these", "those")
_NOUN_YEAR = re.compile("(?:" + "|".join(rf"(?<=\b{w}\s)" for w in _YEAR_DETERMINERS) + ")"
                        r"((?:19|20)\d{2})(?=((?:\s+[A-Za-z][\w.'\u2019-]*){1,3}))", re.I)

# Patterns, most specific first. Each names a kind handled in `resolve`.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON_RE})\s*,?\s+(\d{{4}}|\d{{2}})\b", re.I)),
    ("mdy", re.compile(rf"\b({_MON_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})\b", re.I)),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dm", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON_RE})(?![a-z])", re.I)),
    ("md", re.compile(rf"\b({_MON_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})", re.I)),
    ("part_year", re.compile(r"\b(early|mid|late|end of|beginning of|start of)[- ]?\s*(\d{4})\b", re.I)),
    ("part_month", re.compile(rf"\b(early|mid|late|end of|beginning of)[- ]?\s*({_MON_RE})(?:\s+(\d{{4}}))?\b", re.I)),
    ("season", re.compile(r"\b(spring|summer|autumn|fall|winter)\s+(?:of\s+)?(\d{4})\b", re.I)),
    ("month_year", re.compile(rf"\b({_MON_RE})\s+(?:of\s+)?(\d{{4}})\b", re.I)),
    ("later", re.compile(r"\b(\w+|\d+)\s+(year|month|week|day)s?\s+(later|earlier|before|after)\b", re.I)),
    ("ago", re.compile(r"\b(\w+|\d+)\s+(year|month|week|day)s?\s+ago\b", re.I)),
    ("anniversary", re.compile(r"\b(?:the\s+)?(?:(\w+)\s+)?anniversary\s+of\b", re.I)),
    ("weekday", re.compile(r"\b(last|this|on|past)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("deictic", re.compile(r"\b(today|yesterday|tonight|last night|this morning|this afternoon|this evening|day before yesterday|the day before)\b", re.I)),
    ("last_period", re.compile(r"\b(last|this|past)\s+(week|month|year)\b", re.I)),
    ("year", re.compile(r"\b(?:in|of|since|during|year)\s+((?:19|20)\d{2})\b", re.I)),
    # session 18: a year that modifies an incident noun ("the 2012 attack", "the 1995 Oklahoma City bombing");
    # the noun is checked in `find_dates` (`_incident_follows`)
    ("year", _NOUN_YEAR),
    # a weekday with no "last/this/on" ("was shot Thursday", "Thursday night"); the words around it are
    # checked in `_bare_weekday_ok`
    ("bare_weekday", re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    # "in the past few hours", "over the last 18 hours", "two hours ago"
    ("hours", re.compile(rf"\b(?:(?:in|over|during|within|for)\s+the\s+(?:past|last)\s+(?:({_HOURS_N})\s+hours|(hour))"
                         rf"|(a\s+few|{_HOURS_N})\s+hours?\s+ago)\b", re.I)),
    # "on the 12th", "the night of the 12th": an ordinal day with no month (the month is the article's)
    ("ordinal_day", re.compile(r"\b(?:on\s+the|(?:night|morning|evening|afternoon|dawn)\s+of\s+the)\s+(\d{1,2})(?:st|nd|rd|th)\b"
                               r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|at|in|when|as|while|after|before|near|outside|by|to|from|the)\b)", re.I)),
]

# Gates: a literal every match of the pattern contains (same flags), searched once per region;
# a pattern whose gates are absent cannot match and is not run. Same results, far fewer scans
# (most sentences hold no digit and no month name).
_GATES = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.I),
    "part": re.compile(r"early|mid|late|end of|beginning of|start of", re.I),
    "season": re.compile(r"spring|summer|autumn|fall|winter", re.I),
    "unit": re.compile(r"year|month|week|day", re.I),
    "relative": re.compile(r"later|earlier|before|after", re.I),
    "ago": re.compile(r"ago", re.I),
    "anniversary": re.compile(r"anniversary", re.I),
    "deictic": re.compile(r"day|night|morning|afternoon|evening", re.I),
    "hour": re.compile(r"hour", re.I),
    "ordinal": re.compile(r"\d(?:st|nd|rd|th)", re.I),
}
_NEEDS = {
    "dmy": ("digit", "month"), "mdy": ("digit", "month"), "iso": ("digit",), "dm": ("digit", "month"),
    "md": ("digit", "month"), "part_year": ("digit", "part"), "part_month": ("month", "part"),
    "season": ("digit", "season"), "month_year": ("digit", "month"), "later": ("unit", "relative"),
    "ago": ("unit", "ago"), "anniversary": ("anniversary",), "weekday": ("unit",),
    "deictic": ("deictic",), "last_period": ("unit",), "year": ("digit",),
    "bare_weekday": ("deictic",), "hours": ("hour",), "ordinal_day": ("ordinal",),  # every weekday holds "day"
}
# Words before a bare weekday that make it something other than the day of a past event: a future or
# repeated day, a span's bound, or part of a named day ("Good Friday").
_WEEKDAY_NOT_AFTER = re.compile(
    r"\b(?:next|coming|every|each|since|until|till|through|by|before|after|good|black|ash|palm|easter|bloody|super"
    r"|holy|maundy|shrove|cyber)\W*$", re.I)
_WEEKDAY_DATED = re.compile(rf"^\s*,?\s*(?:(?:the\s+)?\d|{_MON_RE}\b)", re.I)


def _bare_weekday_ok(text: str, s: int, e: int) -> bool:
    """A bare weekday is a date phrase unless a word before it makes it a future, repeated, bounding or
    named day, or a calendar date follows it (that date is the phrase then)."""
    return not _WEEKDAY_NOT_AFTER.search(text[max(0, s - 24):s]) and not _WEEKDAY_DATED.match(text[e:e + 24])


def _month(name: str) -> int | None:
    return _MON_ABBR.get(name.lower().rstrip(".")[:3])


def _year(text: str, ref: dt.date | None) -> int:
    y = int(text)
    if y < 100:
        y += 1900 if y > 30 else 2000
    return y


def _num(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _NUMWORDS.get(w)


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + n, day=28)


def _out(value: dt.date | None, end: dt.date | None, precision: str, text: str) -> dict[str, Any]:
    return {"value": value.isoformat() if value else None, "end": end.isoformat() if end else None,
            "precision": precision if value else "unknown", "text": text}


def _dateparser(text: str, ref: dt.date | None) -> dt.date | None:
    # without an article date dateparser resolves against now: cache per calendar day then
    return _dateparser_cached(text, ref, None if ref else dt.date.today())


@functools.lru_cache(maxsize=4096)
def _dateparser_cached(text: str, ref: dt.date | None, today: dt.date | None) -> dt.date | None:
    return _dateparser_call(text, ref)


def _dateparser_call(text: str, ref: dt.date | None) -> dt.date | None:
    try:
        import dateparser
    except ImportError:  # pragma: no cover - installed with narrascope
        return None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if ref:
        settings["RELATIVE_BASE"] = dt.datetime(ref.year, ref.month, ref.day)
    got = dateparser.parse(text, languages=["en"], settings=settings)
    return got.date() if got else None


def resolve(kind: str, m: re.Match[str], ref: dt.date | None, anchor: dt.date | None = None) -> dict[str, Any]:
    """One matched phrase -> spec date dict. `ref`: article date; `anchor`: nearest explicit date."""
    text = m.group(0)
    g = [x or "" for x in m.groups()]
    try:
        if kind in ("dmy", "mdy", "iso"):
            d = _dateparser(text, ref)
            if d is None and kind == "dmy":
                d = dt.date(_year(g[2], ref), _month(g[1]) or 1, int(g[0]))
            return _out(d, d, "day", text)
        if kind in ("dm", "md"):
            day, mon = (g[0], g[1]) if kind == "dm" else (g[1], g[0])
            base = ref or anchor
            if base is None or _month(mon) is None:
                return _out(None, None, "unknown", text)
            d = dt.date(base.year, _month(mon), int(day))
            if ref and d > ref:  # "30 December" in a January article: last year
                d = d.replace(year=d.year - 1)
            return _out(d, d, "day", text)
        if kind == "part_year":
            y = int(g[1])
            part = g[0].lower()
            if part == "early" or part.startswith(("beginning", "start")):
                return _out(dt.date(y, 1, 1), dt.date(y, 4, 30), "range", text)
            if part == "mid":
                return _out(dt.date(y, 5, 1), dt.date(y, 8, 31), "range", text)
            return _out(dt.date(y, 9, 1), dt.date(y, 12, 31), "range", text)
        if kind == "part_month":
            mon = _month(g[1])
            base = ref or anchor
            if mon is None or (not g[2] and base is None):
                return _out(None, None, "unknown", text)
            y = int(g[2]) if g[2] else base.year
            last = _month_end(y, mon).day
            part = g[0].lower()
            lo, hi = (1, 10) if part == "early" or part.startswith("beginning") else (11, 20) if part == "mid" else (21, last)
            return _out(dt.date(y, mon, lo), dt.date(y, mon, hi), "range", text)
        if kind == "season":
            y = int(g[1])
            a, b = _SEASONS[g[0].lower()]
            start = dt.date(y, a, 1)
            end = _month_end(y + (b < a), b)
            return _out(start, end, "season", text)
        if kind == "month_year":
            mon = _month(g[0])
            y = int(g[1])
            return _out(dt.date(y, mon, 1), _month_end(y, mon), "month", text)
        if kind in ("later", "ago"):
            n = _num(g[0])
            unit = g[1].lower()
            base = anchor if kind == "later" else ref
            if n is None or base is None:
                return _out(None, None, "unknown", text)
            sign = -1 if (kind == "ago" or g[2].lower() in ("earlier", "before")) else 1
            if unit == "year":
                y = base.year + sign * n
                return _out(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", text)
            if unit == "month":
                mi = base.year * 12 + base.month - 1 + sign * n
                y, mo = divmod(mi, 12)
                return _out(dt.date(y, mo + 1, 1), _month_end(y, mo + 1), "month", text)
            days = n * (7 if unit == "week" else 1)
            d = base + dt.timedelta(days=sign * days)
            return _out(d, d, "day", text)
        if kind == "anniversary":
            n = _ORD.get(g[0].lower(), 1) if g[0] else 1
            if anchor is None:
                return _out(None, None, "unknown", text)
            d = _add_years(anchor, n)
            return _out(d, d, "day", text)
        if kind == "bare_weekday":  # as "on Thursday": the latest such weekday on or before the article date
            if ref is None:
                return _out(None, None, "unknown", text)
            d = ref - dt.timedelta(days=(ref.weekday() - _WEEKDAYS.index(g[0].lower())) % 7)
            return _out(d, d, "day", text)
        if kind == "hours":
            if ref is None:
                return _out(None, None, "unknown", text)
            word = (g[0] or g[2] or "").lower()
            n = 1 if g[1] else None if word in ("few", "several", "a few") else _num(word.split()[-1])
            if n is None or n <= 12:  # a few hours before the report: the report's day
                return _out(ref, ref, "day", text)
            return _out(ref - dt.timedelta(days=-(-n // 24)), ref, "range", text)
        if kind == "ordinal_day":  # the latest such day of a month on or before the article date
            if ref is None:
                return _out(None, None, "unknown", text)
            day = int(g[0])
            y, mo = ref.year, ref.month
            if day > ref.day:
                y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
            d = dt.date(y, mo, day)
            return _out(d, d, "day", text)
        if kind == "weekday":
            if ref is None:
                return _out(None, None, "unknown", text)
            target = _WEEKDAYS.index(g[1].lower())
            delta = (ref.weekday() - target) % 7
            if g[0].lower() == "last" and delta == 0:
                delta = 7
            d = ref - dt.timedelta(days=delta)
            return _out(d, d, "day", text)
        if kind == "deictic":
            if ref is None:
                return _out(None, None, "unknown", text)
            w = g[0].lower()
            back = 2 if w == "day before yesterday" else 1 if w in ("yesterday", "last night", "the day before") else 0
            d = ref - dt.timedelta(days=back)
            return _out(d, d, "day", text)
        if kind == "last_period":
            if ref is None:
                return _out(None, None, "unknown", text)
            unit, this = g[1].lower(), g[0].lower() == "this"
            if unit == "week":
                end = ref if this else ref - dt.timedelta(days=ref.weekday() + 1)
                return _out(end - dt.timedelta(days=6), end, "range", text)
            if unit == "month":
                y, mo = (ref.year, ref.month) if this else ((ref.year - 1, 12) if ref.month == 1 else (ref.year, ref.month - 1))
                return _out(dt.date(y, mo, 1), _month_end(y, mo), "month", text)
            y = ref.year if this else ref.year - 1
            return _out(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", text)
        if kind == "year":
            y = int(g[0])
            return _out(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", text[text.find(g[0]):] if g[0] else text)
    except (ValueError, TypeError):
        return _out(None, None, "unknown", text)
    return _out(None, None, "unknown", text)


# session 18: "the 2012 attack" is dated 2012 (a year modifying an incident noun; before, only "in/of/since/during
# 2012" was a year phrase). A harness can switch it off.
NOUN_YEAR = True
# words that end the noun phrase before an incident noun is reached ("the 2014 report on attacks")
_NOT_MODIFIERS = frozenset({"of", "on", "in", "at", "for", "by", "with", "to", "from", "and", "or", "but", "that",
                            "which", "who", "was", "were", "is", "are", "be", "been", "had", "has", "have", "as",
                            "after", "before", "when", "than", "into", "over", "about", "against"})


def _incident_follows(words: str) -> bool:
    """The (at most three) words after a year reach an incident noun before any function word."""
    from narrascope.events.lexicon import incident_nouns  # the trigger lexicon's one-word nouns

    nouns = incident_nouns()
    for w in words.split():
        low = w.lower().strip(".,;:'\u2019")
        if low in _NOT_MODIFIERS:
            return False
        if low in nouns or (low.endswith("s") and low[:-1] in nouns):
            return True
    return False


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int, re.Match[str]]]:
    """Non-overlapping date phrases in text[start:end]: (kind, start, end, match) in text order."""
    end = len(text) if end is None else end
    region = text[start:end]
    taken: list[tuple[int, int]] = []
    found = []
    gates: dict[str, bool] = {}
    for kind, pat in PATTERNS:
        needs = _NEEDS[kind]
        for g in needs:
            if g not in gates:
                gates[g] = _GATES[g].search(region) is not None
        if not all(gates[g] for g in needs):
            continue
        for m in pat.finditer(region):
            s, e = m.start() + start, m.end() + start
            if kind == "year":  # keep only the year digits as the phrase
                s = m.start(1) + start
            if any(s < te and e > ts for ts, te in taken):
                continue
            if kind == "bare_weekday" and not _bare_weekday_ok(text, s, e):
                continue
            if pat is _NOUN_YEAR and not (NOUN_YEAR and _incident_follows(m.group(2))):
                continue
            taken.append((s, e))
            found.append((kind, s, e, m))
    found.sort(key=lambda x: x[1])
    return found


EXPLICIT = {"dmy", "mdy", "iso", "month_year", "season", "part_year", "year"}


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None

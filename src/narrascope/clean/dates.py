"""Publication dates: metadata values to ISO dates; explicit datelines in plain text."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE = (rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
         r"|\d{4}-\d{2}-\d{2})")
DATELINE = re.compile(
    rf"(?:(?:published|posted|updated|last\s+updated|date)\s*(?:on|:)?\s*)?"
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?({_DATE})"
    rf"(?:\s*(?:[,|-]|at)?\s*\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,4}}|GMT[+-]?\d*|UTC)?)?\.?",
    re.I)


def iso_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) for a metadata date string, or None when it is not a date."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        import dateparser

        parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True,
                                                                     "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # noqa: BLE001
        parsed = None
    return parsed.date().isoformat() if parsed else None


def dateline(line: str) -> str | None:
    """The ISO date of a line that is only a dateline ("Published June 8, 2017 10:30 AM")."""
    s = line.strip()
    if len(s) > 80:
        return None
    m = DATELINE.fullmatch(s)
    return iso_date(m.group(1)) if m else None

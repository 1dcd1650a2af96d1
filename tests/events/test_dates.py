"""Date phrases -> {value, end, precision, text}."""

from __future__ import annotations

import pytest

from narrascope.events import dates


def resolve(phrase: str, ref: str | None = None, anchor: str | None = None):
    found = dates.find_dates(phrase)
    assert found, phrase
    kind, s, e, m = found[0]
    return dates.resolve(kind, m, dates.parse_iso(ref), dates.parse_iso(anchor))


@pytest.mark.parametrize("phrase,ref,anchor,value,end,precision", [
    ("on June 20th, 1994", None, None, "1994-06-20", "1994-06-20", "day"),
    ("on 3 JAN 90", None, None, "1990-01-03", "1990-01-03", "day"),
    ("on 30 December", "1990-01-03", None, "1989-12-30", "1989-12-30", "day"),
    ("In late 2022", None, None, "2022-09-01", "2022-12-31", "range"),
    ("in early 2010", None, None, "2010-01-01", "2010-04-30", "range"),
    ("in spring 1994", None, None, "1994-03-01", "1994-05-31", "season"),
    ("in March 2003", None, None, "2003-03-01", "2003-03-31", "month"),
    ("in 2017", None, None, "2017-01-01", "2017-12-31", "year"),
    ("last Tuesday", "2024-05-03", None, "2024-04-30", "2024-04-30", "day"),
    ("yesterday", "2024-05-03", None, "2024-05-02", "2024-05-02", "day"),
    ("Five years later", None, "1994-06-20", "1999-01-01", "1999-12-31", "year"),
    ("two days ago", "2024-05-03", None, "2024-05-01", "2024-05-01", "day"),
    ("on the first anniversary of", None, "2022-09-16", "2023-09-16", "2023-09-16", "day"),
])
def test_resolve(phrase, ref, anchor, value, end, precision):
    got = resolve(phrase, ref, anchor)
    assert (got["value"], got["end"], got["precision"]) == (value, end, precision)


@pytest.mark.parametrize("phrase", ["last Tuesday", "yesterday", "Five years later", "the anniversary of"])
def test_relative_without_reference_is_null(phrase):
    got = resolve(phrase)
    assert got["value"] is None and got["precision"] == "unknown"
    assert got["text"]


def test_numbers_that_are_not_dates_are_not_found():
    assert dates.find_dates("The group has 300 fighters and 45 vehicles.") == []

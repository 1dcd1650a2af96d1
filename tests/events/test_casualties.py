"""Casualty counts next to death/injury words, with ACLED's conservative coding."""

from __future__ import annotations

import pytest

from narrascope.events import casualties


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def counts(bare, text):
    doc = bare(text)
    out = {}
    for sent in doc.sents:
        for c in casualties.find_counts(sent):
            out.setdefault(c["kind"], []).append((c["value"], c["low"], c["high"]))
    return out


@pytest.mark.parametrize("text,kind,expected", [
    ("The attack resulted in the killing of four people.", "fatalities", (4, 4, 4)),
    ("State media said the attack left 17 killed and dozens of others injured.", "fatalities", (17, 17, 17)),
    ("State media said the attack left 17 killed and dozens of others injured.", "injuries", (12, 12, 99)),
    ("A bombing left dozens of pilgrims killed and hundreds wounded.", "injuries", (100, 100, 999)),
    ("This attack resulted in the killing of six security personnel.", "fatalities", (6, 6, 6)),
    ("At least 30 people were killed in the blast.", "fatalities", (30, 30, None)),
    ("No one was injured in the explosion.", "injuries", (0, 0, 0)),
])
def test_counts(bare, text, kind, expected):
    assert expected in counts(bare, text)[kind]


@pytest.mark.parametrize("text", [
    "In 2019 the 45-year-old shopkeeper was killed.",
    "The militants, who were paid 300 dollars each, were killed.",
    "He was killed on March 12 after 20 years in prison.",
])
def test_years_ages_prices_are_not_counts(bare, text):
    found = counts(bare, text).get("fatalities", [])
    assert all(v[0] in (1,) for v in found), found


@pytest.mark.parametrize("text,kind,expected", [
    # a number written in several words is one count, not its last word ("eight")
    ("Fifty-eight people killed, the newspaper wrote.", "fatalities", [(58, 58, 58)]),
    ("At least twenty-one soldiers were killed in the ambush.", "fatalities", [(21, 21, None)]),
    ("Two hundred and ten people were wounded when the market was shelled.", "injuries", [(210, 210, 210)]),
    ("The blast killed one hundred villagers.", "fatalities", [(100, 100, 100)]),
])
def test_numbers_in_several_words(bare, text, kind, expected):
    assert counts(bare, text)[kind] == expected


def test_number_words_that_are_two_numbers_are_read_alone(bare):
    # "five and six" is no number: the count next to the cue is read as before
    assert counts(bare, "Between five and six people were killed.")["fatalities"] == [(6, 6, 6)]
    doc = bare("Between five and six people were killed.")
    assert [c["text"] for c in casualties.find_counts(next(doc.sents))] == ["six people were killed"]


def test_combine_keeps_conflicting_counts():
    a = {"value": 12, "low": 12, "high": 12, "text": "killing 12 people", "start": 0, "end": 17}
    b = {"value": 15, "low": 15, "high": 15, "text": "killed 15 people", "start": 40, "end": 56}
    got = casualties.combine([a, b])
    assert got["value"] == 12 and got["conflict"] is True
    assert [x["value"] for x in got["alternatives"]] == [12, 15]
    assert "conflict" not in casualties.combine([a, dict(a)])

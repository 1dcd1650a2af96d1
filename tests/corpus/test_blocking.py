"""Blocking: an event meets the events it could link with, and not the rest of the corpus."""

from __future__ import annotations

from narrascope.corpus.blocking import BlockIndex
from narrascope.corpus.features import from_event


def test_candidates_share_area_and_time(ev):
    index = BlockIndex()
    same = index.add(from_event("a", ev("v1", date="2017-06-07", place="Tehran")))
    other_country = index.add(from_event("b", ev("v1", date="2017-06-07", place="Kabul", country="Afghanistan", iso="AF")))
    other_year = index.add(from_event("c", ev("v1", date="2016-06-07", place="Tehran")))
    month_edge = index.add(from_event("d", ev("v1", date="2017-05-31", place="Tehran")))
    broad = index.add(from_event("e", ev("v1", date="2017", precision="year")))
    undated = index.add(from_event("f", ev("v1", place="Tehran", perps=("Islamic State",))))
    query = from_event("q", ev("v1", date="2017-06-01", place="Tehran", perps=("Islamic State",)))
    got = set(index.candidates(query))
    assert {same, month_edge, broad, undated} <= got
    assert other_country not in got and other_year not in got


def test_unlinkable_event_has_no_candidates(ev):
    index = BlockIndex()
    index.add(from_event("a", ev("v1", date="2017-06-07", place="Tehran")))
    assert index.candidates(from_event("q", ev("v1", country=None, iso=None))) == []


def test_candidate_cap_keeps_nearest_in_time(ev):
    index = BlockIndex(max_candidates=5)
    for day in range(1, 29):
        index.add(from_event(f"d{day}", ev("v1", date=f"2017-06-{day:02d}", place="Tehran")))
    got = index.candidates(from_event("q", ev("v1", date="2017-06-14", place="Tehran")))
    assert len(got) == 5
    days = sorted(index.keys[s].interval[0] for s in got)
    assert days[-1] - days[0] <= 4


def test_undated_event_meets_through_its_town_not_its_country(ev):
    index = BlockIndex()
    dated = index.add(from_event("a", ev("v1", date="2017-06-07", place="Tehran", targets=("the parliament",))))
    country_only = index.add(from_event("b", ev("v1", date="2017-06-07")))
    query = from_event("q", ev("v1", place="Tehran", targets=("the parliament",)))
    got = set(index.candidates(query))
    assert dated in got and country_only not in got

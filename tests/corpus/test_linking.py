"""Event linking on hand-written spec events: what joins, what never does."""

from __future__ import annotations

from narrascope.corpus.features import date_interval, from_event, place_path
from narrascope.corpus.linking import link_documents

TEHRAN = dict(perps=("Islamic State",), targets=("the Iranian parliament", "the mausoleum of Khomeini"))


def clusters_by_doc_event(linker):
    return linker.assignments()


def test_same_incident_two_reports_one_cluster(ev, mkdoc):
    a = mkdoc([ev("v1", date="2017-06-07", place="Tehran", **TEHRAN, fatalities=(17, 17, 17, "17 killed"))])
    b = mkdoc([ev("v1", "bombing", date="2017-06-07", place="Tehran", perps=("Islamic State",),
                  targets=("parliament",), fatalities=(12, 12, 99, "dozens"))])
    linker = link_documents([a, b])
    got = linker.assignments()
    assert got[(a["id"], "v1")] == got[(b["id"], "v1")]
    (cluster,) = [c for c in linker.cluster_dicts() if len(c["events"]) == 2]
    assert cluster["type"] == "bombing"  # the more specific type names the cluster
    assert cluster["date"]["value"] == "2017-06-07"
    assert cluster["score"] is not None


def test_demo_shape_tehran_linked_shiraz_and_mashhad_apart(ev, mkdoc):
    """The demo's situation, hand-written: a year-only report and an undated one of the 2017
    Tehran attacks join; the Shiraz shrine attack and the 1994 Mashhad bombing stay apart."""
    one = mkdoc([
        ev("v1", "armed_assault", place="Shiraz", targets=("the shrine of Shah Cheragh",),
           responsibility=({"claimant": "Islamic State", "status": "claimed"},), fatalities=(4, 4, 4, "four")),
        ev("v2", date="2017", precision="year", place=None, targets=("the Iranian parliament", "the mausoleum"),
           responsibility=({"claimant": "Islamic State", "status": "claimed"},)),
    ])
    two = mkdoc([
        ev("v1", place="Tehran", perps=("Islamic State",), targets=("the parliament",), fatalities=(17, 17, 17, "17")),
        ev("v2", "bombing", date="1994-06-20", place="Mashhad", targets=("the Imam Reza Shrine",)),
    ])
    got = link_documents([one, two]).assignments()
    assert got[(one["id"], "v2")] == got[(two["id"], "v1")]
    assert got[(one["id"], "v1")] != got[(two["id"], "v1")]
    assert got[(two["id"], "v2")] not in (got[(two["id"], "v1")], got[(one["id"], "v1")])


def test_one_document_corpus(ev, mkdoc):
    doc = mkdoc([ev("v1", date="2017-06-07", place="Tehran", **TEHRAN),
                 ev("v2", date="2017-06-07", place="Tehran", **TEHRAN)])
    linker = link_documents([doc])
    got = linker.assignments()
    # a document's events are distinct incidents: never merged with each other
    assert got[(doc["id"], "v1")] != got[(doc["id"], "v2")]
    assert all(len(c["events"]) == 1 for c in linker.cluster_dicts())


def test_no_date_no_place_never_linked(ev, mkdoc):
    a = mkdoc([ev("v1", country=None, iso=None, perps=("Islamic State",), targets=("the parliament",))])
    b = mkdoc([ev("v1", country=None, iso=None, perps=("Islamic State",), targets=("the parliament",))])
    assert not from_event(a["id"], a["events"][0]).linkable
    got = link_documents([a, b]).assignments()
    assert got[(a["id"], "v1")] != got[(b["id"], "v1")]


def test_type_and_country_alone_do_not_link(ev, mkdoc):
    a = mkdoc([ev("v1", date="2017", precision="year")])
    b = mkdoc([ev("v1", date="2017", precision="year")])
    got = link_documents([a, b]).assignments()
    assert got[(a["id"], "v1")] != got[(b["id"], "v1")]


def test_date_only_same_type_not_linked(ev, mkdoc):
    a = mkdoc([ev("v1", date="2017-06-07", country=None, iso=None)])
    b = mkdoc([ev("v1", date="2017-06-07", country=None, iso=None)])
    got = link_documents([a, b]).assignments()
    assert got[(a["id"], "v1")] != got[(b["id"], "v1")]


def test_incompatible_types_dates_places(ev, mkdoc):
    base = dict(date="2017-06-07", place="Tehran", **TEHRAN)
    a = mkdoc([ev("v1", **base)])
    protest = mkdoc([ev("v1", "protest", **base)])
    later = mkdoc([ev("v1", **dict(base, date="2017-06-20"))])
    elsewhere = mkdoc([ev("v1", **dict(base, place="Shiraz"))])
    got = link_documents([a, protest, later, elsewhere]).assignments()
    assert len({got[(d["id"], "v1")] for d in (a, protest, later, elsewhere)}) == 4


def test_vague_report_cannot_chain_two_incidents(ev, mkdoc):
    jan1 = mkdoc([ev("v1", date="2020-01-01", place="Tehran", **TEHRAN)])
    vague = mkdoc([ev("v1", date="2020-01", precision="month", place="Tehran", **TEHRAN)])
    jan20 = mkdoc([ev("v1", date="2020-01-20", place="Tehran", **TEHRAN)])
    got = link_documents([jan1, vague, jan20]).assignments()
    assert got[(jan1["id"], "v1")] == got[(vague["id"], "v1")]
    assert got[(jan20["id"], "v1")] != got[(jan1["id"], "v1")]


def test_same_text_twice_one_cluster_marked_duplicate(ev, mkdoc):
    text = "Gunmen attacked the parliament in Tehran on 7 June 2017, killing 17 people. " * 5
    events = [ev("v1", date="2017-06-07", place="Tehran", **TEHRAN)]
    a = mkdoc(events, text=text)
    b = dict(mkdoc(events, text=text), id="sha256:other-record-same-text")
    linker = link_documents([a, b])
    (cluster,) = [c for c in linker.cluster_dicts() if len(c["events"]) == 2]
    assert cluster["duplicates"] == [[b["id"], a["id"]]]
    assert linker.duplicates == {b["id"]: a["id"]}


def test_date_interval_and_place_path():
    assert date_interval({"value": "2017", "end": None, "precision": "year", "text": "2017"})[1] - \
        date_interval({"value": "2017", "end": None, "precision": "year", "text": "2017"})[0] == 364
    assert date_interval({"value": None, "end": None, "precision": "unknown", "text": None}) is None
    assert place_path({"name": "Tehran", "admin1": "Tehran", "country": "Iran", "country_iso": "IR"}) == ("IR", "tehran")
    assert place_path(None) == ()


def test_a_cluster_date_names_a_month_or_year_only_when_it_is_one():
    import datetime as dt

    from narrascope.corpus.linking import interval_precision

    d = dt.date
    assert interval_precision(d(2022, 10, 26), d(2022, 10, 26)) == "day"
    assert interval_precision(d(2020, 2, 1), d(2020, 2, 29)) == "month"
    assert interval_precision(d(2017, 1, 1), d(2017, 12, 31)) == "year"
    # "late 2022" (Sep - Dec) and a month-long window across two months are ranges
    assert interval_precision(d(2022, 9, 1), d(2022, 12, 31)) == "range"
    assert interval_precision(d(2022, 9, 15), d(2022, 10, 14)) == "range"
    assert interval_precision(d(2016, 1, 1), d(2017, 12, 31)) == "range"

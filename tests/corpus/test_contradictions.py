"""Contradictions: disagreeing slots with the document and the source of each value."""

from __future__ import annotations

from narrascope.corpus.build import corpus_from_documents
from narrascope.corpus.contradictions import find_contradictions

BASE = dict(date="2017-06-07", place="Tehran", perps=("Islamic State",), targets=("the parliament",))


def _slots(corpus):
    return {c["slot"]: c for c in corpus["contradictions"]}


def test_compatible_vagueness_is_not_a_contradiction(ev, mkdoc):
    a = mkdoc([ev("v1", **BASE, fatalities=(12, 12, 99, "dozens killed"))])
    b = mkdoc([ev("v1", **BASE, fatalities=(17, 17, 17, "17 killed"))])
    corpus = corpus_from_documents([a, b])
    assert len(corpus["event_clusters"]) == 1
    assert "fatalities" not in _slots(corpus)


def test_four_versus_thirteen_is_a_contradiction_with_sources(ev, mkdoc):
    a = mkdoc([ev("v1", **BASE, fatalities=(4, 4, 4, "four people"), attribution_ids=("a1",))],
              attributions=[{"id": "a1", "kind": "indirect", "source": {"text": "state TV", "start": 0, "end": 8},
                             "cue": {"text": "said", "start": 9, "end": 13},
                             "content": {"text": "four people were killed", "start": 14, "end": 37},
                             "source_entity": None, "source_type": "media"}], site="Outlet A")
    b = mkdoc([ev("v1", **BASE, fatalities=(13, 13, 13, "13"))], site="Outlet B")
    corpus = corpus_from_documents([a, b])
    con = _slots(corpus)["fatalities"]
    values = {v["doc_id"]: v for v in con["values"]}
    assert values[a["id"]]["value"]["value"] == 4 and values[a["id"]]["asserted_by"] == "state TV"
    assert values[b["id"]]["value"]["value"] == 13 and values[b["id"]]["asserted_by"] == "author"
    assert values[b["id"]]["site"] == "Outlet B"
    assert con["cluster_id"] == corpus["event_clusters"][0]["id"]


def test_perpetrator_claimant_and_claim_status(ev, mkdoc):
    a = mkdoc([ev("v1", **dict(BASE, perps=("Islamic State",)),
                  responsibility=({"claimant": "Islamic State", "status": "claimed"},))])
    b = mkdoc([ev("v1", **dict(BASE, perps=("Islamic State",)),
                  responsibility=({"claimant": "Islamic State", "status": "denied"},))])
    c = mkdoc([ev("v1", **dict(BASE, perps=("People's Mojahedin Organization of Iran",), targets=("the parliament",)),
                  responsibility=({"claimant": "People's Mojahedin Organization of Iran", "status": "accused"},))])
    corpus = corpus_from_documents([a, b, c])
    clusters = [cl for cl in corpus["event_clusters"] if len(cl["events"]) > 1]
    assert len(clusters) == 1 and len(clusters[0]["events"]) == 3
    slots = _slots(corpus)
    assert {"perpetrator", "claimant", "claim_status"} <= set(slots)
    statuses = {v["doc_id"]: v["value"][0]["status"] for v in slots["claim_status"]["values"]}
    assert statuses[a["id"]] == "claimed" and statuses[b["id"]] == "denied"


def test_one_day_apart_linked_and_listed_as_date_disagreement(ev, mkdoc):
    a = mkdoc([ev("v1", **BASE)])
    b = mkdoc([ev("v1", **dict(BASE, date="2017-06-08"))])
    corpus = corpus_from_documents([a, b])
    assert len(corpus["event_clusters"]) == 1
    assert "date" in _slots(corpus)


def test_duplicate_document_is_not_a_second_voice(ev, mkdoc):
    cluster = {"id": "k1", "events": [["d1", "v1"], ["d2", "v1"]], "duplicates": [["d2", "d1"]]}
    docs = {"d1": mkdoc([ev("v1", **BASE, fatalities=(4, 4, 4, "4"))], id="d1"),
            "d2": mkdoc([ev("v1", **BASE, fatalities=(13, 13, 13, "13"))], id="d2")}
    assert find_contradictions([cluster], docs.get) == []
    cluster["duplicates"] = []
    assert [c["slot"] for c in find_contradictions([cluster], docs.get)] == ["fatalities"]

"""The demo articles end to end: analyse, link, and read the corpus object."""

from __future__ import annotations

import pytest

from narrascope.batch import run_batch
from narrascope.corpus.build import corpus_object
from narrascope.corpus.persist import link_store, load_linker


@pytest.fixture(scope="module")
def demo_corpus(tmp_path_factory, examples_dir):
    from narrascope.store import Store

    store = Store(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    run_batch([str(examples_dir)], store)
    link_store(store)
    docs = list(store.iter_documents())
    return docs, corpus_object(docs, load_linker(store))


def _find(docs, pred):
    for doc in docs:
        for event in doc["events"]:
            if pred(event):
                return doc["id"], event["id"]
    return None


def _place(event):
    loc = event.get("location") or {}
    return " ".join(str(loc.get(k) or "") for k in ("name", "admin1", "text"))


def test_tehran_2017_one_cluster_shiraz_and_mashhad_apart(demo_corpus):
    docs, corpus = demo_corpus
    cluster_of = {tuple(e): c["id"] for c in corpus["event_clusters"] for e in c["events"]}
    tehran = _find(docs, lambda e: "Tehran" in _place(e))
    year_2017 = _find(docs, lambda e: ((e.get("date") or {}).get("value") or "").startswith("2017"))
    shiraz = _find(docs, lambda e: "Shah Cheragh" in _place(e) or "Shiraz" in _place(e))
    mashhad = _find(docs, lambda e: ((e.get("date") or {}).get("value") or "").startswith("1994"))
    assert None not in (tehran, year_2017, shiraz, mashhad), "the events component found the four incidents"
    assert tehran[0] != year_2017[0]
    assert cluster_of[tehran] == cluster_of[year_2017]
    assert cluster_of[shiraz] != cluster_of[tehran]
    assert cluster_of[mashhad] not in (cluster_of[tehran], cluster_of[shiraz])


def test_demo_actor_graph_and_sources(demo_corpus):
    docs, corpus = demo_corpus
    relations = {(a["name"], r["relation"]) for a in corpus["actors"] for r in a["relations"]}
    assert ("Hezbollah", "cooperates_with") in relations
    assert any(rel == "claims_responsibility_for" for _n, rel in relations)
    for actor in corpus["actors"]:
        for rel in actor["relations"]:
            for ev in rel["evidence"]:
                doc = next(d for d in docs if d["id"] == ev["doc_id"])
                assert doc["text"][ev["start"]:ev["end"]] == ev["text"]
    assert any(s["type"] == "outlet" for s in corpus["sources"])

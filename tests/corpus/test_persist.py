"""Incremental linking over a real store: new documents join, the rest is not recomputed."""

from __future__ import annotations

from sqlalchemy import select

from narrascope.corpus.persist import link_store, load_linker, unlinked_count
from narrascope.store.corpus_tables import CorpusCluster, CorpusEvent

BASE = dict(date="2017-06-07", place="Tehran", perps=("Islamic State",), targets=("the parliament",))
TEXT = ("Gunmen and suicide bombers attacked the parliament and the mausoleum in Tehran on 7 June 2017. "
        "Officials said 17 people were killed and dozens injured in the attacks. ") * 4


def _save(store, doc):
    return store.save_document(doc, run_id=None, key=doc["id"], source="test", record=None, fmt="text")


def _rows(store):
    with store.session() as s:
        return {(r.doc_id, r.event_id): (r.cluster_id, r.seq) for r in s.scalars(select(CorpusEvent))}


def test_incremental_linking(store, ev, mkdoc):
    a = mkdoc([ev("v1", **BASE), ev("v2", "bombing", date="1994-06-20", place="Mashhad")])
    _save(store, a)
    assert unlinked_count(store) == 1
    first = link_store(store)
    assert first["documents"] == 1 and first["clusters"] == 2
    before = _rows(store)
    b = mkdoc([ev("v1", **dict(BASE, date="2017-06-08"))])
    _save(store, b)
    second = link_store(store)
    assert second["documents"] == 1 and second["linked"] == 1 and second["clusters_new"] == 0
    after = _rows(store)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing recomputed
    assert after[(b["id"], "v1")][0] == after[(a["id"], "v1")][0]
    assert link_store(store)["documents"] == 0
    linker = load_linker(store)
    (joined,) = [c for c in linker.cluster_dicts() if len(c["events"]) == 2]
    assert joined["date"]["value"] == "2017-06-07"  # no common day: the first report's date is kept
    with store.session() as s:
        assert s.get(CorpusCluster, joined["id"]).size == 2


def test_reanalysed_document_is_relinked(store, ev, mkdoc):
    a = mkdoc([ev("v1", **BASE)])
    b = mkdoc([ev("v1", **BASE)])
    _save(store, a)
    _save(store, b)
    link_store(store)
    assert _rows(store)[(a["id"], "v1")][0] == _rows(store)[(b["id"], "v1")][0]
    moved = dict(b, events=[ev("v1", **dict(BASE, place="Shiraz"))])
    store.replace_document(moved)
    counts = link_store(store)
    assert counts["relinked"] == 1
    rows = _rows(store)
    assert rows[(a["id"], "v1")][0] != rows[(b["id"], "v1")][0]
    linker = load_linker(store)
    assert all(len(c["events"]) == 1 for c in linker.cluster_dicts())


def test_near_duplicate_document_in_store_marked(store, ev, mkdoc):
    a = mkdoc([ev("v1", **BASE)], text=TEXT)
    b = mkdoc([ev("v1", **BASE)], text=TEXT + " Share this article.")
    _save(store, a)
    assert _save(store, b) == "near_duplicate"
    link_store(store)
    (cluster,) = [c for c in load_linker(store).cluster_dicts() if len(c["events"]) == 2]
    assert cluster["duplicates"] == [[b["id"], a["id"]]]


def test_a_concurrent_linker_makes_the_pass_start_again(store, ev, mkdoc, monkeypatch):
    """Another process links the same documents while this pass computes its links: the pass's
    write sees the corpus changed, starts again from what is stored, and nothing is linked twice
    or into a cluster id the other process already used."""
    import narrascope.corpus.persist as persist
    from narrascope.store import Store

    a = mkdoc([ev("v1", **BASE), ev("v2", "bombing", date="1994-06-20", place="Mashhad")])
    b = mkdoc([ev("v1", **dict(BASE, date="2017-06-08"))])
    _save(store, a)
    _save(store, b)
    other = Store(store.url)  # a second connection, as another process would have
    real_load, calls = persist.load_linker, []

    def load_then_race(st, threshold=persist.LINK_THRESHOLD):
        linker = real_load(st, threshold)
        if not calls:  # first pass only: the other process links everything now
            calls.append("racing")  # (its own pass calls this function too)
            calls[0] = persist._link_pass(other, threshold, 1000, None)
        return linker

    monkeypatch.setattr(persist, "load_linker", load_then_race)
    counts = link_store(store)
    assert calls and calls[0]["documents"] == 2
    assert counts["documents"] == 0  # the restarted pass found everything linked
    rows = _rows(store)
    assert len(rows) == 3 and len({seq for _c, seq in rows.values()}) == 3
    assert rows[(a["id"], "v1")][0] == rows[(b["id"], "v1")][0]
    with store.session() as s:
        sizes = sorted(c.size for c in s.scalars(select(CorpusCluster)))
    assert sizes == [1, 2]

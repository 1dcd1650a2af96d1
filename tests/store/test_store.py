"""The store on SQLite and on PostgreSQL (the `store` fixture runs each test on both)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from narrascope.document import base_document
from narrascope.store import Store
from narrascope.store.schema import DocBand, DocEvent, Input

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synth  # noqa: E402

POOL = synth.sentences()


def make_doc(text: str, path: str = "x.txt", events: list | None = None, errors: list | None = None) -> dict:
    doc = base_document(text=text, input_obj={"format": "text", "record": None, "path": path},
                        title="T", published="2024-01-03", language="en", errors=errors)
    doc["events"] = events or []
    return doc


def event(eid: str, fatalities: int) -> dict:
    return {"id": eid, "type": "bombing", "date": {"value": "2024-01-03", "end": None, "precision": "day", "text": "Wednesday"},
            "location": {"name": "Kerman", "admin1": None, "country": "Iran", "country_iso": "IR", "lat": 30.28,
                         "lon": 57.08, "precision": "city", "text": "Kerman"},
            "fatalities": {"value": fatalities, "low": fatalities, "high": fatalities, "text": str(fatalities)}}


def save(store: Store, doc: dict, key: str, run_id: int | None = None, status: str = "done") -> str:
    return store.save_document(doc, run_id=run_id, key=key, source=key, record=None, fmt="text", status=status)


def test_save_and_read_back(store):
    doc = make_doc(synth.article(1, pool=POOL), events=[event("v1", 95)])
    run = store.start_run({"argv": ["analyze"]}, None)
    assert save(store, doc, "a.txt", run) == "new"
    got = store.get_document(doc["id"])
    assert got == doc
    assert store.count_documents() == 1
    assert store.input_status("a.txt") == "done"
    assert store.doc_ids_for_inputs(["a.txt", "missing.txt"]) == [doc["id"]]
    assert [d["id"] for d in store.iter_documents()] == [doc["id"]]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(DocEvent)) == 1
        assert s.scalar(select(DocEvent.fatalities)) == 95
        assert s.scalar(select(func.count()).select_from(DocBand)) == 16


def test_resave_is_noop(store):
    doc = make_doc(synth.article(2, pool=POOL), events=[event("v1", 3)], errors=[{"stage": "clean", "message": "m"}])
    assert save(store, doc, "a.txt") == "new"
    # the same text from another input (and the same input again): nothing new is stored
    assert save(store, dict(doc, input={"format": "text", "record": None, "path": "b.txt"}), "b.txt") == "existing"
    assert save(store, doc, "a.txt") == "existing"
    assert store.count_documents() == 1
    assert store.doc_ids_for_inputs(["a.txt", "b.txt"]) == [doc["id"]]
    assert store.get_document(doc["id"])["input"]["path"] == "x.txt"  # the first copy is kept
    assert len(store.errors()) == 1  # the document's errors are stored once
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(DocEvent)) == 1
        assert s.scalar(select(func.count()).select_from(Input)) == 2


def test_near_duplicate_marked(store):
    text = synth.article(3, pool=POOL)
    other = synth.article(4, pool=POOL)
    edited = text.replace(" the ", " a ", 2) + "Updated at 10:00.\n"
    a, b, c = make_doc(text), make_doc(edited), make_doc(other)
    assert a["id"] != b["id"]
    assert save(store, a, "a") == "new"
    assert save(store, b, "b") == "near_duplicate"
    assert save(store, c, "c") == "new"
    assert store.get_document(b["id"])["near_duplicate_of"] == a["id"]
    assert "near_duplicate_of" not in store.get_document(a["id"])
    assert "near_duplicate_of" not in store.get_document(c["id"])
    # a near duplicate of a near duplicate points at the original
    d = make_doc(edited.replace(" and ", " & ", 1))
    assert save(store, d, "d") == "near_duplicate"
    assert store.get_document(d["id"])["near_duplicate_of"] == a["id"]


def test_resume_status(store):
    run = store.start_run({}, None)
    store.record_failure(run_id=run, key="bad.txt", source="bad.txt", record=None, fmt="text", stage="ingest",
                         message="[E001] Input not found: bad.txt.")
    doc = make_doc(synth.article(5, pool=POOL))
    save(store, doc, "good.txt", run)
    lang = make_doc("Ceci est un texte en français.")
    save(store, lang, "fr.txt", run, status="unsupported")
    # failed inputs are retried by the next run; done and unsupported ones are skipped
    assert store.done_keys(["bad.txt", "good.txt", "fr.txt", "new.txt"]) == {"good.txt", "fr.txt"}
    assert store.done_inputs(["good.txt"]) == {"good.txt": doc["id"]}
    assert store.input_status("bad.txt") == "error"
    # a retry that succeeds turns the error into done
    save(store, make_doc(synth.article(6, pool=POOL)), "bad.txt", run)
    assert store.input_status("bad.txt") == "done"
    store.finish_run(run, {"new": 2}, status="interrupted")


def test_errors_listed_per_run(store):
    r1 = store.start_run({}, None)
    r2 = store.start_run({}, None)
    store.record_failure(run_id=r1, key="a", source="a", record=None, fmt="text", stage="ingest", message="[E001] a")
    doc = make_doc(synth.article(7, pool=POOL), errors=[{"stage": "events", "message": "[E022] boom"}])
    save(store, doc, "b", r2)
    assert store.errors(r1) == [{"input": "a", "doc_id": None, "stage": "ingest", "message": "[E001] a"}]
    assert store.errors(r2) == [{"input": "b", "doc_id": doc["id"], "stage": "events", "message": "[E022] boom"}]
    assert len(store.errors()) == 2


def test_replace_document(store):
    doc = make_doc(synth.article(8, pool=POOL), events=[event("v1", 3), event("v2", 4)])
    save(store, doc, "a")
    newer = dict(doc, title="New title", events=[event("v1", 7)])
    store.replace_document(newer)
    got = store.get_document(doc["id"])
    assert got["title"] == "New title" and len(got["events"]) == 1
    assert store.count_documents() == 1
    with store.session() as s:
        assert list(s.scalars(select(DocEvent.fatalities))) == [7]
    # replacing a document that is not stored inserts it
    fresh = make_doc(synth.article(9, pool=POOL))
    store.replace_document(fresh)
    assert store.get_document(fresh["id"]) == fresh


def test_iter_documents_pages(store):
    ids = []
    for i in range(7):
        doc = make_doc(synth.article(100 + i, pool=POOL))
        save(store, doc, f"k{i}")
        ids.append(doc["id"])
    assert [d["id"] for d in store.iter_documents(batch=3)] == ids
    assert [d["id"] for d in store.iter_documents(doc_ids=ids[::-1])] == ids[::-1]


def test_concurrent_writers(store_url):
    """Four writers (own Store and connections each, as separate processes would have) store
    overlapping documents at once: no error, each document once, every input done."""
    Store(store_url)  # create the schema first, as the first `analyze` would
    texts = [synth.article(200 + i, pool=POOL) for i in range(12)]
    problems: list[BaseException] = []
    outcomes: list[str] = []
    lock = threading.Lock()

    def writer(w: int) -> None:
        st = Store(store_url)
        try:
            for i in range(12):
                j = (i + 3 * w) % 12  # every writer saves every text, starting at a different one
                out = save(st, make_doc(texts[j]), f"w{w}-{j}")
                with lock:
                    outcomes.append(out)
        except BaseException as exc:  # noqa: BLE001
            problems.append(exc)
        finally:
            st.engine.dispose()

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert problems == []
    check = Store(store_url)
    assert check.count_documents() == 12
    assert outcomes.count("new") + outcomes.count("near_duplicate") == 12
    assert outcomes.count("existing") == 36
    with check.session() as s:
        assert s.scalar(select(func.count()).select_from(Input).where(Input.status == "done")) == 48
        assert s.scalar(select(func.count()).select_from(DocBand)) == 12 * 16
    if check.dialect == "sqlite":
        with check.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    check.engine.dispose()

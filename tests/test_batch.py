"""The batch runner: input order, resume, `--out` streaming, process pool = inline."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from typer.testing import CliRunner

from narrascope.batch import SeenIds, run_batch
from narrascope.cli import app
from narrascope.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402


def strip_timing(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    doc["pipeline"].pop("elapsed_ms", None)
    return doc


def test_out_streams_in_input_order_with_skips_and_duplicates(tmp_path):
    corpus = tmp_path / "in"
    paths = synth.write_dir(corpus, 9, words=120)
    (corpus / "zz-copy.txt").write_text(paths[3].read_text("utf-8"), "utf-8")  # same text, other input
    db = str(tmp_path / "db.sqlite")
    runner = CliRunner()
    # a first run on a few inputs, so that the second one mixes skipped and new inputs
    first = runner.invoke(app, ["analyze", str(paths[1]), str(paths[5]), "--db", db])
    assert first.exit_code == 0, first.output
    out = tmp_path / "out.jsonl"
    missing = str(tmp_path / "missing.txt")
    second = runner.invoke(app, ["analyze", str(corpus), missing, "--db", db, "--out", str(out), "--chunk-size", "3"])
    assert second.exit_code == 1, second.output  # the missing input
    assert "skipped 2" in second.output and "[E001]" in second.output
    docs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    # one document per distinct text, in input order (the copy's text was already written)
    assert [d["input"]["path"] for d in docs] == [str(p) for p in paths]
    assert len({d["id"] for d in docs}) == 9
    assert "wrote 9 documents" in second.output
    store = Store(db)
    assert store.count_documents() == 9
    assert store.input_status(str(corpus / "zz-copy.txt")) == "done"
    assert store.input_status(missing) == "error"


def test_resume_writes_complete_out(tmp_path):
    corpus = tmp_path / "in"
    synth.write_dir(corpus, 5, words=80)
    db = str(tmp_path / "db.sqlite")
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(corpus), "--db", db, "--out", str(out)]).exit_code == 0
    before = out.read_text("utf-8")
    again = runner.invoke(app, ["analyze", str(corpus), "--db", db, "--out", str(out)])
    assert again.exit_code == 0 and "skipped 5" in again.output
    assert out.read_text("utf-8") == before  # all skipped, the same documents from the store


def test_process_pool_equals_inline(tmp_path):
    corpus = tmp_path / "in"
    synth.write_dir(corpus, 6, words=150)
    inline, pooled = [], []
    r1 = run_batch([str(corpus)], Store(str(tmp_path / "a.db")), jobs=1, chunk_size=2, sink=inline.append)
    r2 = run_batch([str(corpus)], Store(str(tmp_path / "b.db")), jobs=2, chunk_size=2, sink=pooled.append)
    assert r1.counts == r2.counts and r1.counts["new"] == 6
    assert [strip_timing(d) for d in inline] == [strip_timing(d) for d in pooled]


def test_seen_ids_on_disk():
    seen = SeenIds()
    try:
        assert seen.add("sha256:a") is True
        assert seen.add("sha256:b") is True
        assert seen.add("sha256:a") is False
    finally:
        seen.close()
    assert not Path(seen.path).exists()


def _die(records, model=None, kb=()):  # a worker that is killed (OOM killer, kill -9)
    import os

    os._exit(137)


def test_dead_worker_is_clear_error(tmp_path, monkeypatch):
    import pytest

    import narrascope.batch as batch
    from narrascope.errors import NarrascopeError

    corpus = tmp_path / "in"
    synth.write_dir(corpus, 3, words=50)
    monkeypatch.setattr(batch, "analyse_records", _die)  # the pool forks: workers see the patch
    store = Store(str(tmp_path / "db.sqlite"))
    with pytest.raises(NarrascopeError, match=r"\[E033\]"):
        run_batch([str(corpus)], store, jobs=2, chunk_size=1)
    assert store.count_documents() == 0


def _worker_state() -> dict:
    """Runs in a pool worker: was the pipeline inherited, and how many BLAS threads are there?"""
    from threadpoolctl import threadpool_info

    from narrascope.analysis import analyse_records
    from narrascope.ingest.record import Record
    from narrascope.loader import load_pipeline

    before = load_pipeline.cache_info()
    [out] = analyse_records([Record(source="x.txt", format="text", text=synth.article(7, 120))])
    after = load_pipeline.cache_info()
    return {"misses": after.misses - before.misses, "cached": before.currsize, "ok": out.document is not None,
            "threads": sorted({p["num_threads"] for p in threadpool_info()})}


def test_prefork_workers_inherit_the_warm_pipeline():
    from narrascope.batch import _make_pool
    from narrascope.loader import PipelineSpec

    pool, frozen = _make_pool(2, PipelineSpec(), prefork=True)
    try:
        states = [f.result() for f in [pool.submit(_worker_state) for _ in range(2)]]
    finally:
        pool.shutdown(wait=True)
        if frozen:
            import gc

            gc.unfreeze()
    for state in states:
        assert state["ok"] and state["cached"] >= 1
        assert state["misses"] == 0  # no worker loaded a pipeline of its own
        assert state["threads"] in ([], [1])  # one BLAS thread per worker


def test_without_prefork_equals_inline(tmp_path):
    corpus = tmp_path / "in"
    synth.write_dir(corpus, 4, words=100)
    inline, pooled = [], []
    run_batch([str(corpus)], Store(str(tmp_path / "a.db")), jobs=1, chunk_size=2, sink=inline.append)
    run_batch([str(corpus)], Store(str(tmp_path / "b.db")), jobs=2, chunk_size=2, sink=pooled.append, prefork=False)
    assert len(inline) == 4
    assert [strip_timing(d) for d in inline] == [strip_timing(d) for d in pooled]

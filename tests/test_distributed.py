"""`--dask`: the same pipeline on a Dask LocalCluster gives the same documents."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from narrascope.batch import run_batch
from narrascope.store import Store

distributed = pytest.importorskip("distributed")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402


def first_difference(x, y, path: str = "") -> str | None:
    if type(x) is not type(y):
        return f"{path}: {x!r:.200} != {y!r:.200}"
    if isinstance(x, dict):
        for k in sorted(set(x) | set(y)):
            if x.get(k) != y.get(k):
                return first_difference(x.get(k), y.get(k), f"{path}/{k}")
    elif isinstance(x, list):
        for i, (p, q) in enumerate(zip(x, y)):
            if p != q:
                return first_difference(p, q, f"{path}[{i}]")
        if len(x) != len(y):
            return f"{path}: {len(x)} items != {len(y)}"
    elif x != y:
        return f"{path}: {x!r:.200} != {y!r:.200}"
    return None


def strip_timing(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    doc["pipeline"].pop("elapsed_ms", None)
    return doc


def test_local_cluster_equals_single_process(tmp_path, examples_dir):
    corpus = tmp_path / "in"
    synth.write_dir(corpus, 6, words=200)
    inputs = [str(examples_dir), str(corpus), str(tmp_path / "missing.txt")]
    single: list[dict] = []
    r1 = run_batch(inputs, Store(str(tmp_path / "single.db")), chunk_size=3, sink=single.append)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        dask_docs: list[dict] = []
        dask_store = Store(str(tmp_path / "dask.db"))
        r2 = run_batch(inputs, dask_store, chunk_size=3, dask=cluster.scheduler_address, sink=dask_docs.append)
        with distributed.Client(cluster) as client:  # both workers took part
            assert len(client.nthreads()) == 2
            # each worker got the warm-up plugin and holds the loaded pipeline
            def narrascope_state(dask_worker) -> tuple[bool, bool]:  # nested: shipped by value
                from narrascope.dask_plugin import PLUGIN_NAME
                from narrascope.loader import load_pipeline

                return PLUGIN_NAME in dask_worker.plugins, load_pipeline.cache_info().currsize > 0

            plugins = client.run(narrascope_state)
            assert len(plugins) == 2 and all(v == (True, True) for v in plugins.values()), plugins
    finally:
        cluster.close()
    assert r1.counts == r2.counts
    assert r2.counts["new"] == 8 and r2.counts["failed"] == 1
    assert len(dask_docs) == 8
    for i, (d, s) in enumerate(zip(dask_docs, single)):
        assert strip_timing(d) == strip_timing(s), first_difference(strip_timing(d), strip_timing(s), f"doc {i}")
    assert [strip_timing(d) for d in dask_store.iter_documents()] == [strip_timing(d) for d in single]
    assert any("[E001]" in e["message"] for e in dask_store.errors())


def test_unreachable_scheduler_is_clear_error(tmp_path, monkeypatch):
    from narrascope import distributed as ours
    from narrascope.errors import NarrascopeError

    monkeypatch.setattr(ours, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(NarrascopeError, match=r"\[E032\]"):
        run_batch([str(tmp_path)], Store(str(tmp_path / "x.db")), dask="tcp://127.0.0.1:1")

"""The batch runner behind `narrascope analyze`: read, analyse, store, one commit per document.

Resuming: every input position has a key (path, URL, WARC record id, JSONL line); inputs
already `done` in the store are skipped, so running the same command after a kill redoes
nothing that finished and loses nothing. Execution: inline, a process pool (`jobs > 1`), or a
Dask cluster (`dask=...`); in every case storage happens here, in one process, in input order.
With a process pool on Linux the pipeline is loaded and warmed up here before the workers
are forked (`prefork`): they start with it, share its memory copy-on-write, and run one
BLAS/OpenMP thread each.

Memory is bounded whatever the input size: records stream from the readers in chunks, at
most a few chunks are in flight, and nothing is kept per input. The documents of this
command's inputs (`--out`) are written to `sink` as they are stored (skipped inputs: the
stored document), in input order, each distinct document once (deduplicated through a
temporary on-disk set, see `SeenIds`).
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import sqlite3
import tempfile
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from narrascope.analysis import Outcome, analyse_records
from narrascope.errors import Errors, NarrascopeError
from narrascope.ingest import read_inputs
from narrascope.ingest.record import Record
from narrascope.loader import PipelineSpec
from narrascope.store import Store

MAX_FAILURES_KEPT = 1000  # failures listed in BatchResult; all are counted and stored
DEFAULT_CHUNK_SIZE = 32


@dataclass
class BatchResult:
    run_id: int
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)  # first MAX_FAILURES_KEPT (input, message)
    written: int = 0  # documents written to the sink

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)


def chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class SeenIds:
    """A set of document ids kept in a temporary SQLite file, so that writing the documents
    of a million inputs does not hold a million ids in memory."""

    def __init__(self) -> None:
        fd, self.path = tempfile.mkstemp(prefix="narrascope-seen-", suffix=".db")
        os.close(fd)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY) WITHOUT ROWID")

    def add(self, doc_id: str) -> bool:
        """True when `doc_id` was not seen before."""
        return self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (doc_id,)).rowcount == 1

    def close(self) -> None:
        self.db.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass


def run_batch(inputs: list[str], store: Store, *, model: str | None = None, jobs: int = 1,
              chunk_size: int = DEFAULT_CHUNK_SIZE, dask: str | None = None, max_bytes: int | None = None,
              timeout: float | None = None,
              on_progress: Callable[[Outcome | None, int], None] | None = None,
              command: dict | None = None, kb: tuple[str, ...] = (),
              sink: Callable[[dict[str, Any]], None] | None = None, prefork: bool = True,
              accurate: bool = False) -> BatchResult:
    """Analyse `inputs` into `store`. `sink(document)` receives the documents of these inputs
    (new, already stored or skipped as done), in input order, each distinct document once.
    `prefork` (with `jobs > 1`): load and warm up the pipeline in this process before the
    workers are forked, so they share it (False: each worker loads its own).
    `accurate`: the transformer backends (`narrascope.loader.ACCURATE`)."""
    run_id = store.start_run(command or {"inputs": inputs}, model)
    result = BatchResult(run_id=run_id)
    counts = result.counts
    for name in ("new", "existing", "near_duplicate", "skipped", "failed", "unsupported"):
        counts[name] = 0
    # One plan per chunk handed to the executor, in order: (key, doc_id or None, skipped).
    plans: deque[list[tuple[str, str | None, bool]]] = deque()
    seen = SeenIds() if sink else None

    def emit(doc_id: str | None, document: dict[str, Any] | None = None) -> None:
        if sink is None or seen is None or not doc_id or not seen.add(doc_id):
            return
        document = document if document is not None else store.get_document(doc_id)
        if document is not None:
            sink(document)
            result.written += 1

    def fresh_chunks() -> Iterator[list[Record]]:
        kwargs: dict = {"max_bytes": max_bytes} if max_bytes else {}
        if timeout:
            kwargs["timeout"] = timeout
        for chunk in chunks(read_inputs(inputs, **kwargs), chunk_size):
            done = store.done_inputs(r.key for r in chunk)
            plans.append([(r.key, done.get(r.key), r.key in done) for r in chunk])
            todo = [r for r in chunk if r.key not in done]
            counts["skipped"] += len(chunk) - len(todo)
            yield todo  # possibly empty: keeps plans and outcomes aligned

    def store_outcome(out: Outcome) -> None:
        if out.document is None:
            store.record_failure(run_id=run_id, key=out.key, source=out.source, record=out.record,
                                 fmt=out.format, stage=out.stage or "ingest", message=out.error or "unknown error")
            counts["failed"] += 1
            if len(result.failures) < MAX_FAILURES_KEPT:
                result.failures.append((out.key, out.error or ""))
        else:
            unsupported = any(e["stage"] == "language" for e in out.document["errors"])
            status = "unsupported" if unsupported else "done"
            outcome = store.save_document(out.document, run_id=run_id, key=out.key, source=out.source,
                                          record=out.record, fmt=out.format, status=status)
            counts["unsupported" if unsupported else outcome] += 1
            fresh = outcome == "new" or (unsupported and outcome != "existing")
            emit(out.document["id"], out.document if fresh else None)
        if on_progress:
            on_progress(out, 1)

    try:
        for outcomes in _execute(fresh_chunks(), PipelineSpec(model, tuple(kb), accurate), jobs=jobs, dask=dask, prefork=prefork):
            plan = plans.popleft()
            pending = iter(outcomes)
            skipped_run = 0
            for key, doc_id, skipped in plan:
                if skipped:
                    skipped_run += 1
                    emit(doc_id)
                    continue
                out = next(pending)
                assert out.key == key, "outcomes out of input order"
                store_outcome(out)
            if skipped_run and on_progress:
                on_progress(None, skipped_run)
    except BaseException:
        try:
            store.finish_run(run_id, counts, status="interrupted")
        except Exception:  # noqa: BLE001 - the original error is the one to report
            pass
        raise
    finally:
        if seen is not None:
            seen.close()
    store.finish_run(run_id, counts)
    return result


def _execute(work: Iterator[list[Record]], spec: PipelineSpec, *, jobs: int, dask: str | None,
             prefork: bool = True) -> Iterator[list[Outcome]]:
    """Yield one list of outcomes per chunk of `work`, in input order, with bounded work in
    flight (an empty chunk yields an empty list)."""
    if dask:
        from narrascope.distributed import dask_execute

        yield from dask_execute(work, spec, address=dask)
        return
    if jobs <= 1:
        for chunk in work:
            yield analyse_records(chunk, spec) if chunk else []
        return
    pool, frozen = _make_pool(jobs, spec, prefork)
    inflight: deque[tuple[Future, str] | None] = deque()

    def collect(item: tuple[Future, str] | None) -> list[Outcome]:
        if item is None:
            return []
        fut, first = item
        try:
            return fut.result()
        except BrokenProcessPool as exc:  # a worker died (killed, out of memory)
            raise NarrascopeError(Errors.E033.format(name=first, detail=f"{type(exc).__name__}: {exc}")) from exc

    try:
        for chunk in work:
            inflight.append((pool.submit(analyse_records, chunk, spec), chunk[0].key) if chunk else None)
            while len(inflight) > 2 * jobs:
                yield collect(inflight.popleft())
        while inflight:
            yield collect(inflight.popleft())
    finally:
        # on an error (or Ctrl-C) in the caller, queued chunks are dropped, not analysed
        pool.shutdown(wait=True, cancel_futures=True)
        if frozen:
            gc.unfreeze()


THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
              "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


def _worker_init() -> None:
    """One BLAS/OpenMP thread per worker: the workers are the parallelism (a second thread per
    worker only competes for the same cores; OpenBLAS threads spin while they wait)."""
    for name in THREAD_ENV:
        os.environ[name] = "1"
    try:
        from threadpoolctl import threadpool_limits

        global _THREAD_LIMITS
        _THREAD_LIMITS = threadpool_limits(limits=1)  # kept: the limit lasts while the object lives
    except Exception:  # noqa: BLE001 - threadpoolctl missing or a library it cannot drive
        pass


_THREAD_LIMITS = None


def _make_pool(jobs: int, spec: PipelineSpec, prefork: bool) -> tuple[ProcessPoolExecutor, bool]:
    """The worker pool. With the `fork` start method (Linux) and `prefork`, the pipeline is
    loaded and warmed up here first, so that every worker starts with it (no per-worker
    loading time) and shares its memory copy-on-write; the objects are moved out of the
    garbage collector's reach (`gc.freeze`) so that collections in the workers do not touch,
    and so copy, their pages. Returns (pool, whether gc was frozen)."""
    methods = multiprocessing.get_all_start_methods()
    if prefork and "fork" in methods:
        from narrascope.analysis import warm_up

        warm_up(spec)
        gc.collect()
        gc.freeze()
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_worker_init), True
    return ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init), False

"""The batch runner behind `narrascope analyze`: read, analyse, store, one commit per document.

Resuming: every input position has a key (path, URL, WARC record id, JSONL line); inputs
already `done` in the store are skipped, so running the same command after a kill redoes
nothing that finished and loses nothing. Execution: inline, a process pool (`jobs > 1`), or a
Dask cluster (`dask=...`); in every case storage happens here, in one process, in input order.
"""

from __future__ import annotations

import itertools
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from narrascope.analysis import Outcome, analyse_records
from narrascope.ingest import read_inputs
from narrascope.ingest.record import Record
from narrascope.store import Store


@dataclass
class BatchResult:
    run_id: int
    counts: dict[str, int] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # every input key seen, in order
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input, message)

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)


def chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_batch(inputs: list[str], store: Store, *, model: str | None = None, jobs: int = 1,
              chunk_size: int = 16, dask: str | None = None, max_bytes: int | None = None,
              on_progress: Callable[[Outcome | None, int], None] | None = None,
              command: dict | None = None, kb: tuple[str, ...] = ()) -> BatchResult:
    run_id = store.start_run(command or {"inputs": inputs}, model)
    result = BatchResult(run_id=run_id)
    counts = result.counts
    for name in ("new", "existing", "near_duplicate", "skipped", "failed", "unsupported"):
        counts[name] = 0

    def fresh_chunks() -> Iterator[list[Record]]:
        kwargs = {"max_bytes": max_bytes} if max_bytes else {}
        for chunk in chunks(read_inputs(inputs, **kwargs), chunk_size):
            keys = [r.key for r in chunk]
            result.keys.extend(keys)
            done = store.done_keys(keys)
            todo = [r for r in chunk if r.key not in done]
            counts["skipped"] += len(chunk) - len(todo)
            if on_progress and len(todo) < len(chunk):
                on_progress(None, len(chunk) - len(todo))
            if todo:
                yield todo

    def store_outcome(out: Outcome) -> None:
        if out.document is None:
            store.record_failure(run_id=run_id, key=out.key, source=out.source, record=out.record,
                                 fmt=out.format, stage=out.stage or "ingest", message=out.error or "unknown error")
            counts["failed"] += 1
            result.failures.append((out.key, out.error or ""))
        else:
            unsupported = any(e["stage"] == "language" for e in out.document["errors"])
            status = "unsupported" if unsupported else "done"
            outcome = store.save_document(out.document, run_id=run_id, key=out.key, source=out.source,
                                          record=out.record, fmt=out.format, status=status)
            counts["unsupported" if unsupported else outcome] += 1
        if on_progress:
            on_progress(out, 1)

    try:
        for outcomes in _execute(fresh_chunks(), model=model, jobs=jobs, dask=dask, kb=tuple(kb)):
            for out in outcomes:
                store_outcome(out)
    except BaseException:
        store.finish_run(run_id, counts, status="interrupted")
        raise
    store.finish_run(run_id, counts)
    return result


def _execute(work: Iterator[list[Record]], *, model: str | None, jobs: int, dask: str | None,
             kb: tuple[str, ...] = ()) -> Iterator[list[Outcome]]:
    """Yield outcomes chunk by chunk, in input order, with bounded work in flight."""
    if dask:
        from narrascope.distributed import dask_execute

        yield from dask_execute(work, model=model, address=dask, kb=kb)
        return
    if jobs <= 1:
        for chunk in work:
            yield analyse_records(chunk, model, kb=kb)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        inflight: list[Future] = []
        for chunk in work:
            inflight.append(pool.submit(analyse_records, chunk, model, kb=kb))
            while len(inflight) >= 2 * jobs:
                yield inflight.pop(0).result()
        for fut in inflight:
            yield fut.result()

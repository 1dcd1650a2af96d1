"""Running the analysis on a Dask distributed cluster (`narrascope analyze --dask ADDRESS`).

Work goes out as plain dicts (the fields of `Record`) and comes back as plain dicts (the
fields of `Outcome`: the document-v1 JSON and the failure, if any), so nothing but
narrascope's own code needs to be importable on the workers. Each worker process loads the
spaCy pipeline once (the cached loader) and keeps it for every task it runs. Results are
yielded in input order with a bounded number of tasks in flight; storage stays with the
caller (the batch runner, in the client process).

`address`: a scheduler address (`tcp://host:8786`), or `local:N` for a LocalCluster of N
worker processes with one thread each (N omitted or 0: one per CPU).
"""

from __future__ import annotations

import dataclasses
import os
from collections import deque
from typing import Any, Iterable, Iterator

from narrascope.analysis import Outcome, analyse_records
from narrascope.errors import Errors, NarrascopeError
from narrascope.ingest.record import Record
from narrascope.loader import PipelineSpec

CONNECT_TIMEOUT = "30s"  # how long to try reaching a scheduler


def analyse_plain(records: list[dict[str, Any]], spec: PipelineSpec) -> list[dict[str, Any]]:
    """The task a worker runs: records as dicts in, outcomes as dicts out."""
    outcomes = analyse_records([Record(**r) for r in records], spec)
    return [dataclasses.asdict(o) for o in outcomes]


def _client(address: str):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # the `dask` extra is not installed
        raise NarrascopeError(Errors.E032.format(address=address, detail=f"{exc}; pip install 'narrascope[dask]'")) from exc
    try:
        if address.startswith("local"):
            _, _, n = address.partition(":")
            workers = int(n) if n.strip() else 0
            cluster = LocalCluster(n_workers=workers or (os.cpu_count() or 1), threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            return Client(cluster), cluster
        return Client(address, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError, ValueError, RuntimeError) as exc:
        raise NarrascopeError(Errors.E032.format(address=address, detail=f"{type(exc).__name__}: {exc}")) from exc


def dask_execute(work: Iterable[list[Record]], spec: PipelineSpec, address: str,
                 max_inflight: int | None = None) -> Iterator[list[Outcome]]:
    """Yield one list of Outcome per chunk of `work`, in input order (an empty chunk yields [])."""
    client, cluster = _client(address)
    try:
        from narrascope.dask_plugin import PLUGIN_NAME, WarmPipeline

        # model loaded once per worker, before it gets work (and on workers that join later)
        client.register_plugin(WarmPipeline(spec), name=PLUGIN_NAME)
        if max_inflight is None:
            threads = sum(client.nthreads().values()) or 1
            max_inflight = 2 * threads
        inflight: deque[Any] = deque()

        def collect(item: tuple[Any, str] | None) -> list[Outcome]:
            if item is None:
                return []
            fut, first = item
            try:
                return [Outcome(**o) for o in fut.result()]
            except NarrascopeError:
                raise
            except Exception as exc:  # noqa: BLE001 - KilledWorker, lost connection, ...
                if type(exc).__module__.startswith(("distributed", "asyncio", "tornado")) or isinstance(exc, OSError):
                    raise NarrascopeError(Errors.E033.format(name=first, detail=f"{type(exc).__name__}: {exc}")) from exc
                raise

        for chunk in work:
            if chunk:
                payload = [dataclasses.asdict(r) for r in chunk]
                fut = client.submit(analyse_plain, payload, spec, pure=False, retries=2)
                inflight.append((fut, chunk[0].key))
            else:
                inflight.append(None)
            while len(inflight) > max_inflight:
                yield collect(inflight.popleft())
        while inflight:
            yield collect(inflight.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

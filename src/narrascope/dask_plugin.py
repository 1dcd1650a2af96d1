"""A Dask worker plugin that loads and warms the narrascope pipeline when a worker starts.

Imported only with `--dask` (the `dask` extra). Without it each worker loaded the model
inside its first task, so the first chunks of a run waited for it; with it, every worker,
including one that joins the cluster later, is ready before it is given work.
"""

from __future__ import annotations

import logging

from distributed.diagnostics.plugin import WorkerPlugin

PLUGIN_NAME = "narrascope-warm-pipeline"

log = logging.getLogger(__name__)


class WarmPipeline(WorkerPlugin):
    """`setup` runs once in each worker process: load the pipeline (cached per process) and run
    one short article through it (`narrascope.analysis.warm_up`)."""

    def __init__(self, spec):
        self.spec = spec  # a narrascope.loader.PipelineSpec

    def setup(self, worker) -> None:
        from narrascope.analysis import warm_up

        try:
            warm_up(self.spec)
        except Exception as exc:  # noqa: BLE001 - the first task loads it again and reports the error
            log.warning("narrascope: warming the pipeline on %s failed: %s", getattr(worker, "address", "?"), exc)

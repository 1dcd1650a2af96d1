"""Exporters: `narrascope export --what WHAT --format FORMAT`.

Each area registers its exporters here with `@exporter(what, format)`; an exporter takes the
store and an output stream (text) and writes the export.
"""

from __future__ import annotations

from typing import Callable, TextIO

from narrascope.store import Store

Exporter = Callable[[Store, TextIO], int]
EXPORTERS: dict[tuple[str, str], Exporter] = {}


def exporter(what: str, fmt: str) -> Callable[[Exporter], Exporter]:
    def register(fn: Exporter) -> Exporter:
        EXPORTERS[(what, fmt)] = fn
        return fn
    return register


@exporter("documents", "jsonl")
def export_documents(store: Store, out: TextIO) -> int:
    from narrascope.output import write_jsonl

    return write_jsonl(store.iter_documents(), out)


def load_exporters() -> None:
    """Import the modules that register exporters (kept lazy: they may pull heavy deps)."""
    import importlib

    for module in ("narrascope.export.events", "narrascope.export.corpus"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise

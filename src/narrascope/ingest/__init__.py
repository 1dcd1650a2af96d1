"""Ingestion: every reader yields `Record`s behind one interface, `read_inputs`.

Readers never raise for a bad input: they yield a Record with `error` set, so the batch
records it against that input and goes on.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from narrascope.ingest.record import Record
from narrascope.ingest.dispatch import read_input

DEFAULT_MAX_BYTES = 20_000_000


def read_inputs(inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 20.0) -> Iterator[Record]:
    """Records from paths, directories, URLs or '-' (stdin), in a stable order."""
    for item in inputs:
        yield from read_input(item, max_bytes=max_bytes, timeout=timeout)


__all__ = ["Record", "read_inputs", "read_input", "DEFAULT_MAX_BYTES"]

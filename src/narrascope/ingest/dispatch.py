"""Choose a reader for an input (placeholder: plain text files and directories only).

The ingestion issue replaces this with the full set of readers (HTML, JSONL, WARC, feeds,
URLs, stdin)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from narrascope.errors import Errors
from narrascope.ingest.record import Record


def read_input(item: str, *, max_bytes: int, timeout: float) -> Iterator[Record]:
    path = Path(item)
    if not path.exists():
        yield Record(source=item, format="text", path=item, error=Errors.E001.format(path=item))
        return
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            yield from read_input(str(child), max_bytes=max_bytes, timeout=timeout)
        return
    data = path.read_bytes()
    yield Record(source=item, format="text", path=item, text=data.decode("utf-8", errors="replace"))

"""HTML files: decoded with their <meta charset>; extraction (trafilatura) happens in
cleaning, so it runs in the analysis workers, not in the reader."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from narrascope.ingest.record import Record
from narrascope.ingest.text import read_text_file


def read_html_file(path: Path, name: str, *, max_bytes: int) -> Iterator[Record]:
    yield from read_text_file(path, name, max_bytes=max_bytes, fmt="html")

"""Choose a reader for an input: '-' is stdin, `scheme://` a URL, a directory is walked
recursively (files of known types, in sorted order, hidden files skipped), a file is read
by its name (.txt, .html, .jsonl, .warc, .rss/.atom/.xml, each optionally .gz) or, failing
that, by its first bytes."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Iterator

from narrascope.errors import Errors
from narrascope.ingest.record import Record
from narrascope.ingest.sniff import format_by_name, sniff_format


def read_input(item: str, *, max_bytes: int, timeout: float) -> Iterator[Record]:
    """Records of one input; never raises for a bad input (the Record carries the error)."""
    try:
        yield from _read(item, max_bytes=max_bytes, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - last line of defence: one input, one error
        yield Record(source=item, format=format_by_name(item) or "text", path=item,
                     error=Errors.E010.format(name=item, detail=f"{type(exc).__name__}: {exc}"))


def _read(item: str, *, max_bytes: int, timeout: float) -> Iterator[Record]:
    from narrascope.ingest.url import is_url

    if item == "-":
        from narrascope.ingest.stdin import read_stdin

        yield from read_stdin(max_bytes=max_bytes)
        return
    if is_url(item):
        from narrascope.ingest.url import read_url

        yield from read_url(item, max_bytes=max_bytes, timeout=timeout)
        return
    path = Path(item)
    if path.is_dir():
        for child in walk(path):
            yield from read_file(child, str(child), max_bytes=max_bytes)
        return
    if not path.exists():
        yield Record(source=item, format=format_by_name(item) or "text", path=item, error=Errors.E001.format(path=item))
        return
    yield from read_file(path, item, max_bytes=max_bytes)


def walk(root: Path) -> list[Path]:
    """Files of known types under `root`, sorted, hidden files and directories skipped."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in filenames:
            if not fn.startswith(".") and format_by_name(fn):
                found.append(Path(dirpath) / fn)
    return sorted(found)


def read_file(path: Path, name: str, *, max_bytes: int) -> Iterator[Record]:
    fmt = format_by_name(path.name) or _sniff_file(path)
    if fmt is None:
        from narrascope.ingest.decode import binary_reason

        reason = binary_reason(_head(path, 65536))
        message = Errors.E003.format(name=name, detail=reason) if reason else Errors.E012.format(name=name)
        yield Record(source=name, format="text", path=name, error=message)
        return
    if fmt == "text":
        from narrascope.ingest.text import read_text_file

        yield from read_text_file(path, name, max_bytes=max_bytes)
    elif fmt == "html":
        from narrascope.ingest.html import read_html_file

        yield from read_html_file(path, name, max_bytes=max_bytes)
    elif fmt == "jsonl":
        from narrascope.ingest.jsonl import read_jsonl_file

        yield from read_jsonl_file(path, name, max_bytes=max_bytes)
    elif fmt == "warc":
        from narrascope.ingest.warc import read_warc_file

        yield from read_warc_file(path, name, max_bytes=max_bytes)
    else:
        from narrascope.ingest.feed import read_feed_file

        yield from read_feed_file(path, name, max_bytes=max_bytes)


def _head(path: Path, size: int = 4096) -> bytes:
    try:
        with path.open("rb") as fh:
            head = fh.read(size)
        if head[:2] == b"\x1f\x8b":
            try:
                with gzip.open(path, "rb") as fh:
                    return fh.read(size)
            except (OSError, EOFError):
                return head
        return head
    except OSError:
        return b""


def _sniff_file(path: Path) -> str | None:
    return sniff_format(_head(path))

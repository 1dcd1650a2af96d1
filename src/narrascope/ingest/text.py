"""Plain text files (and text from stdin or a URL): decode, yield one Record."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from narrascope.errors import Errors
from narrascope.ingest.decode import decode_bytes
from narrascope.ingest.files import read_capped
from narrascope.ingest.record import Record


def text_record(data: bytes, *, source: str, fmt: str = "text", path: str | None = None,
                url: str | None = None, declared: str | None = None) -> Record:
    """One Record from the bytes of a text (fmt='text') or HTML (fmt='html') document."""
    record = Record(source=source, format=fmt, path=path, url=url)
    if not data.strip():
        record.error = Errors.E002.format(name=source)
        return record
    decoded = decode_bytes(data, source, declared=declared, markup=(fmt == "html"))
    if decoded.error:
        record.error = decoded.error
        return record
    if decoded.warning:
        record.warnings.append(decoded.warning)
    record.extra["encoding"] = decoded.encoding
    text = decoded.text.lstrip("\ufeff")
    if not text.strip():
        record.error = Errors.E002.format(name=source)
    elif fmt == "html":
        record.html = text
    else:
        record.text = text
    return record


def read_text_file(path: Path, name: str, *, max_bytes: int, fmt: str = "text") -> Iterator[Record]:
    data, error = read_capped(path, name, max_bytes)
    if error:
        yield Record(source=name, format=fmt, path=name, error=error)
        return
    yield text_record(data, source=name, fmt=fmt, path=name)

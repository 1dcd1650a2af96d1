"""JSON Lines: one document per line, `{"text" | "html", "url", "title", "published",
"author", "site", ...}`. Streams line by line (a million-line file is never loaded whole);
each line is its own input position, key `path#line-N` (1-based)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import IO, Any, Iterator

from narrascope.errors import Errors
from narrascope.ingest.decode import decode_bytes
from narrascope.ingest.record import Record

META = ("url", "title", "author", "site", "published")
ALIASES = {"site": ("sitename", "source", "outlet"), "published": ("date", "published_at", "publish_date"),
           "author": ("byline", "authors")}


def read_jsonl_file(path: Path, name: str, *, max_bytes: int) -> Iterator[Record]:
    try:
        fh: IO[bytes] = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")
    except OSError as exc:
        yield Record(source=name, format="jsonl", path=name, error=Errors.E010.format(name=name, detail=str(exc)))
        return
    with fh:
        yield from read_jsonl_stream(fh, name, max_bytes=max_bytes, path=name)


def read_jsonl_stream(fh: IO[bytes], name: str, *, max_bytes: int, path: str | None = None,
                      url: str | None = None) -> Iterator[Record]:
    n = 0
    while True:
        try:
            line = fh.readline(max_bytes + 1)
        except (OSError, EOFError) as exc:
            yield Record(source=name, format="jsonl", path=path, url=url, record=f"line-{n + 1}",
                         error=Errors.E010.format(name=name, detail=f"{type(exc).__name__}: {exc}"))
            return
        if not line:
            return
        n += 1
        if len(line) > max_bytes:
            while line and not line.endswith(b"\n"):  # skip the rest of the oversized line
                line = fh.readline(max_bytes + 1)
            yield Record(source=name, format="jsonl", path=path, url=url, record=f"line-{n}",
                         error=Errors.E004.format(name=f"{name} line {n}", size=f"over {max_bytes}", limit=max_bytes))
            continue
        if not line.strip():
            continue
        yield line_record(line, name, n, path=path, url=url)


def line_record(line: bytes, name: str, n: int, *, path: str | None = None, url: str | None = None) -> Record:
    record = Record(source=name, format="jsonl", path=path, url=url, record=f"line-{n}")
    decoded = decode_bytes(line, f"{name} line {n}")
    if decoded.error:
        record.error = Errors.E005.format(line=n, name=name, detail=decoded.error)
        return record
    if decoded.warning:
        record.warnings.append(decoded.warning)
    try:
        obj = json.loads(decoded.text)
    except (json.JSONDecodeError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "nesting too deep"
        record.error = Errors.E005.format(line=n, name=name, detail=detail)
        return record
    if not isinstance(obj, dict):
        record.error = Errors.E005.format(line=n, name=name, detail=f"expected an object, got {type(obj).__name__}")
        return record
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        record.text = text
    elif isinstance(html, str) and html.strip():
        record.html = html
        record.format = "jsonl"
    else:
        record.error = Errors.E006.format(line=n, name=name)
        return record
    for key in META:
        value = _first(obj, key)
        if value is not None:
            setattr(record, key, value)
    record.extra.update({k: v for k, v in obj.items() if k not in ("text", "html") and _scalar(v)})
    return record


def _first(obj: dict[str, Any], key: str) -> str | None:
    for k in (key, *ALIASES.get(key, ())):
        value = obj.get(k)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float))) or None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))

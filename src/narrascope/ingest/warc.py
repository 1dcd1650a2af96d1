"""WARC / WARC.gz: response records with an HTML payload, streamed with FastWARC.

Each record is its own input position, key `path#<WARC-Record-ID>`. A truncated file yields
the records read before the damage, then one E007 record naming the file: gzip is
decompressed by our own zlib loop (`_Gunzip`, which notices a missing end-of-stream marker
and keeps every byte before it) and a record whose payload is shorter than its
Content-Length, or whose headers are cut, is reported, not analysed.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import IO, Iterator

from narrascope.errors import Errors
from narrascope.ingest.decode import header_charset
from narrascope.ingest.record import Record
from narrascope.ingest.text import text_record

HTML_TYPES = ("text/html", "application/xhtml+xml")


class _EofGuard:
    """A read-only stream that turns a decompression error at the end into EOF and remembers it."""

    def __init__(self, fh: IO[bytes]):
        self.fh = fh
        self.damage: str | None = None
        self.pos = 0

    def read(self, size: int = -1) -> bytes:
        if self.damage:
            return b""
        try:
            data = self.fh.read(size) or b""
        except (EOFError, OSError, zlib.error) as exc:
            self.damage = f"{type(exc).__name__}: {exc}"
            return b""
        self.pos += len(data)
        return data

    def tell(self) -> int:
        return self.pos

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.fh.close()


class _Gunzip:
    """Streaming multi-member gzip decompression that keeps every byte before a truncation
    (Python's gzip drops its last buffer when it raises) and reports the damage at EOF.
    Output is produced at most 1 MB at a time, so a gzip bomb cannot blow up memory."""

    CHUNK = 1 << 16
    OUT = 1 << 20

    def __init__(self, fh: IO[bytes]):
        self.fh = fh
        self.buf = bytearray()
        self.off = 0
        self.z = zlib.decompressobj(31)
        self.fresh = True  # the current decompressor has seen no input yet
        self.pending = b""  # input zlib has not consumed yet (output cap reached)
        self.done = False
        self.error: str | None = None

    def read(self, size: int = -1) -> bytes:
        while not self.done and (size < 0 or len(self.buf) - self.off < size):
            self._fill()
        end = len(self.buf) if size < 0 else min(len(self.buf), self.off + size)
        out = bytes(self.buf[self.off:end])
        self.off = end
        if self.off > self.OUT:
            del self.buf[:self.off]
            self.off = 0
        if not out and self.done and self.error:
            err, self.error = self.error, None
            raise EOFError(err)
        return out

    def _fill(self) -> None:
        if self.pending:
            data, self.pending = self.pending, b""
        else:
            if self.z.eof:
                data = self.z.unused_data
                self.z, self.fresh = zlib.decompressobj(31), True
            else:
                data = b""
            data = data or self.fh.read(self.CHUNK)
        if self.fresh and data and not data.strip(b"\x00"):
            data = b""  # zero padding after the last member
            while self.fh.read(self.CHUNK):
                pass
        if not data:
            self.done = True
            if not self.fresh and not self.z.eof:
                self.error = "gzip stream ends before its end-of-stream marker"
            return
        self.fresh = False
        try:
            self.buf.extend(self.z.decompress(data, self.OUT))
            self.pending = self.z.unconsumed_tail
        except zlib.error as exc:
            self.done, self.error = True, f"corrupt gzip data ({exc})"

    def close(self) -> None:
        self.fh.close()


def _open(path: Path) -> IO[bytes]:
    fh = path.open("rb")
    magic = fh.read(2)
    fh.seek(0)
    return _Gunzip(fh) if magic == b"\x1f\x8b" else fh  # type: ignore[return-value]


def read_warc_file(path: Path, name: str, *, max_bytes: int) -> Iterator[Record]:
    try:
        stream = _EofGuard(_open(path))
    except OSError as exc:
        yield Record(source=name, format="warc", path=name, error=Errors.E007.format(name=name, detail=str(exc)))
        return
    try:
        yield from read_warc_stream(stream, name, max_bytes=max_bytes, path=name)
    finally:
        stream.close()


def read_warc_stream(stream: _EofGuard | IO[bytes], name: str, *, max_bytes: int,
                     path: str | None = None) -> Iterator[Record]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    guard = stream if isinstance(stream, _EofGuard) else _EofGuard(stream)
    seen = 0
    last_id = None
    try:
        for rec in ArchiveIterator(guard, record_types=WarcRecordType.response, parse_http=True):
            seen += 1
            rid = rec.record_id or f"record-{seen}"
            last_id = rid
            uri = rec.headers.get("WARC-Target-URI")
            ctype = (rec.http_headers.get("Content-Type") or "") if rec.http_headers else ""
            if not rec.http_headers or rec.headers.get("Content-Length") is None:
                yield Record(source=name, format="warc", path=path, url=uri, record=rid,
                             error=Errors.E007.format(name=name, detail=f"record {rid} has incomplete headers"))
                continue
            mime = ctype.split(";")[0].strip().lower()
            if mime and mime not in HTML_TYPES:
                continue  # images, scripts, JSON APIs: not articles
            expected = rec.content_length
            if expected > max_bytes:
                yield Record(source=name, format="warc", path=path, url=uri, record=rid,
                             error=Errors.E004.format(name=f"{name} record {rid}", size=expected, limit=max_bytes))
                continue
            body = rec.reader.read()
            if len(body) < expected:
                yield Record(source=name, format="warc", path=path, url=uri, record=rid,
                             error=Errors.E007.format(name=name, detail=f"record {rid} is cut short ({len(body)} of {expected} bytes)"))
                continue
            charset = header_charset(ctype)
            record = text_record(body, source=name, fmt="html", path=path, url=uri, declared=charset)
            record.format, record.record = "warc", rid
            date = rec.headers.get("WARC-Date")
            if date:
                record.extra["warc_date"] = date
            if record.error and record.error.startswith("[E002]"):
                record.error = Errors.E002.format(name=f"{name} record {rid}")
            yield record
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - a parser failure (even a Rust panic) ends this file, not the batch
        guard.damage = guard.damage or f"{type(exc).__name__}: {exc}"
    if guard.damage:
        where = f"after record {last_id}" if last_id else "before the first record"
        yield Record(source=name, format="warc", path=path, record=f"damage-{seen}",
                     error=Errors.E007.format(name=name, detail=f"{guard.damage} ({where})"))
    elif seen == 0 and not _looks_like_warc(path):
        yield Record(source=name, format="warc", path=path,
                     error=Errors.E007.format(name=name, detail="no WARC records found"))


def _looks_like_warc(path: str | None) -> bool:
    if not path:
        return True
    try:
        with _open(Path(path)) as fh:
            return fh.read(5) == b"WARC/"
    except Exception:  # noqa: BLE001
        return False


"""Standard input ('-'): sniffed like a file; JSON Lines and WARC are streamed, the rest
read whole up to the size cap. Key: `stdin` (`stdin#line-N` for JSON Lines)."""

from __future__ import annotations

import sys
from typing import IO, Iterator

from narrascope.errors import Errors
from narrascope.ingest.record import Record

NAME = "stdin"


def read_stdin(*, max_bytes: int, stream: IO[bytes] | None = None) -> Iterator[Record]:
    fh = stream if stream is not None else sys.stdin.buffer
    from narrascope.ingest.sniff import sniff_format

    head = fh.read(4096) or b""
    fmt = sniff_format(head) if head.strip() else "text"
    rest = _Prefixed(head, fh)
    if fmt == "jsonl":
        from narrascope.ingest.jsonl import read_jsonl_stream

        yield from read_jsonl_stream(rest, NAME, max_bytes=max_bytes, path=NAME)
        return
    if fmt == "warc":
        from narrascope.ingest.warc import read_warc_stream

        yield from read_warc_stream(rest, NAME, max_bytes=max_bytes, path=NAME)
        return
    data = rest.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Record(source=NAME, format=fmt or "text", path=NAME,
                     error=Errors.E004.format(name=NAME, size=f"over {max_bytes}", limit=max_bytes))
        return
    if fmt == "feed":
        from narrascope.ingest.feed import read_feed_bytes

        yield from read_feed_bytes(data, NAME, path=NAME)
        return
    from narrascope.ingest.text import text_record

    yield text_record(data, source=NAME, fmt="html" if fmt == "html" else "text", path=NAME)


class _Prefixed:
    """A stream that replays the sniffed head, then reads on."""

    def __init__(self, head: bytes, fh: IO[bytes]):
        self.head, self.fh = head, fh

    def read(self, size: int = -1) -> bytes:
        if self.head:
            if size is None or size < 0:
                out, self.head = self.head + self.fh.read(), b""
                return out
            out, self.head = self.head[:size], self.head[size:]
            if len(out) < size:
                out += self.fh.read(size - len(out)) or b""
            return out
        return self.fh.read(size) or b""

    def readline(self, size: int = -1) -> bytes:
        if self.head:
            nl = self.head.find(b"\n")
            if nl >= 0 and (size < 0 or nl < size):
                out, self.head = self.head[:nl + 1], self.head[nl + 1:]
                return out
            if 0 <= size <= len(self.head):
                out, self.head = self.head[:size], self.head[size:]
                return out
            out, self.head = self.head, b""
            return out + (self.fh.readline(size - len(out) if size >= 0 else -1) or b"")
        return self.fh.readline(size) or b""

    def readable(self) -> bool:
        return True

    def close(self) -> None:  # stdin is not ours to close
        pass

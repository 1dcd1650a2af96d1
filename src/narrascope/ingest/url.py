"""URLs: HTTP(S) GET with a timeout, a size cap and a user agent; the body is read by the
reader its content type (or its first bytes) calls for. Key: the URL."""

from __future__ import annotations

import io
from typing import Iterator

from narrascope import __version__
from narrascope.errors import Errors
from narrascope.ingest.decode import header_charset
from narrascope.ingest.record import Record

USER_AGENT = f"narrascope/{__version__} (+https://github.com/narrascope; research crawler)"


def is_url(item: str) -> bool:
    return "://" in item[:16] and item.split("://", 1)[0].isalpha()


def fetch(url: str, *, max_bytes: int, timeout: float) -> tuple[bytes | None, str, str | None]:
    """(body, content type, error message)."""
    import httpx

    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):
        return None, "", Errors.E014.format(url=url, detail=f"unsupported scheme '{scheme}'")
    try:
        with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True, max_redirects=5,
                          headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"}) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    return None, "", Errors.E008.format(url=url, detail=f"HTTP {response.status_code} {response.reason_phrase}".strip())
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    return None, "", Errors.E004.format(name=url, size=declared, limit=max_bytes)
                buf = bytearray()
                for chunk in response.iter_bytes():
                    buf.extend(chunk)
                    if len(buf) > max_bytes:
                        return None, "", Errors.E004.format(name=url, size=f"over {max_bytes}", limit=max_bytes)
                return bytes(buf), response.headers.get("Content-Type", ""), None
    except httpx.TimeoutException:
        return None, "", Errors.E008.format(url=url, detail=f"timed out after {timeout:g} s")
    except httpx.InvalidURL as exc:
        return None, "", Errors.E014.format(url=url, detail=str(exc))
    except httpx.HTTPError as exc:
        return None, "", Errors.E008.format(url=url, detail=f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # noqa: BLE001 - any network failure is this input's failure
        return None, "", Errors.E008.format(url=url, detail=f"{type(exc).__name__}: {exc}")


def read_url(url: str, *, max_bytes: int, timeout: float) -> Iterator[Record]:
    from narrascope.ingest.sniff import sniff_format

    body, ctype, error = fetch(url, max_bytes=max_bytes, timeout=timeout)
    if error:
        yield Record(source=url, format="html", url=url, error=error)
        return
    assert body is not None
    fmt = _format_of(ctype) or sniff_format(body[:4096]) or "text"
    charset = header_charset(ctype)
    if fmt == "feed":
        from narrascope.ingest.feed import read_feed_bytes

        yield from read_feed_bytes(body, url, url=url)
    elif fmt == "jsonl":
        from narrascope.ingest.jsonl import read_jsonl_stream

        yield from read_jsonl_stream(io.BytesIO(body), url, max_bytes=max_bytes, url=url)
    elif fmt == "warc":
        from narrascope.ingest.warc import read_warc_stream

        yield from read_warc_stream(io.BytesIO(body), url, max_bytes=max_bytes)
    else:
        from narrascope.ingest.text import text_record

        record = text_record(body, source=url, fmt="html" if fmt == "html" else "text", url=url, declared=charset)
        record.extra["content_type"] = ctype
        yield record


def _format_of(ctype: str) -> str | None:
    mime = ctype.split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    if mime in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if mime in ("application/jsonl", "application/x-ndjson", "application/jsonlines", "application/x-jsonlines"):
        return "jsonl"
    if mime == "application/warc":
        return "warc"
    if mime == "text/plain":
        return "text"
    return None  # text/xml, application/xml, octet-stream...: sniff


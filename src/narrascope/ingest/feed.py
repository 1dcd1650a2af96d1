"""RSS / Atom feeds (feedparser): one Record per entry with its content (or summary) HTML,
link, title, author and published date. Key: `<feed path or url>#<entry id>`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

from narrascope.errors import Errors
from narrascope.ingest.files import read_capped
from narrascope.ingest.record import Record


def read_feed_file(path: Path, name: str, *, max_bytes: int) -> Iterator[Record]:
    data, error = read_capped(path, name, max_bytes)
    if error:
        yield Record(source=name, format="feed", path=name, error=error)
        return
    yield from read_feed_bytes(data, name, path=name)


def read_feed_bytes(data: bytes, name: str, *, path: str | None = None, url: str | None = None) -> Iterator[Record]:
    if not data.strip():
        yield Record(source=name, format="feed", path=path, url=url, error=Errors.E002.format(name=name))
        return
    try:
        import feedparser

        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser on hostile bytes
        yield Record(source=name, format="feed", path=path, url=url,
                     error=Errors.E011.format(name=name, detail=f"{type(exc).__name__}: {exc}"))
        return
    entries = parsed.get("entries") or []
    if not entries:
        detail = str(parsed.get("bozo_exception") or "no entries") if parsed.get("bozo") else "no entries"
        yield Record(source=name, format="feed", path=path, url=url, error=Errors.E011.format(name=name, detail=detail))
        return
    site = (parsed.get("feed") or {}).get("title")
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        eid = str(entry.get("id") or entry.get("link") or f"entry-{i}")
        if eid in seen:
            eid = f"{eid}~{i}"
        seen.add(eid)
        yield entry_record(entry, name, eid, site=site, path=path, url=url)


def entry_record(entry: Any, name: str, eid: str, *, site: str | None, path: str | None, url: str | None) -> Record:
    record = Record(source=name, format="feed", path=path, url=entry.get("link") or url, record=eid,
                    title=_clean(entry.get("title")), author=_clean(entry.get("author")), site=_clean(site))
    html = None
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, dict) else None
        if value and value.strip():
            html = value
            break
    html = html or entry.get("summary") or entry.get("description")
    if not html or not str(html).strip():
        record.error = Errors.E002.format(name=f"{name} entry {eid}")
        return record
    record.html = str(html)
    when = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")  # no feedparser fallback warning
    if when:
        try:
            record.published = time.strftime("%Y-%m-%d", when)
        except (TypeError, ValueError):
            pass
    if record.url:
        record.extra["feed"] = url or path
    return record


def _clean(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None

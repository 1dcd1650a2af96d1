"""Cleaning: from a Record to the clean article text all offsets refer to.

`clean_record` returns a `Cleaned`: text, metadata (title, author, site, published), the
lines cut with their reasons (`removed`), the detected language and any errors.

HTML (files, WARC, feeds, JSONL `html`) goes through trafilatura first; then HTML output and
plain text get the same line filter (`clean.lines`): a title repeated at the top, a byline
("Shahriar Kia Policy Analyst" -> author), a dateline (plain text only, -> published) and
boilerplate lines from `data/clean/boilerplate.tsv`. For plain text without a known title the
first line is taken as the title when it looks like a headline, and is removed from `text`
(reason `title`) like a repeated title in HTML output: `text` is the article body only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from narrascope.clean.dates import iso_date
from narrascope.clean.language import detect_language
from narrascope.clean.lines import filter_lines
from narrascope.ingest.record import Record


@dataclass
class Cleaned:
    text: str
    title: str | None = None
    author: str | None = None
    site: str | None = None
    published: str | None = None
    language: str = "und"
    removed: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


def clean_record(record: Record) -> Cleaned:
    errors = [{"stage": "ingest", "message": w} for w in record.warnings]
    title, author, site = record.title, record.author, record.site
    published = iso_date(record.published)
    if record.html is not None and record.text is None:
        from narrascope.clean.extract import extract_html

        ex = extract_html(record.html, record.url)
        raw = ex.text
        title, author, site = title or ex.title, author or ex.author, site or ex.site
        title = strip_site(title, site)
        published = published or iso_date(ex.published)
        plain = False
    else:
        raw = record.text or ""
        plain = True
    filtered = filter_lines(_scrub(raw), title=title, infer_title=plain and not title,
                            find_author=author is None, find_date=plain and published is None)
    text = filtered.text
    return Cleaned(text=text, title=filtered.title, author=author or filtered.author, site=site,
                   published=published or filtered.published, language=detect_language(text) if text else "und",
                   removed=filtered.removed, errors=errors)


def strip_site(title: str | None, site: str | None) -> str | None:
    """'Headline | Site' or 'Site | Headline' -> 'Headline' when the site name is known."""
    if not title or not site:
        return title
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        head, _, tail = title.rpartition(sep)
        if head and tail.strip().lower() == site.strip().lower():
            return head.strip()
        head, _, tail = title.partition(sep)
        if tail and head.strip().lower() == site.strip().lower():
            return tail.strip()
    return title


def _scrub(text: str) -> str:
    """Drop NUL and other C0 control characters (never article text) but keep tabs/newlines."""
    if not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text[:100000]) and "\x00" not in text:
        return text
    return "".join(c for c in text if ord(c) >= 32 or c in "\t\n\r\f")


__all__ = ["Cleaned", "clean_record"]

"""Which reader an input needs: by file name first, else by its first bytes."""

from __future__ import annotations

import re

from narrascope.ingest.decode import binary_reason

SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
}
"""File name endings (a trailing .gz is looked through) and their readers."""

_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<p[\s>]|<div[\s>]", re.I)
_FEED = re.compile(rb"<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]", re.I)


def format_by_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    dot = lower.rfind(".")
    return SUFFIXES.get(lower[dot:]) if dot > lower.rfind("/") else None


def sniff_format(head: bytes) -> str | None:
    """Format from the first few KB (decompressed), or None for binary / unknown."""
    if head.startswith(b"WARC/"):
        return "warc"
    if binary_reason(head):
        return None
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _FEED.search(stripped[:2048]):
        return "feed"
    if _HTML.search(stripped[:4096]):
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "text"

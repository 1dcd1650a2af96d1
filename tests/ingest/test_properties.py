"""Property tests: no input makes a reader or the cleaning step raise (issue 9, item 6).

Bounded (max_examples 50-80, no deadline) so the module runs in seconds."""

from __future__ import annotations

import gzip
import io
import sys
import tempfile
from pathlib import Path

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrascope.clean import clean_record
from narrascope.ingest import read_inputs
from narrascope.ingest.decode import decode_bytes
from narrascope.ingest.record import Record

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".rss", ".atom", ".xml", ".txt.gz", ""]

# Text with the characters that break naive code: RTL marks and scripts, zero-width joiners,
# BOMs, combining marks, surrogates-free astral symbols, line and paragraph separators.
TRICKY = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202e",
                          "\u2066", "\u2069", "\ufeff", "\u0301", "\u2028", "\u2029", "\x85", "\r", "\n\n",
                          "שלום", "مرحبا", "سلام", "😀", "Font Size:", "Read more", "By Jane Doe", "\t", "\x00"])
TEXT = st.lists(st.one_of(st.text(max_size=40), TRICKY), max_size=40).map("".join)


def _check(records: list[Record]) -> None:
    for rec in records:
        assert isinstance(rec.key, str) and rec.key
        if rec.error:
            assert rec.error.startswith("[E0"), rec.error
            assert "\n" not in rec.error
        else:
            assert rec.text is not None or rec.html is not None
            cleaned = clean_record(rec)
            assert isinstance(cleaned.text, str) and isinstance(cleaned.language, str)


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES), gz=st.booleans())
def test_readers_never_raise_on_random_bytes(data, suffix, gz):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if gz and suffix.endswith(".gz") else data)
        _check(list(read_inputs([str(path), tmp], max_bytes=100_000)))


@SETTINGS
@given(lines=st.lists(st.one_of(st.binary(max_size=80), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                                st.sampled_from([b'{"text": "x"}', b'{"html": "<p>x</p>"}', b"[]", b'{"text": 5}',
                                                 b"{", b'{"text": "' + b"a" * 300 + b'"}'])), max_size=12))
def test_jsonl_reader_never_raises(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.jsonl"
        path.write_bytes(b"\n".join(lines))
        records = list(read_inputs([str(path)], max_bytes=200))
        _check(records)
        assert len({r.key for r in records}) == len(records)


@SETTINGS
@given(data=st.binary(max_size=3000), prefix=st.sampled_from([b"", b"WARC/1.0\r\n", b"WARC/1.1\r\nWARC-Type: response\r\n"]))
def test_warc_reader_never_raises(data, prefix):
    with tempfile.TemporaryDirectory() as tmp:
        for name, body in (("a.warc", prefix + data), ("b.warc.gz", gzip.compress(prefix + data)[: 10 + len(data)])):
            path = Path(tmp) / name
            path.write_bytes(body)
            _check(list(read_inputs([str(path)])))


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_stdin_never_raises(data):
    old = sys.stdin
    try:
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))
        _check(list(read_inputs(["-"], max_bytes=1000)))
    finally:
        sys.stdin = old


@settings(max_examples=40, deadline=None)
@given(body=st.binary(max_size=2000), ctype=st.sampled_from(["text/html", "text/plain", "application/rss+xml",
                                                             "application/octet-stream", "application/x-ndjson",
                                                             "text/html; charset=bogus-charset", ""]),
       status=st.sampled_from([200, 200, 200, 301, 404, 500]))
def test_url_reader_never_raises(body, ctype, status):
    def handler(request):
        return httpx.Response(status, headers={"Content-Type": ctype} if ctype else {}, content=body)

    real = httpx.Client
    httpx.Client = lambda **kw: real(transport=httpx.MockTransport(handler), **kw)
    try:
        _check(list(read_inputs(["http://example.test/page"], max_bytes=1500, timeout=1)))
    finally:
        httpx.Client = real


@SETTINGS
@given(data=st.binary(max_size=2000), markup=st.booleans(), declared=st.sampled_from([None, "utf-8", "cp1252", "nonsense"]))
def test_decode_never_raises(data, markup, declared):
    out = decode_bytes(data, "x", declared=declared, markup=markup)
    assert isinstance(out.text, str)
    assert out.error is None or (out.error.startswith("[E0") and out.text == "")


HTML_TAGS = st.sampled_from(["p", "div", "article", "h1", "span", "script", "style", "table", "li", "br", "a", "main"])


@st.composite
def random_html(draw):
    parts = ["<html>" if draw(st.booleans()) else "", "<head><title>" + draw(TEXT) + "</title></head>" if draw(st.booleans()) else ""]
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(HTML_TAGS)
        parts.append(f"<{tag}>{draw(TEXT)}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(parts)


@SETTINGS
@given(html=random_html())
def test_clean_random_html(html):
    cleaned = clean_record(Record(source="r.html", format="html", html=html))
    assert isinstance(cleaned.text, str)
    for item in cleaned.removed:
        assert item["reason"] in {"boilerplate", "byline", "title", "duplicate"}


@SETTINGS
@given(text=TEXT, title=st.one_of(st.none(), TEXT))
def test_clean_random_unicode_text(text, title):
    cleaned = clean_record(Record(source="r.txt", format="text", text=text, title=title))
    assert isinstance(cleaned.text, str)
    assert "\x00" not in cleaned.text
    scrubbed = "".join(c for c in text if ord(c) >= 32 or c in "\t\n\r\f")
    source_lines = {line.strip() for line in scrubbed.replace("\r\n", "\n").replace("\r", "\n").split("\n")}
    for line in cleaned.text.split("\n"):
        assert not line.strip() or line.strip() in source_lines  # lines are cut, never rewritten
    for item in cleaned.removed:
        assert item["text"] and item["reason"] in {"boilerplate", "byline", "title", "duplicate"}


@st.composite
def random_feed(draw):
    from xml.sax.saxutils import escape

    kind = draw(st.sampled_from(["rss", "atom"]))
    items = []
    for i in range(draw(st.integers(0, 4))):
        title, body, date = (escape(draw(TEXT).replace("\x00", "")) for _ in range(3))
        guid = draw(st.sampled_from([f"id{i}", "same", ""]))
        if kind == "rss":
            items.append(f"<item><title>{title}</title><guid>{guid}</guid><pubDate>{date}</pubDate>"
                         f"<description>{body}</description></item>")
        else:
            items.append(f"<entry><title>{title}</title><id>{guid}</id><updated>{date}</updated>"
                         f"<content type='html'>{body}</content></entry>")
    inner = "".join(items)
    if kind == "rss":
        return f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{inner}</channel></rss>"
    return f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>{inner}</feed>"


@SETTINGS
@given(feed=random_feed(), cut=st.integers(0, 400))
def test_feed_reader_never_raises(feed, cut):
    with tempfile.TemporaryDirectory() as tmp:
        whole, truncated = Path(tmp) / "f.rss", Path(tmp) / "g.atom"
        whole.write_text(feed, "utf-8", errors="surrogatepass")
        truncated.write_bytes(feed.encode("utf-8", "surrogatepass")[:cut])
        records = list(read_inputs([str(whole), str(truncated)]))
        _check(records)
        keys = [r.key for r in records]
        assert len(keys) == len(set(keys)), "entry keys must be unique (duplicate guids are numbered)"

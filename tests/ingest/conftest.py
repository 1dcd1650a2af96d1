"""Fixtures for reader tests: a local HTTP server (127.0.0.1 only) and input builders."""

from __future__ import annotations

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Gunmen attack shrine in Shiraz | Example News</title>
<meta property="og:title" content="Gunmen attack shrine in Shiraz">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2023-08-13T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Gunmen attack shrine in Shiraz</h1>
<p>An armed man opened fire at the Shah Cheragh shrine in the southern Iranian city of Shiraz on Sunday,
killing at least two people and wounding seven others, state media reported.</p>
<p>The attacker was arrested at the scene, the provincial governor said in a statement broadcast on
state television. Officials did not say who they believed was behind the attack.</p>
<p>It was the second attack on the shrine in less than a year. The Islamic State group claimed
responsibility for an attack there in October that killed more than a dozen worshippers.</p>
<p>Read more</p>
<p>Share this article</p>
</article>
<footer><p>Back to top button</p><p>Copyright 2023 Example News. All rights reserved.</p></footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Feed</title><link>http://example.com/</link>
<item><title>Clashes in Zahedan</title><link>http://example.com/a1</link><guid>a1</guid>
<pubDate>Fri, 30 Sep 2022 12:00:00 GMT</pubDate>
<description>&lt;p&gt;Security forces opened fire on protesters in Zahedan after Friday prayers, rights groups said.&lt;/p&gt;</description></item>
<item><title>Second story</title><link>http://example.com/a2</link><guid>a2</guid>
<pubDate>Sat, 01 Oct 2022 08:30:00 GMT</pubDate>
<description>Protests continued for a third week in several cities, witnesses told reporters.</description></item>
</channel></rss>"""


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes, float]] = {}

    def do_GET(self):  # noqa: N802 - http.server API
        status, ctype, body, delay = self.routes.get(self.path, (404, "text/plain", b"not found", 0.0))
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def http_server():
    """Base URL of a local server; routes: /article, /feed, /text, /slow (sleeps 3 s),
    /big (3 MB), /missing (404), /ua (echoes nothing; records the User-Agent)."""
    routes = {
        "/article": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"), 0.0),
        "/feed": (200, "application/rss+xml", RSS.encode("utf-8"), 0.0),
        "/text": (200, "text/plain; charset=utf-8", ("Plain text from a server. " * 20).encode(), 0.0),
        "/slow": (200, "text/html", ARTICLE_HTML.encode(), 3.0),
        "/big": (200, "text/html", b"<html><body>" + b"<p>word </p>" * 300_000 + b"</body></html>", 0.0),
        "/gone": (410, "text/plain", b"gone", 0.0),
    }
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def make_warc(records: list[tuple[str, str, bytes]], gzip: bool = True) -> bytes:
    """WARC bytes with one response record per (url, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for url, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(req)
    return buf.getvalue()


@pytest.fixture(scope="session")
def article_html() -> str:
    return ARTICLE_HTML


@pytest.fixture(scope="session")
def rss_feed() -> str:
    return RSS


@pytest.fixture(scope="session")
def warc_bytes():
    return make_warc

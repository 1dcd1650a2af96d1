"""Each reader on real inputs: records, keys, formats, metadata."""

from __future__ import annotations

import gzip
import io
import json
import sys

from narrascope.clean import clean_record
from narrascope.ingest import read_inputs
from narrascope.ingest.dispatch import walk


def _read(*inputs, **kw):
    return list(read_inputs([str(i) for i in inputs], **kw))


def test_text_file_record(examples_dir):
    path = examples_dir / "isis-attacks-on-iran-regime-reflect.txt"
    [rec] = _read(path)
    assert rec.error is None and rec.format == "text"
    assert rec.key == str(path)
    assert rec.text.startswith("ISIS Attacks On Iran")


def test_html_file_extracts_text_and_metadata(tmp_path, article_html):
    path = tmp_path / "shiraz.html"
    path.write_text(article_html, "utf-8")
    [rec] = _read(path)
    assert rec.format == "html" and rec.html and rec.error is None
    c = clean_record(rec)
    assert c.title == "Gunmen attack shrine in Shiraz"
    assert c.author == "Jane Doe"
    assert c.published == "2023-08-13"
    assert c.site == "Example News"
    assert "Shah Cheragh shrine" in c.text
    assert "Read more" not in c.text and "Share this article" not in c.text
    assert "Gunmen attack shrine in Shiraz" not in c.text  # title not repeated in the body
    assert c.language == "en"


def test_html_gz_and_sniffed_extensionless_html(tmp_path, article_html):
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(article_html.encode()))
    bare = tmp_path / "page"
    bare.write_text(article_html, "utf-8")
    recs = _read(gz, bare)
    assert [r.format for r in recs] == ["html", "html"]
    assert all(r.error is None for r in recs)


def test_jsonl_lines_keys_and_metadata(tmp_path, article_html):
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"text": "Protesters marched in Tehran on Saturday. " * 5, "url": "http://x/1", "title": "March",
                    "published": "2022-10-01T09:00:00Z", "author": "A. Writer", "site": "X News"}),
        "",
        json.dumps({"html": article_html, "url": "http://x/2"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    recs = _read(path)
    assert [r.key for r in recs] == [f"{path}#line-1", f"{path}#line-3"]
    first, second = recs
    assert first.text and first.title == "March" and first.author == "A. Writer" and first.site == "X News"
    assert clean_record(first).published == "2022-10-01"
    assert second.html and second.url == "http://x/2" and second.format == "jsonl"
    assert second.input_obj()["url"] == "http://x/2"
    assert clean_record(second).title == "Gunmen attack shrine in Shiraz"


def test_jsonl_streams_without_reading_whole_file(tmp_path):
    path = tmp_path / "many.jsonl"
    with path.open("w") as fh:
        for i in range(5000):
            fh.write(json.dumps({"text": f"Document number {i} about events."}) + "\n")
    it = read_inputs([str(path)])
    first = next(it)
    assert first.key.endswith("#line-1")
    assert sum(1 for _ in it) == 4999


def test_warc_response_html_records(tmp_path, article_html, warc_bytes):
    data = warc_bytes([("http://example.com/a", "text/html; charset=utf-8", article_html.encode()),
                       ("http://example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
                       ("http://example.com/b", "text/html", article_html.replace("Shiraz", "Ahvaz").encode())])
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    recs = _read(path)
    assert [r.url for r in recs] == ["http://example.com/a", "http://example.com/b"]  # image and requests skipped
    assert all(r.format == "warc" and r.html and r.error is None for r in recs)
    assert all(r.key.startswith(f"{path}#<urn:uuid:") for r in recs)
    assert len({r.key for r in recs}) == 2
    assert "Ahvaz" in clean_record(recs[1]).text
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress(data))
    assert [r.key.split("#")[1] for r in _read(plain)] == [r.key.split("#")[1] for r in recs]


def test_rss_and_atom_feed_entries(tmp_path, rss_feed):
    rss = tmp_path / "feed.rss"
    rss.write_text(rss_feed, "utf-8")
    atom = tmp_path / "feed.atom"
    atom.write_text("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title><id>urn:feed</id>
<entry><title>Blast in Kerman</title><id>urn:e1</id><link href="http://example.org/e1"/>
<published>2024-01-03T15:00:00Z</published><updated>2024-01-03T15:00:00Z</updated>
<content type="html">&lt;p&gt;Two explosions struck a memorial ceremony in Kerman, killing dozens, officials said.&lt;/p&gt;</content>
</entry></feed>""", "utf-8")
    recs = _read(rss, atom)
    assert [r.key for r in recs] == [f"{rss}#a1", f"{rss}#a2", f"{atom}#urn:e1"]
    assert recs[0].title == "Clashes in Zahedan" and recs[0].published == "2022-09-30"
    assert recs[0].url == "http://example.com/a1" and recs[0].site == "Example Feed"
    c = clean_record(recs[0])
    assert "Zahedan" in c.text and c.title == "Clashes in Zahedan"
    assert recs[2].published == "2024-01-03" and "Kerman" in clean_record(recs[2]).text


def test_directory_recursive_by_type(tmp_path, article_html):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_text(article_html)
    (tmp_path / "a.txt").write_text("A headline\n\nSome text about a bombing in the city centre.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("not mine")
    assert [p.name for p in walk(tmp_path)] == ["a.txt", "two.html"]
    recs = _read(tmp_path)
    assert [r.format for r in recs] == ["text", "html"]


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Headline here\n\nBody text of the story.\n".encode())))
    [rec] = _read("-")
    assert rec.key == "stdin" and rec.text.startswith("Headline here")
    lines = "\n".join(json.dumps({"text": f"story {i} " * 10}) for i in range(3)) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    recs = _read("-")
    assert [r.key for r in recs] == ["stdin#line-1", "stdin#line-2", "stdin#line-3"]
    assert all(r.text for r in recs)


def test_url_html_feed_and_text(http_server):
    recs = _read(f"{http_server}/article", f"{http_server}/feed", f"{http_server}/text", timeout=5)
    assert [r.format for r in recs] == ["html", "feed", "feed", "text"]
    assert recs[0].key == f"{http_server}/article" and recs[0].url == recs[0].key
    assert clean_record(recs[0]).title == "Gunmen attack shrine in Shiraz"
    assert recs[1].key == f"{http_server}/feed#a1"
    assert all(r.error is None for r in recs)


def test_url_sends_user_agent(monkeypatch):
    import httpx

    from narrascope.ingest import url as url_mod

    seen = {}

    def handler(request):
        seen["ua"] = request.headers.get("user-agent")
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, content=b"hello there world")

    real_client = httpx.Client
    monkeypatch.setattr(httpx, "Client", lambda **kw: real_client(transport=httpx.MockTransport(handler), **kw))
    body, _, error = url_mod.fetch("http://example.test/x", max_bytes=1000, timeout=1)
    assert error is None and body == b"hello there world"
    assert seen["ua"].startswith("narrascope/")

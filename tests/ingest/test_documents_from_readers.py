"""Records from every reader become schema-valid base documents (before the NLP layers)."""

from __future__ import annotations

import json

from narrascope.analysis import prepare
from narrascope.ingest import read_inputs
from narrascope.schema import validation_errors


def test_every_reader_gives_valid_documents(tmp_path, article_html, rss_feed, warc_bytes):
    (tmp_path / "a.html").write_text(article_html)
    (tmp_path / "b.jsonl").write_text(json.dumps({"html": article_html, "url": "http://x/b", "published": "13 August 2023"}) + "\n")
    (tmp_path / "c.rss").write_text(rss_feed)
    (tmp_path / "d.warc.gz").write_bytes(warc_bytes([("http://x/d", "text/html", article_html.encode())]))
    (tmp_path / "e.txt").write_bytes("Caf\xe9 bombing kills three\n\nThree people were killed when a bomb exploded "
                                     "in a caf\xe9 in the city centre, police said.\n".encode("cp1252"))
    formats = set()
    for rec in read_inputs([str(tmp_path)]):
        assert rec.error is None, rec.error
        prepared = prepare(rec)
        assert isinstance(prepared, tuple), prepared
        out, doc = prepared
        assert out.key == rec.key
        assert validation_errors(doc) == [], (rec.key, validation_errors(doc))
        formats.add(doc["input"]["format"])
        if rec.format == "text":
            assert doc["title"] == "Café bombing kills three" and doc["text"].startswith("Three people")
        if rec.format in ("html", "jsonl", "warc"):
            assert doc["title"] == "Gunmen attack shrine in Shiraz"
            assert doc["published"] == "2023-08-13"
    assert formats == {"text", "html", "jsonl", "warc", "feed"}

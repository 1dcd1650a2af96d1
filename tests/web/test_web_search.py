"""Full-text search and the facet index, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import demo_layers
from narrascope.document import base_document
from narrascope.store import search as fts


def _doc(text: str, **kw):
    doc = base_document(text=text, input_obj={"format": "text", "path": "t.txt", "record": None}, **kw)
    return doc


def _save(store, doc, key):
    store.save_document(doc, run_id=None, key=key, source=key, record=None, fmt="text")


def test_search_both_dialects(store):
    a = _doc("A bomb exploded near the Shah Cheragh shrine in Shiraz, killing pilgrims.", title="Shrine attack")
    b = _doc("Protesters gathered in Tehran after the death of Mahsa Amini.", title="Protests")
    _save(store, a, "a")
    _save(store, b, "b")
    assert fts.ensure_index(store.engine, force=True) == 2
    hits = fts.search(store.engine, "shrine pilgrims")
    assert [h["doc_id"] for h in hits] == [a["id"]]
    assert "<mark>" in hits[0]["snippet_html"]
    assert fts.count_matches(store.engine, "Tehran") == 1
    # stemming: "protest" finds "Protesters"? porter/english both stem protesters -> protest
    assert [h["doc_id"] for h in fts.search(store.engine, "protest")] == [b["id"]]
    # FTS syntax and SQL in a query are only words
    for q in ['"; DROP TABLE documents; --', "shrine OR 1=1", "NEAR(shrine", "*", "shrine) OR (x"]:
        fts.search(store.engine, q)
    assert store.count_documents() == 2
    assert fts.search(store.engine, "") == [] and fts.search(store.engine, "!!!") == []
    # a new document is indexed on the next forced check
    c = _doc("Gunmen attacked a shrine in Iraq.", title="Another shrine")
    _save(store, c, "c")
    assert fts.ensure_index(store.engine, force=True) == 1
    assert {h["doc_id"] for h in fts.search(store.engine, "shrine")} == {a["id"], c["id"]}


def test_snippet_is_escaped(store):
    d = _doc('The shrine <script>alert(1)</script> "><img src=x onerror=alert(2)> attack.', title="<b>t</b>")
    _save(store, d, "d")
    hits = fts.search(store.engine, "shrine")
    assert hits and "<script" not in hits[0]["snippet_html"] and "<img" not in hits[0]["snippet_html"]
    # escaped (SQLite) or dropped as a tag token by ts_headline (PostgreSQL), never markup
    assert "&lt;img" in hits[0]["snippet_html"]


def test_document_rows_from_layers():
    text = "Iran said ISIS attacked the shrine. Sources told Al-Hadath it was planned."
    doc = _doc(text)
    t = demo_layers.Text(text)
    doc["entities"] = [dict(t.span("Iran"), id="e1", label="GPE", kb_id="Q794", name="Iran", type="state"),
                       dict(t.span("ISIS"), id="e2", label="ORG", kb_id="Q2429253", name="Islamic State", type="armed_group"),
                       dict(t.span("Al-Hadath"), id="e3", label="ORG", kb_id=None, name=None, type=None)]
    doc["attributions"] = [{"id": "a1", "kind": "indirect", "source": t.span("Iran"), "cue": t.span("said"),
                            "content": t.span("ISIS attacked the shrine"), "source_entity": "e1", "source_type": "named_organization"},
                           {"id": "a2", "kind": "indirect", "source": t.span("Sources"), "cue": t.span("told"),
                            "content": t.span("it was planned"), "source_entity": None, "source_type": "anonymous"}]
    doc["claims"] = [dict(t.span("ISIS attacked the shrine"), id="c1", asserted_by="a1", status="reported", cues=[], checkworthy=0.5)]
    doc["events"] = [{"id": "v1", "type": "attack", "trigger": t.span("attacked"), "evidence": [t.sentence("ISIS attacked")],
                      "perpetrators": [dict(t.span("ISIS"), entity="e2", name="Islamic State", kind="organization")],
                      "targets": [dict(t.span("the shrine"), entity=None, name=None, kind="physical")],
                      "responsibility": [{"claimant": "Islamic State", "status": "accused", "announced_by": None,
                                          "attributed_by": "Iran", "attribution_id": "a1"}], "attribution_ids": ["a1"]}]
    doc["rhetoric"] = [dict(t.span("planned"), id="r1", technique="doubt", score=0.5)]
    rows = fts.document_rows(doc)
    actors = {r["value"]: r for r in rows["facets"] if r["facet"] == "actor"}
    assert set(actors) == {"Q794", "Q2429253", "al-hadath"}
    assert [r["value"] for r in rows["facets"] if r["facet"] == "technique"] == ["doubt"]
    cites = {r["attribution_id"]: r for r in rows["citations"]}
    assert cites["a1"]["source_name"] == "Iran" and cites["a1"]["claims"] == 1 and cites["a1"]["events"] == 1
    assert cites["a2"]["source_type"] == "anonymous"
    rels = {(r["source_name"], r["relation"], r["target_name"]) for r in rows["relations"]}
    assert ("Iran", "accuses", "Islamic State") in rels
    assert not any(r["relation"] == "attacks" for r in rows["relations"])  # physical targets are not actors

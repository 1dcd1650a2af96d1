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


def _layered(text: str, technique: str, **kw):
    doc = _doc(text, **kw)
    t = demo_layers.Text(text)
    doc["entities"] = [dict(t.span("Iran"), id="e1", label="GPE", kb_id="Q794", name="Iran", type="state"),
                       dict(t.span("ISIS"), id="e2", label="ORG", kb_id="Q2429253", name="Islamic State",
                            type="armed_group")]
    doc["rhetoric"] = [dict(t.span("shrine"), id="r1", technique=technique, score=0.5)]
    return doc


def _totals(store) -> dict:
    from sqlalchemy import select

    t = fts.facet_totals.c
    with store.engine.connect() as conn:
        return {(r.facet, r.value): (r.label, r.docs) for r in conn.execute(select(t.facet, t.value, t.label, t.docs))}


def _counted(store) -> dict:
    from sqlalchemy import func, select

    f = fts.facets.c
    with store.engine.connect() as conn:
        return {(r.facet, r.value): r.n for r in conn.execute(
            select(f.facet, f.value, func.count().label("n")).group_by(f.facet, f.value))}


def test_facet_totals_follow_the_index(store):
    """The per-value totals written at index time equal a count over `ns_facets` after adding,
    re-indexing and forgetting documents, and are rebuilt for an index made before they existed."""
    from narrascope.web import queries

    a = _layered("Iran said ISIS attacked the shrine.", "doubt", title="A")
    b = _layered("ISIS denied Iran's account of the shrine.", "loaded_language", title="B")
    _save(store, a, "a")
    _save(store, b, "b")
    fts.ensure_index(store.engine, force=True)
    totals = _totals(store)
    assert {k: v[1] for k, v in totals.items()} == _counted(store)
    assert totals[("actor", "Q794")] == ("Iran", 2) and totals[("technique", "doubt")] == ("doubt", 1)
    fts.reindex(store.engine, [a["id"]])  # forgotten: subtracted, and a value left with no document is gone
    assert ("technique", "doubt") not in _totals(store)
    assert _totals(store)[("actor", "Q794")][1] == 1
    fts.ensure_index(store.engine, force=True)  # re-added
    assert {k: v[1] for k, v in _totals(store).items()} == _counted(store)
    with store.engine.begin() as conn:  # an index from before the totals table: filled from ns_facets
        conn.execute(fts.facet_totals.delete())
    fts.pending(store.engine)
    assert {k: v[1] for k, v in _totals(store).items()} == _counted(store)
    # dashboard facet lists: whole corpus from the totals, a filter from the rows (same shape)
    with store.session() as s:
        whole = queries.facet_counts(s, queries.Filters())
        assert {r["value"]: r["n"] for r in whole["actor"]} == {"Q794": 2, "Q2429253": 2}
        assert {r["value"]: r["label"] for r in whole["actor"]}["Q2429253"] == "Islamic State"
        with queries.scoped(s, queries.Filters(technique="doubt")) as f:
            assert f.scope is not None and f.active() == {"technique": "doubt"}
            part = queries.facet_counts(s, f)
            assert {r["value"]: r["n"] for r in part["technique"]} == {"doubt": 1}
            assert {r["value"]: r["n"] for r in part["actor"]} == {"Q794": 1, "Q2429253": 1}
            assert queries.overview(s, f)["documents"] == 1
        with queries.scoped(s, queries.Filters(actor="Q794")) as f:  # matches every document: no restriction
            assert f.active() == {} and queries.overview(s, f)["documents"] == 2
        with queries.scoped(s, queries.Filters(actor="nobody")) as f:
            assert queries.overview(s, f)["documents"] == 0 and queries.facet_counts(s, f)["actor"] == []

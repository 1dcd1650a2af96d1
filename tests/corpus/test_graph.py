"""Actor graph: canonical actors across documents, relations with evidence and asserting sources."""

from __future__ import annotations

from narrascope.corpus.build import corpus_from_documents
from narrascope.corpus.relation_cues import Mention, find_relations

SENTENCE = ("There is close cooperation between Hezbollah, the Iranian Revolutionary Guard, and the terrorist "
            "organization ISIS on Syrian territory. The NCRI condemned the attack. The regime raised allegations "
            "against its main opposition, the PMOI.")


def _entity(text, eid, surface, name, kb_id, etype, label="ORG", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {"id": eid, "text": surface, "start": start, "end": start + len(surface), "label": label,
            "kb_id": kb_id, "name": name, "type": etype}


def _demo_doc(mkdoc, ev, text=SENTENCE, site="Outlet A"):
    entities = [
        _entity(text, "e1", "Hezbollah", "Hezbollah", "Q133036", "armed_group"),
        _entity(text, "e2", "Iranian Revolutionary Guard", "Islamic Revolutionary Guard Corps", "irgc", "security_force"),
        _entity(text, "e3", "ISIS", "Islamic State", "Q2429253", "armed_group"),
        _entity(text, "e4", "Syrian", None, None, None, label="NORP"),
        _entity(text, "e5", "NCRI", "National Council of Resistance of Iran", "ncri", "opposition_group"),
        _entity(text, "e6", "regime", "Government of Iran", "iran-government", "state"),
        _entity(text, "e7", "PMOI", "People's Mojahedin Organization of Iran", "mek", "opposition_group"),
    ]
    attack_at = text.index("the attack")
    event = ev("v1", date="2017-06-07", place="Tehran", perps=("Islamic State",), targets=("the parliament",),
               responsibility=({"claimant": "ISIS", "status": "claimed"},))
    event["evidence"] = [{"text": text[attack_at:attack_at + 10], "start": attack_at, "end": attack_at + 10}]
    return mkdoc([event], text=text, entities=entities, site=site)


def test_between_cue_relates_actors_pairwise_not_places():
    text = SENTENCE
    mentions = [Mention(text.index(s), text.index(s) + len(s), key) for s, key in
                (("Hezbollah", "hez"), ("Iranian Revolutionary Guard", "irgc"), ("ISIS", "isis"))]
    rels = [r for r in find_relations(text, mentions) if r["relation"] == "cooperates_with"]
    assert {(r["source"], r["target"]) for r in rels} == {("hez", "irgc"), ("hez", "isis"), ("irgc", "isis")}
    assert all(text[r["start"]:r["end"]].startswith("There is close cooperation") for r in rels)


def test_graph_relations_with_evidence_and_sources(mkdoc, ev):
    doc = _demo_doc(mkdoc, ev)
    corpus = corpus_from_documents([doc])
    actors = {a["id"]: a for a in corpus["actors"]}
    assert "name:syrian" not in actors  # a nationality adjective is not an actor
    assert actors["Q2429253"]["mentions"] == {doc["id"]: 1}
    rels = {(a["id"], r["relation"], r["target"]) for a in corpus["actors"] for r in a["relations"]}
    cluster = corpus["event_clusters"][0]["id"]
    assert ("Q133036", "cooperates_with", "irgc") in rels
    assert ("ncri", "condemns", cluster) in rels  # "condemned the attack": the event, not an actor
    assert ("iran-government", "accuses", "mek") in rels
    assert ("Q2429253", "claims_responsibility_for", cluster) in rels
    edge = next(r for r in actors["ncri"]["relations"] if r["relation"] == "condemns")
    ev0 = edge["evidence"][0]
    assert doc["text"][ev0["start"]:ev0["end"]] == ev0["text"] == "The NCRI condemned the attack."
    assert edge["asserted_by"][0]["source"] == "author"


def test_actors_merge_across_documents(mkdoc, ev):
    one = _demo_doc(mkdoc, ev)
    two = _demo_doc(mkdoc, ev, text=SENTENCE + " More words here.", site="Outlet B")
    corpus = corpus_from_documents([one, two])
    isis = next(a for a in corpus["actors"] if a["id"] == "Q2429253")
    assert set(isis["mentions"]) == {one["id"], two["id"]}
    coop = next(r for r in next(a for a in corpus["actors"] if a["id"] == "Q133036")["relations"]
                if r["target"] == "irgc")
    assert {a["doc_id"] for a in coop["asserted_by"]} == {one["id"], two["id"]}


def test_sources_back_claims_and_event_versions(mkdoc, ev):
    doc = _demo_doc(mkdoc, ev)
    doc["attributions"] = [{"id": "a1", "kind": "indirect", "source": {"text": "state TV", "start": 0, "end": 8},
                            "cue": {"text": "said", "start": 0, "end": 4}, "content": {"text": "x", "start": 0, "end": 1},
                            "source_entity": None, "source_type": "media"}]
    doc["claims"] = [{"id": "c1", "asserted_by": "a1"}, {"id": "c2", "asserted_by": "author"}]
    doc["events"][0]["attribution_ids"] = ["a1"]
    corpus = corpus_from_documents([doc])
    by_id = {s["id"]: s for s in corpus["sources"]}
    tv, outlet = by_id["cited:state tv"], by_id["outlet:outlet a"]
    assert tv["claims"] == [[doc["id"], "c1"]] and outlet["claims"] == [[doc["id"], "c2"]]
    assert tv["events"] == [[doc["id"], "v1", corpus["event_clusters"][0]["id"]]]

"""Corpus exporters: `narrascope export --what corpus|actors|clusters|contradictions|sources`.

Each links the store's not-yet-linked documents first (incremental), then writes:
`corpus` as JSON (`json`, or one line with `jsonl`), the actor graph as GraphML (for Gephi),
and the tables as CSV.
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from narrascope.export import exporter
from narrascope.store import Store


def corpus_of_store(store: Store) -> dict[str, Any]:
    from narrascope.corpus.build import corpus_of_store as build

    return build(store)


@exporter("corpus", "json")
def export_corpus_json(store: Store, out: TextIO) -> int:
    corpus = corpus_of_store(store)
    json.dump(corpus, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(corpus["event_clusters"])


@exporter("corpus", "jsonl")
def export_corpus_jsonl(store: Store, out: TextIO) -> int:
    corpus = corpus_of_store(store)
    out.write(json.dumps(corpus, ensure_ascii=False) + "\n")
    return len(corpus["event_clusters"])


def write_graphml(corpus: dict[str, Any], out: TextIO) -> int:
    """Actors (and the event clusters relations point at) as nodes, relations as edges."""
    nodes: dict[str, dict[str, Any]] = {}
    for actor in corpus["actors"]:
        nodes[actor["id"]] = {"label": actor["name"] or actor["id"], "kind": "actor", "type": actor["type"] or "",
                              "mentions": sum(actor["mentions"].values())}
    clusters = {c["id"]: c for c in corpus["event_clusters"]}
    edges = []
    for actor in corpus["actors"]:
        for rel in actor["relations"]:
            if rel["target"] not in nodes:
                c = clusters.get(rel["target"], {})
                loc = (c.get("location") or {}).get("name") or ""
                date = (c.get("date") or {}).get("value") or ""
                nodes[rel["target"]] = {"label": " ".join(x for x in (c.get("type", "event"), loc, date) if x),
                                        "kind": rel["target_kind"], "type": c.get("type", ""), "mentions": 0}
            edges.append((actor["id"], rel))
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
              '  <key id="label" for="node" attr.name="label" attr.type="string"/>\n'
              '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>\n'
              '  <key id="type" for="node" attr.name="type" attr.type="string"/>\n'
              '  <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>\n'
              '  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>\n'
              '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n'
              '  <key id="documents" for="edge" attr.name="documents" attr.type="string"/>\n'
              '  <key id="asserted_by" for="edge" attr.name="asserted_by" attr.type="string"/>\n'
              '  <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>\n'
              '  <graph id="actors" edgedefault="directed">\n')
    for nid, node in nodes.items():
        out.write(f"    <node id={quoteattr(nid)}>")
        for key in ("label", "kind", "type", "mentions"):
            out.write(f'<data key="{key}">{escape(str(node[key]))}</data>')
        out.write("</node>\n")
    for i, (src, rel) in enumerate(edges):
        docs = sorted({e["doc_id"] for e in rel["evidence"]} | {a["doc_id"] for a in rel["asserted_by"]})
        who = sorted({a["source"] for a in rel["asserted_by"]})
        evidence = " | ".join(e["text"] for e in rel["evidence"][:3])
        out.write(f'    <edge id="e{i}" source={quoteattr(src)} target={quoteattr(rel["target"])}>'
                  f'<data key="relation">{escape(rel["relation"])}</data>'
                  f'<data key="weight">{max(1, len(rel["evidence"]))}</data>'
                  f'<data key="documents">{escape(";".join(docs))}</data>'
                  f'<data key="asserted_by">{escape(";".join(who))}</data>'
                  f'<data key="evidence">{escape(evidence)}</data></edge>\n')
    out.write("  </graph>\n</graphml>\n")
    return len(edges)


@exporter("corpus", "graphml")
def export_corpus_graphml(store: Store, out: TextIO) -> int:
    return write_graphml(corpus_of_store(store), out)


@exporter("actors", "graphml")
def export_actors_graphml(store: Store, out: TextIO) -> int:
    return write_graphml(corpus_of_store(store), out)


def _csv(out: TextIO, header: list[str], rows: list[list[Any]]) -> int:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return len(rows)


def cluster_rows(corpus: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for c in corpus["event_clusters"]:
        date, loc = c.get("date") or {}, c.get("location") or {}
        dups = {d for d, _o in c.get("duplicates") or []}
        for doc_id, event_id in c["events"]:
            rows.append([c["id"], c["type"], date.get("value"), date.get("end"), loc.get("name"),
                         loc.get("admin1"), loc.get("country"), c["documents"], c.get("score"),
                         doc_id, event_id, "yes" if doc_id in dups else ""])
    return rows


def contradiction_rows(corpus: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for i, con in enumerate(corpus["contradictions"], 1):
        for v in con["values"]:
            rows.append([i, con["cluster_id"], con["slot"], v["doc_id"], v["event_id"],
                         json.dumps(v["value"], ensure_ascii=False), v["asserted_by"], v.get("site")])
    return rows


def source_rows(corpus: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for s in corpus["sources"]:
        dups = set(s["duplicate_documents"])
        for (doc_id, claim_id), klass in zip(s["claims"], s["claim_cue_classes"]):
            rows.append([s["id"], s["name"], s["type"], "claim", doc_id, claim_id, None, klass,
                         "yes" if doc_id in dups else ""])
        for (doc_id, event_id, cluster), klass in zip(s["events"], s["event_cue_classes"]):
            rows.append([s["id"], s["name"], s["type"], "event", doc_id, event_id, cluster, klass,
                         "yes" if doc_id in dups else ""])
    return rows


@exporter("clusters", "csv")
def export_clusters_csv(store: Store, out: TextIO) -> int:
    return _csv(out, ["cluster_id", "type", "date", "date_end", "place", "admin1", "country", "documents",
                      "score", "doc_id", "event_id", "duplicate"], cluster_rows(corpus_of_store(store)))


@exporter("contradictions", "csv")
def export_contradictions_csv(store: Store, out: TextIO) -> int:
    return _csv(out, ["contradiction", "cluster_id", "slot", "doc_id", "event_id", "value", "asserted_by", "site"],
                contradiction_rows(corpus_of_store(store)))


@exporter("sources", "csv")
def export_sources_csv(store: Store, out: TextIO) -> int:
    return _csv(out, ["source_id", "name", "type", "backs", "doc_id", "item_id", "cluster_id", "cue_class",
                      "duplicate"],
                source_rows(corpus_of_store(store)))

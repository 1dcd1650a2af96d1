"""The corpus object of document-v1: `{event_clusters, contradictions, actors, sources}`.

`corpus_object(documents, linker)` makes it from documents (any iterable, read once; only the
documents of clusters with several reports are kept in memory, without their text) and a
linker holding their clusters (`link_documents` in memory, `persist.load_linker` from a store).
"""

from __future__ import annotations

from typing import Any, Iterable

from narrascope.corpus.contradictions import find_contradictions
from narrascope.corpus.graph import ActorGraph
from narrascope.corpus.linking import Linker
from narrascope.corpus.sources import SourceMatrix

_KEEP = ("id", "site", "author", "title", "entities", "attributions", "events", "near_duplicate_of")


def corpus_object(documents: Iterable[dict[str, Any]], linker: Linker) -> dict[str, Any]:
    clusters = linker.cluster_dicts()
    cluster_of = linker.assignments()
    shared = {d for c in clusters if c["documents"] > 1 for d, _e in c["events"]}
    graph, matrix = ActorGraph(), SourceMatrix()
    kept: dict[str, dict[str, Any]] = {}
    for doc in documents:
        dup = linker.duplicates.get(doc["id"])
        if dup and not doc.get("near_duplicate_of"):
            doc = dict(doc, _duplicate_of=dup)
        graph.add_document(doc, cluster_of)
        matrix.add_document(doc, cluster_of)
        if doc["id"] in shared:
            kept[doc["id"]] = {k: doc.get(k) for k in _KEEP}
    return {
        "event_clusters": clusters,
        "contradictions": find_contradictions(clusters, kept.get),
        "actors": graph.to_list(),
        "sources": matrix.to_list(),
    }


def corpus_from_documents(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """Link and describe an in-memory corpus (tests, `--jsonl` inputs)."""
    from narrascope.corpus.linking import link_documents

    return corpus_object(documents, link_documents(documents))


def corpus_of_store(store, link: bool = True) -> dict[str, Any]:
    """The corpus object of a store; `link=True` first links the documents not linked yet."""
    from narrascope.corpus.persist import link_store, load_linker

    if link:
        link_store(store)
    return corpus_object(store.iter_documents(), load_linker(store))

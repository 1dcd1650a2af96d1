"""The source matrix: which sources back which claims and which event versions.

Sources are the outlets (a document's `site`, else its author) that assert claims and events
in their own voice, and the people, organisations and media the documents cite
(attributions). A named source (an entity, or a named person/organisation/medium) is one
source across documents; an anonymous or vague one ("sources", "reports") is one source per
document, since two articles' "sources" need not be the same people. A document that repeats
another's text is listed under `duplicate_of`: it is not an independent backer.

Each source: `{id, name, type, documents, claims: [[doc_id, claim_id]], events: [[doc_id,
event_id, cluster_id]], duplicate_documents, claim_cue_classes, event_cue_classes}`. The last two
(added in session 17) run parallel to `claims` and `events`: the `cue_class` of the attribution
through which the source backs that item (null where the outlet backs it in its own voice, or the
attribution has no class), so a table of sources can be narrowed to what they *said* (`speech`)
apart from what they are reported to believe or have seen, as the workbench's `?cue_class=` does.
"""

from __future__ import annotations

from typing import Any, Iterable

from narrascope.attribution.cue_class_names import known_cue_class
from narrascope.corpus.assertion import entity_name
from narrascope.corpus.features import norm_name

PER_DOCUMENT = {"anonymous", "vague", "official_anonymous", "document", None}


class SourceMatrix:
    def __init__(self) -> None:
        self.sources: dict[str, dict[str, Any]] = {}

    def _source(self, key: str, name: str, stype: str | None) -> dict[str, Any]:
        src = self.sources.get(key)
        if src is None:
            src = self.sources[key] = {"id": key, "name": name, "type": stype, "documents": [], "claims": [],
                                       "events": [], "duplicate_documents": [], "claim_cue_classes": [],
                                       "event_cue_classes": []}
        return src

    def _touch(self, src: dict[str, Any], doc: dict[str, Any]) -> None:
        if doc["id"] not in src["documents"]:
            src["documents"].append(doc["id"])
        dup = doc.get("near_duplicate_of") or doc.get("_duplicate_of")
        if dup and doc["id"] not in src["duplicate_documents"]:
            src["duplicate_documents"].append(doc["id"])

    def _attribution_source(self, doc: dict[str, Any], att: dict[str, Any]) -> dict[str, Any]:
        stype = att.get("source_type")
        name = entity_name(doc, att.get("source_entity")) or (att.get("source") or {}).get("text") or stype or "unnamed"
        if stype in PER_DOCUMENT and not att.get("source_entity"):
            key = f"{doc['id']}#{norm_name(name) or att.get('id')}"
        else:
            key = f"cited:{norm_name(name)}"
        return self._source(key, name, stype)

    def _outlet(self, doc: dict[str, Any]) -> dict[str, Any]:
        name = doc.get("site") or doc.get("author") or doc.get("title") or doc["id"]
        return self._source(f"outlet:{norm_name(name) or doc['id']}", name, "outlet")

    def add_document(self, doc: dict[str, Any], cluster_of: dict[tuple[str, str], str]) -> None:
        atts = {a.get("id"): a for a in doc.get("attributions") or []}
        outlet = self._outlet(doc)
        self._touch(outlet, doc)
        att_src = {}
        for aid, att in atts.items():
            src = self._attribution_source(doc, att)
            self._touch(src, doc)
            att_src[aid] = src
        for claim in doc.get("claims") or []:
            aid = claim.get("asserted_by")
            src = att_src.get(aid) or outlet
            src["claims"].append([doc["id"], claim["id"]])
            src["claim_cue_classes"].append(_cue_class(atts, aid) if aid in att_src else None)
        for event in doc.get("events") or []:
            cluster = cluster_of.get((doc["id"], event["id"]))
            aids = [a for a in event.get("attribution_ids") or [] if a in att_src]
            aids += [r["attribution_id"] for r in event.get("responsibility") or [] if r.get("attribution_id") in att_src]
            backers = [(att_src[a], _cue_class(atts, a)) for a in aids]
            for r in event.get("responsibility") or []:
                if r.get("announced_by") and not r.get("attribution_id"):
                    src = self._source(f"cited:{norm_name(r['announced_by'])}", r["announced_by"], "media")
                    self._touch(src, doc)
                    backers.append((src, None))
            if not backers:
                backers = [(outlet, None)]
            seen = set()
            for src, klass in backers:
                if src["id"] in seen:
                    continue
                seen.add(src["id"])
                src["events"].append([doc["id"], event["id"], cluster])
                src["event_cue_classes"].append(klass)

    def to_list(self) -> list[dict[str, Any]]:
        return sorted(self.sources.values(), key=lambda s: (-len(s["documents"]), s["id"]))


def _cue_class(atts: dict[Any, dict[str, Any]], aid: Any) -> str | None:
    """The attribution's `cue_class` when it is a known class (documents stored before session 13 have none)."""
    return known_cue_class((atts.get(aid) or {}).get("cue_class"))


def build_sources(documents: Iterable[dict[str, Any]], cluster_of: dict[tuple[str, str], str]) -> SourceMatrix:
    matrix = SourceMatrix()
    for doc in documents:
        matrix.add_document(doc, cluster_of)
    return matrix

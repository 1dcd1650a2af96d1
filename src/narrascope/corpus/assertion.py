"""Who asserts an event's detail: the cited source (an attribution) or the article's author.

A value is put in a source's mouth when an attribution of the document carries it: the
attribution named by the responsibility entry, else one of the event's `attribution_ids`
whose content contains the value's phrase, else any attribution of the document whose content
contains it ("according to state media left 17 killed"). Otherwise the author asserts it.
"""

from __future__ import annotations

from typing import Any

from narrascope.corpus.features import norm_name
from narrascope.spans import pieces


def entity_name(doc: dict[str, Any], entity_id: str | None) -> str | None:
    if not entity_id:
        return None
    for ent in doc.get("entities") or []:
        if ent.get("id") == entity_id:
            return ent.get("name") or ent.get("text")
    return None


def source_of(doc: dict[str, Any], attribution: dict[str, Any]) -> dict[str, Any]:
    """`{name, type, attribution_id}` of an attribution's source."""
    name = entity_name(doc, attribution.get("source_entity"))
    if name is None and attribution.get("source"):
        name = attribution["source"].get("text")
    return {"name": name or attribution.get("source_type") or "unnamed source",
            "type": attribution.get("source_type"), "attribution_id": attribution.get("id")}


def author_source(doc: dict[str, Any]) -> dict[str, Any]:
    return {"name": doc.get("author") or doc.get("site") or "author", "type": "author", "attribution_id": None}


def _contains(attribution: dict[str, Any], phrase: str | None) -> bool:
    if not phrase:
        return False
    content = (attribution.get("content") or {}).get("text") or ""
    return norm_name(phrase) is not None and (norm_name(phrase) or "") in (norm_name(content) or "")


def asserted_by(doc: dict[str, Any], event: dict[str, Any], phrase: str | None = None,
                attribution_id: str | None = None) -> dict[str, Any]:
    atts = {a.get("id"): a for a in doc.get("attributions") or []}
    if attribution_id and attribution_id in atts:
        return source_of(doc, atts[attribution_id])
    own = [atts[a] for a in event.get("attribution_ids") or [] if a in atts]
    for att in own:
        if _contains(att, phrase):
            return source_of(doc, att)
    if phrase:
        for att in atts.values():
            if _contains(att, phrase):
                return source_of(doc, att)
    if own and phrase is None:
        return source_of(doc, own[0])
    return author_source(doc)


def asserted_label(source: dict[str, Any]) -> str:
    """The spec's `asserted_by` string: the source's name, or "author"."""
    return "author" if source.get("type") == "author" else source["name"]


def speaker_at(doc: dict[str, Any], offset: int) -> dict[str, Any]:
    """The source whose reported content covers this offset, else the author."""
    for att in doc.get("attributions") or []:
        content = att.get("content") or {}
        if any(s <= offset < e for s, e in pieces(content)):
            return source_of(doc, att)
    return author_source(doc)

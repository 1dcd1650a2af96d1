"""`profile.wire_credit`: the wire service that credits the article, resolved to an actor.

`{text, start, end, actor, name, entity, where}` or null. Found by narrascope/dateline.py (one
set of patterns, shared with the claims' `dateline` support items), first match wins:

1. in the text: the dateline ("TEHRAN (Reuters) -"), the closing credit ("— IRNA", before any
   trailing "Reporting by ..." lines) or a byline line the cleaner left in the text
   ("By The Associated Press": `where` `dateline`, `closing`, `byline`);
2. in the metadata the cleaner took out of the text: a line cut as a byline
   (`removed[].reason == "byline"`: "By Jane Doe, Reuters" gives `author` "Jane Doe" and the
   agency only survives in that line; `where: "byline"`), then the `author` itself ("Reuters",
   "Jane Doe, AP" from HTML or JSONL metadata; `where: "author"`). These spans are not in the
   text: `start` and `end` are null and `text` is the agency's name as written there;
3. a "Reporting by ...; Editing by ..." line (Reuters house style, in the text or cut as a
   byline) credits Reuters only when the text also names Reuters: the credit is the first
   "(Reuters)", else the first "Reuters" (`where: "reporting"`). Alone it names people only: null.

A byline naming a person only ("By Jane Doe") is no wire credit.

- `entity`: the id of the document's entity mention over the agency's name (narrascope_actors)
  when it is a media actor or unlinked, else null (a place mention that swallowed the dateline,
  "TEHRAN (Reuters", does not name the agency; metadata credits have none);
- `actor`: the knowledge-base id of the agency (what `entities[].kb_id` holds: "Q130879" for
  Reuters): the entity's `kb_id` when it has one, else the shipped KB's reading of the credit
  (`KnowledgeBase.credit`: its credit-only names, "Fars", "MENA", "PTI", "DPA", which are no
  running-text aliases, then the exact alias lookup, "AP" -> Associated Press), else null;
- `name`: the canonical name of that actor (the entity's `name`, the KB entry's name), else null.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from narrascope.dateline import byline_credit, find_credit, reporting_line
from narrascope.spans import span_dict

_REUTERS = (re.compile(r"\((Reuters)\)"), re.compile(r"\b(Reuters)\b"))  # the parenthesised credit first


def _kb_actor(text: str) -> tuple[str | None, str | None]:
    from narrascope.actors.kb import load_kb  # cached; the actors component loads it anyway

    actor = load_kb().credit(text)
    return (actor.id, actor.name) if actor is not None else (None, None)


def credit_metadata(document: Mapping[str, Any]) -> dict[str, Any]:
    """What a document's metadata holds for the wire credit: the lines the cleaner cut as a
    byline (`removed[].reason == "byline"`) and the `author`. Set on the Doc as `doc._.byline`
    before the pipeline runs (analysis.make_doc)."""
    removed = document.get("removed") or []
    lines = [r["text"] for r in removed if isinstance(r, dict) and r.get("reason") == "byline"
             and isinstance(r.get("text"), str)]
    author = document.get("author")
    return {"lines": lines, "author": author if isinstance(author, str) else None}


def _in_text(text: str, start: int, end: int, where: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    entity = next((e for e in entities if isinstance(e, dict) and isinstance(e.get("start"), int)
                   and isinstance(e.get("end"), int) and e["start"] <= start and end <= e["end"]
                   and e.get("type") in (None, "media")), None)
    actor, name = (entity.get("kb_id"), entity.get("name")) if entity is not None else (None, None)
    if actor is None:
        actor, name = _kb_actor(text[start:end])
    return span_dict(text, start, end, actor=actor, name=name,
                     entity=entity.get("id") if entity is not None else None, where=where)


def _in_metadata(agency: str, where: str) -> dict[str, Any]:
    actor, name = _kb_actor(agency)
    return {"text": agency, "start": None, "end": None, "actor": actor, "name": name, "entity": None,
            "where": where}


def _byline_agency(line: str) -> str | None:
    found = byline_credit(line, metadata=True)
    return line[found[0]:found[1]] if found else None


def wire_credit_item(text: str, entities: list[dict[str, Any]],
                     metadata: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """The `profile.wire_credit` object of a document's text, entity mentions and credit
    metadata (`credit_metadata`: byline lines cut from the text, `author`), or None."""
    found = find_credit(text)
    if found is not None:
        return _in_text(text, found[0], found[1], found[2], entities)
    metadata = metadata if isinstance(metadata, Mapping) else {}
    given = metadata.get("lines")
    lines = [line for line in given if isinstance(line, str)] if isinstance(given, (list, tuple)) else []
    for line in lines:
        agency = _byline_agency(line)
        if agency:
            return _in_metadata(agency, "byline")
    author = metadata.get("author")
    agency = _byline_agency(author) if isinstance(author, str) else None
    if agency:
        return _in_metadata(agency, "author")
    tail = [line for line in text.rstrip().rsplit("\n", 3)[1:] if line.strip()]  # the last lines
    if any(reporting_line(line) for line in lines + tail):
        for pattern in _REUTERS:
            m = pattern.search(text)
            if m:
                return _in_text(text, m.start(1), m.end(1), "reporting", entities)
    return None

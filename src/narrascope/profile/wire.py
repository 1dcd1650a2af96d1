"""`profile.wire_credit`: the wire service that credits the article, resolved to an actor.

`{text, start, end, actor, name, entity}` or null. The span is the agency's name in the dateline
("TEHRAN (Reuters) -") or the closing credit ("— IRNA"), found by narrascope/dateline.py, the
function the claims component uses for its `dateline` support items. The agency is the article's
author (who tells the story), not a source it cites, so it is not counted in `sourcing`
(docs/claims-rhetoric.md, "Session 14").

- `entity`: the id of the document's entity mention over the agency's name (narrascope_actors)
  when it is a media actor or unlinked, else null (a place mention that swallowed the dateline,
  "TEHRAN (Reuters", does not name the agency);
- `actor`: the knowledge-base id of the agency (what `entities[].kb_id` holds: "Q130879" for
  Reuters): the entity's `kb_id` when it has one, else the shipped KB's exact alias lookup of the
  credit ("AP" -> Associated Press), else null;
- `name`: the canonical name of that actor (the entity's `name`, the KB entry's name), else null.
"""

from __future__ import annotations

from typing import Any

from narrascope.dateline import wire_credit
from narrascope.spans import span_dict


def _kb_actor(text: str) -> tuple[str | None, str | None]:
    from narrascope.actors.kb import load_kb  # cached; the actors component loads it anyway

    actor = load_kb().lookup(text)
    return (actor.id, actor.name) if actor is not None else (None, None)


def wire_credit_item(text: str, entities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The `profile.wire_credit` object of a document's text and entity mentions, or None."""
    found = wire_credit(text)
    if found is None:
        return None
    start, end = found
    entity = next((e for e in entities if isinstance(e, dict) and isinstance(e.get("start"), int)
                   and isinstance(e.get("end"), int) and e["start"] <= start and end <= e["end"]
                   and e.get("type") in (None, "media")), None)
    actor, name = (entity.get("kb_id"), entity.get("name")) if entity is not None else (None, None)
    if actor is None:
        actor, name = _kb_actor(text[start:end])
    return span_dict(text, start, end, actor=actor, name=name,
                     entity=entity.get("id") if entity is not None else None)

"""narrascope_events: political-violence events as analyst-ready records (`doc._.events`).

Reads `doc._.published`, `doc._.entities` (narrascope_actors) and `doc._.attributions`
(narrascope_attribution) when present; works without them. See `narrascope.events` and
docs/events.md.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.events.extract import extract
from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded


class EventsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    @guarded("events")
    def __call__(self, doc: Doc) -> Doc:
        events = get_list(doc, "events")
        events.clear()
        events.extend(extract(doc, doc._.published, get_list(doc, "entities"), get_list(doc, "attributions")))
        return doc


@Language.factory("narrascope_events", default_config={})
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)

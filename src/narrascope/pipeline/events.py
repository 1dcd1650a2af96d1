"""narrascope_events: placeholder until its issue lands (fills `doc._.events`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded


class EventsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    @guarded("events")
    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "events")
        return doc


@Language.factory("narrascope_events", default_config={})
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)

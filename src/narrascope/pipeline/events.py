"""narrascope_events: political-violence events as analyst-ready records (`doc._.events`).

Reads `doc._.published`, `doc._.entities` (narrascope_actors) and `doc._.attributions`
(narrascope_attribution) when present; works without them. Config `role_backend`: "crf"
(default) or "encoder"; `dateline_story` (default true): nothing is read from inside the
dateline ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --", "TEHRAN (Reuters) -"), which is not story
text. See `narrascope.events` and docs/events.md.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.events.extract import extract
from narrascope.events.learned_roles import usable_backend
from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded


ROLE_BACKENDS = ("crf", "encoder")


class EventsComponent:
    def __init__(self, nlp: Language, name: str, role_backend: str = "crf", dateline_story: bool = True) -> None:
        if role_backend not in ROLE_BACKENDS:
            from narrascope.errors import Errors

            raise ValueError(Errors.E066.format(backend=role_backend))
        self.name = name
        # resolved once: the backend that really runs (a missing encoder falls back to the CRF
        # with warning E065), which is also what `pipeline.backends` records
        self.role_backend = usable_backend(role_backend)
        self.dateline_story = bool(dateline_story)

    @guarded("events")
    def __call__(self, doc: Doc) -> Doc:
        events = get_list(doc, "events")
        events.clear()
        events.extend(extract(doc, doc._.published, get_list(doc, "entities"), get_list(doc, "attributions"),
                              self.role_backend, self.dateline_story))
        return doc


@Language.factory("narrascope_events", default_config={"role_backend": "crf", "dateline_story": True})
def make_events(nlp: Language, name: str, role_backend: str, dateline_story: bool) -> EventsComponent:
    """`role_backend`: "crf" (default, fast) or "encoder" (opt-in transformer role tagger, ~0.3-0.5
    CPU-s per article; falls back to the CRF with warning E065 when unavailable). `dateline_story`:
    read no trigger, filler, date or place from inside the dateline (events/extract.py)."""
    return EventsComponent(nlp, name, role_backend, dateline_story)

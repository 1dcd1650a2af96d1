"""narrascope_attribution: placeholder until its issue lands (fills `doc._.attribution`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded


class AttributionComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    @guarded("attribution")
    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "attributions")
        return doc


@Language.factory("narrascope_attribution", default_config={})
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent(nlp, name)

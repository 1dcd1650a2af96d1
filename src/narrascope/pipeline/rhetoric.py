"""narrascope_rhetoric: placeholder until its issue lands (fills `doc._.rhetoric`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded


class RhetoricComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    @guarded("rhetoric")
    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "rhetoric")
        return doc


@Language.factory("narrascope_rhetoric", default_config={})
def make_rhetoric(nlp: Language, name: str) -> RhetoricComponent:
    return RhetoricComponent(nlp, name)

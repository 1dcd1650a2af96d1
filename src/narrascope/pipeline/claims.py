"""narrascope_claims: placeholder until its issue lands (fills `doc._.claims`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded


class ClaimsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    @guarded("claims")
    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "claims")
        return doc


@Language.factory("narrascope_claims", default_config={})
def make_claims(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent(nlp, name)

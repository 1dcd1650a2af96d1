"""narrascope_profile: placeholder until its issue lands (fills `doc._.profile`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


from narrascope.pipeline.guard import guarded


class ProfileComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    @guarded("profile")
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("narrascope_profile", default_config={})
def make_profile(nlp: Language, name: str) -> ProfileComponent:
    return ProfileComponent(nlp, name)

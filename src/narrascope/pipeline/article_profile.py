"""narrascope_profile: the article-level summary in `doc._.profile`.

`{genre, sourcing, rhetoric_density, actors}` as in the spec, plus `rhetoric_by_technique`,
`words` and `wire_credit` (the agency the dateline credits, profile/wire.py, or null): genre
(reporting / opinion / satire with scores and the deciding features), attribution counts by
source type and the share of claims the author makes without a source, technique spans per
1,000 words, and per-actor mentions and tone. Reads the earlier
components' results from `doc._` and degrades when they are missing. Logic: narrascope/profile/.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.pipeline.guard import guarded
from narrascope.profile.summary import build_profile


class ProfileComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    @guarded("profile")
    def __call__(self, doc: Doc) -> Doc:
        doc._.profile = build_profile(doc)
        return doc


@Language.factory("narrascope_profile", default_config={})
def make_profile(nlp: Language, name: str) -> ProfileComponent:
    return ProfileComponent(nlp, name)

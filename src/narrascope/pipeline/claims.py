"""narrascope_claims: check-worthy statements, who asserts them and their epistemic status.

Fills `doc._.claims` with spec dicts `{id, text, start, end, asserted_by, status, cues,
checkworthy}` (plus the additive keys `boosters`: booster cue spans; `support`: what the article
offers for the claim, and for an author claim with nothing of its own the article's wire credit
and, with `context_support` (default false), the source of the reporting just before it, as
items marked `carried`; `unsupported`; `support_in_claim`). With `split_clauses` (default true)
a sentence that joins independent clauses gives one claim per clause; false gives one claim per
sentence, as before session 12. Reads `doc._.attributions` when the attribution component ran;
without it every claim is the author's (status from cues only).
Logic: narrascope/claims/; lexicons: narrascope/data/claims/.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.claims.extract import ClaimExtractor
from narrascope.pipeline.extensions import get_list
from narrascope.pipeline.guard import guarded


class ClaimsComponent:
    def __init__(self, nlp: Language, name: str, min_checkworthy: float = 0.2,
                 split_clauses: bool = True, context_support: bool = False) -> None:
        self.name = name
        self.extractor = ClaimExtractor(nlp, min_checkworthy=min_checkworthy, split_clauses=split_clauses,
                                        context_support=context_support)

    @guarded("claims")
    def __call__(self, doc: Doc) -> Doc:
        claims = get_list(doc, "claims")
        claims.clear()
        claims.extend(self.extractor(doc, get_list(doc, "attributions")))
        return doc


@Language.factory("narrascope_claims",
                  default_config={"min_checkworthy": 0.2, "split_clauses": True, "context_support": False})
def make_claims(nlp: Language, name: str, min_checkworthy: float, split_clauses: bool,
                context_support: bool) -> ClaimsComponent:
    return ClaimsComponent(nlp, name, min_checkworthy, split_clauses, context_support)

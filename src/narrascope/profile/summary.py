"""The article profile: `{genre, sourcing, rhetoric_density, actors}` (+ `words`, `wire_credit`)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from narrascope.actors.kinds import can_act
from narrascope.doc_text import doc_text
from narrascope.pipeline.extensions import get_list
from narrascope.profile.genre import genre
from narrascope.profile.tone import actor_tone, token_scores
from narrascope.profile.wire import wire_credit_item

SOURCE_TYPES = ("named_person", "named_organization", "media", "official_anonymous", "anonymous",
                "vague", "document")


def sourcing(claims: list[dict], attributions: list[dict]) -> dict[str, Any]:
    """Counts of the sources the article cites. The wire credit (`wire_credit`) is not one of
    them: it is the article's author, like the byline."""
    counts = Counter(a.get("source_type") or "unknown" for a in attributions)
    by_type = {t: counts.get(t, 0) for t in SOURCE_TYPES}
    if counts.get("unknown"):
        by_type["unknown"] = counts["unknown"]
    author = sum(1 for c in claims if c.get("asserted_by") == "author")
    return {
        "attributions": len(attributions),
        "by_source_type": by_type,
        "kinds": dict(Counter(a.get("kind") or "unknown" for a in attributions)),
        "claims": len(claims),
        "author_claims": author,
        "author_unattributed_share": round(author / len(claims), 3) if claims else None,
    }


def actor_rows(doc: Doc, scores: Any) -> list[dict[str, Any]]:
    """`actors`: the per-actor tone rows of the mentions that can be actors. With the actors
    component, `doc._.entities` also holds dates, numbers, money and places ("four", "17", "this
    day", "Shiraz"), which are not whom an analyst reads per-actor tone for; the workbench's own
    test (`actors/kinds.can_act`: a KB type other than `place`, or an untyped PERSON / ORG /
    NORP) decides, so the profile and the actor facet agree. The spaCy-entity fallback (no actors
    component) is left as it is: it already keeps PERSON / ORG / GPE / NORP, and without KB types
    a country could not be told from a city."""
    rows = actor_tone(doc, scores)
    if doc._.entities is None:
        return rows
    return [r for r in rows if can_act(r)]


def build_profile(doc: Doc) -> dict[str, Any]:
    claims = get_list(doc, "claims")
    attributions = get_list(doc, "attributions")
    rhetoric = get_list(doc, "rhetoric")
    flags = doc.to_array([IS_SPACE, IS_PUNCT])
    n_words = int(((flags[:, 0] == 0) & (flags[:, 1] == 0)).sum()) if len(doc) else 0
    scores, evaluative = token_scores(doc)
    by_tech = Counter(r.get("technique") for r in rhetoric)
    return {
        "genre": genre(doc, claims, attributions, rhetoric, n_words, evaluative),
        "sourcing": sourcing(claims, attributions),
        "rhetoric_density": round(1000 * len(rhetoric) / n_words, 3) if n_words else None,
        "rhetoric_by_technique": dict(by_tech.most_common()),
        "actors": actor_rows(doc, scores),
        "words": n_words,
        # not `get_list`: it would store [] on a doc without the actors component, which
        # tone.actor_tone reads as "no mentions" instead of falling back to spaCy's entities
        "wire_credit": wire_credit_item(doc_text(doc), doc._.entities or [], doc._.byline),
    }

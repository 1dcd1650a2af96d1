"""narrascope_dateline_boundary: the story's first sentence starts after the dateline's dash.

A wire dateline ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --", "SHIRAZ, Iran (AP) —") is not part of
the story's first sentence, but spaCy's parser often glues it to that sentence, and the parse of
the whole sentence (subjects, objects, the roles the event reader takes from them) suffers. This
component runs before `parser` (`narrascope.loader.load_pipeline` puts it there) and presets one
sentence start: the first token after the dash of a line-initial dateline
(`narrascope.dateline.dateline_span`). It sets nothing else: the parser decides every other
boundary, and it keeps preset starts (spaCy 3's arc-eager parser takes `is_sent_start == True` as
a constraint: no arc crosses it). A text without a dateline is left as it is.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from narrascope.dateline import dateline_span
from narrascope.doc_text import doc_text


def story_start(doc: Doc) -> int | None:
    """Index of the first non-space token after the dateline's dash, or None (no dateline, or
    nothing after it)."""
    span = dateline_span(doc_text(doc))
    if span is None:
        return None
    end = span[1]
    for token in doc:
        if token.idx >= end and not token.is_space:
            return token.i
    return None


class DatelineBoundary:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        k = story_start(doc)
        if k:  # 0: the text starts there anyway
            doc[k].is_sent_start = True
        return doc


@Language.factory("narrascope_dateline_boundary")
def make_dateline_boundary(nlp: Language, name: str) -> DatelineBoundary:
    return DatelineBoundary(nlp, name)

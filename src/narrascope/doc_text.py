"""`doc.text`, built once per Doc and shared by every component that reads it.

spaCy's `Doc.text` is not stored: each access builds a `Token` object per token and joins
their `text_with_ws` (~0.7 ms for a 600-word article). The dateline pipe, actors,
attribution, events, claims, rhetoric (twice) and the profile each read it, so the full
pipeline rebuilt the same string eight times per document. `doc_text(doc)` builds it on the
first call and returns the stored string after that.

The string is stored beside the Doc (a weak reference: the entry goes when the Doc does), with
the Doc's length: a Doc's text cannot change (spaCy's retokenizer merges and splits tokens but
keeps their characters), and a Doc whose length changed is read again anyway.
"""

from __future__ import annotations

import weakref

from spacy.tokens import Doc

_TEXTS: weakref.WeakKeyDictionary[Doc, tuple[int, str]] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, read from the Doc once and kept while the Doc lives."""
    stored = _TEXTS.get(doc)
    if stored is not None and stored[0] == len(doc):
        return stored[1]
    text = doc.text
    _TEXTS[doc] = (len(doc), text)
    return text

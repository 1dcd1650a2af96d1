"""Building the document-v1 JSON object (the output contract) from a record and a spaCy Doc."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from spacy.tokens import Doc

from narrascope import SCHEMA_TAG, __version__
from narrascope.doc_text import doc_text

_WS = re.compile(r"\s+")
LAYERS = ("entities", "attributions", "events", "claims", "rhetoric")


def normalise(text: str) -> str:
    """The form the content hash is taken over: NFC, whitespace folded, stripped."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def empty_profile() -> dict[str, Any]:
    return {"genre": None, "sourcing": None, "rhetoric_density": None, "actors": []}


def base_document(*, text: str, input_obj: dict[str, Any], title: str | None = None,
                  author: str | None = None, site: str | None = None, published: str | None = None,
                  language: str | None = None, removed: list[dict] | None = None,
                  errors: list[dict] | None = None) -> dict[str, Any]:
    """A complete, schema-valid document with empty analysis layers."""
    doc: dict[str, Any] = {
        "schema": SCHEMA_TAG,
        "id": content_id(text),
        "input": input_obj,
        "title": title or None,
        "author": author or None,
        "site": site or None,
        "published": published or None,
        "language": language or "und",
        "text": text,
        "removed": list(removed or []),
    }
    for layer in LAYERS:
        doc[layer] = []
    doc["profile"] = empty_profile()
    doc["pipeline"] = {"version": __version__, "model": None, "elapsed_ms": 0}
    doc["errors"] = list(errors or [])
    return doc


def fill_from_doc(document: dict[str, Any], doc: Doc, model: str, elapsed_ms: float,
                  backends: dict[str, str] | None = None) -> dict[str, Any]:
    """Copy the analysis layers from `doc._` into the document (which must share its text).
    `backends`: components that ran a non-default backend (recorded as `pipeline.backends`)."""
    assert doc_text(doc) == document["text"], "offsets would not refer to the document text"
    for layer in LAYERS:
        value = getattr(doc._, layer, None)
        document[layer] = list(value) if value else []
    if doc._.profile:
        document["profile"] = doc._.profile
    document["errors"].extend(doc._.errors or [])
    document["pipeline"] = {"version": __version__, "model": model, "elapsed_ms": round(elapsed_ms, 1)}
    if backends:
        document["pipeline"]["backends"] = dict(backends)
    return document

"""The published JSON Schema of document-v1, and a validator that also checks span offsets."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, Iterator

from jsonschema import Draft202012Validator


@functools.lru_cache(maxsize=1)
def document_schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("document-v1.schema.json").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(document_schema())


def _spans(obj: Any) -> Iterator[dict]:
    if isinstance(obj, dict):
        if {"text", "start", "end"} <= obj.keys() and isinstance(obj.get("start"), int):
            yield obj
        for value in obj.values():
            yield from _spans(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _spans(value)


def validation_errors(document: dict[str, Any]) -> list[str]:
    """Schema errors plus every span whose text does not match `text[start:end]`."""
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in _validator().iter_errors(document)]
    text = document.get("text", "")
    for key in ("entities", "attributions", "events", "claims", "rhetoric"):
        for span in _spans(document.get(key, [])):
            if text[span["start"]:span["end"]] != span["text"]:
                errors.append(f"{key}: span {span['start']}:{span['end']} text {span['text']!r} does not match")
    return errors

"""Writing documents as JSON Lines (the document-v1 contract, one object per line)."""

from __future__ import annotations

import json
from typing import Any, Iterable, TextIO


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=False)


def write_jsonl(documents: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for document in documents:
        out.write(dumps(document) + "\n")
        n += 1
    return n

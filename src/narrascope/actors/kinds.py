"""Which entity mentions can act (and so be counted, linked or given a tone as actors).

A mention the knowledge base typed can act unless its type is `place` (a city, a shrine, a
region: where things happen, not who does them); an untyped mention can when spaCy labelled it
PERSON or ORG, and NORP ("Iranians", "Sunni") where the caller counts groups named by a
nationality or creed. One test for the workbench's actor facet (`store/search.py`), the article
page, the profile's per-actor rows (`profile/summary.py`) and the corpus actor graph
(`corpus/graph.py`, which leaves untyped NORP out: a relation needs a party it can name).
A plain module with no imports, so the profile component does not load the store for it.
"""

from __future__ import annotations

from typing import Any

LABELS = frozenset({"PERSON", "ORG"})


def can_act(entity: dict[str, Any], norp: bool = True) -> bool:
    """True when the entity mention (a document-v1 `entities[]` item) can be an actor."""
    etype = entity.get("type")
    if etype:
        return etype != "place"
    label = entity.get("label")
    return label in LABELS or (norp and label == "NORP")

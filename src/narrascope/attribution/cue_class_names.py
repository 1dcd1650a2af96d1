"""The six classes of what an attribution's cue reports (`cue_class`, attribution/cue_class.py), by name.

A plain module with no imports: the store's citation index (store/search.py) and the workbench's
filters (web/pages/) check stored values against these names without loading spaCy.
"""

from __future__ import annotations

from typing import Any

CUE_CLASSES = ("speech", "evidence", "perception", "belief", "intention", "other")


def known_cue_class(value: Any) -> str | None:
    """`value` when it is one of CUE_CLASSES, else None: documents stored before session 13 have no
    class, and anything else found in stored JSON or a query parameter counts as "no class"."""
    return value if isinstance(value, str) and value in CUE_CLASSES else None

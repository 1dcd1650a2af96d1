"""Which documents repeat another one's text (a wire story republished, the same page twice).

A repeated text is one source, not two: its events join the original's clusters and are
marked as duplicates, so agreement between them is not counted as corroboration. The store
already marks near-duplicates (`near_duplicate_of`); for documents that did not come through
the store, the same MinHash signatures are compared here in memory.
"""

from __future__ import annotations

from typing import Any

from datasketch import MinHashLSH

from narrascope.store import neardup


class DuplicateFinder:
    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=neardup.THRESHOLD, num_perm=neardup.NUM_PERM)
        self._sigs: dict[str, Any] = {}
        self._origin: dict[str, str] = {}

    def check(self, document: dict[str, Any]) -> str | None:
        """The id of an earlier document this one repeats, or None; remembers this one."""
        doc_id = document["id"]
        if doc_id in self._sigs:
            return self._origin.get(doc_id)
        known = document.get("near_duplicate_of")
        text = document.get("text") or ""
        sig = neardup.signature(text) if text.strip() else None
        found = known
        if found is None and sig is not None:
            best = 0.0
            for other in self._lsh.query(sig):
                score = sig.jaccard(self._sigs[other])
                if score >= neardup.THRESHOLD and score > best:
                    best, found = score, self._origin.get(other) or other
        if sig is not None:
            self._lsh.insert(doc_id, sig)
            self._sigs[doc_id] = sig
        if found:
            self._origin[doc_id] = found
        return found

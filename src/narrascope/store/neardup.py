"""Near-duplicate detection: datasketch MinHash signatures, banded into an SQL table.

datasketch's MinHashLSH keeps its index in memory (or Redis/Cassandra); narrascope needs the
index in the same SQL store as the documents so that separate runs and processes see each
other's documents. So the banding (the LSH index) is written here as rows of `doc_bands`, and
the signatures themselves are datasketch's.
"""

from __future__ import annotations

import functools
import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 16  # 16 bands x 8 rows: candidates from ~0.7 Jaccard
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.8  # estimated Jaccard of word 5-shingles to call two texts near-duplicates
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1)
def _permutations() -> dict:
    """The seed's permutations, computed once (MinHash() otherwise redoes it per document)."""
    template = MinHash(num_perm=NUM_PERM, seed=1)
    kwargs = {"permutations": template.permutations}
    if getattr(template, "scheme", None):  # datasketch >= 2.0
        kwargs["scheme"] = template.scheme
    return kwargs


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}
    mh = MinHash(num_perm=NUM_PERM, seed=1, **_permutations())
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64)
    scheme = getattr(MinHash(num_perm=NUM_PERM, seed=1), "scheme", None)
    if scheme is None:  # datasketch < 2.0
        return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values)
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=scheme)


def similarity(mh: MinHash, data: bytes) -> float:
    """Estimated Jaccard similarity of a signature and a stored one (the share of equal
    hash values, as `MinHash.jaccard` computes it), without rebuilding a MinHash."""
    other = np.frombuffer(data, dtype=np.uint64)
    mine = np.asarray(mh.hashvalues, dtype=np.uint64)
    if other.shape != mine.shape:
        return 0.0
    return float(np.count_nonzero(mine == other)) / len(mine)


def bands(mh: MinHash) -> list[str]:
    values = np.asarray(mh.hashvalues, dtype=np.uint64)
    return [f"{b:02d}:" + hashlib.blake2b(values[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=12).hexdigest()
            for b in range(BANDS)]

"""A linear model over 64-bit feature keys (see features.py), stored as numpy arrays.

`keys` is the sorted array of known feature keys, `weights[i]` the weight row of `keys[i]`,
`bias` the intercepts. Scoring a document: `searchsorted` the document's keys, drop unknown
ones, and add the weight rows per token with one sparse matrix product.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass
class LinearModel:
    keys: np.ndarray      # (K,) uint64, sorted
    weights: np.ndarray   # (K, C) float32
    bias: np.ndarray      # (C,) float32
    classes: list[str]
    dense_weights: np.ndarray | None = None  # (D, C) float32 for dense columns, optional

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions of known keys in the input, their column indices)."""
        if not len(self.keys) or not len(keys):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        # each distinct key searched once: an article's ~18,000 keys repeat a lot, and every
        # binary search in the model's large key array is a few cache misses (same result per key)
        uniq, inverse = np.unique(keys, return_inverse=True)
        idx_u = np.minimum(np.searchsorted(self.keys, uniq), len(self.keys) - 1)
        inverse = inverse.reshape(-1)
        known = (self.keys[idx_u] == uniq)[inverse]
        return np.flatnonzero(known), idx_u[inverse][known]

    def design(self, rows: np.ndarray, keys: np.ndarray, n_rows: int) -> sparse.csr_matrix:
        pos, cols = self.lookup(keys)
        data = np.ones(len(pos), dtype=np.float32)
        m = sparse.csr_matrix((data, (rows[pos], cols)), shape=(n_rows, len(self.keys)))
        m.sum_duplicates()
        return m

    def scores(self, rows: np.ndarray, keys: np.ndarray, n_rows: int,
               dense: np.ndarray | None = None) -> np.ndarray:
        pos, cols = self.lookup(keys)
        r = rows[pos]
        out = np.empty((n_rows, self.weights.shape[1]), dtype=np.float64)
        for c in range(self.weights.shape[1]):  # weight sums per row: one bincount per class
            out[:, c] = np.bincount(r, weights=self.weights[cols, c], minlength=n_rows)[:n_rows]
        out += self.bias
        if self.dense_weights is not None and dense is not None and dense.shape[1] == self.dense_weights.shape[0]:
            out = out + dense @ self.dense_weights
        return out

    def proba(self, rows: np.ndarray, keys: np.ndarray, n_rows: int,
              dense: np.ndarray | None = None) -> np.ndarray:
        s = self.scores(rows, keys, n_rows, dense)
        if s.shape[1] == 1:  # binary: probability of the positive class
            return 1.0 / (1.0 + np.exp(-s[:, 0]))
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        return e / e.sum(axis=1, keepdims=True)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        out = {f"{prefix}_keys": self.keys, f"{prefix}_weights": self.weights.astype(np.float16),
               f"{prefix}_bias": self.bias.astype(np.float32),
               f"{prefix}_classes": np.asarray(self.classes)}
        if self.dense_weights is not None:
            out[f"{prefix}_dense"] = self.dense_weights.astype(np.float32)
        return out

    @classmethod
    def from_arrays(cls, arrays, prefix: str) -> "LinearModel":
        dense = arrays[f"{prefix}_dense"].astype(np.float32) if f"{prefix}_dense" in arrays else None
        return cls(arrays[f"{prefix}_keys"].astype(np.uint64),
                   arrays[f"{prefix}_weights"].astype(np.float32),
                   arrays[f"{prefix}_bias"].astype(np.float32),
                   [str(c) for c in arrays[f"{prefix}_classes"]], dense)


def build_vocab(keys: np.ndarray, min_count: int) -> np.ndarray:
    """The sorted unique keys seen at least `min_count` times."""
    uniq, counts = np.unique(keys, return_counts=True)
    return uniq[counts >= min_count]


def fit_matrix(vocab: np.ndarray, rows: np.ndarray, keys: np.ndarray, n_rows: int) -> sparse.csr_matrix:
    """Training design matrix (binary features) over a fixed vocabulary."""
    tmp = LinearModel(vocab, np.zeros((len(vocab), 1), np.float32), np.zeros(1, np.float32), ["x"])
    m = tmp.design(rows, keys, n_rows)
    m.data[:] = 1.0
    return m

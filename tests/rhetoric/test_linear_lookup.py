"""LinearModel.lookup searches each distinct key once: the same positions and columns as a
search of every key."""

from __future__ import annotations

import numpy as np

from narrascope.rhetoric.linear import LinearModel


def _every_key(model: LinearModel, keys: np.ndarray):
    idx = np.minimum(np.searchsorted(model.keys, keys), len(model.keys) - 1)
    known = model.keys[idx] == keys
    return np.flatnonzero(known), idx[known]


def test_lookup_equals_a_search_of_every_key():
    rng = np.random.default_rng(7)
    known_keys = np.unique(rng.integers(0, 2**63, size=5000, dtype=np.uint64))
    model = LinearModel(known_keys, np.zeros((len(known_keys), 2), np.float32), np.zeros(2, np.float32), ["a", "b"])
    # repeated known keys, unknown keys, keys past both ends of the model's range
    keys = np.concatenate([rng.choice(known_keys, 3000), rng.integers(0, 2**63, size=2000, dtype=np.uint64),
                           np.array([0, 2**64 - 1, known_keys[0], known_keys[-1]], dtype=np.uint64)])
    rng.shuffle(keys)
    got, want = model.lookup(keys), _every_key(model, keys)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    assert len(got[0]) >= 3000


def test_lookup_of_nothing():
    model = LinearModel(np.array([3, 9], np.uint64), np.zeros((2, 1), np.float32), np.zeros(1, np.float32), ["x"])
    pos, cols = model.lookup(np.array([], np.uint64))
    assert len(pos) == 0 and len(cols) == 0
    pos, cols = model.lookup(np.array([9, 4, 9, 3], np.uint64))
    assert pos.tolist() == [0, 2, 3] and cols.tolist() == [1, 1, 0]

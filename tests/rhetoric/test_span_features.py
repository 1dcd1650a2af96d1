"""Span features of the technique classifier and the hysteresis decoding of the tagger."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.rhetoric.features import token_arrays
from narrascope.rhetoric.model import DecodeParams, RhetoricModel
from narrascope.rhetoric.ptc import fold_of, split_of
from narrascope.rhetoric.span_features import ngram_repeats, span_features


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def test_repetition_counts_and_earlier_occurrence(bare):
    doc = bare("The regime lies. The people suffer. The regime lies again.")
    t = token_arrays(doc)
    words = [tok.lower_ for tok in doc]
    first = words.index("regime") - 1
    second = words.index("regime", first + 2) - 1
    spans = np.array([first, second, words.index("people")])
    widths = np.array([3, 3, 1])
    count, earlier = ngram_repeats(t["lower"], spans, widths)
    assert count.tolist() == [2, 2, 1]  # "the regime lies" twice, "people" once
    assert earlier.tolist() == [False, True, False]


def test_span_keys_rows_and_dense(bare):
    doc = bare("They are murderous thugs! Who could believe them?")
    t = token_arrays(doc)
    dense = np.zeros((len(doc), 4), dtype=np.float32)
    dense[:, 0] = np.arange(len(doc))
    spans = [(2, 4), (5, 9)]
    rows, keys, d = span_features(doc, t, spans, dense)
    assert rows.dtype == np.int64 and keys.dtype == np.uint64 and len(rows) == len(keys)
    assert set(rows.tolist()) == {0, 1}
    assert d.shape == (2, 4)
    assert d[0, 0] == pytest.approx(2.5)  # mean of tokens 2 and 3
    # spans differ in wording, marks and context: their key sets differ
    assert set(keys[rows == 0].tolist()) != set(keys[rows == 1].tolist())


def test_same_wording_shares_the_phrase_key_and_order_matters(bare):
    doc = bare("dog bites man . man bites dog . dog bites man")
    t = token_arrays(doc)
    dense = np.zeros((len(doc), 0), dtype=np.float32)
    rows, keys, _ = span_features(doc, t, [(0, 3), (4, 7), (8, 11)], dense)
    k = [set(keys[rows == i].tolist()) for i in range(3)]
    assert (k[0] & k[2]) - k[1]  # keys shared only by the two spans with the same word order


def test_empty_inputs(bare):
    doc = bare("Hello there.")
    t = token_arrays(doc)
    rows, keys, d = span_features(doc, t, [], np.zeros((len(doc), 3), np.float32))
    assert len(rows) == len(keys) == 0 and d.shape == (0, 3)


def test_cost_is_linear_in_one_giant_sentence(bare):
    """No sentence boundaries (one 6,000-token 'sentence'): the sentence words per span are
    capped, so the number of keys grows with the spans, not spans x sentence length."""
    doc = bare.make_doc(" ".join(["word"] * 6000))
    t = token_arrays(doc)
    spans = [(i, i + 2) for i in range(0, 6000, 10)]
    rows, keys, _ = span_features(doc, t, spans, np.zeros((len(doc), 0), np.float32))
    assert len(keys) < 120 * len(spans)


def _decode(bare, proba, **params):
    doc = bare.make_doc("a b c d e f g h i j")
    model = RhetoricModel(None, None, DecodeParams(**params))  # type: ignore[arg-type]
    return [(s, e) for s, e, _ in model.decode(doc, np.asarray(proba, dtype=float))]


def test_hysteresis_keeps_only_runs_with_a_seed_token(bare):
    proba = [0.0, 0.3, 0.6, 0.3, 0.0, 0.0, 0.3, 0.3, 0.0, 0.0]
    assert _decode(bare, proba, threshold=0.2, smooth=0) == [(1, 4), (6, 8)]
    assert _decode(bare, proba, threshold=0.2, smooth=0, seed=0.5) == [(1, 4)]  # extended from its seed


def test_gap_joining(bare):
    proba = [0.0, 0.6, 0.6, 0.0, 0.6, 0.0, 0.0, 0.0, 0.6, 0.0]
    assert _decode(bare, proba, threshold=0.5, smooth=0, max_gap=1) == [(1, 5), (8, 9)]
    assert _decode(bare, proba, threshold=0.5, smooth=0, max_gap=3) == [(1, 9)]


def test_folds_cover_the_train_split_only_by_rule():
    ids = [str(i) for i in range(100000, 102000)]
    train = [i for i in ids if split_of(i) == "train"]
    folds = [fold_of(i) for i in train]
    assert set(folds) == {0, 1, 2, 3, 4}
    assert min(folds.count(f) for f in range(5)) > len(train) / 5 * 0.8  # roughly balanced
    assert fold_of("111111") == fold_of("111111")

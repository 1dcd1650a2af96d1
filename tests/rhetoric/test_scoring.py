"""SemEval-2020 Task 11 scoring formulas, checked on hand-computed cases."""

from __future__ import annotations

import pytest

from narrascope.rhetoric.scoring import label_aware_scores, merge_spans, si_scores, tc_scores


def test_merge_spans():
    assert merge_spans([(5, 9), (0, 3), (2, 4), (9, 12), (20, 20)]) == [(0, 4), (5, 12)]


def test_si_partial_credit():
    # gold [0,10); prediction [5,15): |s&t| = 5 -> P = 5/10, R = 5/10
    r = si_scores({"a": [(5, 15)]}, {"a": [(0, 10)]})
    assert r["precision"] == pytest.approx(0.5) and r["recall"] == pytest.approx(0.5)
    assert r["f1"] == pytest.approx(0.5)


def test_si_one_prediction_covering_two_gold_spans():
    # gold [0,10) and [20,30), prediction [0,40): P = (10+10)/40 over 1 span, R = (1+1)/2
    r = si_scores({"a": [(0, 40)]}, {"a": [(0, 10), (20, 30)]})
    assert r["precision"] == pytest.approx(0.5)
    assert r["recall"] == pytest.approx(1.0)


def test_si_overlapping_predictions_are_merged_and_articles_pooled():
    r = si_scores({"a": [(0, 6), (4, 10)], "b": []}, {"a": [(0, 10)], "b": [(0, 5)]})
    assert r["n_pred"] == 1 and r["n_gold"] == 2
    assert r["precision"] == pytest.approx(1.0)
    assert r["recall"] == pytest.approx(0.5)


def test_si_nothing_predicted():
    assert si_scores({}, {"a": [(0, 3)]})["f1"] == 0.0


def test_label_aware_needs_the_same_technique():
    gold = {"a": [("doubt", 0, 10), ("loaded_language", 20, 25)]}
    right = label_aware_scores({"a": [("doubt", 0, 10)]}, gold)
    wrong = label_aware_scores({"a": [("slogans", 0, 10)]}, gold)
    assert right["precision"] == pytest.approx(1.0) and right["recall"] == pytest.approx(0.5)
    assert wrong["f1"] == 0.0
    # the SI score ignores labels
    assert si_scores({"a": [(0, 10)]}, {"a": [(0, 10), (20, 25)]})["precision"] == pytest.approx(1.0)


def test_tc_micro_f1_multilabel_span():
    gold = {("a", 0, 5): ["doubt", "loaded_language"], ("a", 9, 12): ["slogans"]}
    pred = {("a", 0, 5): ["loaded_language", "slogans", "doubt"], ("a", 9, 12): ["doubt", "slogans"]}
    r = tc_scores(pred, gold)
    # span 1 gets its 2 best guesses (loaded_language correct, slogans wrong); span 2 one guess (wrong)
    assert r["n_gold"] == 3 and r["n_pred"] == 3
    assert r["f1"] == pytest.approx(1 / 3)

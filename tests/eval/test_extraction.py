"""The extraction benchmark metric, and an evaluation gate on benchmark pages read in place."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from narrascope.eval.extraction import bootstrap, metrics, shingle_match, shingles


def test_shingles_are_4_word_multisets():
    s = shingles("The cat sat on the mat. The cat sat on the mat.")
    assert s[("The", "cat", "sat", "on")] == 2
    assert sum(s.values()) == 9  # 12 tokens -> 9 shingles
    assert list(shingles("too short")) == [("too", "short")]  # the benchmark keeps a short text as one shingle


def test_shingle_match_normalised():
    true = "one two three four five six"
    assert shingle_match(true, true) == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_match(true, "one two three four five six seven eight")
    assert tp + fp + fn == pytest.approx(1.0) and fp > 0 and fn == 0
    assert shingle_match(true, "") == (0.0, 0.0, 1.0)
    assert shingle_match("", "") == (0.0, 0.0, 0.0)


def test_metrics_like_the_benchmark():
    perfect, missing, partial = (1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.5, 0.5, 0.0)
    m = metrics([perfect, missing, partial])
    # precision averages pages with predictions (perfect, partial); recall every page with truth
    assert m["precision"] == pytest.approx(0.75)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert bootstrap([perfect] * 5, [perfect] * 5, n=20)["mean"] == 0.0


def test_gate_on_benchmark_pages(datasets_dir):
    """Cleaning must add to trafilatura, not take away (15 pages: raw 0.962, ours 0.969 measured)."""
    from narrascope.eval.extraction import evaluate

    root = datasets_dir / "article-extraction-benchmark"
    if not root.exists():
        pytest.skip("article-extraction-benchmark not present")
    result = evaluate(root, limit=15, n_bootstrap=0)
    ours, raw = result["narrascope"]["all"], result["trafilatura"]["all"]
    assert ours["pages"] == 15
    assert ours["f1"] >= 0.95
    assert ours["f1"] >= raw["f1"]
    assert ours["recall"] >= raw["recall"] - 0.01


def test_cli_prints_table_and_json(datasets_dir, tmp_path):
    from narrascope.cli import app

    root = datasets_dir / "article-extraction-benchmark"
    if not root.exists():
        pytest.skip("article-extraction-benchmark not present")
    out = tmp_path / "x.json"
    result = CliRunner().invoke(app, ["eval", "extraction", "--benchmark", str(root), "--limit", "4",
                                      "--bootstrap", "20", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "trafilatura" in result.output and "0.958" in result.output and "newspaper4k" in result.output
    data = json.loads(out.read_text())
    assert set(data["results"]) == {"trafilatura", "narrascope"}
    assert len(data["results"]["narrascope"]["pages"]) == 4


def test_cli_missing_benchmark(tmp_path):
    from narrascope.cli import app

    result = CliRunner().invoke(app, ["eval", "extraction", "--benchmark", str(tmp_path)])
    assert result.exit_code == 2
    assert "[E040]" in result.output

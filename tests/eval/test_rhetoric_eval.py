"""Evaluation gate: the shipped rhetoric model on the held-out PTC dev split (read in place).

Floors sit slightly below the scores measured when the model was shipped
(docs/claims-rhetoric.md); a regression in features, decoding or scoring fails here.
"""

from __future__ import annotations

import json

import pytest

FLOORS = {"si": 0.31, "tc": 0.53, "label_aware": 0.09, "baseline_si": 0.20}


@pytest.fixture(scope="module")
def result(datasets_dir):
    ptc = datasets_dir / "ptc"
    if not (ptc / "articles").is_dir():
        pytest.skip("PTC not available")
    from narrascope.eval.rhetoric import evaluate

    return evaluate(ptc, split="dev")


def test_scores_above_floors(result):
    assert result["model_loaded"]
    assert result["split"] == "dev" and result["articles"] > 40
    assert result["combined"]["si"]["f1"] >= FLOORS["si"]
    assert result["tc"]["f1"] >= FLOORS["tc"]
    assert result["combined"]["label_aware"]["f1"] >= FLOORS["label_aware"]


def test_beats_the_trivial_baseline(result):
    base = result["baseline"]
    assert base["si"]["recall"] == pytest.approx(1.0, abs=1e-3)
    assert base["si"]["f1"] >= FLOORS["baseline_si"]
    assert result["combined"]["si"]["f1"] > base["si"]["f1"]
    assert result["combined"]["label_aware"]["f1"] > base["label_aware"]["f1"]
    assert result["tc"]["f1"] > base["tc"]["f1"]


def test_cli_writes_json_and_table(tmp_path, datasets_dir, monkeypatch, result):
    from typer.testing import CliRunner

    import narrascope.eval.rhetoric as mod
    from narrascope.cli import app

    monkeypatch.setattr(mod, "evaluate", lambda *a, **k: result)  # the scoring run above, reused
    out = tmp_path / "r.json"
    run = CliRunner().invoke(app, ["eval", "rhetoric", "--ptc", str(datasets_dir / "ptc"), "--json", str(out)])
    assert run.exit_code == 0, run.output
    assert "SI F1" in run.output and "label-aware" in run.output
    data = json.loads(out.read_text())
    assert data["tc"]["f1"] == pytest.approx(result["tc"]["f1"])


def test_missing_corpus_is_explained(tmp_path):
    from typer.testing import CliRunner

    from narrascope.cli import app

    run = CliRunner().invoke(app, ["eval", "rhetoric", "--ptc", str(tmp_path)])
    assert run.exit_code == 2
    assert "E040" in run.output


ENCODER_FLOORS = {"si": 0.40, "tc": 0.61, "label_aware": 0.15}


def test_encoder_backend_scores_above_floors(datasets_dir):
    """The opt-in encoder backend on the held-out dev split (about 1-2 min; skips without torch,
    the packaged encoder or the shipped weights)."""
    from narrascope.encoder import encoder_available
    from narrascope.rhetoric.encoder_model import ENCODER_DIR

    ptc = datasets_dir / "ptc"
    if not (ptc / "articles").is_dir():
        pytest.skip("PTC not available")
    if not encoder_available() or not (ENCODER_DIR / "encoder.safetensors").is_file():
        pytest.skip("encoder backend not available")
    from narrascope.eval.rhetoric import evaluate

    enc = evaluate(ptc, split="dev", backend="encoder")
    assert enc["backend"] == "encoder"
    assert enc["combined"]["si"]["f1"] >= ENCODER_FLOORS["si"]
    assert enc["tc"]["f1"] >= ENCODER_FLOORS["tc"]
    assert enc["combined"]["label_aware"]["f1"] >= ENCODER_FLOORS["label_aware"]

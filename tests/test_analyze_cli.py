"""End to end: `narrascope analyze` on the demo corpus gives schema-valid documents."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.schema import validation_errors


def test_analyze_examples_schema_valid(tmp_path, examples_dir):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(examples_dir), "--db", str(tmp_path / "db.sqlite"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(docs) == 2
    for doc in docs:
        assert validation_errors(doc) == []
        assert doc["entities"], "NER mentions are filled"


def test_reanalyse_is_noop(tmp_path, examples_dir):
    db = str(tmp_path / "db.sqlite")
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(examples_dir), "--db", db]).exit_code == 0
    second = runner.invoke(app, ["analyze", str(examples_dir), "--db", db])
    assert second.exit_code == 0
    assert "skipped 2" in second.output


def test_missing_path_recorded_and_exit_code(tmp_path, examples_dir):
    db = str(tmp_path / "db.sqlite")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "nope.txt"), str(examples_dir), "--db", db])
    assert result.exit_code == 1
    assert "[E001]" in result.output
    from narrascope.store import Store

    store = Store(db)
    assert store.count_documents() == 2
    assert any("[E001]" in e["message"] for e in store.errors())


def test_analyze_accurate_uses_and_records_the_encoder_backends(tmp_path, examples_dir):
    import pytest

    from narrascope.encoder import encoder_available

    if not encoder_available():
        pytest.skip("the encoder extra is not installed")
    runner = CliRunner()
    fast, accurate = tmp_path / "fast.jsonl", tmp_path / "accurate.jsonl"
    for out, extra in ((fast, []), (accurate, ["--accurate"])):
        result = runner.invoke(app, ["analyze", str(examples_dir), "--db", str(tmp_path / f"{out.stem}.db"),
                                     "--out", str(out), "--no-link", *extra])
        assert result.exit_code == 0, result.output
    fast_docs = [json.loads(line) for line in fast.read_text("utf-8").splitlines()]
    accurate_docs = [json.loads(line) for line in accurate.read_text("utf-8").splitlines()]
    assert len(accurate_docs) == 2
    vetoed = 0
    for plain, doc in zip(fast_docs, accurate_docs):
        assert "backends" not in plain["pipeline"]
        assert doc["pipeline"]["backends"] == {"narrascope_events": "encoder", "narrascope_rhetoric": "encoder",
                                               "narrascope_attribution": "encoder"}
        assert validation_errors(doc) == []
        assert doc["id"] == plain["id"]
        # the attribution encoder only vetoes cues: what it keeps is a subset of the default's
        cues = {(a["cue"]["start"], a["cue"]["end"]) for a in doc["attributions"]}
        assert cues <= {(a["cue"]["start"], a["cue"]["end"]) for a in plain["attributions"]}
        vetoed += len(plain["attributions"]) - len(doc["attributions"])
        assert doc["rhetoric"], "the encoder backend finds rhetoric in the demo articles"
    assert vetoed > 0, "the attribution encoder vetoes some of the default's cues in the demo articles"

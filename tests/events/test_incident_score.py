"""The incident scorer (`score` on attack-like records), its use in the MUC evaluation, and
`narrascope train events`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.eval import events as ev_eval
from narrascope.events import incident_score
from narrascope.events.extract import extract
from narrascope.loader import load_pipeline

TEXT = ("Urban guerrillas of the Farabundo Marti National Liberation Front dynamited an electric power "
        "substation in San Miguel yesterday. A soldier died in the attack.")


@pytest.fixture(scope="module")
def events():
    return extract(load_pipeline(components=())(TEXT), "1990-01-03")


def test_features_describe_the_record(events):
    f = incident_score.features(events[0], len(TEXT))
    assert f["type=bombing"] == 1.0 and f["has_phys"] == 1.0 and f["lead"] == 1.0
    assert f["roles_none"] == 0.0 and f["first_pos"] == 0.0


def test_no_weights_no_score(events, tmp_path):
    assert incident_score.score(events[0], len(TEXT), tmp_path / "absent.json") is None


def test_score_is_the_logistic_of_the_weights(events, tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"weights": {"bias": 0.0}}))
    assert incident_score.score(events[0], len(TEXT), path) == 0.5
    path2 = tmp_path / "w2.json"
    path2.write_text(json.dumps({"weights": {"bias": -1.0, "type=bombing": 3.0}}))
    assert incident_score.score(events[0], len(TEXT), path2) == pytest.approx(0.881, abs=1e-3)


@pytest.mark.skipif(not incident_score.MODEL_PATH.is_file(), reason="shipped incident scorer absent")
def test_shipped_scorer_scores_attacks_only(events):
    assert all(0.0 <= e["score"] <= 1.0 for e in events if e["type"] in ("bombing", "attack"))
    protest = extract(load_pipeline(components=())("Thousands of students protested in the capital on Monday."),
                      "1990-01-03")
    assert all("score" not in e for e in protest)


def test_muc_templates_leave_out_low_scoring_records(events):
    ev = dict(events[0])
    th = incident_score.THRESHOLD
    ev["score"] = th - 0.01
    assert ev_eval.to_templates([ev], th) == []
    assert len(ev_eval.to_templates([ev])) == 1  # no threshold given: every record (linking eval)
    ev["score"] = th
    assert len(ev_eval.to_templates([ev], th)) == 1
    ev["score"] = None  # no scorer ran: kept
    assert len(ev_eval.to_templates([ev], th)) == 1


def test_muc_templates_leave_out_records_of_irrelevant_documents(events):
    ev = dict(events[0])
    ev["score"] = None
    th = incident_score.RELEVANCE_THRESHOLD
    ev["relevance"] = th - 0.01  # the encoder backend found no likely filler in the article
    assert ev_eval.to_templates([ev], None, th) == []
    assert len(ev_eval.to_templates([ev])) == 1  # no floor given: kept
    ev["relevance"] = th
    assert len(ev_eval.to_templates([ev], None, th)) == 1
    del ev["relevance"]  # CRF backend: no relevance, kept
    assert len(ev_eval.to_templates([ev], None, th)) == 1


def test_train_events_cli(datasets_dir, tmp_path):
    pytest.importorskip("pycrfsuite")
    root = datasets_dir / "muc34"
    if not (root / "dev").exists():
        pytest.skip("muc34/dev not present")
    result = CliRunner().invoke(app, ["train", "events", "--muc", str(root), "--limit", "6",
                                      "--max-iterations", "5", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "roles.crfsuite").stat().st_size > 0
    weights = json.loads((tmp_path / "incident_scorer.json").read_text())
    assert "bias" in weights["weights"] and weights["records"] > 0


def test_train_events_cli_unknown_split(tmp_path):
    result = CliRunner().invoke(app, ["train", "events", "--muc", str(tmp_path), "--split", "tst9"])
    assert result.exit_code == 2 and "[E061]" in result.output

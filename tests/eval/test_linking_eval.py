"""`narrascope eval linking`: gold clusters from MUC-3/4 keys, pairwise and B-cubed scores."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.eval.linking import gold_documents, scores, template_to_event


def test_scores_known_values():
    gold = {"a": 1, "b": 1, "c": 2, "d": 3}
    perfect = scores(gold, dict(gold))
    assert perfect["bcubed_f1"] == 1.0 and perfect["pairwise_f1"] == 1.0
    merged = scores(gold, {"a": 1, "b": 1, "c": 1, "d": 3})
    assert merged["pairwise_p"] == pytest.approx(1 / 3) and merged["pairwise_r"] == 1.0
    assert merged["bcubed_r"] == 1.0 and merged["bcubed_p"] == pytest.approx((2 / 3 * 2 + 1 / 3 + 1) / 4)
    split = scores(gold, {"a": 1, "b": 2, "c": 3, "d": 4})
    assert split["pairwise_r"] == 0.0 and split["bcubed_p"] == 1.0


def test_gold_rule_on_muc_dev(datasets_dir):
    from narrascope.eval import muc

    examples = muc.load_split(datasets_dir / "muc34", "dev", limit=400)
    docs, gold, excluded = gold_documents(examples)
    assert sum(len(d["events"]) for d in docs) >= len(gold)
    members = {}
    for ev, cid in gold.items():
        members.setdefault(cid, []).append(ev)
    multi = [m for m in members.values() if len(m) > 1]
    assert multi, "some incidents are reported by several texts"
    for m in multi:  # gold clusters never hold two templates of one text
        assert len({doc for doc, _e in m}) == len(m)
    event = next(e for d in docs for e in d["events"] if e["location"] and e["date"])
    assert event["location"]["country_iso"] and event["date"]["value"]


def test_template_conversion(datasets_dir):
    from narrascope.eval import muc

    example = muc.load_split(datasets_dir / "muc34", "dev", limit=1)[0]
    event = template_to_event(example.incidents[0], 1)
    assert event["type"] == "kidnapping"
    assert event["location"]["country"] == "El Salvador" and event["location"]["admin1"] == "San Miguel"
    assert event["date"]["value"] == "1989-12-30" and event["date"]["precision"] == "day"
    assert [p["name"] for p in event["perpetrators"] if p["kind"] == "organization"]


def test_eval_linking_cli_tst1(datasets_dir, tmp_path):
    out = tmp_path / "linking.json"
    res = CliRunner().invoke(app, ["eval", "linking", "--muc", str(datasets_dir / "muc34"), "--split", "tst1",
                                   "--json", str(out)])
    assert res.exit_code == 0, res.output
    result = json.loads(out.read_text())
    assert result["events"] > 50 and result["gold_multi_clusters"] >= 1
    assert result["bcubed_f1"] > 0.85


def test_eval_linking_missing_split(tmp_path):
    res = CliRunner().invoke(app, ["eval", "linking", "--muc", str(tmp_path), "--split", "dev"])
    assert res.exit_code == 2 and "[E081]" in res.output

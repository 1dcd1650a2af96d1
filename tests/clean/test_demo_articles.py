"""The demo corpus: titles, bylines and boilerplate come out right, end to end."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.clean import clean_record
from narrascope.ingest import read_inputs


def test_demo_clean_records(examples_dir):
    recs = {r.path.rsplit("/", 1)[1]: r for r in read_inputs([str(examples_dir)])}
    first = clean_record(recs["isis-attacks-on-iran-regime-reflect.txt"])
    assert first.title == "ISIS Attacks On Iran Should Make The Regime Reflect"
    assert first.author == "Shahriar Kia"
    assert {"text": "Font Size:", "reason": "boilerplate"} in first.removed
    assert {"text": "Shahriar Kia Policy Analyst", "reason": "byline"} in first.removed
    assert first.text.startswith("At a time when Iran is engulfed")
    assert "Font Size" not in first.text and "Policy Analyst" not in first.text
    assert first.published is None  # no dateline in the text: nothing invented
    second = clean_record(recs["iran-isis-narratives-shops.txt"])
    assert second.title == "Why Does Iran Rely on the ISIS Organization in Its Narratives about Targeting shops?"
    assert second.text.startswith("The protests by Iranians over the killing of Mahsa Amini")
    reasons = {r["text"]: r["reason"] for r in second.removed}
    for line in ("Show More", "Related Articles", "Back to top button", "Verified by MonsterInsights"):
        assert reasons[line] == "boilerplate"
        assert line not in second.text
    assert "The Cooperation Between the Supreme Leader and the Jurist" in second.text  # a subheading stays
    assert first.language == second.language == "en"


def test_demo_analyze_cli(tmp_path, examples_dir):
    out = tmp_path / "x.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(examples_dir), "--db", str(tmp_path / "x.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    docs = {d["input"]["path"].rsplit("/", 1)[1]: d for d in map(json.loads, out.read_text("utf-8").splitlines())}
    first = docs["isis-attacks-on-iran-regime-reflect.txt"]
    assert first["title"] == "ISIS Attacks On Iran Should Make The Regime Reflect"
    assert first["author"] == "Shahriar Kia"
    assert {"text": "Font Size:", "reason": "boilerplate"} in first["removed"]
    assert docs["iran-isis-narratives-shops.txt"]["title"].startswith("Why Does Iran Rely on the ISIS Organization")
    assert all(d["language"] == "en" and not d["errors"] for d in docs.values())

"""profile.wire_credit through `analyze`: a byline credit the cleaner took out of the text
(plain text) and one the metadata gives (JSON Lines `author`) reach the profile (session 15)."""

from __future__ import annotations

import json

BODY = "Gunmen killed four pilgrims at a shrine on Wednesday. The attackers fled on motorbikes."


def test_byline_credits_reach_the_exported_document(tmp_path):
    from typer.testing import CliRunner

    from narrascope.cli import app
    from narrascope.schema import validation_errors

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "byline.txt").write_text(f"Gunmen kill four pilgrims at shrine\nBy Jane Doe, Reuters\n\n{BODY}\n",
                                                encoding="utf-8")
    (tmp_path / "in" / "meta.jsonl").write_text(json.dumps({"text": BODY + " Police gave no names.",
                                                            "author": "Jane Doe; Ap Auto Writer"}) + "\n", encoding="utf-8")
    (tmp_path / "in" / "person.txt").write_text(f"Gunmen kill four pilgrims\nBy Jane Doe\n\n{BODY} Two escaped.\n",
                                                encoding="utf-8")
    db, out = str(tmp_path / "db.sqlite"), tmp_path / "docs.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(tmp_path / "in"), "--db", db, "--no-link"]).exit_code == 0
    result = runner.invoke(app, ["export", "--what", "documents", "--format", "jsonl", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    docs = {d["input"]["path"].rsplit("/", 1)[-1]: d for d in map(json.loads, out.read_text("utf-8").splitlines())}
    byline = docs["byline.txt"]
    assert byline["author"] == "Jane Doe" and "Reuters" not in byline["text"]
    assert byline["profile"]["wire_credit"] == {"text": "Reuters", "start": None, "end": None, "actor": "Q130879",
                                                "name": "Reuters", "entity": None, "where": "byline"}
    meta = docs["meta.jsonl"]["profile"]["wire_credit"]
    assert (meta["text"], meta["actor"], meta["where"]) == ("Ap", "Q40469", "author")
    assert docs["person.txt"]["profile"]["wire_credit"] is None
    assert all(validation_errors(d) == [] for d in docs.values())

"""Through `narrascope analyze`: bad inputs are recorded against their input, the rest is analysed."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.store import Store


def test_analyze_mixed_good_and_bad_inputs(tmp_path, examples_dir):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 200)
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text('{"text": "broken\n' + json.dumps({"text": "Le gouvernement a annoncé lundi une nouvelle "
                                                        "série de mesures contre les manifestants dans plusieurs "
                                                        "villes du pays, selon les médias officiels."}) + "\n")
    good = examples_dir / "isis-attacks-on-iran-regime-reflect.txt"
    db = str(tmp_path / "db.sqlite")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "missing.txt"), str(empty), str(binary), str(jsonl),
                                      str(good), "--db", db, "--out", str(out)])
    assert result.exit_code == 1, result.output
    for code in ("[E001]", "[E002]", "[E003]", "[E005]"):
        assert code in result.output
    store = Store(db)
    messages = [e["message"] for e in store.errors()]
    assert any(m.startswith("[E003]") and str(binary) in m for m in messages)
    docs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    by_lang = {d["language"]: d for d in docs}
    assert set(by_lang) == {"en", "fr"}
    french = by_lang["fr"]
    assert any(e["stage"] == "language" and "[E009]" in e["message"] and "'fr'" in e["message"] for e in french["errors"])
    assert french["entities"] == []  # stored, not analysed as English
    assert by_lang["en"]["author"] == "Shahriar Kia"

"""`narrascope eval entities`: gold reading, scoring, and the shipped gold on the demo articles."""

from __future__ import annotations

import json

import pytest

from narrascope.errors import NarrascopeError
from narrascope.eval.entities import REPO_ROOT, GoldDoc, Result, evaluate, read_gold, score_doc

EXAMPLES_GOLD = REPO_ROOT / "benchmarks" / "gold" / "entities-examples.jsonl"
POLNEAR_GOLD = REPO_ROOT / "benchmarks" / "gold" / "entities-pnear-dev.jsonl"


def test_scoring_exact_and_overlap():
    gold = GoldDoc("x", None, "Maryam Rajavi said.", None, None, [(0, 13, "maryam-rajavi")])
    result = Result()
    score_doc(gold, [(7, 13, "maryam-rajavi"), (14, 18, None)], result)
    assert result.exact.tp == 0 and result.overlap.tp == 1
    assert result.exact.predicted == 1  # unlinked predictions do not count
    assert result.overlap.precision == 1.0 and result.exact.recall == 0.0
    result = Result()
    score_doc(gold, [(0, 13, "someone-else")], result)
    assert result.overlap.tp == 0  # the kb id must match


def test_regions_limit_predictions():
    gold = GoldDoc("x", None, "Trump met Obama.", None, [(0, 5)], [(0, 5, "Q22686")])
    result = Result()
    score_doc(gold, [(0, 5, "Q22686"), (10, 15, "Q76")], result)
    assert result.exact.predicted == 1 and result.exact.f1 == 1.0


def test_shipped_gold_files_are_valid(datasets_dir):
    docs = read_gold(EXAMPLES_GOLD)
    assert len(docs) == 2 and sum(len(d.mentions) for d in docs) > 100
    polnear = read_gold(POLNEAR_GOLD, datasets_dir)
    assert len(polnear) == 84 and all(d.regions is not None for d in polnear)
    for line in POLNEAR_GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == {"doc", "published", "regions", "mentions"}  # no article text
        assert all(set(m) == {"start", "end", "text", "kb_id"} and len(m["text"]) < 60 for m in row["mentions"])


def test_bad_gold_line_names_file_and_line(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text(json.dumps({"doc": "examples/iran-isis-narratives-shops.txt", "published": None, "regions": None,
                               "mentions": [{"start": 0, "end": 3, "text": "Iraq", "kb_id": "Q796"}]}) + "\n")
    with pytest.raises(NarrascopeError, match=r"E026.*gold\.jsonl, line 1.*does not match"):
        read_gold(bad)
    bad.write_text("{not json\n")
    with pytest.raises(NarrascopeError, match=r"E026.*line 1"):
        read_gold(bad)


def test_component_beats_baseline_on_demo_gold():
    result = evaluate([EXAMPLES_GOLD])
    base, comp = result["systems"]["baseline"], result["systems"]["component"]
    assert comp["exact"]["f1"] > base["exact"]["f1"]
    assert comp["overlap"]["recall"] > 0.9

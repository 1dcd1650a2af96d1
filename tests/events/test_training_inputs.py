"""The training-input fingerprint of the event models (`events.training_inputs`): written beside
each model by `narrascope train events`, recomputed without a fit by `train events --check`.

The corpus here is a tiny synthetic one in the MUC-3/4 layout, written for these tests (no MUC text)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.events import incident_score, role_training, scorer_training, training_inputs
from narrascope.loader import load_pipeline

DOCS = [
    ("DEV-MUC3-0001", "NORTH CITY, 3 JAN 90 (WIRE) -- [TEXT] GUERRILLAS OF THE RED STAR FRONT BOMBED A POWER "
                      "STATION IN NORTH CITY YESTERDAY. A GUARD WAS KILLED IN THE ATTACK, POLICE SAID."),
    ("DEV-MUC3-0002", "SOUTH TOWN, 5 JAN 90 (WIRE) -- [TEXT] GUNMEN KILLED JUDGE ANA PEREZ IN SOUTH TOWN ON "
                      "THURSDAY. THE RED STAR FRONT CLAIMED THE MURDER IN A STATEMENT."),
    ("DEV-MUC3-0003", "EAST PORT, 7 JAN 90 (WIRE) -- [TEXT] THE MINISTER SPOKE ABOUT THE ECONOMY AT A MEETING "
                      "IN EAST PORT ON MONDAY. SOLDIERS ATTACKED A REBEL CAMP IN THE HILLS, HE SAID."),
]
KEYS = {
    "DEV-MUC3-0001": {"INCIDENT: TYPE": "BOMBING", "PERP: ORGANIZATION ID": '"RED STAR FRONT"',
                      "PHYS TGT: ID": '"POWER STATION"', "HUM TGT: DESCRIPTION": '"GUARD"',
                      "INCIDENT: INSTRUMENT ID": "-", "PERP: INDIVIDUAL ID": '"GUERRILLAS"', "HUM TGT: NAME": "-"},
    "DEV-MUC3-0002": {"INCIDENT: TYPE": "ATTACK", "PERP: ORGANIZATION ID": '"RED STAR FRONT"',
                      "PHYS TGT: ID": "*", "HUM TGT: DESCRIPTION": '"JUDGE": "ANA PEREZ"',
                      "INCIDENT: INSTRUMENT ID": "-", "PERP: INDIVIDUAL ID": '"GUNMEN"',
                      "HUM TGT: NAME": '"ANA PEREZ"'},
}


def _key_block(doc_id: str, slots: dict[str, str] | None) -> str:
    lines = [f"0.  MESSAGE: ID                     {doc_id}",
             f"1.  MESSAGE: TEMPLATE               {'1' if slots else '*'}"]
    for n, name in enumerate(("INCIDENT: TYPE", "INCIDENT: INSTRUMENT ID", "PERP: INDIVIDUAL ID",
                              "PERP: ORGANIZATION ID", "PHYS TGT: ID", "HUM TGT: NAME", "HUM TGT: DESCRIPTION"), 2):
        lines.append(f"{n}.  {name}{' ' * (32 - len(name))}{(slots or {}).get(name, '*')}")
    return "\n".join(lines) + "\n\n"


@pytest.fixture()
def corpus(tmp_path):
    dev = tmp_path / "muc" / "dev"
    dev.mkdir(parents=True)
    (dev / "dev-muc3-0001-0003").write_text("".join(f"{i} (WIRE)\n\n   {t}\n\n" for i, t in DOCS), encoding="latin-1")
    (dev / "key-dev-0001-0003.muc4").write_text("".join(_key_block(i, KEYS.get(i)) for i, _ in DOCS),
                                                encoding="latin-1")
    return tmp_path / "muc"


@pytest.fixture(scope="module")
def bare():
    return load_pipeline(components=())


def _crf_items(bare, root):
    texts, examples = role_training.prepare_split(str(root), "dev")
    docs = list(bare.pipe(texts))
    return role_training.items_fingerprint(zip(docs, [e.incidents for e in examples]))


def _with_extra_feature(monkeypatch):
    """A code change that adds one CRF feature to every token."""
    original = role_training.sentence_features

    def changed(sent, n, table=None):
        return [{**f, "new": 1.0} for f in original(sent, n, table)]

    monkeypatch.setattr(role_training, "sentence_features", changed)


def test_digest_is_stable_and_reads_values_and_order():
    items = [([{"w": "a", "p": "DET"}, {"w": "b", "p": "NOUN"}], ["O", "B-Target"])]
    one, two = training_inputs.Digest(), training_inputs.Digest()
    for d in (one, two):
        for item in items:
            d.add(item)
    assert one.hexdigest() == two.hexdigest() and one.count == 1
    value = training_inputs.Digest()
    value.add(([{"w": "a", "p": "DET"}, {"w": "b", "p": "PROPN"}], ["O", "B-Target"]))
    order = training_inputs.Digest()  # crfsuite numbers attributes in the order it meets them
    order.add(([{"p": "DET", "w": "a"}, {"w": "b", "p": "NOUN"}], ["O", "B-Target"]))
    assert len({one.hexdigest(), value.hexdigest(), order.hexdigest()}) == 3


def test_crf_items_are_stable_across_parses_and_change_with_a_feature(bare, corpus, monkeypatch):
    first, second = _crf_items(bare, corpus), _crf_items(bare, corpus)
    assert first == second and first["count"] >= len(DOCS)
    _with_extra_feature(monkeypatch)
    changed = _crf_items(bare, corpus)
    assert changed["count"] == first["count"] and changed["sha256"] != first["sha256"]


def test_scorer_items_change_with_a_scorer_feature(bare, corpus, monkeypatch):
    texts, examples = role_training.prepare_split(str(corpus), "dev")
    docs = list(bare.pipe(texts))
    first = scorer_training.items_fingerprint(zip(docs, examples))
    assert first == scorer_training.items_fingerprint(zip(docs, examples)) and first["count"] > 0
    original = incident_score.features
    monkeypatch.setattr(incident_score, "features", lambda ev, n: {**original(ev, n), "new": 1.0})
    assert scorer_training.items_fingerprint(zip(docs, examples))["sha256"] != first["sha256"]


def _train(root, out):
    result = CliRunner().invoke(app, ["train", "events", "--muc", str(root), "--max-iterations", "5",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {name: json.loads((out / name).read_text()) for name in ("roles.inputs.json",
                                                                    "incident_scorer.inputs.json")}


def _check(root, out, *extra):
    return CliRunner().invoke(app, ["train", "events", "--muc", str(root), "--out", str(out), "--check", *extra])


def test_train_records_the_fingerprint_and_check_finds_drift(corpus, tmp_path, monkeypatch):
    pytest.importorskip("pycrfsuite")
    a, b = _train(corpus, tmp_path / "a"), _train(corpus, tmp_path / "b")
    roles = a["roles.inputs.json"]
    assert roles["model"] == "roles.crfsuite" and roles["split"] == "dev"
    assert roles["documents"]["count"] == len(DOCS) and len(roles["documents"]["sha256"]) == 64
    assert roles["items"]["count"] == roles["counts"]["sequences"] and roles["params"]["max_iterations"] == 5
    assert a["incident_scorer.inputs.json"]["items"]["count"] == a["incident_scorer.inputs.json"]["counts"]["records"]
    for name in a:  # two runs, the same digests
        assert {k: a[name][k] for k in ("documents", "items")} == {k: b[name][k] for k in ("documents", "items")}

    same = _check(corpus, tmp_path / "a")
    assert same.exit_code == 0, same.output
    assert "roles.crfsuite: same" in same.output and "incident_scorer.json: same" in same.output

    _with_extra_feature(monkeypatch)
    drift = _check(corpus, tmp_path / "a")
    assert drift.exit_code == 1, drift.output
    assert "roles.crfsuite: features drifted (documents same, training items differs)" in drift.output
    assert "incident_scorer.json: same" in drift.output  # the scorer does not read the CRF's features


def test_check_without_a_recorded_fingerprint(corpus, tmp_path):
    result = _check(corpus, tmp_path / "none")
    assert result.exit_code == 0, result.output
    assert "roles.crfsuite: no fingerprint recorded" in result.output
    assert "incident_scorer.json: no fingerprint recorded" in result.output


def test_check_errors(corpus, tmp_path):
    result = _check(corpus, tmp_path, "--backend", "encoder")
    assert result.exit_code == 2 and "[E068]" in result.output
    (tmp_path / "roles.inputs.json").write_text("{not json")
    result = _check(corpus, tmp_path)
    assert result.exit_code == 2 and "[E069]" in result.output

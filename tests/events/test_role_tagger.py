"""The learned role tagger: labels from key strings, BIO decoding, training, the shipped model,
and the rule-only fallback when the model is absent or broken."""

from __future__ import annotations

import warnings

import pytest

from narrascope.events import role_tagger, role_training
from narrascope.events.extract import extract
from narrascope.loader import load_pipeline

TEXT = ("Urban guerrillas of the Farabundo Marti National Liberation Front dynamited an electric power "
        "substation in San Miguel yesterday. A soldier died in the attack.")


@pytest.fixture(scope="module")
def bare():
    return load_pipeline(components=())


def test_token_labels_mark_key_strings_case_insensitively(bare):
    doc = bare(TEXT)
    labels = role_training.token_labels(doc, {"PerpOrg": {"FARABUNDO MARTI NATIONAL LIBERATION FRONT"},
                                              "Target": {"ELECTRIC POWER SUBSTATION"}, "Victim": {"SOLDIER"},
                                              "Weapon": {"BOMB"}})  # absent from the text: no label
    marked = {(lab[2:], t.text) for t, lab in zip(doc, labels) if lab != "O"}
    assert ("PerpOrg", "Farabundo") in marked and ("PerpOrg", "Front") in marked
    assert ("Target", "substation") in marked and ("Victim", "soldier") in marked
    assert not any(lab.endswith("Weapon") for lab in labels)
    first = [lab for t, lab in zip(doc, labels) if t.text == "Farabundo"][0]
    assert first == "B-PerpOrg"


def test_longest_match_wins_where_key_strings_overlap(bare):
    doc = bare(TEXT)
    labels = role_training.token_labels(doc, {"Target": {"POWER SUBSTATION"},
                                              "PerpInd": {"ELECTRIC POWER SUBSTATION"}})
    spans = [(r, s.text) for r, s in role_tagger.decode(doc[:], labels)]
    assert spans == [("PerpInd", "electric power substation")]


def test_decode_bio():
    class Toks(list):
        def __getitem__(self, k):
            return " ".join(list.__getitem__(self, k)) if isinstance(k, slice) else list.__getitem__(self, k)

    toks = Toks("a b c d e f".split())
    labels = ["B-Victim", "I-Victim", "O", "I-Target", "B-Weapon", "I-Victim"]
    assert list(role_tagger.decode(toks, labels)) == [("Victim", "a b"), ("Target", "d"), ("Weapon", "e"),
                                                     ("Victim", "f")]


def test_train_and_tag_tiny_model(bare, tmp_path):
    pytest.importorskip("pycrfsuite")
    doc = bare(TEXT)
    tmpl = {"slots": {"PERP: ORGANIZATION ID": [{"values": ["FARABUNDO MARTI NATIONAL LIBERATION FRONT"]}],
                      "PHYS TGT: ID": [{"values": ["ELECTRIC POWER SUBSTATION"]}],
                      "HUM TGT: NAME": [], "HUM TGT: DESCRIPTION": [{"values": ["SOLDIER"], "refs": None}]}}
    model = tmp_path / "roles.crfsuite"
    info = role_training.train([(doc, [tmpl])] * 3, model, {"max_iterations": 30, "feature.minfreq": 0})
    assert {k: info[k] for k in ("documents", "sequences", "fillers")} == {"documents": 3, "sequences": 6, "fillers": 9}
    assert info["items"]["count"] == 6 and len(info["items"]["sha256"]) == 64
    found = {(r, s.text) for r, s in role_tagger.tag(doc, model)}
    assert ("Target", "electric power substation") in found
    assert ("Victim", "soldier") in found


def test_no_model_means_rule_roles_only(bare, tmp_path, monkeypatch):
    doc = bare(TEXT)
    assert role_tagger.tag(doc, tmp_path / "absent.crfsuite") == []
    monkeypatch.setattr(role_tagger, "MODEL_PATH", tmp_path / "absent.crfsuite")
    events = extract(doc, "1990-01-03")
    assert events and events[0]["type"] == "bombing"


def test_broken_model_file_warns_and_falls_back(bare, tmp_path):
    pytest.importorskip("pycrfsuite")
    bad = tmp_path / "broken.crfsuite"
    bad.write_bytes(b"not a crfsuite model")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert role_tagger.tag(bare(TEXT), bad) == []
    assert any("[E063]" in str(w.message) for w in caught)


@pytest.mark.skipif(not role_tagger.available(), reason="shipped role model or python-crfsuite absent")
def test_shipped_model_adds_fillers_to_the_incident(bare):
    doc = bare(TEXT)
    tagged = {(r, s.text) for r, s in role_tagger.tag(doc)}
    assert tagged, "the shipped model marks nothing in a plain MUC-style report"
    events = extract(doc, "1990-01-03")
    texts = {p["text"] for e in events for p in e["perpetrators"] + e["targets"]}
    # every tagged perpetrator/target filler in the incident's sentence is on the record
    for role, text in tagged:
        if role in ("PerpInd", "PerpOrg", "Target", "Victim"):
            assert any(text in t or t in text for t in texts), (role, text, texts)


def test_labels_from_real_keys(datasets_dir, bare):
    root = datasets_dir / "muc34"
    if not (root / "dev").exists():
        pytest.skip("muc34/dev not present")
    texts, examples = role_training.prepare_split(str(root), "dev", limit=1)
    labels = role_training.token_labels(bare(texts[0]), role_training.gold_strings(examples[0].incidents))
    assert any(lab == "B-PerpOrg" for lab in labels)

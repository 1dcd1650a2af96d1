"""The opt-in encoder backend of narrascope_attribution (session 11): gold BIO labels, the cue
veto, the settings, the fallback without the encoder extra, the `pipeline.backends` record and
the shipped int8 weights. The texts are written for these tests (no corpus text)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from narrascope.attribution import encoder_tagger
from narrascope.attribution.encoder_training import gold_labels
from narrascope.attribution.encoder_veto import veto_cues
from narrascope.attribution.rules import Candidate
from narrascope.eval.brat_attributions import AnnotatedArticle, parse_ann

# a nested attribution (the mayor's words inside Ana Ruiz's content) and a split content
GOLD_TEXT = ('Ana Ruiz said that the plan, which the mayor called "a mess", would fail. '
             'It was late, she added, and costly.')

# one quote, reported speech with verbs the lexicon knows, and two weak cues ("believes",
# "feel") the shipped encoder does not read as cues (P(cue) < 0.5 on this text)
VETO_TEXT = ("The mayor said on Tuesday that the bridge would reopen in May. "
             "\"We are not going to wait any longer,\" Maria Lopez, the city's transport chief, told reporters. "
             "Critics argue the repairs were rushed. The council believes the budget is sound, according to a statement. "
             "Officials hope the traffic will ease, and residents feel the plan is late. "
             "The report shows that costs rose by a third.")


def _at(text: str, part: str, after: int = 0) -> str:
    start = text.index(part, after)
    return f"{start} {start + len(part)}"


def _gold_article() -> AnnotatedArticle:
    t = GOLD_TEXT
    late, costly = t.index("It was late"), t.index("and costly")
    outer = f"{t.index('that the plan')} {t.index('would fail') + len('would fail')}"
    mess = _at(t, '"a mess"')
    ann = "\n".join([
        f"T1\tSource {_at(t, 'Ana Ruiz')}\tx",
        f"T2\tCue {_at(t, 'said')}\tx",
        f"T3\tContent {outer}\tx",
        f"T4\tSource {_at(t, 'the mayor')}\tx",
        f"T5\tCue {_at(t, 'called')}\tx",
        f"T6\tContent {mess}\tx",
        f"T7\tSource {_at(t, 'she')}\tx",
        f"T8\tCue {_at(t, 'added')}\tx",
        f"T9\tContent {late} {late + 11};{costly} {costly + 10}\tx",
        "T10\tAttribution 0 0\tx",
        "E1\tAttribution:T10 Source:T1 Cue:T2 Content:T3",
        "E2\tAttribution:T10 Source:T4 Cue:T5 Content:T6",
        "E3\tAttribution:T10 Source:T7 Cue:T8 Content:T9",
    ])
    return AnnotatedArticle(name="test", annotator="a", text=t, attributions=parse_ann(ann))


def test_gold_labels_nested_and_split(bare):
    article = _gold_article()
    assert len(article.attributions) == 3
    doc = bare.make_doc(GOLD_TEXT)
    labels = gold_labels(doc, article)
    got = [(tok.text, encoder_tagger.LABELS[y]) for tok, y in zip(doc, labels)]
    want = [("Ana", "B-SRC"), ("Ruiz", "I-SRC"), ("said", "B-CUE"), ("that", "B-CNT"), ("the", "I-CNT"),
            ("plan", "I-CNT"), (",", "I-CNT"), ("which", "I-CNT"),
            # the nested source stays content (its content is inside the outer one); its cue is a cue
            ("the", "I-CNT"), ("mayor", "I-CNT"), ("called", "B-CUE"),
            ('"', "B-CNT"), ("a", "I-CNT"), ("mess", "I-CNT"), ('"', "I-CNT"), (",", "I-CNT"),
            ("would", "I-CNT"), ("fail", "I-CNT"), (".", "O"),
            # the split content: two spans around the source and cue
            ("It", "B-CNT"), ("was", "I-CNT"), ("late", "I-CNT"), (",", "O"), ("she", "B-SRC"),
            ("added", "B-CUE"), (",", "O"), ("and", "B-CNT"), ("costly", "I-CNT"), (".", "O")]
    assert got == want


def test_veto_keeps_cues_with_a_likely_token():
    probs = np.array([0.0, 0.9, 0.1, 0.2, 0.49, 0.5, 0.0], dtype=np.float32)
    cands = [Candidate(cue=(1, 2), content=[(2, 3)]), Candidate(cue=(2, 4), content=[(0, 1)]),
             Candidate(cue=(3, 6), content=[(0, 1)]), Candidate(cue=(4, 5), content=[(0, 1)])]
    kept = veto_cues(cands, probs, 0.5)
    assert [c.cue for c in kept] == [(1, 2), (3, 6)]
    assert [c.cue for c in veto_cues(cands, probs, 0.0)] == [c.cue for c in cands]


def _component(**config):
    import narrascope.pipeline  # noqa: F401 - registers the factory and extensions
    from spacy.lang.en import English

    nlp = English()
    nlp.add_pipe("narrascope_attribution", config={"resolve": False, **config})
    return nlp.get_pipe("narrascope_attribution")


@pytest.mark.parametrize("config, code", [({"backend": "bert"}, "E045"), ({"veto_threshold": 1.5}, "E047"),
                                          ({"veto_threshold": -0.1}, "E047")])
def test_settings_are_validated(config, code):
    with pytest.raises(ValueError, match=code):
        _component(**config)


def test_default_runs_no_encoder(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("the default backend must not load the encoder")

    from narrascope.encoder import shipped

    monkeypatch.setattr(encoder_tagger, "load", boom)
    monkeypatch.setattr(shipped, "load_checked", boom)  # the fallback check loads through it
    comp = _component()
    assert comp.backend == "rules"


def test_missing_encoder_extra_falls_back_with_a_warning(monkeypatch):
    import narrascope.encoder

    from narrascope.loader import backends

    monkeypatch.setattr(narrascope.encoder, "encoder_available", lambda: False)
    encoder_tagger.warn_fallback.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        comp = _component(backend="encoder")
    assert comp.backend == "rules"
    assert any("E046" in str(w.message) for w in caught)
    from spacy.lang.en import English

    nlp = English()
    nlp.add_pipe("narrascope_attribution", config={"resolve": False, "backend": "encoder"})
    assert "narrascope_attribution" not in backends(nlp)


needs_encoder = pytest.mark.skipif(not encoder_tagger.available(),
                                   reason="the encoder extra or the shipped attribution encoder weights are missing")


@needs_encoder
def test_shipped_weights_are_int8_and_load():
    from narrascope.encoder.int8 import is_int8

    assert is_int8(encoder_tagger.MODEL_DIR / "encoder.safetensors")
    tagger = encoder_tagger.load()
    assert tagger.labels == encoder_tagger.LABELS and tagger.layers == 4


@needs_encoder
def test_veto_on_real_text(bare):
    pytest.importorskip("pycrfsuite")
    doc = bare(VETO_TEXT)
    plain = _component().extract(doc)
    vetoed = _component(backend="encoder").extract(doc)
    probs = encoder_tagger.cue_probs(doc)

    def cue_p(att):
        span = doc.char_span(att["cue"]["start"], att["cue"]["end"])
        return float(probs[span.start:span.end].max())

    def key(att):
        return att["cue"]["text"], att["source"] and att["source"]["text"], att["content"]["text"]

    # exactly the default's attributions whose cue has a token with P(cue) >= 0.5, renumbered
    assert [key(a) for a in vetoed] == [key(a) for a in plain if cue_p(a) >= 0.5]
    assert [a["id"] for a in vetoed] == [f"a{i}" for i in range(1, len(vetoed) + 1)]
    cues = {a["cue"]["text"] for a in vetoed}
    assert {"said", "told"} <= cues
    assert 0 < len(vetoed) < len(plain), "the encoder drops some of the default's cues here, not all"
    # threshold 0 vetoes nothing
    assert [key(a) for a in _component(backend="encoder", veto_threshold=0.0).extract(doc)] == [key(a) for a in plain]


@needs_encoder
def test_accurate_pipeline_records_the_backend():
    from narrascope.loader import backends, load_pipeline

    nlp = load_pipeline(components=("narrascope_attribution",), accurate=True)
    assert backends(nlp)["narrascope_attribution"] == "encoder"
    assert nlp.get_pipe("narrascope_attribution").veto_threshold == 0.5
    assert "narrascope_attribution" not in backends(load_pipeline(components=("narrascope_attribution",)))


@pytest.fixture()
def polnear_root(datasets_dir):
    path = datasets_dir / "polnear"
    if not (path / "train").is_dir():
        pytest.skip("PolNeAR train not found")
    return path


def test_train_encoder_stage_goes_beside_out_without_parsing(polnear_root, tmp_path, monkeypatch):
    """`--stage encoder` alone: the weights folder `encoder/` beside `out`, no parse of train."""
    import narrascope.attribution.encoder_training as training
    import narrascope.attribution.train as train_mod

    calls = []
    monkeypatch.setattr(training, "train_encoder", lambda root, out, names, log: calls.append(out) or {"encoder_path": str(out)})
    monkeypatch.setattr(train_mod, "parse_split", lambda *a, **k: pytest.fail("the encoder stage parses nothing"))
    info = train_mod.train(polnear_root, tmp_path / "m" / "attribution.crfsuite", stages=("encoder",), log=lambda *_: None)
    assert calls == [tmp_path / "m" / "encoder"] and info["encoder_path"] == str(tmp_path / "m" / "encoder")


def _encoder_extra() -> bool:
    from narrascope.encoder import encoder_available

    return encoder_available()


@pytest.mark.skipif(not _encoder_extra(), reason="needs the encoder extra")
def test_train_encoder_writes_int8_weights_that_load(polnear_root, tmp_path, bare):
    """Two train articles, 1 layer, 1 epoch: the saved tagger is int8, loads and predicts."""
    from narrascope.attribution.encoder_training import train_encoder
    from narrascope.encoder.int8 import is_int8
    from narrascope.eval import brat_attributions as polnear

    names = polnear.article_names(polnear_root, "train")[:2]
    info = train_encoder(polnear_root, tmp_path / "enc", names, layers=1, epochs=1, log=lambda *_: None)
    assert info["encoder_articles"] == 2 and info["encoder_layers"] == 1
    assert is_int8(tmp_path / "enc" / "encoder.safetensors")
    tagger = encoder_tagger.load(tmp_path / "enc")
    assert tagger.labels == encoder_tagger.LABELS and tagger.layers == 1
    doc = bare.make_doc("The minister said the talks had failed.")
    assert encoder_tagger.cue_probs(doc, tmp_path / "enc").shape == (len(doc),)

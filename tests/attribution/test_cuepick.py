"""The cue picker: candidates, cue boundaries, features, the shipped weights in the pipeline."""

from __future__ import annotations

import pytest

from narrascope.attribution.cuepick import (CuePicker, PickContext, candidate_tokens, cue_span, features,
                                            load_cuepick)
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.rules import RuleExtractor
from narrascope.attribution.tagger import cue_words, learned_lemmas

TEXT = ("The mayor has also strongly hinted that the bridge would reopen. "
        "Residents pointed out: the road is closed.\n\n"
        "Lee ― “We will not wait.”\n\nThe city of the river.")


def _tok(doc, word):
    return next(t.i for t in doc if t.text == word)


def _ctx(doc):
    quotes = find_quotes(doc.text)
    qids = token_quote_ids(doc, quotes)
    return PickContext(doc, qids, RuleExtractor().extract(doc, quotes, qids))


def test_candidates_are_verbs_cue_words_and_speaker_marks(doc):
    cands = {doc[i].text for i in candidate_tokens(doc, cue_words(cue_lexicon()))}
    assert {"hinted", "pointed", "reopen", "―"} <= cands
    assert not cands & {"The", "the", "city", "river", "of", "mayor", "bridge"}


def test_cue_span_takes_auxiliaries_adverbs_particle_and_colon(doc):
    hinted = _tok(doc, "hinted")
    s, e = cue_span(doc, hinted)
    assert doc[s:e].text == "has also strongly hinted"
    s, e = cue_span(doc, _tok(doc, "pointed"))
    assert doc[s:e].text == "pointed out:"
    dash = _tok(doc, "―")
    assert cue_span(doc, dash) == (dash, dash + 1)


def test_features_read_the_dependency_frame_and_quotes(doc):
    ctx = _ctx(doc)
    lex = cue_lexicon()
    f = features(ctx, _tok(doc, "hinted"), lex, learned_lemmas())
    assert "l=hint" in f and "c=ccomp" in f and "c=that" in f and "c=nsubj" in f
    assert "sl=mayor" in f and "frame=110" in f and "inq" not in f
    dash = features(ctx, _tok(doc, "―"), lex, learned_lemmas())
    assert "qR" in dash and "p-1=PROPN" in dash
    # no white space inside a feature: the weights file is tab- and line-separated
    assert all(not any(ch.isspace() for ch in x) for x in f + dash)


def test_shipped_picker_loads_and_scores_in_range():
    picker = load_cuepick()
    assert picker is not None and 0 < picker.threshold < 1 and len(picker.weights) > 1000
    assert picker.score(["b", "l=say", "c=ccomp", "c=nsubj"]) > picker.score(["b", "l=walk", "d=conj"])


def test_bad_weight_files_give_no_picker(tmp_path):
    assert load_cuepick(tmp_path / "missing.tsv") is None
    bad = tmp_path / "bad.tsv"
    bad.write_text("#threshold\tnot-a-number\n", encoding="utf-8")
    assert load_cuepick(bad) is None
    ok = tmp_path / "ok.tsv"
    ok.write_text("# comment\n#threshold\t0.3\nb\t-1.0\nl=hint\t3.0\n", encoding="utf-8")
    picker = CuePicker(ok)
    assert picker.threshold == 0.3 and picker.score(["b", "l=hint"]) == pytest.approx(0.8808, abs=1e-3)


def test_picker_adds_a_cue_the_first_stage_missed_and_the_per_cue_model_reads_it(examples_dir):
    """Demo article: "Numerous media accounts ... revealing more events": the first stage gives
    "revealing" no cue; the picker does, and the per-cue model finds its source."""
    from narrascope.loader import _load_base

    import narrascope.pipeline  # noqa: F401

    text = next(p for p in sorted(examples_dir.glob("*.txt"))
                if "revealing" in p.read_text(encoding="utf-8")).read_text(encoding="utf-8")
    nlp = _load_base(None)
    with_picker = nlp.add_pipe("narrascope_attribution", config={"resolve": False})
    with nlp.select_pipes(disable=["narrascope_attribution"]):
        parsed = nlp(text)
    atts = with_picker.extract(parsed)
    without = type(with_picker)(nlp, "x", resolve=False, use_cuepick=False).extract(parsed)
    cues = [a["cue"]["text"] for a in atts]
    assert "revealing" in cues and "revealing" not in [a["cue"]["text"] for a in without]
    rev = atts[cues.index("revealing")]
    assert rev["source"] and "media accounts" in rev["source"]["text"] and rev["content"]["text"]
    # picked cues only add: every attribution of the run without the picker is still there
    key = [(a["cue"]["start"], a["cue"]["end"]) for a in atts]
    assert all((a["cue"]["start"], a["cue"]["end"]) in key for a in without)
    for a in atts:
        assert parsed.text[a["cue"]["start"]:a["cue"]["end"]] == a["cue"]["text"]


def test_picker_needs_the_per_cue_stage():
    from spacy.lang.en import English

    import narrascope.pipeline  # noqa: F401
    from narrascope.pipeline.attribution import AttributionComponent

    comp = AttributionComponent(English(), "x", use_percue=False)
    assert comp.picker is None  # a picked cue needs the per-cue model to read its content

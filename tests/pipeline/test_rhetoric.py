"""narrascope_rhetoric on the demo op-ed and on bad input."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from narrascope.rhetoric.ptc import LABELS
from narrascope.spans import check_span

EXPECTED = [  # (phrase in the op-ed, acceptable techniques)
    ("outrageously", {"loaded_language"}),
    ("godfather", {"loaded_language", "name_calling_labeling"}),
    ("central banker of terrorism", {"loaded_language", "name_calling_labeling"}),
]


def _covering(doc, phrase):
    start = doc.text.index(phrase)
    end = start + len(phrase)
    return [r for r in doc._.rhetoric if r["start"] < end and start < r["end"]]


@pytest.mark.parametrize("phrase,techniques", EXPECTED)
def test_demo_loaded_language_and_name_calling(oped, phrase, techniques):
    spans = _covering(oped, phrase)
    assert any(r["technique"] in techniques for r in spans), spans


def test_murderous_regime_of_the_mullahs(shops):
    spans = _covering(shops, "murderous regime of the Mullahs")
    assert {r["technique"] for r in spans} & {"loaded_language", "name_calling_labeling"}


def test_span_shape(oped):
    assert oped._.rhetoric
    for i, r in enumerate(oped._.rhetoric, start=1):
        assert r["id"] == f"r{i}"
        assert r["technique"] in LABELS
        assert check_span(oped.text, r)
        assert r["end"] > r["start"]
        assert r["score"] is None or 0.0 <= r["score"] <= 1.0
        assert r["source"] in ("model", "lexicon")


def test_shipped_model_is_loaded(nlp):
    component = nlp.get_pipe("narrascope_rhetoric")
    assert component.model is not None, component.problem
    assert set(component.model.classifier.classes) <= set(LABELS)


def test_model_finds_spans_beyond_the_lexicon(oped):
    assert any(r["source"] == "model" for r in oped._.rhetoric)


def test_missing_model_degrades_to_lexicon(nlp, tmp_path):
    from narrascope.pipeline.rhetoric import RhetoricComponent

    component = RhetoricComponent(nlp, "r", model_dir=str(tmp_path))
    assert component.model is None and "[E070]" in component.problem
    doc = component(nlp.make_doc("The murderous regime of the mullahs outrageously lied."))
    assert {r["source"] for r in doc._.rhetoric} == {"lexicon"}


# --- bad input -----------------------------------------------------------------------------

def test_empty_and_tiny(nlp):
    for text in ("", " ", "Hi."):
        doc = nlp(text)
        assert not doc._.errors
        assert isinstance(doc._.rhetoric, list)


def test_all_caps_and_bullets(nlp):
    doc = nlp("THE MURDEROUS REGIME MUST GO!\n\n • Death to the dictator\n • Enough is enough\n")
    assert not doc._.errors
    assert all(check_span(doc.text, r) for r in doc._.rhetoric)


def test_huge_document_runs(nlp, oped):
    """~100k words from parsed copies (no re-parse): the tagger is vectorised, one pass."""
    component = nlp.get_pipe("narrascope_rhetoric")
    big = Doc.from_docs([oped] * (100_000 // len(oped) + 1), exclude=["user_data"])
    component(big)
    assert not big._.errors
    assert len(big._.rhetoric) >= 50 * sum(1 for r in oped._.rhetoric if r["source"] == "model")


# --- span edges (rhetoric/span_edges.py, session 13 round 2) --------------------------------

def _token_edges(doc, r):
    span = doc.char_span(r["start"], r["end"], alignment_mode="expand")
    return span.start, span.end


@pytest.mark.parametrize("name", ["oped", "shops"])
def test_model_spans_stay_in_one_sentence_and_out_of_names(name, request):
    doc = request.getfixturevalue(name)
    spans = [r for r in doc._.rhetoric if r["source"] == "model"]
    assert spans
    inside = {i for ent in doc.ents for i in range(ent.start + 1, ent.end)}  # tokens after an entity's first
    for r in spans:
        s, e = _token_edges(doc, r)
        assert doc[s].sent.start == doc[e - 1].sent.start, r["text"]
        assert s not in inside and e not in inside, r["text"]   # no edge cuts an entity
        assert not any((ent.start, ent.end) == (s, e) and ent.label_ in ("ORG", "PERSON", "GPE")
                       for ent in doc.ents) or r["technique"] in ("name_calling_labeling", "flag_waving")


def test_demo_spans_the_lead_saw_broken_are_mended(shops):
    texts = [r["text"] for r in shops._.rhetoric if r["source"] == "model"]
    assert "Amini’s death" in texts                                       # was "Amini’s death. Activists on social"
    assert not any(t.startswith("Rights,") or t.startswith("Human Rights,") for t in texts)
    assert not any("Sunni version. This" in t for t in texts)
    assert "Arabiya Al-Hadath" not in texts                               # a bare media name, was "slogans"


def test_span_edges_off_gives_the_decoders_spans(nlp, shops):
    from narrascope.pipeline.rhetoric import RhetoricComponent

    off = RhetoricComponent(nlp, "r", span_edges=False)
    model = off.model
    text = shops.text
    assert [r[:4] for r in off.spans(shops) if r[4] == "model"] == list(model.predict(shops, text))
    texts = {shops.text[s:e] for _t, s, e, _sc, src in off.spans(shops) if src == "model"}
    assert "Amini’s death. Activists on social" in texts                  # today's (session 13) spans
    assert texts != {r["text"] for r in shops._.rhetoric if r["source"] == "model"}


def test_span_edges_is_a_component_setting(nlp):
    assert nlp.get_pipe_config("narrascope_rhetoric")["span_edges"] is True
    assert nlp.get_pipe("narrascope_rhetoric").edges

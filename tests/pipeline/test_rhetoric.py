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

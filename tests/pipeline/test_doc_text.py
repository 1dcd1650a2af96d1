"""narrascope.doc_text: `doc.text` read once per Doc and shared by the components; the full
pipeline's output is the same as with spaCy's own property read each time."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import narrascope.doc_text as doc_text_module
from narrascope.analysis import make_doc
from narrascope.doc_text import doc_text
from narrascope.document import base_document
from narrascope.loader import load_pipeline

EXAMPLE = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))[0]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_same_string_as_spacy_built_once(nlp):
    doc = nlp.make_doc("Officials said  the talks\n\nwould resume on Monday. ")
    text = doc_text(doc)
    assert text == doc.text and doc_text(doc) is text


def test_entry_goes_with_the_doc(nlp):
    before = len(doc_text_module._TEXTS)
    doc = nlp.make_doc("A short text.")
    doc_text(doc)
    assert len(doc_text_module._TEXTS) == before + 1
    del doc
    gc.collect()
    assert len(doc_text_module._TEXTS) == before


def test_a_doc_whose_length_changed_is_read_again(nlp):
    doc = nlp.make_doc("New York City officials said so.")
    doc_text(doc)
    with doc.retokenize() as retok:
        retok.merge(doc[0:3])
    assert doc_text(doc) == doc.text == "New York City officials said so."


def test_pipeline_output_as_with_spacys_property(nlp, monkeypatch):
    text = EXAMPLE.read_text(encoding="utf-8")

    def analyse():
        base = base_document(text=text, input_obj={"format": "text", "record": None, "path": "x"}, language="en")
        doc = nlp(make_doc(nlp, base))
        return {layer: getattr(doc._, layer) for layer in ("entities", "attributions", "events", "claims", "rhetoric",
                                                          "profile")}

    shared = analyse()

    class NoStore(dict):  # every read builds the text again, as spaCy's property does
        def get(self, key, default=None):
            return default

        def __setitem__(self, key, value):
            pass

    monkeypatch.setattr(doc_text_module, "_TEXTS", NoStore())
    assert analyse() == shared and shared["attributions"] and shared["entities"]

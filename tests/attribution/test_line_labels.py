"""A line label before a colon ("Update 1:", "CORRECTION:") is no source: the subject after the colon is
(`source_edits.label_speaker`)."""

from __future__ import annotations

import pytest

from narrascope.attribution.rules import Candidate
from narrascope.attribution.source_edits import edit_sources, label_speaker

from attribution_testkit import span_text, tok

TEXT = ("The harbour stayed closed for a week after the storm.\n\n"
        "Update 2: The port authority says that ships may dock again on Monday.\n\n"
        "Mayor Ruiz: the city says that the ferry runs on Sunday.\n\n"
        "The notice read, in an update: the council says that fees stay the same.")


def test_a_label_gives_way_to_the_subject_after_its_colon(doc):
    says = tok(doc, "says")
    label = (tok(doc, "Update"), tok(doc, "Update") + 1)
    assert span_text(doc, label_speaker(doc, label, (says, says + 1))) == "The port authority"
    with_number = (label[0], label[0] + 2)
    assert span_text(doc, label_speaker(doc, with_number, (says, says + 1))) == "The port authority"
    (out,) = edit_sources(doc, [Candidate(cue=(says, says + 1), content=[(says + 1, says + 3)], source=label)])
    assert span_text(doc, out.source) == "The port authority"


def test_no_label_no_change(doc):
    # a speaker's name before a colon, and a label word that does not start its line
    says = tok(doc, "says", 1)
    ruiz = (tok(doc, "Mayor"), tok(doc, "Ruiz") + 1)
    assert label_speaker(doc, ruiz, (says, says + 1)) == ruiz
    says = tok(doc, "says", 2)
    update = (tok(doc, "update"), tok(doc, "update") + 1)
    assert label_speaker(doc, update, (says, says + 1)) == update


def test_in_the_component(nlp):
    pytest.importorskip("pycrfsuite")
    text = ("Fishing boats stayed in the harbour on Friday.\n\n"
            "Update 1: Reuters reports that the coast guard reopened the port on Saturday.")
    atts = [a for a in nlp(text)._.attributions if a["cue"]["text"] == "reports"]
    assert [(a["source"] or {}).get("text") for a in atts] == ["Reuters"]

"""What kind of act an attribution reports (`cue_class.py`, the `act` column of cues.tsv)."""

from __future__ import annotations

import pytest

from narrascope.attribution.cue_class import CUE_CLASSES, cue_class
from narrascope.attribution.lexicon import cue_lexicon

TEXT = ("The governor said the attack began at dawn.\n\n"
        "The minister believes the talks will fail.\n\n"
        "The regime witnessed two attacks in one week.\n\n"
        "The government will now seek to justify the crackdown.\n\n"
        "The data show that arrests doubled last year.\n\n"
        "Officials revealed that arrests doubled last year.\n\n"
        "The union endorsed the senator's plan.\n\n"
        "He sees the deal as a threat.\n\n"
        "Protesters were arrested, according to the ministry.\n\n"
        "Few people went to see the ruins.\n\n"
        "The ministry issued a statement on the arrests.")


def _span(doc, words: str):
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words))
    assert span is not None, words
    return span


@pytest.mark.parametrize("cue, source, expected", [
    ("said", "The governor", "speech"),
    ("believes", "The minister", "belief"),
    ("witnessed", "The regime", "perception"),
    ("will now seek to justify", "The government", "intention"),     # multiword: the root decides
    ("show", "The data", "evidence"),
    ("revealed", "Officials", "speech"),        # an evidence verb with a person's source is speech
    ("endorsed", "The union", "other"),         # a cue the tagger learned, not classed
    ("sees", "He", "belief"),                   # "see X as Y": a judgement, not a perception
    ("according to", "the ministry", "speech"),  # a lexicon phrase
    ("went to see", "Few people", "perception"),  # root "go" unclassed: the other words decide
    ("issued a statement", "The ministry", "speech"),
])
def test_cue_class_of_real_sentences(doc, cue, source, expected):
    assert cue_class(_span(doc, cue), _span(doc, source)) == expected


def test_evidence_without_a_source_and_punctuation_cues(bare):
    doc = bare("As the figures show, arrests doubled.\n\nThe minister: “We will not yield.”")
    assert cue_class(_span(doc, "show"), None) == "evidence"
    assert cue_class(_span(doc, ":"), _span(doc, "The minister")) == "speech"
    assert cue_class(doc[0:0]) == "other"


def test_act_column_leaves_the_model_facing_lexicon_alone():
    """The `class` column the rule extractor and the cue picker read is unchanged: learned and
    datum rows add no cue, "pledge" stays a speech cue while its act is an intention."""
    lex = cue_lexicon()
    assert lex.verb_class("pledge") == "speech" and lex.acts["pledge"] == "intention"
    assert lex.verb_class("see") == "belief" and lex.acts["see"] == "perception"
    assert "witness" not in lex.verbs and lex.acts["witness"] == "perception"
    assert "data" in lex.data and "data" not in lex.nouns
    assert set(lex.acts.values()) | set(lex.phrase_acts.values()) <= set(CUE_CLASSES)


def test_every_demo_attribution_has_a_class(examples_dir):
    pytest.importorskip("pycrfsuite")
    import importlib

    from narrascope.loader import _load_base

    importlib.import_module("narrascope.pipeline")  # registers the factories and extensions
    nlp = _load_base(None)
    comp = nlp.add_pipe("narrascope_attribution", config={"resolve": False})
    seen = []
    for path in sorted(examples_dir.glob("*.txt")):
        with nlp.select_pipes(disable=["narrascope_attribution"]):
            parsed = nlp(path.read_text(encoding="utf-8"))
        atts = comp.extract(parsed)
        assert atts and all(a["cue_class"] in CUE_CLASSES for a in atts)
        seen += [(a["cue"]["text"], a["cue_class"]) for a in atts]
    # the op-ed: PolNeAR-style perceptions and intentions are told apart from speech
    assert [c for t, c in seen if t == "witnessed"] and all(c == "perception" for t, c in seen if t == "witnessed")
    assert all(c == "speech" for t, c in seen if t == "said")
    assert any(c == "intention" and "seek" in t for t, c in seen)

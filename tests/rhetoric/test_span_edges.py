"""The span-edge rules (rhetoric/span_edges.py) on parsed text written for these tests, with token
probabilities set by hand so each rule's choice is known."""

from __future__ import annotations

import numpy as np
import pytest

from narrascope.rhetoric.features import token_arrays
from narrascope.rhetoric.span_edges import (EdgeRules, cut_at_sentences, entity_arrays, entity_edges,
                                            keep_names, reshape)

TEXT = ("A report by Amnesty International, based in London, described a brutal campaign of "
        "arrests. Families of the detained say they were never told why. The ministry denied it.")


@pytest.fixture(scope="module")
def doc(bare):
    return bare(TEXT)


def _span(doc, phrase_span, first: str, last: str) -> tuple[int, int]:
    return phrase_span(doc, first)[0], phrase_span(doc, last)[1]


def test_the_text_parses_as_the_tests_expect(doc, phrase_span):
    assert len(list(doc.sents)) == 3
    hrw = phrase_span(doc, "Amnesty International")
    assert any((e.start, e.end, e.label_) == (*hrw, "ORG") for e in doc.ents)


def test_a_span_over_a_sentence_end_is_cut_and_each_part_kept_if_it_has_a_seed(doc, phrase_span):
    t = token_arrays(doc)
    s, e = _span(doc, phrase_span, "brutal", "told why")
    proba = np.full(len(doc), 0.2)
    proba[s] = 0.9                       # a seed in the first sentence only
    parts = cut_at_sentences([(s, e, 0.3)], t, proba, seed=0.5)
    first = _span(doc, phrase_span, "brutal", "arrests")
    assert [(a, b) for a, b, _ in parts] == [first]      # the final "." is trimmed, part 2 has no seed
    assert parts[0][2] == pytest.approx(proba[first[0]:first[1]].mean())
    proba[phrase_span(doc, "never")[0]] = 0.9            # now both parts have a seed
    parts = cut_at_sentences([(s, e, 0.3)], t, proba, seed=0.5)
    assert [(a, b) for a, b, _ in parts] == [first, _span(doc, phrase_span, "Families", "told why")]


def test_a_span_inside_one_sentence_is_unchanged(doc, phrase_span):
    s, e = phrase_span(doc, "brutal campaign")
    assert cut_at_sentences([(s, e, 0.7)], token_arrays(doc), np.full(len(doc), 0.7), seed=0.5) == [(s, e, 0.7)]


def test_a_start_inside_a_name_is_cut_after_it_or_extended_over_it(doc, phrase_span):
    t, ents = token_arrays(doc), entity_arrays(doc)
    s, e = _span(doc, phrase_span, "International", "arrests")     # starts inside "Amnesty International"
    proba = np.full(len(doc), 0.5)
    h0, h1 = phrase_span(doc, "Amnesty International")
    proba[h0:h1] = 0.05                                       # the name itself is unlikely: cut it off
    (cut,) = entity_edges([(s, e, 0.4)], t, proba, threshold=0.3, ents=ents)
    assert doc[cut[0]:cut[1]].text.startswith("based in London")  # the comma after the name is trimmed
    proba[h0:h1] = 0.6                                        # the name is likely: extend over it
    (ext,) = entity_edges([(s, e, 0.4)], t, proba, threshold=0.3, ents=ents)
    assert (ext[0], ext[1]) == (h0, e)
    assert ext[2] == pytest.approx(proba[h0:e].mean())


def test_an_end_inside_a_name_is_moved_and_a_span_that_would_vanish_is_extended(doc, phrase_span):
    t, ents = token_arrays(doc), entity_arrays(doc)
    h0, h1 = phrase_span(doc, "Amnesty International")
    proba = np.full(len(doc), 0.05)
    s = phrase_span(doc, "A report")[0]
    (cut,) = entity_edges([(s, h0 + 1, 0.4)], t, proba, threshold=0.3, ents=ents)  # ends on "Amnesty"
    assert (cut[0], cut[1]) == phrase_span(doc, "A report by")
    (only,) = entity_edges([(h0 + 1, h0 + 2, 0.4)], t, proba, threshold=0.3, ents=ents)  # "International" alone
    assert (only[0], only[1]) == (h0, h1)


def test_a_bare_name_is_dropped_unless_it_is_name_calling_or_flag_waving(doc, phrase_span):
    name = phrase_span(doc, "Amnesty International")
    other = phrase_span(doc, "brutal campaign")
    assert keep_names(doc, [name, other], ["slogans", "loaded_language"], EdgeRules()) == [1]
    assert keep_names(doc, [name, other], ["name_calling_labeling", "loaded_language"], EdgeRules()) == [0, 1]
    assert keep_names(doc, [name, other], ["slogans", "loaded_language"], EdgeRules(names=False)) == [0, 1]


def test_without_entity_annotation_the_entity_rules_do_nothing(phrase_span):
    from narrascope.loader import load_pipeline

    no_ner = load_pipeline(components=(), exclude=("ner",))(TEXT)
    assert entity_arrays(no_ner) is None
    s, e = _span(no_ner, phrase_span, "International", "arrests")
    proba = np.full(len(no_ner), 0.6)
    spans = reshape(no_ner, [(s, e, 0.6)], token_arrays(no_ner), proba, 0.3, 0.5, 1, EdgeRules(sentences=False))
    assert spans == [(s, e, 0.6)]
    assert keep_names(no_ner, [(s, e)], ["slogans"], EdgeRules()) == [0]


def test_no_rules_is_falsy_and_changes_nothing(doc, phrase_span):
    assert not EdgeRules.none() and EdgeRules()
    s, e = _span(doc, phrase_span, "International", "told why")
    proba = np.full(len(doc), 0.6)
    assert reshape(doc, [(s, e, 0.6)], token_arrays(doc), proba, 0.3, 0.5, 1, EdgeRules.none()) == [(s, e, 0.6)]


def test_an_extended_edge_keeps_the_whole_entity_even_its_punctuation(bare, phrase_span):
    """"40%": the decoder trims punctuation at span edges, but an edge moved to an entity's end
    keeps the entity whole (found on fold 0: a span ending on "40" of "40%" stayed inside it)."""
    doc = bare("Arrests rose by a staggering 40% in one year. The ministry denied it.")
    s, e = phrase_span(doc, "a staggering 40")
    assert any((ent.start, ent.end) == phrase_span(doc, "40%") for ent in doc.ents)
    proba = np.full(len(doc), 0.6)
    (ext,) = entity_edges([(s, e, 0.6)], token_arrays(doc), proba, threshold=0.3, ents=entity_arrays(doc))
    assert doc[ext[0]:ext[1]].text == "a staggering 40%"

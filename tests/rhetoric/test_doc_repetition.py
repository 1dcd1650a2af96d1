"""Document-level repetition evidence of the span classifier (session 11, doc_repetition.py)."""

from __future__ import annotations

import numpy as np

from narrascope.rhetoric import span_features as sf
from narrascope.rhetoric.doc_repetition import (ALL_GROUPS, GROUPS, IN_TITLE, MAX_SENTENCES, UNDEFINED,
                                                repetition_bins, repetition_keys)
from narrascope.rhetoric.features import token_arrays


def _bins(doc, span):
    """The bins of the token span (start, end) of `doc`."""
    b = repetition_bins(doc, token_arrays(doc), np.array([span[0]]), np.array([span[1]]), ALL_GROUPS)
    return {k: int(v[0]) for k, v in b.items()}


def test_a_phrase_said_three_times_fires_every_group(bare, phrase_span, texts):
    doc = bare(texts["repeated"])
    for phrase, nth in (("Save our harbour jobs", 0), ("Save our harbour jobs", 1), ("save our harbour jobs", 0)):
        b = _bins(doc, phrase_span(doc, phrase, nth))
        assert b["n_content"] == 3            # save, harbour, job (our: a stop word)
        assert b["rep_lemma"] == 2            # the two other times
        assert b["lemma_share"] == 3          # every content lemma recurs
        assert b["fuzzy"] == 4                # the same words in another sentence: partial ratio 100 (opt-in)
        assert b["title"] == 1                # harbour is in the title: 1 of 3 content lemmas
    assert _bins(doc, phrase_span(doc, "Dock workers rally"))["title"] == int(IN_TITLE)


def test_no_repetition_fires_nothing(bare, phrase_span, texts):
    doc = bare(texts["plain"])
    b = _bins(doc, phrase_span(doc, "higher wages"))
    assert b["rep_lemma"] == 0 and b["lemma_share"] == 0 and b["title"] == 0
    assert b["fuzzy"] < 3                     # no other sentence comes near (< 95)
    b = _bins(doc, phrase_span(doc, "declined to comment on the talks"))
    assert b["rep_lemma"] == 0 and b["lemma_share"] == 0 and b["title"] == 0


def test_undefined_bins(bare, phrase_span):
    doc = bare("It was the same as it was.")  # one line: no title; one sentence: nothing to compare
    b = _bins(doc, phrase_span(doc, "It was the"))
    assert b["n_content"] == 0
    assert b["rep_lemma"] == b["lemma_share"] == b["fuzzy"] == b["title"] == int(UNDEFINED)


def test_fuzzy_looks_at_the_nearest_sentences_only_lemmas_at_all(bare, phrase_span):
    """A repeat more than MAX_SENTENCES / 2 sentences away: the (capped, linear) fuzzy match
    (opt-in, not shipped) misses it, the lemma counts over the whole article do not."""
    filler = " ".join(f"Line {i} is here." for i in range(MAX_SENTENCES))
    doc = bare(f"Save our harbour jobs. {filler} Save our harbour jobs.")
    b = _bins(doc, phrase_span(doc, "Save our harbour jobs"))
    assert b["rep_lemma"] == 1 and b["lemma_share"] == 3
    assert b["fuzzy"] < 3


def test_fuzzy_reads_the_first_64_characters_of_a_long_span(bare, monkeypatch, phrase_span):
    from narrascope.rhetoric import doc_repetition

    phrase = "cheaper ferries, cleaner docks and a new school for every child in the old harbour district"
    doc = bare(f"The council promised {phrase}. Nobody voted. "
               "A new school for every child in the old harbour district.")
    assert len(phrase) > doc_repetition.NEEDLE_CHARS
    assert _bins(doc, phrase_span(doc, phrase))["fuzzy"] == 0     # only the span's tail recurs: partial ratio < 70
    monkeypatch.setattr(doc_repetition, "NEEDLE_CHARS", 1000)
    assert _bins(doc, phrase_span(doc, phrase))["fuzzy"] == 3     # the whole span holds that sentence (95-99)


def test_span_features_emit_the_keys_and_repetition_changes_them(bare, texts):
    doc = bare(texts["repeated"])
    t = token_arrays(doc)
    dense = np.zeros((len(doc), 0), dtype=np.float32)
    start = doc.text.index("Save our harbour jobs")
    span = doc.char_span(start, start + len("Save our harbour jobs"))
    spans = [(span.start, span.end)]
    rows, keys, _ = sf.span_features(doc, t, spans, dense)
    extra = repetition_keys(doc, t, np.array([span.start]), np.array([span.end]))
    assert GROUPS == ("rep_lemma", "lemma_share", "title")  # shipped; fuzzy measured, not shipped (cost)
    assert len(extra) == 3 and set(np.concatenate(extra).tolist()) <= set(keys.tolist())
    sf.OPTIONS["document"] = False
    try:
        rows_off, keys_off, _ = sf.span_features(doc, t, spans, dense)
    finally:
        sf.OPTIONS["document"] = True
    assert len(keys) == len(keys_off) + 3
    plain = bare(texts["plain"])
    pt = token_arrays(plain)
    other = repetition_keys(plain, pt, np.array([pt["idx"].searchsorted(texts["plain"].index("higher"))]),
                            np.array([pt["idx"].searchsorted(texts["plain"].index("higher")) + 2]))
    # the same templates, other bins: no key in common with the repeated phrase's
    assert not set(np.concatenate(other).tolist()) & set(np.concatenate(extra).tolist())


def test_shipped_linear_classifier_knows_the_keys(bare, texts):
    from narrascope.rhetoric.model import RhetoricModel

    doc = bare(texts["repeated"])
    t = token_arrays(doc)
    start = doc.text.index("Save our harbour jobs")
    span = doc.char_span(start, start + len("Save our harbour jobs"))
    keys = np.concatenate(repetition_keys(doc, t, np.array([span.start]), np.array([span.end])))
    known, _cols = RhetoricModel.load().classifier.lookup(keys)
    assert len(known) == 3  # refitted with them (session 11)

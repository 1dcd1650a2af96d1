"""Session 16 (defects round): the sentences of a quotation that runs over several sentences are its
speaker's, not the author's. Invented text."""

from __future__ import annotations


from narrascope.claims.quotations import QuotedVoices, quotations


def test_quotations_pairs_marks_and_keeps_multi_sentence_ones():
    text = ('He said “one sentence only.” Then “A first one. A second one.” And "a straight one. '
            'Another one." A stray “ opening\n\nnever closed. “Short.”')
    found = [text[s:e] for s, e in quotations(text)]
    assert found == ["“A first one. A second one.”", '"a straight one. Another one."']


def test_a_quotation_crossing_a_blank_line_is_no_quotation():
    assert quotations("“It began here.\n\nAnd ended there.”") == []


def test_the_speaker_is_the_attribution_whose_cue_is_outside_the_quotation():
    text = "“We stay. We are not leaving.” the mayor said."
    quote_end = text.index("the mayor")
    said = {"id": "a1", "cue": {"start": text.index("said"), "end": text.index("said") + 4},
            "content": {"start": 0, "end": quote_end - 1}}
    nested = {"id": "a2", "cue": {"start": 1, "end": 3}, "content": {"start": 4, "end": 8}}
    voices = QuotedVoices(text, [nested, said])
    second = text.index("We are")
    assert voices.speaker(second, second + 15) == "a1"
    assert voices.speaker(quote_end, len(text)) is None  # outside any quotation


def test_later_sentences_of_a_quote_are_the_speakers_claims(nlp):
    # one sentence a line, as scraped articles come: the attribution holds the first quoted line only
    # (before session 16 the other two were the author's claims)
    text = ("The fire chief spoke to reporters on Monday.\n"
            "In a statement, the fire chief wrote, “The blaze destroyed four houses on the hill.\n"
            "Two families lost everything they owned in the fire.\n"
            "The third house had been empty since the floods of last year.”\n"
            "The town council will meet on Friday to discuss the damage.")
    doc = nlp(text)

    def claim(words):
        return next(c for c in doc._.claims if words in c["text"])

    chief = claim("The blaze")["asserted_by"]
    assert chief != "author"
    for words in ("Two families", "The third house"):
        assert claim(words)["asserted_by"] == chief
        assert claim(words)["status"] == "reported"
    assert claim("The town council")["asserted_by"] == "author"

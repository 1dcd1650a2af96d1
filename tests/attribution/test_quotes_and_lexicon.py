"""Quote finding, the cue lexicon file and the BIO helpers of the tagger."""

from __future__ import annotations

from narrascope.attribution.features import decode, paint
from narrascope.attribution.lexicon import DATA, cue_lexicon, source_type_words
from narrascope.attribution.quotes import find_quotes


def _quotes(text):
    return [text[s:e] for s, e in find_quotes(text)]


def test_straight_and_curly_quotes():
    assert _quotes('He said "a b c" and “d e f”.') == ['"a b c"', "“d e f”"]


def test_multi_paragraph_quote_goes_on_after_an_opening_mark():
    text = "“First paragraph of the quote.\n\n“Second paragraph.”\nAfter."
    assert _quotes(text) == ["“First paragraph of the quote.\n\n“Second paragraph.”"]


def test_unbalanced_quote_stops_at_the_paragraph_end():
    text = "“Never closed here.  \n\nThe next paragraph is narration."
    assert _quotes(text) == ["“Never closed here."]


def test_unbalanced_at_end_of_text_and_empty():
    assert _quotes("a “b c") == ["“b c"]
    assert _quotes("") == [] and _quotes("“") == []


def test_lexicon_rows_have_provenance():
    for name in ("cues.tsv", "source_types.tsv"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                cols = line.split("\t")
                assert len(cols) >= 3 and cols[-1].strip(), line
    lex = cue_lexicon()
    assert lex.verb_class("say") == "speech" and lex.verb_class("believe") == "belief"
    assert ("according", "to") in lex.phrases and "reportedly" in lex.adverbs
    words = source_type_words()
    assert words["sources"] == "anonymous" and words["statement"] == "document" and words["media"] == "media"


def test_bio_paint_and_decode_round_trip():
    spans = [("CNT", 3, 9), ("SRC", 0, 1), ("CUE", 1, 2), ("SRC", 4, 5)]
    tags = paint(10, spans)
    # the shorter, nested source wins over the content around it
    assert tags[:6] == ["B-SRC", "B-CUE", "O", "B-CNT", "B-SRC", "I-CNT"]
    assert decode(tags) == [("SRC", 0, 1), ("CUE", 1, 2), ("CNT", 3, 4), ("SRC", 4, 5), ("CNT", 5, 9)]

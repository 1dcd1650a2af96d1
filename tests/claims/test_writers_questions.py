"""Session 17, claims round 2: a question that an attribution holds only because the attribution's
content covers it (the tagger made a cue of a verb inside the writer's own question) is the writer's,
when its question mark stands outside every quotation; a quoted question stays its speaker's. Status
stays `questioned` either way. Invented text."""

from __future__ import annotations

import pytest

from narrascope.claims.quotations import paired, quoted


def _question(nlp, text: str) -> dict:
    claims = [c for c in nlp(text)._.claims if c["text"].rstrip("”\"").endswith("?")]
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize("text", [
    "The mayor has promised new housing for years. Do the councillors really believe that voters will "
    "forget the empty lots along the river in 2025?",
    "The ministry closed three clinics in the north last month. What would the health minister think if "
    "she visited the waiting rooms in Kassala today?",
])
def test_the_writers_own_question_is_the_authors(nlp, text):
    claim = _question(nlp, text)
    assert claim["status"] == "questioned"
    assert claim["asserted_by"] == "author"


@pytest.mark.parametrize("text", [
    # a short quotation in the cue's own sentence (QuotedVoices pairs only several-sentence quotations)
    "At the rally, the governor asked the crowd, “Do you want more police on the streets of the capital?”",
    # a quoted question after the speaker's sentence
    "The spokesman said the army had withdrawn from the valley. “Why would we stay there after the ceasefire?”",
])
def test_a_quoted_question_stays_the_speakers(nlp, text):
    doc = nlp(text)
    claim = _question(nlp, text)
    assert claim["status"] == "questioned"
    assert claim["asserted_by"] != "author"
    assert claim["asserted_by"] in {a["id"] for a in doc._.attributions}


def test_quoted_marks():
    text = 'He asked, “Why now?” Then: "And who pays?" Is it over? “Where is the money? Nobody knows.'
    quotes = paired(text)
    starts = [q[0] for q in quotes]
    marks = [i for i, ch in enumerate(text) if ch == "?"]
    # inside a curly pair, inside a straight pair, outside, after an unclosed opening mark in its sentence
    assert quoted(text, quotes, starts, marks[0], 0)
    assert quoted(text, quotes, starts, marks[1], text.index("Then"))
    assert not quoted(text, quotes, starts, marks[2], text.index("Is it over?"))
    assert quoted(text, quotes, starts, marks[3], text.index("“Where"))

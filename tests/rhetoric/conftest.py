"""Fixtures of the rhetoric tests: a bare spaCy pipeline and the token span of a phrase."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def bare():
    """The default spaCy pipeline without narrascope's components."""
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def _phrase_span(doc, phrase: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) token indices of the nth occurrence of `phrase` in `doc`."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    span = doc.char_span(start, start + len(phrase))
    assert span is not None, phrase
    return span.start, span.end


@pytest.fixture(scope="session")
def phrase_span():
    return _phrase_span


#: own texts, written for these tests: a slogan said three times (and in the title's words), and
#: a text where nothing recurs
REPETITION_TEXTS = {
    "repeated": ("Dock workers rally for the harbour\n\n"
                 "Save our harbour jobs, the union leader told the crowd on Monday. "
                 "The port authority wants to close two docks next spring. "
                 "Save our harbour jobs, the workers answered. "
                 "Shipping firms said their costs had risen sharply. "
                 "Everyone in the square chanted save our harbour jobs until dusk."),
    "plain": ("Port workers met on Monday\n\n"
              "The union asked for higher wages. "
              "Managers declined to comment on the talks. "
              "A strike vote is planned for June."),
}


@pytest.fixture(scope="session")
def texts():
    return REPETITION_TEXTS

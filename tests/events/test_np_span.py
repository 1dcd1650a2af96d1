"""The noun phrase of a filler: its edges."""

from __future__ import annotations

import pytest

from narrascope.events.roles import np_span


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def test_a_line_break_before_the_phrase_is_not_part_of_it(bare):
    # a caption line with no full stop: the parser hangs the line break on the next sentence's phrase
    doc = bare("Photo by the city police, February 11, 2018\nTwo white police officers were shot in the town.")
    head = next(t for t in doc if t.text == "officers")
    span = np_span(head, keep_number=True)
    assert span.text == "Two white police officers"
    assert np_span(head).text == "white police officers"

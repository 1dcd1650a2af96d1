"""narrascope_dateline_boundary (pipeline/dateline_boundary.py): before the parser, the token after a
line-initial dateline's dash starts a sentence; nothing else is preset, and a text without a dateline
is parsed as without the pipe. Invented wire copy."""

from __future__ import annotations

import pytest

from narrascope.loader import DATELINE_BOUNDARY, load_pipeline
from narrascope.pipeline.dateline_boundary import story_start

WIRE = [
    ("SHIRAZ, Iran (AP) — Gunmen fired on a police post near the bazaar on Tuesday, officials said.", "Gunmen"),
    ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- Urban commandos set off a small bomb outside a bank branch "
     "in the capital tonight.", "Urban"),
]
PLAIN = "Gunmen fired on a police post near the bazaar on Tuesday. Two officers were hurt, officials said."


@pytest.fixture(scope="module")
def bare():
    return load_pipeline(components=())


def test_pipe_runs_before_the_parser(bare):
    names = bare.pipe_names
    assert names.index(DATELINE_BOUNDARY) == names.index("parser") - 1


@pytest.mark.parametrize("text, first", WIRE)
def test_pipe_presets_one_start_after_the_dash(bare, text, first):
    doc = bare.get_pipe(DATELINE_BOUNDARY)(bare.make_doc(text))
    k = story_start(doc)
    assert doc[k].text == first
    assert [t.i for t in doc[1:] if t.is_sent_start is not None] == [k]  # nothing else is set


@pytest.mark.parametrize("text, first", WIRE)
def test_parser_keeps_the_boundary(bare, text, first):
    doc = bare(text)
    k = story_start(doc)
    assert doc[k].text == first and doc[k].is_sent_start
    assert not [t.i for t in doc if (t.i < k) != (t.head.i < k)]  # no arc crosses it


def test_no_dateline_no_boundary(bare):
    doc = bare.get_pipe(DATELINE_BOUNDARY)(bare.make_doc(PLAIN))
    assert story_start(doc) is None
    assert all(t.is_sent_start is None for t in doc[1:])
    with bare.select_pipes(disable=[DATELINE_BOUNDARY]):
        without = bare(PLAIN)
    with_pipe = bare(PLAIN)
    assert [(t.head.i, t.dep_, t.is_sent_start) for t in with_pipe] == \
        [(t.head.i, t.dep_, t.is_sent_start) for t in without]

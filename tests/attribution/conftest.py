"""Fixtures shared by the attribution unit tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # attribution_testkit


@pytest.fixture(scope="session")
def bare():
    """The bare spaCy pipeline (no narrascope components): parses each test module's text."""
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


@pytest.fixture(scope="module")
def doc(bare, request):
    """The test module's `TEXT`, parsed by the bare pipeline."""
    return bare(request.module.TEXT)


@pytest.fixture(scope="module")
def qids(doc):
    """Each token's quotation id in `doc` (-1 outside quotations)."""
    from narrascope.attribution.quotes import find_quotes, token_quote_ids

    return token_quote_ids(doc, find_quotes(doc.text))


@pytest.fixture(scope="module")
def with_without(doc):
    """`run(switch, **config)`: the attribution component with its stage `switch` (a config key
    such as "use_add") on and off, the rest as `config`, and their readings of `doc`:
    `(on, off, readings_on, readings_off)`. A stage switch never changes the cues."""
    pytest.importorskip("pycrfsuite")
    import narrascope.pipeline  # noqa: F401 - registers the factories and extensions
    from spacy.lang.en import English

    from narrascope.pipeline.attribution import AttributionComponent

    def run(switch: str, **config):
        on = AttributionComponent(English(), "a", resolve=False, **config)
        off = AttributionComponent(English(), "a", resolve=False, **{**config, switch: False})
        a, b = on.extract(doc), off.extract(doc)
        assert [x["cue"] for x in a] == [x["cue"] for x in b]
        return on, off, a, b

    return run

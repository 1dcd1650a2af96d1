"""Fixtures shared by the attribution unit tests."""

from __future__ import annotations

import pytest


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

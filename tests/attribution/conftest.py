"""Fixtures shared by the attribution unit tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def bare():
    """The bare spaCy pipeline (no narrascope components): parses each test module's text."""
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())

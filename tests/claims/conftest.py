"""Fixtures of the claims tests: the session pipeline (`tests/conftest.py` `nlp`) and a reader of a
one-claim text."""

from __future__ import annotations

import pytest


@pytest.fixture()
def one_claim(nlp):
    """`one_claim(text)`: the only claim the full pipeline finds in `text` (asserts there is exactly one)."""
    def read(text: str) -> dict:
        claims = nlp(text)._.claims
        assert len(claims) == 1, claims
        return claims[0]
    return read

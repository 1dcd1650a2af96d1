"""The demo articles through the full pipeline, parsed once for all component tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def oped(nlp, examples_dir):
    """The partisan op-ed ("ISIS Attacks On Iran Should Make The Regime Reflect")."""
    return nlp((examples_dir / "isis-attacks-on-iran-regime-reflect.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shops(nlp, examples_dir):
    """The article on Iran's ISIS narratives about the Shah Cheragh attack."""
    return nlp((examples_dir / "iran-isis-narratives-shops.txt").read_text(encoding="utf-8"))

"""Session 16 (defects round): where a person comes from is not where the incident happened. Invented text."""

from __future__ import annotations

import pytest


def _places(nlp, text):
    return [((e.get("location") or {}).get("name"), (e.get("location") or {}).get("country_iso"))
            for e in nlp(text)._.events]


@pytest.mark.parametrize("text,place", [
    # before session 16 the record was placed in Portugal, the gunman's country of birth
    ("The gunman, a 40-year-old man originally from Portugal, killed two guards on Monday.", (None, None)),
    ("The gunman, a native of Portugal, killed two guards on Monday.", (None, None)),
    # a bare "from" can be the victim's town or office, the incident's place: kept
    ("A councilman from Madrid was shot dead on Monday.", ("Madrid", "ES")),
    ("Gunmen killed two guards in Portugal on Monday.", ("Portugal", "PT")),
])
def test_a_persons_origin_is_not_the_incidents_place(nlp, text, place):
    assert _places(nlp, text) == [place]

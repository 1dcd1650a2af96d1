"""Session 16 (defects round 2): unnamed emergency and law-enforcement services as sources are
`official_anonymous`, not `vague`: by their head ("responders", "law enforcement") or by an official
modifier before an untyped head ("federal", "emergency", "law enforcement"). Invented text."""

from __future__ import annotations

import pytest

from narrascope.pipeline.attribution import AttributionComponent


def _types(bare, text):  # `bare`: tests/attribution/conftest.py
    doc = bare(text)
    doc._.entities = []
    comp = AttributionComponent(bare, "narrascope_attribution", use_model=False)
    comp.resolver.kb = None
    return {a["source"]["text"]: a["source_type"] for a in comp.extract(doc) if a["source"]}


@pytest.mark.parametrize("text, source", [
    ("First responders said that the fire had spread to the second floor.", "First responders"),
    ("Law enforcement said that the suspect had been detained near the border.", "Law enforcement"),
    ("Federal examiners said that the bank had hidden the losses.", "Federal examiners"),
    ("Emergency crews said that the bridge was closed to traffic.", "Emergency crews"),
])
def test_unnamed_official_services_are_official_anonymous(bare, text, source):
    assert _types(bare, text).get(source) == "official_anonymous"


def test_an_untyped_plural_without_an_official_modifier_stays_vague(bare):
    text = "Local shopkeepers said that the market had been closed for a week."
    assert _types(bare, text).get("Local shopkeepers") == "vague"

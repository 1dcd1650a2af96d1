"""Session 16 (defects round): a definite description's head word keeps its media type when the
description is taken to an earlier organisation; records are documents. Invented text."""

from __future__ import annotations

import pytest

from narrascope.pipeline.attribution import AttributionComponent


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def _run(bare, text, entities):
    doc = bare(text)
    doc._.entities = entities
    comp = AttributionComponent(bare, "narrascope_attribution", use_model=False)
    comp.resolver.kb = None
    return comp.extract(doc)


def _ent(text, sub, eid, label, etype=None):
    start = text.index(sub)
    return {"id": eid, "text": sub, "start": start, "end": start + len(sub), "label": label,
            "kb_id": None, "name": None, "type": etype}


def test_the_newspaper_taken_to_an_organisation_is_media(bare):
    # "the newspaper" resolves to the last ORG named; that ORG's name ("Dayton Ledger-Star") carries no
    # media word, so the type came from the entity: `named_organization`
    text = ("A judge sealed the file requested by the Dayton Ledger-Star. "
            "The newspaper said that the sheriff had been told in advance.")
    atts = _run(bare, text, [_ent(text, "Dayton Ledger-Star", "e1", "ORG")])
    paper = next(a for a in atts if a["source"] and a["source"]["text"] == "The newspaper")
    assert paper["source_entity"] == "e1"
    assert paper["source_type"] == "media"


def test_an_organisation_noun_taken_to_an_organisation_stays_an_organisation(bare):
    text = ("Reporters visited the offices of Northfield Mining. "
            "The company said that the guards had not been armed.")
    atts = _run(bare, text, [_ent(text, "Northfield Mining", "e1", "ORG")])
    company = next(a for a in atts if a["source"] and a["source"]["text"] == "The company")
    assert company["source_entity"] == "e1" and company["source_type"] == "named_organization"


def test_records_are_documents(bare):
    text = "Records show that the dealer bought the shop in 2009."
    atts = _run(bare, text, [])
    types = {a["source"]["text"]: a["source_type"] for a in atts if a["source"]}
    assert types == {"Records": "document"}

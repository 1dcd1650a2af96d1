"""Attachment of the role tagger's fillers to incidents (learned_roles.MODE), with a stand-in tagger
so that the attachment, not the model, is under test."""

from __future__ import annotations

import pytest

from narrascope.events import learned_roles, role_tagger
from narrascope.events.extract import extract

REPORT = ("Unknown men bombed a bank in Lima yesterday. Police said the men belonged to the Shining Path."
          "\n\nThe weather was fine in the capital. Farmers sold potatoes at the market.")
HEADED = "Shining Path Strikes Again\n\nUnknown men bombed a bank in Lima yesterday."


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def stand_in(fillers):
    """A `role_tagger.tag` returning (role, phrase) fillers found in the doc, in the kept sentences."""
    def tag(doc, path=None, keep=None):
        out = []
        for role, phrase in fillers:
            if phrase not in doc.text:
                continue
            start = doc.text.index(phrase)
            span = doc.char_span(start, start + len(phrase))
            if keep is None or keep(span.sent):
                out.append((role, span))
        return out
    return tag


def orgs_and_victims(bare, text, mode, monkeypatch):
    monkeypatch.setattr(learned_roles, "MODE", mode)
    monkeypatch.setattr(role_tagger, "tag", stand_in([("PerpOrg", "Shining Path"), ("Victim", "Farmers")]))
    (ev,) = extract(bare(text), "1990-01-03")
    return ([p["text"] for p in ev["perpetrators"] if p["kind"] == "organization"],
            [t["text"] for t in ev["targets"] if t["kind"] == "human"])


def test_adjacent_attaches_the_next_sentence_only(bare, monkeypatch):
    orgs, victims = orgs_and_victims(bare, REPORT, "adjacent", monkeypatch)
    assert orgs == ["Shining Path"]   # the sentence right after the bombing
    assert victims == []              # two sentences (and a paragraph) away: not this incident's


def test_unit_keeps_fillers_of_the_incident_sentence_only(bare, monkeypatch):
    orgs, _ = orgs_and_victims(bare, REPORT, "unit", monkeypatch)
    assert orgs == []


def test_adjacent_skips_headings(bare, monkeypatch):
    orgs, _ = orgs_and_victims(bare, HEADED, "adjacent", monkeypatch)
    assert orgs == []                 # a heading above the report is not the report's filler


def test_shipped_modes():
    assert learned_roles.MODE == "adjacent"
    assert learned_roles.ENCODER_MODE == "adjacent"

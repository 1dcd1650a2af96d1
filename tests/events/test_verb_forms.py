"""One reading of verb forms for every verb-set test of the events rules (session 14, `events.verbs`):
the small lemmatizer reads "staged" / "staging" / "stages" as "stag", so a lemma test alone misses
"ISIS staged an attack"."""

from __future__ import annotations

import pytest

from narrascope.events import learned_roles, roles, triggers
from narrascope.events.extract import extract
from narrascope.events.verbs import base_forms, member, verb_in


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def token(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, word", [
    ("ISIS staged an attack on the barracks.", "staged"),
    ("The rebels are staging attacks in the north.", "staging"),
    ("The group stages attacks every month.", "stages"),
])
def test_inflections_of_stage_read_as_stage(bare, text, word):
    tok = token(bare(text), word)
    assert tok.lemma_ != "stage"  # the shipped lemmatizer's reading this module works around
    assert "stage" in base_forms(tok)
    assert verb_in(tok, roles.LIGHT_VERBS) and member(tok, roles.LIGHT_VERBS) == "stage"


def test_a_stripping_counts_only_when_in_the_set(bare):
    tok = token(bare("The soldiers stopped the convoy."), "stopped")
    assert "stop" in base_forms(tok)
    assert not verb_in(tok, roles.LIGHT_VERBS)


def test_base_form_nouns_are_not_stripped(bare):
    tok = token(bare("The stages of the plan were secret."), "stages")
    assert base_forms(tok) == {"stage", "stages"}  # the lemma and the text: no stripping of a noun


def test_staged_attack_perpetrator_in_rule_path(bare, monkeypatch):
    """The rule path alone (the role tagger off) names the subject of "staged an attack"."""
    monkeypatch.setattr(learned_roles, "MODE", "off")
    doc = bare("ISIS staged an attack on the parliament in Tehran on Monday.")
    trigger = token(doc, "attack")
    assert [t.text for t, _ in roles.parse_roles(trigger, attack_like=True)["perp"]] == ["ISIS"]
    events = extract(doc, "2017-06-08")
    assert [p["name"] for e in events for p in e["perpetrators"]] == ["Islamic State"]


def test_negated_staged_attack_is_no_event(bare):
    """"never staged an attack": `triggers._blocked` reads the negation on "staged" (OCCUR_VERBS, lemma "stag")."""
    doc = bare("The rebels never staged an attack on the barracks.")
    assert not [m for m in triggers.find_mentions(doc) if m.token.text == "attack" and not m.negated]


def test_learned_filler_check_spares_staging(bare):
    doc = bare("The rebels are staging attacks on the barracks.")
    start = doc.text.index("The rebels")
    span = doc.char_span(start, start + len("The rebels"))
    assert not learned_roles.implausible("PerpOrg", span, {t.i for t in doc if t.text == "attacks"})

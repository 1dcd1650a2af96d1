"""Learned (and rule) fillers the parse rules out (session 13, `learned_roles.implausible`,
`roles.reacting_subject`): the subject of "witnessed"/"condemned" is no perpetrator, the subject of
"took to social media" is no victim; attackers and victims in their usual places stay."""

from __future__ import annotations

import pytest

from narrascope.events import learned_roles, role_tagger
from narrascope.events.extract import extract


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def span_of(doc, phrase):
    start = doc.text.index(phrase)
    return doc.char_span(start, start + len(phrase))


def triggers(doc, *words):
    return {t.i for t in doc if t.text in words}


def perps(bare, text):
    return [p["text"] for e in extract(bare(text), "2017-06-08") for p in e["perpetrators"]]


def test_witness_subject_is_no_perpetrator(bare):
    assert perps(bare, "The regime witnessed two attacks by ISIS in Tehran on Wednesday.") == ["ISIS"]


@pytest.mark.parametrize("text, perp", [
    ("ISIS carried out attacks in Tehran on Wednesday.", "ISIS"),
    ("Gunmen attacked a police station in Lima on Monday.", "Gunmen"),
])
def test_attackers_stay(bare, text, perp):
    assert perp in perps(bare, text)


@pytest.mark.parametrize("text, phrase, trigger, ruled_out", [
    ("The regime witnessed two attacks by ISIS in Tehran.", "The regime", "attacks", True),
    ("The council condemned the attack on the parliament.", "The council", "attack", True),
    ("The army suffered an ambush near the border.", "The army", "ambush", True),
    ("The regime made an announcement about the attacks in Tehran.", "The regime", "attacks", False),
    ("ISIS carried out two attacks in Tehran.", "ISIS", "attacks", False),
    ("The rebels staged an attack on the barracks.", "The rebels", "attack", False),
    ("Unknown men attacked the bank.", "Unknown men", "attacked", False),
])
def test_perpetrator_check(bare, text, phrase, trigger, ruled_out):
    doc = bare(text)
    assert learned_roles.implausible("PerpOrg", span_of(doc, phrase), triggers(doc, trigger)) is ruled_out


@pytest.mark.parametrize("text, phrase, ruled_out", [
    ("People took to social media after the attack.", "People", True),
    ("Residents expressed their surprise after the attack.", "Residents", True),
    ("Seventeen people died in the attack.", "people", False),
    ("The attack killed 17 people.", "people", False),
    ("Three peasants were killed in the attack.", "peasants", False),
    ("The mayor escaped unhurt from the attack.", "The mayor", False),
    ("The victims were three peasants.", "victims", False),
    # a named or definite person may be a victim the article names elsewhere (MUC keys take any mention)
    ("The mayor said the attack had been planned for weeks.", "The mayor", False),
    ("The diplomat was walking home before the attack.", "The diplomat", False),
    ("Gonzalez received threats before the attack.", "Gonzalez", False),
])
def test_victim_check(bare, text, phrase, ruled_out):
    doc = bare(text)
    assert learned_roles.implausible("Victim", span_of(doc, phrase), triggers(doc, "attack")) is ruled_out


def test_bystander_victim_from_the_tagger_is_not_joined(bare, monkeypatch):
    """A Victim the tagger finds next to an incident is not joined when its subject verb harms no one."""
    text = ("Two bombs exploded at the parliament in Tehran on Wednesday, killing 17 people. "
            "Residents took to social media after the attack.")

    def tag(doc, path=None, keep=None):
        start = doc.text.index("Residents")
        return [("Victim", doc.char_span(start, start + len("Residents")))]

    monkeypatch.setattr(role_tagger, "tag", tag)
    events = extract(bare(text), "2017-06-08")
    starts = [t["start"] for e in events for t in e["targets"]]
    assert text.index("Residents") not in starts
    assert any(t["text"] == "people" for e in events for t in e["targets"])  # "killing 17 people" stays
    monkeypatch.setattr(learned_roles, "CHECKS", frozenset())
    events = extract(bare(text), "2017-06-08")
    assert text.index("Residents") in [t["start"] for e in events for t in e["targets"]]  # the check is what drops it


def test_non_agent_verbs_have_provenance():
    from narrascope.events import lexicon

    rows = lexicon._rows("non_agent_verbs.tsv")
    assert {"witness", "suffer", "face", "condemn", "denounce", "see", "experience", "undergo"} <= lexicon.non_agent_verbs()
    assert all(len(r) == 3 and r[1] in ("perceive", "undergo", "react") and r[2].strip() for r in rows)
    # the trigger verbs that spare a subject are one-word lemmas: "take" (of "take hostage") is none
    assert "take" not in lexicon.trigger_verbs() and "kill" in lexicon.trigger_verbs()

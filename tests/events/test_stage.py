"""Attempted, failed and foiled attacks are records with `stage: "attempted"` (events/stage.py);
threats and intentions stay out of the records."""

from __future__ import annotations

import pytest

from narrascope.events.extract import extract


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def records(bare, text):
    return extract(bare(text), "1989-05-13")


@pytest.mark.parametrize("text,etype,trigger", [
    ("Guerrillas tried to blow up the bridge over the Lempa River on Tuesday.", "bombing", "blow"),
    ("Police said an attempted kidnapping of the businessman failed in San Salvador on Monday.", "kidnapping",
     "kidnapping"),
    ("A failed bombing at the embassy in Lima caused no damage, police said.", "bombing", "bombing"),
    ("A bomb was defused before it exploded at the bank in Bogota on Friday.", "bombing", "defused"),
    ("Police prevented an attack on the power station in Lima on Sunday.", "attack", "attack"),
    ("The minister escaped an assassination attempt in Bogota on Monday.", "assassination", "assassination"),
    ("Rebels made an attempt to kill the mayor of Cali on Friday.", "attack", "kill"),
    ("The bomb failed to explode outside the embassy in Lima on Monday.", "bombing", "bomb"),
])
def test_attempt_is_an_attempted_record(bare, text, etype, trigger):
    recs = records(bare, text)
    assert len(recs) == 1
    rec = recs[0]
    assert (rec["type"], rec["trigger"]["text"], rec["stage"]) == (etype, trigger, "attempted")


@pytest.mark.parametrize("text", [
    "Gunmen killed the mayor of Cali on Friday.",
    "Masked men set off a bomb at a bank branch in Bogota on 12 May.",
])
def test_accomplished_attack(bare, text):
    recs = records(bare, text)
    assert recs and all(r["stage"] == "accomplished" for r in recs)


@pytest.mark.parametrize("text", [
    "The guerrillas threatened to kill the judge.",                      # a threat
    "The government wants to prevent attacks on the pipeline.",          # prevention as an aim
    "Soldiers fired in an attempt to kill the fleeing suspects.",        # purpose clause
    "The army said the rebels will attempt to attack police posts in the north.",  # intention
    "The rebels did not try to kill the mayor of Cali.",                 # negated attempt
])
def test_threats_and_intentions_are_no_records(bare, text):
    assert not [r for r in records(bare, text) if r["type"] in ("attack", "bombing", "assassination")]


def test_stage_is_in_the_schema_shape(bare):
    """Every record carries the additive key; the demo records are accomplished."""
    from pathlib import Path

    text = sorted(Path(__file__).resolve().parents[2].joinpath("examples").glob("*.txt"))[0].read_text()
    recs = extract(bare(text), None)
    assert recs and {r["stage"] for r in recs} == {"accomplished"}

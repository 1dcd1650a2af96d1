"""What an attack was against (session 14): the object of "against"/"on" of an attack-like trigger
(`roles.against_kind`), and the place attackers forced their way into (`roles.entered`,
`data/events/entry_verbs.tsv`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.events import lexicon, roles
from narrascope.events.extract import extract

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def targets(bare, text, etype=None):
    return [(t["text"], t["kind"]) for e in extract(bare(text), "2017-06-08")
            if etype is None or e["type"] == etype for t in e["targets"]]


def test_attacks_against_the_parliament(bare):
    assert ("parliament", "physical") in targets(bare, "Two attacks by ISIS against the parliament in Tehran killed 17 people.")


def test_attack_on_an_office_holder_is_human(bare):
    """A role noun of the actor KB ("president") names a person: a human target."""
    assert ("president", "human") in targets(bare, "Gunmen carried out an attack on the president in Kabul on Monday.")


def test_stormed_shrine_still_works(bare):
    assert ("shrine", "physical") in targets(bare, "Gunmen stormed the shrine in Shiraz, killing four pilgrims.")


def test_protest_against_the_government_names_no_target(bare):
    """A protest against something does not attack it: only attack-like triggers read against_kind,
    and "government" has no kind in the role lexicon."""
    doc = bare("Thousands of people protested against the government in Tehran on Friday.")
    assert not [t for e in extract(doc, "2017-06-08") for t in e["targets"] if "government" in t["text"]]
    verb = next(t for t in doc if t.text == "protested")
    assert roles.parse_roles(verb, attack_like=False)["target"] == []


def test_figurative_object_gets_no_kind(bare):
    """"its godfather" (in the op-ed, the Iranian regime as ISIS's sponsor) names no kind: no target."""
    doc = bare("The regime witnessed two attacks by ISIS against its godfather in Tehran.")
    assert roles.against_kind(next(t for t in doc if t.text == "godfather")) is None


@pytest.mark.parametrize("text, place", [
    ("Assailants were able to penetrate into the parliament after the attack began.", "parliament"),
    ("The gunmen broke into the embassy during the attack.", "embassy"),
    ("Armed men infiltrated the base before the attack.", "base"),
    ("Gunmen stormed the shrine.", "shrine"),
])
def test_forced_entry_by_attackers(bare, text, place):
    assert [t.text for t, kind, _ in roles.entered(bare(text)[:]) if kind == "physical"] == [place]


@pytest.mark.parametrize("text", [
    "Police were able to penetrate into the parliament.",  # not an attacker
    "Thieves broke the window of the shop.",  # "break" without "into"
    "The idea penetrated the public debate.",  # no attacker, no building
])
def test_no_forced_entry(bare, text):
    assert roles.entered(bare(text)[:]) == []


def test_entry_verbs_data_file_has_a_source_per_row():
    path = lexicon.DATA_DIR / "entry_verbs.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert rows and all(len(r) == 3 and r[2].strip() for r in rows)
    assert set(lexicon.entry_verbs()) == {"penetrate", "storm", "break", "infiltrate"}


def test_op_ed_tehran_record_names_the_parliament(bare):
    """The op-ed names what the 2017 Tehran attacks were against only through "assailants were able to
    penetrate into the parliament", in the sentence that refers to "this attack"."""
    text = (EXAMPLES / "isis-attacks-on-iran-regime-reflect.txt").read_text(encoding="utf-8")
    ev = next(e for e in extract(bare(text), None) if (e["location"] or {}).get("name") == "Tehran")
    assert ("parliament", "physical") in [(t["text"], t["kind"]) for t in ev["targets"]]
    assert not any("godfather" in t["text"] for t in ev["targets"])

"""narrascope_profile: genre, sourcing, rhetoric density and per-actor tone."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc


def test_spec_keys(oped):
    profile = oped._.profile
    assert {"genre", "sourcing", "rhetoric_density", "actors"} <= set(profile)


def test_oped_is_opinion(oped):
    genre = oped._.profile["genre"]
    assert genre["label"] == "opinion"
    assert genre["score"] > 0.5
    assert {"first_person", "evaluative", "attribution_density"} <= set(genre["features"])
    assert genre["decided_by"]


def test_oped_more_opinionated_than_the_report(oped, shops):
    assert oped._.profile["genre"]["scores"]["opinion"] > shops._.profile["genre"]["scores"]["opinion"]


def test_sourcing_counts_match_attributions(oped):
    sourcing = oped._.profile["sourcing"]
    attributions = oped._.attributions or []
    assert sourcing["attributions"] == len(attributions)
    assert sum(sourcing["by_source_type"].values()) == len(attributions)
    author = sum(1 for c in oped._.claims if c["asserted_by"] == "author")
    assert sourcing["author_claims"] == author
    assert sourcing["author_unattributed_share"] == pytest.approx(author / len(oped._.claims), abs=1e-3)


def test_rhetoric_density(oped):
    profile = oped._.profile
    assert profile["rhetoric_density"] == pytest.approx(1000 * len(oped._.rhetoric) / profile["words"], abs=1e-3)


def test_actor_tone(oped):
    actors = oped._.profile["actors"]
    assert actors
    for actor in actors:
        assert actor["mentions"] >= 1 and -1.0 <= actor["tone"] <= 1.0
    names = {a["actor"] for a in actors}
    khamenei = [a for a in actors if "Khamenei" in a["actor"]]
    assert khamenei, names
    assert khamenei[0]["tone"] <= 0.0  # "outrageously described"


def test_works_without_earlier_components(nlp):
    from narrascope.loader import load_pipeline

    bare = load_pipeline(components=("narrascope_profile",))
    doc = bare("Gunmen killed four pilgrims in Shiraz. The brutal regime of Iran blamed ISIS.")
    profile = doc._.profile
    assert profile["sourcing"]["attributions"] == 0
    assert profile["sourcing"]["author_unattributed_share"] is None
    assert profile["rhetoric_density"] == 0.0
    assert any(a["actor"] == "Iran" for a in profile["actors"])  # spaCy's own entities
    assert not doc._.errors


def test_bad_input(nlp):
    for text in ("", "!!!", "ALL CAPS HEADLINE ABOUT THE MURDEROUS REGIME", " • one\n • two\n"):
        doc = nlp(text)
        assert not doc._.errors
        assert doc._.profile is not None


def test_huge_document(nlp, oped):
    component = nlp.get_pipe("narrascope_profile")
    big = Doc.from_docs([oped] * (100_000 // len(oped) + 1), exclude=["user_data"])
    component(big)
    assert not big._.errors
    assert big._.profile["words"] > 80_000

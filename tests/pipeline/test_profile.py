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


# --- profile.wire_credit (session 14): the agency the dateline credits, a document-level key ---

REUTERS = ("TEHRAN (Reuters) - Gunmen killed four pilgrims at a shrine in Shiraz on Wednesday. "
           "The attackers fled on motorbikes before security forces arrived.")
CLOSING = ("Gunmen killed four pilgrims at a shrine in Shiraz on Wednesday. The attackers fled on motorbikes "
           "before security forces arrived.\n— IRNA")


def _datelines(doc):
    return {(s["start"], s["end"]) for c in doc._.claims for s in c["support"] if s.get("kind") == "dateline"}


@pytest.mark.parametrize("text, agency, actor, name", [
    (REUTERS, "Reuters", "Q130879", "Reuters"),
    (CLOSING, "IRNA", "irna", "Islamic Republic News Agency"),
])
def test_wire_credit_names_the_agency_and_its_actor(nlp, text, agency, actor, name):
    from narrascope.spans import check_span

    doc = nlp(text)
    assert not doc._.errors
    wc = doc._.profile["wire_credit"]
    assert wc["text"] == agency and check_span(doc.text, wc)
    assert (wc["actor"], wc["name"]) == (actor, name)
    ent = next(e for e in doc._.entities if e["id"] == wc["entity"])  # the mention over the credit
    assert ent["start"] <= wc["start"] and wc["end"] <= ent["end"] and ent["kb_id"] == actor
    # the claims' `dateline` items (unchanged) sit on the same span: one function finds both
    assert _datelines(doc) == {(wc["start"], wc["end"])}
    # the agency is the author, not a cited source: sourcing counts the attributions only
    sourcing = doc._.profile["sourcing"]
    assert sourcing["attributions"] == len(doc._.attributions or [])
    assert sourcing["by_source_type"]["media"] == sum(a["source_type"] == "media" for a in doc._.attributions or [])


def test_no_wire_credit(nlp, oped, shops):
    for doc in (oped, shops):  # the demo articles credit no agency
        assert doc._.profile["wire_credit"] is None
    for text in ("WASHINGTON - Gunmen killed four pilgrims at a shrine in Shiraz on Wednesday.",  # place only
                 "The AP reported that gunmen killed four pilgrims at a shrine in Shiraz on Wednesday."):  # in the text
        doc = nlp(text)
        assert doc._.profile["wire_credit"] is None and not _datelines(doc)


def test_wire_credit_actor_from_the_kb_without_an_entity():
    """No entity over the credit (the actors component did not run): the KB's alias lookup
    resolves "AP"; since session 15 every agency row resolves ("Yonhap"), and a name the KB does
    not know keeps a null actor."""
    from narrascope.profile.wire import wire_credit_item

    text = "SHIRAZ, Iran, Oct. 26 (AP) — Gunmen killed four pilgrims at a shrine."
    at = text.index("(AP)") + 1
    assert wire_credit_item(text, []) == {"text": "AP", "start": at, "end": at + 2, "actor": "Q40469",
                                          "name": "Associated Press", "entity": None, "where": "dateline"}
    # a place mention that swallowed the dateline does not name the agency
    tehran = {"id": "e1", "text": "TEHRAN (Reuters", "start": 0, "end": 15, "label": "GPE", "kb_id": "Q3616",
              "name": "Tehran", "type": "place"}
    reuters = wire_credit_item("TEHRAN (Reuters) - Gunmen killed four pilgrims.", [tehran])
    assert (reuters["text"], reuters["actor"], reuters["entity"]) == ("Reuters", "Q130879", None)
    yonhap = wire_credit_item("Gunmen killed four pilgrims at a shrine. (Yonhap)", [])
    assert (yonhap["text"], yonhap["actor"], yonhap["name"], yonhap["where"]) == ("Yonhap", "yonhap", "Yonhap News Agency",
                                                                               "closing")
    from narrascope.profile.wire import _kb_actor

    assert _kb_actor("Nowhere Wire Service") == (None, None)


def test_wire_credit_is_in_the_exported_document(tmp_path):
    """`analyze` stores it; `export --what documents` carries it; the document stays schema-valid."""
    import json

    from typer.testing import CliRunner

    from narrascope.cli import app
    from narrascope.schema import validation_errors

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "wire.txt").write_text(REUTERS + "\n", encoding="utf-8")
    db, out = str(tmp_path / "db.sqlite"), tmp_path / "docs.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["analyze", str(tmp_path / "in"), "--db", db, "--no-link"]).exit_code == 0
    result = runner.invoke(app, ["export", "--what", "documents", "--format", "jsonl", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    (doc,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    wc = doc["profile"]["wire_credit"]
    assert wc["text"] == "Reuters" and doc["text"][wc["start"]:wc["end"]] == "Reuters" and wc["actor"] == "Q130879"
    assert validation_errors(doc) == []

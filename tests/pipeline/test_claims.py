"""narrascope_claims on the demo articles and on bad input."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from narrascope.spans import check_span

SPECULATIVE = ["This could not have been a mere coincidence.",
               "this terrorist attack couldn’t have come at a better timing"]


def _claim_with(doc, phrase):
    found = [c for c in doc._.claims if phrase in c["text"]]
    assert found, f"no claim contains {phrase!r}"
    return found[0]


@pytest.mark.parametrize("phrase", SPECULATIVE)
def test_speculative_statements(oped, phrase):
    claim = _claim_with(oped, phrase)
    assert claim["status"] == "speculative"
    assert claim["cues"], "the deciding cue spans are given"
    assert all(check_span(oped.text, c) for c in claim["cues"])


def test_signs_indicate_is_hedged(oped):
    claim = _claim_with(oped, "all signs indicate Iran actually welcomed this incident")
    assert claim["status"] == "hedged"
    assert any(c["text"].lower() == "signs indicate" for c in claim["cues"])
    assert any(b["text"].lower() == "actually" for b in claim["boosters"])


def test_maybe_is_hedged_or_speculative(oped):
    claim = _claim_with(oped, "Maybe he witnessed a potential")
    assert claim["status"] in ("hedged", "speculative")


def test_questioning_people_and_reported_content(oped):
    assert _claim_with(oped, "questioning how assailants")["status"] == "questioned"


def test_claim_shape(oped, shops):
    for doc in (oped, shops):
        ids = [a["id"] for a in doc._.attributions or []]
        assert doc._.claims
        for i, claim in enumerate(doc._.claims, start=1):
            assert claim["id"] == f"c{i}"
            assert check_span(doc.text, claim)
            assert claim["asserted_by"] == "author" or claim["asserted_by"] in ids
            assert 0.0 <= claim["checkworthy"] <= 1.0
            assert claim["status"] in {"asserted", "reported", "hedged", "speculative", "questioned", "denied"}


def test_attributed_claims_point_to_their_attribution(oped):
    by_id = {a["id"]: a for a in oped._.attributions or []}
    if not by_id:
        pytest.skip("attribution component produced nothing")
    linked = [c for c in oped._.claims if c["asserted_by"] in by_id]
    assert linked
    for claim in linked:
        content = by_id[claim["asserted_by"]]["content"]
        assert content["start"] < claim["end"] and claim["start"] < content["end"]


def test_numbers_and_actors_are_more_checkworthy(shops):
    numeric = _claim_with(shops, "resulted in the killing of six security personnel")
    vague = _claim_with(shops, "Daily, Iranian citizens take to the streets")
    assert numeric["checkworthy"] > vague["checkworthy"]


def test_month_may_is_not_a_hedge(oped):
    claim = _claim_with(oped, "prior to the May presidential election")
    assert claim["status"] != "hedged"


# --- bad input -----------------------------------------------------------------------------

def test_no_claims(nlp):
    doc = nlp("Show more. Related articles.")
    assert doc._.claims == []
    assert not doc._.errors


def test_all_caps(nlp):
    doc = nlp("GUNMEN KILLED FOUR PILGRIMS AT THE SHRINE IN SHIRAZ ON WEDNESDAY, OFFICIALS SAID. "
              "THE ATTACK MAY HAVE BEEN PLANNED ABROAD.")
    assert not doc._.errors
    assert all(check_span(doc.text, c) for c in doc._.claims)


def test_bullet_list(nlp):
    text = ("Rajavi listed the measures:\n\n  • The IRGC must be designated as a terrorist entity.\n"
            "  • Militias killed 40 people in Syria in 2017.\n  • Maybe the attack was staged.\n")
    doc = nlp(text)
    assert not doc._.errors
    texts = [c["text"] for c in doc._.claims]
    assert any(t.startswith("Militias killed 40 people") for t in texts), texts
    assert all("\n" not in t for t in texts), "a bullet point is a claim of its own"


def test_huge_document_runs(nlp, examples_dir):
    """100k words: built from parsed copies (no re-parse); the extractor is a single pass."""
    base = nlp.get_pipe("narrascope_claims")
    one = nlp((examples_dir / "isis-attacks-on-iran-regime-reflect.txt").read_text(encoding="utf-8"))
    big = Doc.from_docs([one] * (100_000 // len(one) + 1), exclude=["user_data"])
    assert len(big) >= 100_000
    big._.attributions = []
    base(big)
    assert not big._.errors
    assert len(big._.claims) > 50 * len([c for c in one._.claims])

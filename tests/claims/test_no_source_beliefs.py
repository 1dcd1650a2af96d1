"""A belief nobody is said to hold ("seems", "considering") does not make a claim `reported`."""

from __future__ import annotations

import pytest

from narrascope.claims.extract import reports


@pytest.mark.parametrize("attribution,expected", [
    ({"kind": "indirect", "cue_class": "speech"}, True),
    ({"kind": "no_source", "cue_class": "speech"}, True),  # "it was reported that": a report by someone
    ({"kind": "indirect", "cue_class": "belief"}, True),  # "officials believe that": their belief, reported
    ({"kind": "no_source", "cue_class": "belief"}, False),  # "seems", "considering": the article's own
    ({"kind": "indirect", "cue_class": "perception"}, False),
    ({"kind": "indirect", "cue_class": "intention"}, False),
    ({"kind": "indirect"}, True),  # documents stored before cue classes existed
])
def test_which_attributions_report(attribution, expected):
    assert reports(attribution) is expected


def test_the_articles_own_hedge_stays_the_authors(nlp):
    doc = nlp("Police said the attackers fled in a white car. The whole operation seems to have been planned "
              "for months.")
    by_kind = {a["kind"]: a for a in doc._.attributions}
    assert by_kind["no_source"]["cue_class"] == "belief"  # the precondition this test is about
    claims = {c["text"].split()[0]: c for c in doc._.claims}
    assert claims["Police"]["status"] == "reported" and claims["Police"]["asserted_by"] == by_kind["indirect"]["id"]
    assert claims["The"]["asserted_by"] == "author"
    assert claims["The"]["status"] == "hedged"
    assert [c["text"] for c in claims["The"]["cues"]] == ["seems to"]


def test_copular_seem_is_a_hedge(nlp):
    doc = nlp("The ministry issued a statement on Monday. The officials seem intent on hiding what happened at "
              "the checkpoint.")
    claim = next(c for c in doc._.claims if c["text"].startswith("The officials"))
    assert claim["status"] == "hedged"
    assert [c["text"] for c in claim["cues"]] == ["seem"]

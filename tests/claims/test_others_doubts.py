"""Session 17: a doubt told about someone else (a relative clause, a participle used as an adjective, an
adverbial clause, a doubt noun) does not make the author's sentence `questioned`; a doubt that is the
claim's own predicate still does, and so does the writer's own "it is unclear". The act lemmas that
decide which cues are judged this way are data (status_cues.tsv, column `act`). Invented text."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    # a relative clause: the critics doubt, the author asserts
    "The casualty figure, which critics have questioned, was published by the health ministry on Monday.",
    # a participle used as an adjective
    "Troops were sent to the disputed border region near the river on Tuesday.",
    # an adverbial clause
    "When questioned by lawmakers, the minister left the chamber through a side door.",
    # a doubt noun in a prepositional phrase
    "Amid doubts raised by the opposition, the election commission certified the results on Friday.",
])
def test_someone_elses_doubt_leaves_the_author_asserting(one_claim, text):
    claim = one_claim(text)
    assert claim["status"] == "asserted"
    assert claim["asserted_by"] == "author"
    assert not [c for c in claim["cues"] if c["kind"] == "questioned"]


@pytest.mark.parametrize("text, cue", [
    ("The opposition disputed the official results of the election in the capital.", "disputed"),
    ("Rights groups have questioned the official death toll of the attack on the market.", "questioned"),
    ("They are also doubting the figures released by the ministry after the attack.", "doubting"),
    # the small parser reads this progressive as an adjective of "claims"; it is still the predicate
    ("Residents are also doubting claims made by officials who said the curfew had ended.", "doubting"),
    ("It is unclear whether the 40 attackers crossed the border from Syria before the raid on Monday.", "It is unclear"),
])
def test_a_doubt_that_is_the_claims_predicate_still_decides(one_claim, text, cue):
    claim = one_claim(text)
    assert claim["status"] == "questioned"
    assert cue in [c["text"] for c in claim["cues"]]


def test_the_act_lemmas_are_data():
    from narrascope.claims.cues import act_lemmas, read_tsv

    rows = read_tsv("status_cues.tsv")
    assert rows and all(len(r) == 4 and r[3] == "narrascope" for r in rows)
    acts = {r[0]: r[2] for r in rows}
    # verbs and nouns of an act are judged by position; evaluative words and the writer's own doubt are not
    assert acts["denied"] == "deny" and acts["doubted"] == "doubt" and acts["cast doubt"] == "cast"
    assert acts["baseless"] == "-" and acts["false claims"] == "-" and acts["it is unclear"] == "-"
    assert all(r[1] in ("denied", "questioned") for r in rows if r[2] != "-")
    assert act_lemmas()["denied"] == frozenset({"deny", "denial", "reject", "refute", "dismiss"})

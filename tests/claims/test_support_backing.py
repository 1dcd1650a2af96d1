"""Is the support really backing? (session 18, claims round 2): an evidence noun the claim is about is no
evidence; interviews, polls, memos and "based on" a source are. Sentences written for these tests."""

from __future__ import annotations

from narrascope.claims.support import support_lexicon
from narrascope.spans import check_span


def _items(nlp, one_claim, text):
    claim = one_claim(text)
    assert all(check_span(text, s) for s in claim["support"])
    return claim, [(s["kind"], s["text"]) for s in claim["support"] if s["kind"] != "attribution"]


def test_a_thing_the_clause_acts_on_is_no_evidence(nlp, one_claim):
    # a direct object is what the claim is about: the statements made, the images presented, the photo posted
    for text in ("The mayor made conflicting statements about the curfew in the northern city last week.",
                 "The regime staged a parade in the capital to present images of unity after the bombing.",
                 "Police posted a photo of the burned bus on the highway near the border on Friday."):
        _claim, items = _items(nlp, one_claim, text)
        assert not [i for i in items if i[0] == "evidence"], (text, items)
    # the subject of a copula is judged, not offered
    _claim, items = _items(nlp, one_claim, "Critics said nothing as the mayor's statement was false on every count.")
    assert not [i for i in items if i[0] == "evidence"]


def test_a_statement_that_states_or_is_published_stays_evidence(nlp, one_claim):
    # a clause of its own says what the statement holds
    _claim, items = _items(nlp, one_claim, "The interior ministry issued a statement accusing the rebels of "
                                           "shelling the market in the capital.")
    assert ("evidence", "statement") in items
    # a verb that publishes the document (an `offering_verb` row)
    assert "release" in support_lexicon()["offering_verb"]


def test_an_interview_a_memo_polls_and_a_count_back_an_author_claim(nlp, one_claim):
    cases = {
        "The governor denounced the attack on the shrine in an interview with the city paper on Monday.":
            ("source_cue", "in an interview with the city paper"),
        "The governor reminded his staff about the curfew in a memo on Tuesday.": ("evidence", "memo"),
        "The governor trails the mayor by nine points in the average of recent polls.": ("evidence", "polls"),
        "The militia controls most of the northern province, based on a count by the United Nations.":
            ("source_cue", "based on a count by the United Nations"),
    }
    for text, item in cases.items():
        claim, items = _items(nlp, one_claim, text)
        assert claim["asserted_by"] == "author" and item in items, (text, items)
        assert claim["unsupported"] is False and claim["support_in_claim"] is True


def test_polls_where_people_vote_are_no_evidence(nlp, one_claim):
    claim, items = _items(nlp, one_claim, "Turnout was high in the northern provinces on Sunday, when farmers "
                                          "headed to the polls early.")
    assert items == [] and claim["asserted_by"] == "author" and claim["unsupported"] is True
    # "according to exit polls" is a source, and the polls its evidence
    _claim, items = _items(nlp, one_claim, "The ruling party won a majority of the seats, according to exit polls "
                                           "published on Sunday.")
    assert ("evidence", "polls") in items and any(k == "source_cue" for k, _t in items)


def test_citing_a_thing_as_what_it_is_names_no_source(nlp, one_claim):
    _claim, items = _items(nlp, one_claim, "The senator named the comedy series as his favourite show, citing "
                                           "Tom Smith as his favourite comedian.")
    assert not [i for i in items if i[0] == "source_cue"]

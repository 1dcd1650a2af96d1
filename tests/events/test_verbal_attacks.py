"""Session 18: an attack in words is no event (events/verbal.py, data/events/verbal_attacks.tsv). Invented text.

Before, "the candidate attacked the proposal" or "a new attack ad" made an attack record like a raid on a base.
A mention of attack / assault / blast is now words when its parse shows a cue (an issue as object, a speaker
attacking a person, a medium, a verb like "brush off", a modifier like "fabricated", "attack ad") and no violence
word stands in its sentence.
"""

from __future__ import annotations

import pytest

from narrascope.events import triggers, verbal


def _attacks(nlp, text):
    doc = nlp(text)
    return [e["trigger"]["text"] for e in doc._.events if e["type"] == "attack"]


def _cues(nlp, text):
    doc = nlp(text)
    return [(m.token.text, m.verbal) for m in triggers.find_mentions(doc) if m.token.lemma_ in ("attack", "assault")]


@pytest.mark.parametrize("text,cue", [
    ("Senator Mark Dolan attacked Governor Ellen Hart on Tuesday for her tax plan.", "speaker"),
    ("The candidate attacked the proposal in a televised debate on Monday.", "issue_object"),
    ("Critics have attacked the new immigration policy as cruel since it was announced on Monday.", "issue_object"),
    ("Dolan attacked Hart in a radio interview on Friday.", "medium"),
    ("The campaign released a new attack ad in Ohio on Sunday.", "compound_head"),
    ("His fabricated attacks on the senator in Ohio began in May.", "modifier"),
])
def test_an_attack_in_words_makes_no_record(nlp, text, cue):
    assert _attacks(nlp, text) == []
    assert [c for _, c in _cues(nlp, text)] == [cue]


def test_a_speakers_attacks_under_a_words_verb_are_words(nlp):
    assert _cues(nlp, "On Wednesday Hart brushed off the attacks from her rival.") == [("attacks", "speaker")]


@pytest.mark.parametrize("text", [
    "Gunmen attacked the convoy of Governor Ellen Hart near Kabul on Tuesday, killing two guards.",
    "Rebels attacked the army base in Kunar province on Monday.",
])
def test_a_physical_attack_stays(nlp, text):
    assert _attacks(nlp, text) == ["attacked"]


def test_a_violence_word_in_the_sentence_vetoes_the_cue(nlp):
    # a speaker, a person object and a medium ("during the debate"), but a knife and a wound: it may be physical
    text = "During the debate on Tuesday, Mark Dolan attacked Ellen Hart with a knife, wounding her in the arm."
    assert _attacks(nlp, text) == ["attacked"]
    assert _cues(nlp, text) == [("attacked", None)]


@pytest.mark.parametrize("text", [
    # an armed actor in the sentence and a physical object: "during the campaign" alone would make it words
    "The commandos attacked the post during the electoral campaign on Sunday.",
    # a physical object ("station"), although a speaker attacks "in a speech"
    "The candidate attacked the station in a speech in Ohio on Sunday.",
])
def test_an_armed_actor_or_a_physical_object_vetoes_the_cue(nlp, text):
    assert _attacks(nlp, text) == ["attacked"]


def test_only_the_head_object_counts(nlp):
    # "the peace process" is an issue, but the attack is on the nation (a framing of a real attack)
    text = "The attack on the mayor on Monday was an attack on the nation, its people and the peace process."
    assert _cues(nlp, text) == [("attack", None), ("attack", None)]


def test_only_the_attack_lemmas_are_read(nlp):
    doc = nlp("Senator Mark Dolan criticized the proposal in a televised debate on Monday.")
    assert all(verbal.verbal_cue(t) is None for t in doc)


def test_switched_off_the_words_are_an_attack_again(nlp, monkeypatch):
    monkeypatch.setattr(triggers, "VERBAL_ATTACKS", False)
    assert _attacks(nlp, "The candidate attacked the proposal in a televised debate on Monday.") == ["attacked"]


@pytest.mark.parametrize("text", [
    "Carl Ruden attacked him outside the bar on Saturday night.",
    "Dennis Wharton assaulted her at his home in 2004, prosecutors say.",
    "Omar Fadel attacked a judge in the courthouse on Monday and was detained.",
    "Dennis Wharton assaulted Nora Bell, the court heard.",
])
def test_a_person_attacking_a_person_in_a_place_is_no_attack_in_words(nlp, text):
    # the speaker cue (a person doer, a person object) needs nothing that places the act in the physical world:
    # a setting preposition, an arrest, or the lemma "assault" (session 18, the lead's review)
    assert _cues(nlp, text) == [(next(w for w in text.split() if w.startswith(("attack", "assault"))), None)]

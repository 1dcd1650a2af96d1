"""Speaker turns of a transcript (`transcripts.py`) and the speaker's "I" in source resolution (session 18)."""

from __future__ import annotations

import pytest

from narrascope.attribution.transcripts import Transcript, speaker_entity

# invented text: a radio host and two guests, the guests named in the introduction
SHOW = ("Host Tom Brandt spoke on Monday with reporter Jane Marlow and fire chief Omar Quist about the harbour fire.\n"
        "BRANDT: Jane, you were at the harbour that night.\n"
        "MARLOW, COASTAL TRIBUNE: I think the fire started in the old warehouse before midnight.\n"
        "BRANDT: I believe the crews were late.\n"
        "I think the city owes the families an answer.\n"
        "QUIST: I know the first engine arrived within nine minutes.\n")


def _person(text: str, name: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return {"id": f"p{start}", "label": "PERSON", "text": name, "start": start, "end": start + len(name)}


def _entities(text: str) -> list[dict]:
    return [_person(text, "Tom Brandt"), _person(text, "Jane Marlow"), _person(text, "Omar Quist")]


def test_turns_and_their_speakers():
    transcript = Transcript(SHOW, _entities(SHOW))
    assert [t.name for t in transcript.turns] == ["BRANDT", "MARLOW", "BRANDT", "QUIST"]
    assert [t.entity["text"] for t in transcript.turns] == ["Tom Brandt", "Jane Marlow", "Tom Brandt", "Omar Quist"]
    # a turn runs over the lines after its label, to the next label
    second_i = SHOW.index("I think the city")
    assert transcript.turn_of(second_i, second_i + 1).name == "BRANDT"
    # the affiliation after the comma is not part of the name
    label = SHOW.index("MARLOW")
    assert transcript.label_of(label, label + len("MARLOW")).name == "MARLOW"
    intro = SHOW.index("Host")
    assert transcript.turn_of(intro, intro + 4) is None


def test_one_label_line_is_no_transcript():
    text = "SUMMARY: The council met on Monday.\nI think the vote was close, one member said.\n"
    assert Transcript(text, []).turns == []


def test_line_label_words_are_no_speakers():
    text = "UPDATE: The road is open again.\nCORRECTION: An earlier version misspelled a name.\n"
    assert Transcript(text, []).turns == []


def test_a_blank_line_ends_a_turn():
    text = "ANNA: I was there.\nBEN: I was not.\n\nI think the writer's own line follows here.\n"
    transcript = Transcript(text, [])
    last_i = text.index("I think")
    assert transcript.turn_of(last_i, last_i + 1) is None


def test_a_mixed_case_name_line_ends_the_turn_before_it():
    # an answer labelled "Name:" in another case is not the host's turn: its "I" is left to the usual resolution
    text = "ANNA BERG: Welcome back.\nBen Okafor: I think the bridge will hold.\nANNA BERG: I agree.\n"
    ents = [_person(text, "ANNA BERG"), _person(text, "Ben Okafor"), _person(text, "ANNA BERG", 1)]
    transcript = Transcript(text, ents)
    ben_i = text.index("I think")
    assert transcript.turn_of(ben_i, ben_i + 1) is None
    anna_i = text.index("I agree")
    assert transcript.turn_of(anna_i, anna_i + 1).entity["text"] == "ANNA BERG"


def test_speaker_entity_by_surname_first_name_and_initials():
    text = "Guests: Jane Marlow, Paul Marlow and Dennis Okafor."
    ents = [_person(text, "Jane Marlow"), _person(text, "Paul Marlow"), _person(text, "Dennis Okafor")]
    assert speaker_entity("PAUL MARLOW", ents)["text"] == "Paul Marlow"
    assert speaker_entity("MARLOW", ents)["text"] == "Jane Marlow"  # the first full-name mention
    assert speaker_entity("DO", ents)["text"] == "Dennis Okafor"    # initials: one name spells them
    assert speaker_entity("JM", ents)["text"] == "Jane Marlow"
    assert speaker_entity("PM", ents)["text"] == "Paul Marlow"
    assert speaker_entity("XY", ents) is None


def test_initials_shared_by_two_names_take_none():
    text = "Guests: Jane Marlow and John Miller."
    ents = [_person(text, "Jane Marlow"), _person(text, "John Miller")]
    assert speaker_entity("JM", ents) is None


def test_in_the_component_each_i_is_its_turns_speaker(nlp):
    pytest.importorskip("pycrfsuite")
    doc = nlp(SHOW)
    ents = {e["id"]: e["text"] for e in doc._.entities}
    firsts = {a["source"]["start"]: a for a in doc._.attributions
              if a["source"] and a["source"]["text"] == "I"}
    want = {SHOW.index("I think the fire"): "Jane Marlow", SHOW.index("I believe"): "Tom Brandt",
            SHOW.index("I think the city"): "Tom Brandt", SHOW.index("I know"): "Omar Quist"}
    found = {pos: ents.get(firsts[pos]["source_entity"]) for pos in want if pos in firsts}
    assert len(found) >= 3, f"the cue model should read most of the invented turns: {sorted(firsts)}"
    for pos, name in found.items():
        assert found[pos] is not None and found[pos].split()[-1] == name.split()[-1], (pos, found[pos], name)
        assert firsts[pos]["source_type"] == "named_person"



def test_a_label_as_source_is_its_speaker(nlp):
    # the label itself read as a source (the cue model takes "NAME:" as source and cue in some transcripts)
    from narrascope.attribution.resolve import SourceResolver

    doc = nlp(SHOW)
    start = SHOW.index("QUIST")
    colon = start + len("QUIST")
    att = {"id": "t1", "kind": "indirect", "source": {"text": "QUIST", "start": start, "end": colon},
           "cue": {"text": ":", "start": colon, "end": colon + 1},
           "content": {"text": "I know", "start": colon + 2, "end": colon + 8, "spans": [[colon + 2, colon + 8]]}}
    SourceResolver(use_kb=False).resolve(doc, [att])
    ents = {e["id"]: e["text"] for e in doc._.entities}
    assert att["source_type"] == "named_person"
    assert ents.get(att["source_entity"]) == "Omar Quist"

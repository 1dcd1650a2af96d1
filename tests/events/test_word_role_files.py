"""The `word, role, provenance` data files of the events rules (session 18): every row has a role its rule reads and
a provenance; a bad row stops the loader with E105 instead of dropping its words (a typo in a role would)."""

from __future__ import annotations

import pytest

from narrascope.events import lexicon

LOADERS = {
    "verbal_attacks.tsv": lexicon.verbal_attack_words,
    "one_victim.tsv": lexicon.one_victim_words,
    "figurative_senses.tsv": lexicon.figurative_sense_words,
    "campaign_rallies.tsv": lexicon.campaign_rally_words,
    "death_cues.tsv": lexicon.death_cue_words,
    "campaign_stories.tsv": lexicon.campaign_story_words,
    "casualty_actors.tsv": lexicon.casualty_actor_words,
    "hypothetical_mentions.tsv": lexicon.hypothetical_mention_words,
}


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_every_row_has_a_read_role_and_a_provenance(name):
    rows = lexicon._rows(name)
    words = LOADERS[name]()
    assert rows and all(row[2].startswith("narrascope:") for row in rows)
    assert sum(len(v) for v in words.values()) == len({(row[0], row[1]) for row in rows})


@pytest.mark.parametrize("row", [
    ["attack", "triger", "narrascope: a typo in the role"],
    ["attack", "trigger"],
    ["attack", "trigger", " "],
])
def test_a_bad_row_stops_the_loader(monkeypatch, row):
    monkeypatch.setattr(lexicon, "_rows", lambda name: [["attack", "trigger", "narrascope: fine"], row])
    with pytest.raises(ValueError, match=r"\[E105\] verbal_attacks.tsv, data row 2"):
        lexicon._words_by_role("verbal_attacks.tsv", ("trigger", "violence"))

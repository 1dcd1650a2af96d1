"""Loaders for the data files in `narrascope/data/events/` (TSV, `#` comment lines)."""

from __future__ import annotations

import functools
from pathlib import Path

from narrascope.errors import Errors

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
# modal and future auxiliaries: an event under one is not (yet) a reported act (a closed class of
# English, not a lexicon to tune; `triggers._blocked`, `stage`)
MODALS = frozenset({"will", "would", "could", "might", "may", "should", "must", "can", "'ll", "shall"})


def _rows(name: str) -> list[list[str]]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


@functools.lru_cache(maxsize=None)
def triggers() -> dict[str, list[tuple[str, str]]]:
    """lemma (first word for multiword) -> [(full term, pos, type)]."""
    out: dict[str, list[tuple[str, str]]] = {}
    for term, pos, etype, *_ in _rows("triggers.tsv"):
        out.setdefault(term, []).append((pos, etype))
    return out


@functools.lru_cache(maxsize=1)
def incident_nouns() -> frozenset[str]:
    """One-word nouns of the trigger lexicon ("attack", "shooting", "massacre") and "incident": words that
    name an event (never the one responsible for it: `responsibility`; a year before one dates it: `dates`)."""
    return frozenset({term for term, rows in triggers().items() if " " not in term
                      and any(pos in ("NOUN", "ANY") for pos, _ in rows)} | {"incident"})


@functools.lru_cache(maxsize=None)
def event_types() -> dict[str, dict[str, str | None]]:
    out = {}
    for etype, acled_t, acled_s, gtd, muc, *_ in _rows("event_types.tsv"):
        out[etype] = {"acled_event_type": acled_t, "acled_sub_event_type": acled_s,
                      "gtd": gtd or None, "muc": muc or None}
    return out


@functools.lru_cache(maxsize=None)
def instruments() -> dict[str, str]:
    return {term: cls for term, cls, *_ in _rows("instruments.tsv")}


@functools.lru_cache(maxsize=None)
def roles() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for lemma, cat, *_ in _rows("roles.tsv"):
        out.setdefault(cat, set()).add(lemma)
    return out


@functools.lru_cache(maxsize=None)
def weapon_triggers() -> dict[str, set[str]]:
    """role (explosive, place_verb, harm_by_verb) -> lemmas (`weapon_triggers.tsv`)."""
    out: dict[str, set[str]] = {"explosive": set(), "place_verb": set(), "harm_by_verb": set()}
    for lemma, role, *_ in _rows("weapon_triggers.tsv"):
        out.setdefault(role, set()).add(lemma)
    return out


@functools.lru_cache(maxsize=None)
def attempt_cues() -> dict[str, set[str]]:
    """role (attempt_mod, attempt_verb, attempt_noun, foil_verb, defuse_verb, survive_verb) -> lemmas (`attempt_cues.tsv`)."""
    out: dict[str, set[str]] = {k: set() for k in ("attempt_mod", "attempt_verb", "attempt_noun", "foil_verb",
                                                   "defuse_verb", "survive_verb")}
    for lemma, role, *_ in _rows("attempt_cues.tsv"):
        out.setdefault(role, set()).add(lemma)
    return out


@functools.lru_cache(maxsize=None)
def filler_span_words() -> dict[str, frozenset[str]]:
    """role (hedge, title, of_head) -> lower-case words (`filler_spans.tsv`)."""
    out: dict[str, set[str]] = {"hedge": set(), "title": set(), "of_head": set()}
    for word, role, *_ in _rows("filler_spans.tsv"):
        out.setdefault(role, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=None)
def combatant_words() -> frozenset[str]:
    """Lower-case words and phrases naming armed combatants (`combatants.tsv`)."""
    return frozenset(row[0] for row in _rows("combatants.tsv"))


@functools.lru_cache(maxsize=None)
def non_agent_verbs() -> frozenset[str]:
    """Lemmas of verbs whose active subject undergoes, perceives or reacts to an event (`non_agent_verbs.tsv`)."""
    return frozenset(row[0] for row in _rows("non_agent_verbs.tsv"))


@functools.lru_cache(maxsize=None)
def trigger_verbs() -> frozenset[str]:
    """One-word trigger lemmas that can be verbs (`triggers.tsv` pos VERB or ANY). Multiword terms are left
    out: their first word alone ("take" of "take hostage", "set" of "set fire") names no event."""
    return frozenset(term for term, entries in triggers().items()
                     if " " not in term and any(pos in ("VERB", "ANY") for pos, _ in entries))


@functools.lru_cache(maxsize=None)
def entry_verbs() -> dict[str, frozenset[str]]:
    """Verb lemma -> how the place entered is named ("dobj", or a preposition) (`entry_verbs.tsv`)."""
    out: dict[str, set[str]] = {}
    for lemma, how, *_ in _rows("entry_verbs.tsv"):
        out.setdefault(lemma, set()).add(how)
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=None)
def air_strike_words() -> dict[str, frozenset[str]]:
    """role (air_noun, air_head, air_mod, raid_mod, aircraft, projectile) -> lemmas (`air_strikes.tsv`)."""
    out: dict[str, set[str]] = {k: set() for k in ("air_noun", "air_head", "air_mod", "raid_mod", "aircraft",
                                                   "projectile")}
    for lemma, role, *_ in _rows("air_strikes.tsv"):
        out.setdefault(role, set()).add(lemma)
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=None)
def incident_offence_words() -> frozenset[str]:
    """Words that keep an accusation about the incident in a charge's object ("charged with homicide"), besides
    the trigger lexicon's one-word terms (`incident_offence_words.tsv`)."""
    return frozenset(row[0] for row in _rows("incident_offence_words.tsv"))


def _words_by_role(name: str, roles: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """A `word, role, provenance` file -> role -> words (every role in `roles` present, empty if unused). A row
    without a provenance or with a role not in `roles` raises E105."""
    out: dict[str, set[str]] = {k: set() for k in roles}
    for k, row in enumerate(_rows(name), 1):
        if len(row) != 3 or row[1] not in out or not row[2].strip():
            raise ValueError(Errors.E105.format(name=name, line=k, roles=", ".join(roles), row=row))
        out[row[1]].add(row[0])
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=None)
def verbal_attack_words() -> dict[str, frozenset[str]]:
    """role (trigger, issue_object, political_target, speaker, medium, governor, modifier, compound_head, violence,
    person_physical, setting) -> lower-case lemmas (`verbal_attacks.tsv`; events/verbal.py)."""
    return _words_by_role("verbal_attacks.tsv", ("trigger", "issue_object", "political_target", "speaker", "medium",
                                                 "governor", "modifier", "compound_head", "violence",
                                                 "person_physical", "setting"))


@functools.lru_cache(maxsize=None)
def one_victim_words() -> dict[str, frozenset[str]]:
    """role (verb, noun, dead_after, title, collective, hedge, not_done) -> lower-case lemmas (`one_victim.tsv`;
    events/casualties.py, a death of one person counted 1)."""
    return _words_by_role("one_victim.tsv", ("verb", "noun", "dead_after", "title", "collective", "hedge", "not_done"))


@functools.lru_cache(maxsize=None)
def figurative_sense_words() -> dict[str, frozenset[str]]:
    """role (show_object, rise_goal, shot_noun_modifier, thing_object, crowd, setting) -> lower-case words
    (`figurative_senses.tsv`; events/senses.py)."""
    return _words_by_role("figurative_senses.tsv", ("show_object", "rise_goal", "shot_noun_modifier", "thing_object",
                                                    "crowd", "setting"))


@functools.lru_cache(maxsize=None)
def campaign_rally_words() -> dict[str, frozenset[str]]:
    """role (campaign, party, candidate, speech, protest_verb, protest_mod, protest_crowd, election) -> lower-case words
    (`campaign_rallies.tsv`; events/rallies.py)."""
    return _words_by_role("campaign_rallies.tsv", ("campaign", "party", "candidate", "speech", "protest_verb",
                                                   "protest_mod", "protest_crowd", "election"))


@functools.lru_cache(maxsize=None)
def campaign_story_words() -> dict[str, frozenset[str]]:
    """role (protest_word, opposition_head, pronoun, contested, weak_election) -> lower-case words
    (`campaign_stories.tsv`; the document rules of events/rallies.py)."""
    return _words_by_role("campaign_stories.tsv",
                          ("protest_word", "opposition_head", "pronoun", "contested", "weak_election"))


@functools.lru_cache(maxsize=None)
def hypothetical_mention_words() -> dict[str, frozenset[str]]:
    """role (risk, definite, generic, like_object, move, option) -> lower-case words (`hypothetical_mentions.tsv`;
    events/hypothetical.py)."""
    return _words_by_role("hypothetical_mentions.tsv", ("risk", "definite", "generic", "like_object", "move", "option"))


@functools.lru_cache(maxsize=None)
def death_cue_words() -> dict[str, frozenset[str]]:
    """role (verb, noun, adjective, down_verb) -> lower-case lemmas (`death_cues.tsv`; events/casualties.py: death
    cues besides roles.tsv "death", read by the casualty reader only)."""
    return _words_by_role("death_cues.tsv", ("verb", "noun", "adjective", "down_verb"))


@functools.lru_cache(maxsize=None)
def casualty_actor_words() -> dict[str, frozenset[str]]:
    """role (group, actor, arrest_verb, agent_prep, own_verb) -> lower-case lemmas (`casualty_actors.tsv`;
    events/casualties.py: a number on the doers is no toll)."""
    return _words_by_role("casualty_actors.tsv", ("group", "actor", "arrest_verb", "agent_prep", "own_verb"))

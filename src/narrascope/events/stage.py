"""Stage of execution: an attempted attack (tried, failed, foiled) is still an incident.

GTD records failed attacks (`success` = 0: the bomb did not explode, the target of an assassination
survived, the attack was foiled) and MUC-4 fills templates for them (STAGE OF EXECUTION: ATTEMPTED),
so a mention of an attempt is a record with `stage: "attempted"` (see `record.build_record`). Threats
and intentions ("threatened to kill", "plan to attack") stay blocked (`triggers._blocked`).

Cues (lemmas in `data/events/attempt_cues.tsv`):
- a modifier of the event noun: "an attempted kidnapping", "a failed bombing";
- a verb whose infinitive complement is the event: "tried to blow up", "failed to explode";
- a noun the event is the aim of: "an assassination attempt", "an attempt to kill him" (not the
  purpose clause "in an attempt to", which stays blocked);
- a finite verb whose object or passive subject is the event: "foiled an attack", "the attack was
  thwarted", "police prevented a bombing" (not "measures to prevent attacks");
- the event noun as the subject of the attempt verb: "the bomb failed to explode";
- an explosion before which the bomb was defused: "a bomb was defused before it exploded";
- the victim survived: "survived an attack", "escaped unharmed from an attack";
- an explosive that was defused: "a bomb was defused" (a bombing mention on the verb,
  `triggers._weapon_mentions`).
"""

from __future__ import annotations

from spacy.tokens import Token

from narrascope.events import lexicon
from narrascope.events.lexicon import MODALS
from narrascope.events.verbs import verb_in

# switches (measured on MUC dev docs 1001-1300: docs/history/events.md "Attempted and failed attacks")
UNBLOCK_FOILED = True      # "police prevented an attack": the prevention verb no longer blocks the mention
UNBLOCK_ATTEMPT_NOUN = True  # "an attempt to kill him" (not "in an attempt to"): no longer a purpose clause
BLOCK_INTENDED_ATTEMPT = True  # "will attempt to attack": an intention, the mention is dropped
DEFUSED = True             # "a bomb was defused": a (failed) bombing mention



def _negated_or_modal(verb: Token) -> bool:
    """'did not try', 'never foiled', 'will attempt', 'could prevent'."""
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") or (c.dep_ == "aux" and c.lower_ in MODALS)
               for c in verb.children)


def _finite_affirmed(verb: Token) -> bool:
    """A reported act: no infinitive "to", no modal, no negation ("foiled", "was thwarted")."""
    return verb.tag_ in ("VBD", "VBN", "VBZ", "VBP") and not _negated_or_modal(verb) \
        and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def foiled_by(tok: Token) -> Token | None:
    """The finite, affirmed foil/prevent verb whose object or passive subject is `tok`."""
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" \
            and verb_in(tok.head, lexicon.attempt_cues()["foil_verb"]) and _finite_affirmed(tok.head):
        return tok.head
    return None


def attempt_noun(tok: Token) -> Token | None:
    """'an assassination attempt' (compound), 'an attempt to kill' (acl/xcomp): the attempt noun."""
    head = tok.head
    if head.i == tok.i or head.pos_ != "NOUN" or head.lemma_.lower() not in lexicon.attempt_cues()["attempt_noun"]:
        return None
    if tok.dep_ in ("compound", "nmod", "acl", "xcomp", "amod"):
        return head
    return None


def purpose_attempt(noun: Token) -> bool:
    """'in an attempt to' (a purpose clause, not a report of the act)."""
    return noun.head.lower_ == "in" or any(c.lower_ == "in" for c in noun.children if c.dep_ == "case")


def is_attempted(tok: Token) -> bool:
    cues = lexicon.attempt_cues()
    if tok.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("amod", "compound") and (c.lower_ in cues["attempt_mod"] or c.lemma_.lower() in cues["attempt_mod"])
            for c in tok.children):
        return True
    if tok.dep_ == "xcomp" and tok.head.pos_ in ("VERB", "AUX") and verb_in(tok.head, cues["attempt_verb"]):
        return True
    # "the bomb failed to explode": the event noun is the subject of the attempt verb
    # (only "fail": the subject of "try" is an agent, "clashes ... trying to suppress" a misparse)
    if tok.dep_ == "nsubj" and verb_in(tok.head, {"fail"}) \
            and any(c.dep_ == "xcomp" for c in tok.head.children):
        return True
    # "the bomb was defused before it exploded"
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "before" for c in tok.children) \
            and verb_in(tok.head, cues["foil_verb"], cues["defuse_verb"]):
        return True
    # "survived an attack", "escaped unharmed from an attack": the victim was not hit
    head = tok.head
    if tok.dep_ == "dobj" and verb_in(head, cues["survive_verb"]) \
            or tok.dep_ == "pobj" and head.lower_ == "from" and verb_in(head.head, cues["survive_verb"]):
        return True
    if attempt_noun(tok) is not None:
        return True
    return foiled_by(tok) is not None


def attempt_cue(tok: Token) -> Token | None:
    """The foil verb or attempt noun that `triggers._blocked` read as a prevention or purpose frame:
    the mention stands when that cue is itself not blocked ("police prevented an attack")."""
    if UNBLOCK_FOILED:
        verb = foiled_by(tok)
        if verb is not None:
            return verb
    noun = attempt_noun(tok)
    if UNBLOCK_ATTEMPT_NOUN and noun is not None and not purpose_attempt(noun):
        return noun
    return None


def intended_attempt(tok: Token) -> bool:
    """'the rebels will attempt to attack', 'did not try to kill': a modal or negated attempt verb
    reports an intention (or nothing), not an attempt."""
    head = tok.head
    if not (BLOCK_INTENDED_ATTEMPT and tok.dep_ == "xcomp" and head.i != tok.i
            and verb_in(head, lexicon.attempt_cues()["attempt_verb"])):
        return False
    return _negated_or_modal(head)


def is_defused(tok: Token) -> Token | None:
    """An explosive that was defused: the defuse verb (its object or passive subject is `tok`)."""
    if not DEFUSED:
        return None
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" \
            and verb_in(head, lexicon.attempt_cues()["defuse_verb"]) and _finite_affirmed(head):
        return head
    return None


def record_stage(mentions: list) -> str:
    """'attempted' when every mention of the incident is an attempt, else 'accomplished'. (Letting
    the trigger mention alone decide gave twice the attempted records on MUC dev 1-1300 at the same
    share in documents with a gold ATTEMPTED template, but "attempted to storm the shrine" then
    marked an attack that killed four as attempted.)"""
    return "attempted" if mentions and all(m.attempted for m in mentions) else "accomplished"

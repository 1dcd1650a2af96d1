"""Figurative senses of trigger lemmas: "demonstrated his knack", "shot to prominence", "executes deals" name no
incident.

The trigger lexicon reads lemmas, and a few of its lemmas have common senses that are no event (WordNet lists them
as separate senses; a word-sense tagger would be a model of its own, and the parse already tells these apart).
Session 18 (round 3) counted them on the design samples of that session: after the verbal-attack rule
(`events/verbal.py`) they were the largest group of records that are no incident. A mention is figurative when:

- `show`: demonstrate / demonstration in the sense "show, prove": the verb has a direct object ("demonstrated his
  knack"), a clausal complement, or a clause child marked "that" / "how" / "why" / "what" ("video demonstrating that
  ..."; the tagger makes some such "demonstrating" a noun, so the noun gets the same test), unless a crowd does it
  (a `crowd` subject or a number: "thousands demonstrated their anger") or a `setting` preposition places it
  ("outside parliament"); the noun has an "of"
  whose child is a clause ("a demonstration of why ...") or a `show_object` ("a demonstration of force"). The
  protest sense takes no object ("thousands demonstrated in the capital").
- `shoot`: shoot with no direct object or passive subject and a particle "up" ("the debt had shot up"), a "to"
  object that is a `rise_goal` ("shot to prominence"), or a clausal complement ("shot back that ..."); or shoot with a
  `shot_noun_modifier` as child or previous word ("long shot", which the tagger can read as the verb).
- `thing`: execute / suppress whose direct object or passive subject is a `thing_object` ("executed the deal",
  "suppressed the report"), not a person or group.

Words in `data/events/figurative_senses.tsv`. Such a mention is negated like a verbal attack (extract drops it).
"""

from __future__ import annotations

from spacy.tokens import Token

from narrascope.events import lexicon

CLAUSE_MARKS = {"that", "how", "why", "what", "whether"}
# the rule each cue belongs to (the switch `triggers.NOT_INCIDENT` names rules)
RULE_OF = {"show": "S", "shoot": "F", "thing": "F"}


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]


def _clause_marked(c: Token) -> bool:
    return any(g.dep_ in ("mark", "advmod", "nsubj", "dobj") and g.lower_ in CLAUSE_MARKS
               for g in c.children if g.i < c.i)


def _protest_like(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    """A crowd demonstrating, or demonstrating in a place, is a protest whatever its object ("thousands
    demonstrated their anger outside parliament"): a subject that is a `crowd` word or a number, or a `setting`
    preposition on the verb (the lead's review, session 18)."""
    for c in tok.children:
        if c.dep_ == "nsubj" and (c.lemma_.lower() in words["crowd"] or c.like_num
                                  or any(g.dep_ == "nummod" for g in c.children)):
            return True
        if c.dep_ == "prep" and c.lower_ in words["setting"]:
            return True
    return False


def _show(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    lem = tok.lemma_.lower()
    if lem == "demonstrate" or tok.lower_.startswith("demonstrat") and tok.pos_ == "NOUN" and tok.lower_.endswith("ing"):
        if _protest_like(tok, words):
            return False
        if tok.pos_ == "VERB" and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
            return True
        return any(c.dep_ in ("relcl", "advcl", "ccomp", "acl") and _clause_marked(c) for c in tok.children)
    if lem == "demonstration" and tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pcomp" or g.dep_ == "pobj" and g.lemma_.lower() in words["show_object"]:
                        return True
    return False


def _shoot(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if prev in words["shot_noun_modifier"] or any(
            c.dep_ in ("amod", "advmod", "compound") and c.lower_ in words["shot_noun_modifier"] for c in tok.children):
        return True
    if _objects(tok):
        return False
    for c in tok.children:
        if c.dep_ == "prt" and c.lower_ == "up":
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(
                g.dep_ == "pobj" and g.lemma_.lower() in words["rise_goal"] for g in c.children):
            return True
        if c.dep_ == "ccomp":
            return True
    return False


def _thing(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    human = lexicon.roles()["human"]
    return any(o.lemma_.lower() in words["thing_object"] and o.ent_type_ not in ("PERSON", "NORP", "ORG")
               and o.lemma_.lower() not in human for o in _objects(tok))


def figurative_cue(tok: Token) -> str | None:
    """The cue ("show", "shoot", "thing") that makes the trigger `tok` a figurative sense, or None."""
    words = lexicon.figurative_sense_words()
    lem = tok.lemma_.lower()
    if lem in ("demonstrate", "demonstration") or tok.lower_.startswith("demonstrating"):
        return "show" if _show(tok, words) else None
    if lem == "shoot" and tok.pos_ in ("VERB", "AUX"):
        return "shoot" if _shoot(tok, words) else None
    if lem in ("execute", "suppress") and tok.pos_ == "VERB":
        return "thing" if _thing(tok, words) else None
    return None

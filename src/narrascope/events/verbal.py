"""Verbal attacks: "attacked the plan", "Trump's attacks on the judge", "deflect attacks" name words, not violence.

Political news uses the trigger lemmas attack / assault / blast for criticism far more often than for violence
(session 18: 26 of 35 attack mentions on 60 PolNeAR train texts). A mention is verbal when its parse shows a cue
and no violence word stands in its sentence (`data/events/verbal_attacks.tsv`, roles there):

- its object (verb: direct object or passive subject; noun: "on"/"against" object) is an issue, not a body
  ("attacked the program", "attacks on the nomination process");
- its object is a person or a political target and its doer is a speaker: a PERSON entity or a speaker noun
  ("Trump attacked a federal judge", "attacks from Senator X", "the candidate's assault on ...");
- it is said in a medium ("attacked in the media", "a speech attacking", "attacked him during the campaign");
- a verb over the noun takes only words as its object ("deflect attacks", "moderate his attacks");
- a modifier makes it words ("fabricated attacks", "political attacks"), or it modifies a campaign noun
  ("attack ads").

A veto keeps every mention whose sentence names a killing, a weapon or police (the tsv's `violence` words) or an
armed actor (`combatants.tsv`: soldiers, the military, guerrillas, rebels), and every mention whose object is a
physical target (`roles.tsv` physical: a base, a post, a station): such an attack may be physical whatever the
cue says ("guerrillas attacked military positions", "attacks on a military post").
"""

from __future__ import annotations

from spacy.tokens import Token

from narrascope.events import lexicon

PERSON_PRONOUNS = {"him", "her", "them", "me", "us", "you", "whom"}


def _objects(tok: Token) -> list[Token]:
    """What the act is aimed at: a verb's direct object / passive subject, a noun's "on"/"against" object (and
    a verb's too: "attacked on his record"). Head objects only: in "an attack on the nation, its people and the peace
    process" the nation is the object, not the process."""
    out: list[Token] = []
    for c in tok.children:
        if tok.pos_ == "VERB" and c.dep_ in ("dobj", "nsubjpass"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "upon", "against"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def _doers(tok: Token) -> list[Token]:
    """Who attacks: a verb's subject or "by" agent, a noun's possessor or "from"/"by" object."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "nsubj" and tok.pos_ == "VERB":
            out.append(c)
        elif c.dep_ == "poss" and tok.pos_ == "NOUN":
            out.append(c)
        elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "from"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return [t for o in out for t in (o, *o.conjuncts)]


def _is_speaker(t: Token, words: dict[str, frozenset[str]]) -> bool:
    return t.ent_type_ == "PERSON" or t.lemma_.lower() in words["speaker"]


def _is_person_target(t: Token, words: dict[str, frozenset[str]]) -> bool:
    return t.ent_type_ == "PERSON" or t.lower_ in PERSON_PRONOUNS or t.lemma_.lower() in words["political_target"]


def _words_possible(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    """A person attacking a person is words only where nothing places it in the physical world: not "assault"
    (with a person as its object that is a physical or sexual assault: "verbal assault" has the modifier cue), and
    no setting preposition on the act ("attacked him outside the bar", "assaulted her at his home"; the tsv's
    `setting` words). The lead's review in session 18 found crime-news sentences the design sample, all political
    news, did not hold."""
    if tok.lemma_.lower() in words["person_physical"]:
        return False
    return not any(c.dep_ == "prep" and c.lower_ in words["setting"] for c in tok.children)


def _cue(tok: Token, words: dict[str, frozenset[str]]) -> str | None:
    """The first cue that makes `tok` words, or None."""
    objs = _objects(tok)
    if any(o.lemma_.lower() in words["issue_object"] for o in objs):
        return "issue_object"
    if (any(_is_person_target(o, words) for o in objs) and any(_is_speaker(d, words) for d in _doers(tok))
            and _words_possible(tok, words)):
        return "speaker"
    if tok.pos_ == "NOUN" and any(d.dep_ != "nsubj" and _is_speaker(d, words) and d.ent_type_ != "PERSON"
                                  for d in _doers(tok)):
        return "speaker"  # "the candidate's assault", "attacks from the leading Republican candidate"
    if tok.pos_ == "NOUN" and any(d.ent_type_ == "PERSON" and d.dep_ == "pobj" for d in _doers(tok)):
        return "speaker"  # "attacks from Senator X"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "on", "during") and any(
                p.dep_ == "pobj" and p.lemma_.lower() in words["medium"] for p in c.children):
            return "medium"
    if tok.pos_ == "VERB" and tok.dep_ == "acl" and tok.head.lemma_.lower() in words["medium"]:
        return "medium"  # "a speech attacking the nominee"
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj") and tok.head.lemma_.lower() in words["governor"]:
        return "governor"
    if tok.pos_ == "NOUN" and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in words["modifier"]
                                  for c in tok.children):
        return "modifier"
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in words["compound_head"]:
        return "compound_head"
    return None


def verbal_cue(tok: Token) -> str | None:
    """The cue that makes the trigger `tok` a verbal attack (see the module doc), or None: not an attack lemma, no
    cue, or a sign that it may be physical (a violence or armed-actor word in its sentence, a physical object)."""
    words = lexicon.verbal_attack_words()
    if tok.lemma_.lower() not in words["trigger"]:
        return None
    armed = lexicon.combatant_words()
    for t in tok.sent:
        lem = t.lemma_.lower()
        if lem in words["violence"] or t.lower_ in armed or lem in armed:
            return None
    physical = lexicon.roles()["physical"]  # "attacks on a military post"
    if any(o.lemma_.lower() in physical for o in _objects(tok)):
        return None
    return _cue(tok, words)

"""Hypothetical, generic and future mentions: "the possibility of another attack", "assassination threats", "such
attacks", "moves to arrest him", "air strikes as an option" name no incident (issue 5).

An analyst of political violence wants a record for an act that happened (or was tried), not for one that is
feared, weighed, announced or spoken of as a kind. ACLED codes no threats, risks or options as events: a threat of
an attack is no attack. Session 18 (round 4) measured a rule H for this, and its post-hoc variant H2 (H without an
if / unless part, which was wrong on "if the killing does not stop": a condition on stopping violence that is going
on); this module is H2, rebuilt from that description (session 19). A trigger mention is hypothetical when:

- `risk`: it is the "of" object (or an "of" clause: "the threat of being arrested") or a compound of a `risk` noun
  ("the possibility of another attack", "fears of a crackdown", "assassination threats"), or a conjunct of such a
  mention ("the risk of attacks and kidnappings"); not when a `definite` determiner or a possessive makes it a known
  incident ("the possibility of the kidnapping being linked to the cartel");
- `generic`: a `generic` modifier on a plural ("such attacks"; a singular "such" points back to an incident the
  text tells: "the third such robbery this year"), or "like" on it with a `like_object` ("attacks like this");
- `future`: an infinitive on the noun `move` ("moves to arrest him"), or on a present-tense verb `move` ("the
  government moves to arrest him"); a past "moved to arrest" may report the act and is not read;
- `option`: "as" with an `option` object on it, or on the verb whose direct object it is ("considered air strikes
  as an option").

The mention itself must be the one under the cue: "the attack, which officials had feared, killed 12" and
"threatened and then attacked" stay incidents (no risk noun governs the trigger). Words in
`data/events/hypothetical_mentions.tsv`. Such a mention is negated like a figurative sense (extract drops it).
"""

from __future__ import annotations

from spacy.tokens import Token

from narrascope.events import lexicon

PRESENT_TAGS = {"VBZ", "VBP"}
PLURAL_TAGS = {"NNS", "NNPS"}


def _top_conjunct(tok: Token) -> Token:
    """The first conjunct of `tok` ("kidnappings" in "the risk of attacks and kidnappings" -> "attacks")."""
    seen = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and seen < 10:
        tok, seen = tok.head, seen + 1
    return tok


def _definite(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    """"the possibility of the kidnapping being linked to ...", "the potential of the protests to topple ...": a
    definite or possessive trigger names a known incident whose risk or consequence is weighed."""
    return any(c.dep_ == "poss" or c.dep_ in ("det", "predet") and c.lower_ in words["definite"] for c in tok.children)


def _risk(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    risk = words["risk"]
    if _definite(tok, words):
        return False
    head = tok.head
    if tok.dep_ in ("compound", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in risk:
        return True  # "assassination threats", "kidnapping risk"
    if tok.dep_ in ("pobj", "pcomp") and head.lower_ == "of" and head.head.i != head.i:
        noun = head.head
        return noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in risk
    return False


def _generic(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    for c in tok.children:
        if c.dep_ in ("amod", "det", "predet") and c.lower_ in words["generic"] and tok.tag_ in PLURAL_TAGS:
            return True  # a singular "such" points back to an incident told: "the third such robbery this year"
        if c.dep_ == "prep" and c.lower_ == "like" and any(
                g.dep_ == "pobj" and g.lower_ in words["like_object"] for g in c.children):
            return True
    return False


def _future(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    if tok.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    if head.i == tok.i or head.lemma_.lower() not in words["move"]:
        return False
    if head.pos_ == "NOUN" and tok.dep_ in ("acl", "relcl"):
        return True  # "moves to arrest him"
    return head.pos_ == "VERB" and head.tag_ in PRESENT_TAGS and tok.dep_ in ("xcomp", "advcl")  # "moves to arrest"


def _as_option(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "as" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in words["option"] for g in c.children) for c in tok.children)


def _option(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    if _as_option(tok, words):
        return True  # "air strikes as an option"
    return tok.dep_ == "dobj" and tok.head.i != tok.i and _as_option(tok.head, words)  # "weighed air strikes as an option"


def hypothetical_cue(tok: Token) -> str | None:
    """The cue ("risk", "generic", "future", "option") that makes the trigger `tok` hypothetical, or None."""
    words = lexicon.hypothetical_mention_words()
    top = _top_conjunct(tok)
    if _risk(top, words):
        return "risk"
    if _generic(tok, words):
        return "generic"
    if _future(tok, words):
        return "future"
    if _option(top, words):
        return "option"
    return None

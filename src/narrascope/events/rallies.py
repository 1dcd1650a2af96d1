"""Campaign rallies: "a campaign rally", "a Trump rally", "Sanders held a rally in Iowa", "speaking at a rally" name a
candidate's or party's campaign event, not a protest.

ACLED codes a demonstration as a public gathering against (or, for some, in support of) a political entity, policy
or group; the rally a candidate holds to win votes is a campaign event an analyst of political violence and protest
does not expect in the events table (session 18, round 4: 5 of 55 records of that session's design samples were
such rallies typed protest). The trigger lexicon reads the noun rally as a protest; a rally is a campaign event when:

- a modifier names the campaign: a `campaign` word ("campaign rally", "victory rally"), a `party` word ("a GOP
  rally") or a person's name ("a Trump rally", "Sanders's rally") in a sentence that speaks of an election;
- it is the object of a verb whose subject is a `candidate` word, or a person's name in a sentence that speaks of an
  election ("Sanders held a rally before the primary"), or it is "a rally for" a person's name there (an opposition
  leader's rally with no election in view may be a protest: the lead's review);
- a speaker is "at" it: "at" / "during" / "before" / "after" hung on a `speech` verb or noun ("speaking at a rally",
  "in her address at the rally");

unless the rally is itself a protest: a preposition against / over / outside on it, a clause on it whose verb is a
`protest_verb` ("a rally to protest ...", "a rally demanding ..."), a modifier starting "anti" or a `protest_mod`
("a protest rally", "an anti-Trump rally"), a "pro-" modifier (supporters' rally: "a pro-government rally", which
ACLED codes as a peaceful protest), or a `protest_crowd` subject ("students held a rally").

Words in `data/events/campaign_rallies.tsv`. Such a mention is negated like a figurative sense (extract drops it).
"""

from __future__ import annotations

from spacy.tokens import Token

from narrascope.events import lexicon

VETO_PREPS = {"against", "over", "outside"}
AT_PREPS = {"at", "during", "before", "after"}


def _name(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON"


def _protest(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    for c in tok.children:
        low, lem = c.lower_, c.lemma_.lower()
        if c.dep_ == "prep" and low in VETO_PREPS:
            return True
        if c.dep_ == "prep" and low == "in" and any(g.lemma_.lower() == "protest" for g in c.children):
            return True
        if c.dep_ in ("acl", "relcl", "advcl") and lem in words["protest_verb"]:
            return True
        if c.dep_ in ("amod", "compound", "nmod") and (low.startswith("anti") or lem in words["protest_mod"]):
            return True
        if c.dep_ in ("amod", "compound", "nmod", "prep") and (low == "pro" or low.startswith("pro-")):
            return True  # supporters' rally ("a pro-government rally"): ACLED codes it a peaceful protest
    crowd = words["protest_crowd"]
    return tok.dep_ == "dobj" and any(c.dep_ == "nsubj" and c.lemma_.lower() in crowd for c in tok.head.children)


def _candidate(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    """A `candidate` word, or a name with one as its title ("Senator <name>")."""
    return tok.lemma_.lower() in words["candidate"] or any(
        c.dep_ == "compound" and c.lemma_.lower() in words["candidate"] for c in tok.children)


def _election_sentence(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    """The rally's sentence speaks of an election (a `campaign` or `election` word): a person's rally is a campaign
    event there, elsewhere it may be an opposition leader's protest ("<name> held a rally in the capital"; the
    lead's review, session 18)."""
    return any(t.lemma_.lower() in words["campaign"] or t.lemma_.lower() in words["election"] for t in tok.sent)


def campaign_cue(tok: Token) -> str | None:
    """"campaign" when the protest trigger `tok` (the noun rally) is a campaign event, else None."""
    if tok.lemma_.lower() not in ("rally", "rallies") or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    words = lexicon.campaign_rally_words()
    if _protest(tok, words):
        return None
    election = _election_sentence(tok, words)
    for c in tok.children:
        lem = c.lemma_.lower()
        if c.dep_ in ("compound", "amod", "nmod", "poss") and (lem in words["campaign"] or lem in words["party"]
                                                               or c.lower_ in words["party"] or _name(c) and election):
            return "campaign"
        if c.dep_ == "prep" and c.lower_ == "for" and election and any(g.dep_ == "pobj" and _name(g)
                                                                       for g in c.children):
            return "campaign"
    head = tok.head
    if tok.dep_ == "dobj" and any(c.dep_ == "nsubj" and (_name(c) and election or _candidate(c, words))
                                  for c in head.children):
        return "campaign"
    if tok.dep_ == "pobj" and head.lower_ in AT_PREPS and head.head.i != head.i \
            and head.head.lemma_.lower() in words["speech"]:
        return "campaign"
    return None

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

Session 19 (`RALLY_RULES`, words of the document rules in `data/events/campaign_stories.tsv`): a *document candidate*
is a person whose surname stands in a sentence of the document that speaks of an election (not by a `weak_election`
word alone: "who lost a no-confidence vote"), unless a sentence names
them of the opposition; a document that speaks of a `contested` election ("rigged", "fraud") has none. With one,
- N: a name modifying the rally is enough when it is a document candidate ("a Trump rally" in a sentence with no
  election word);
- P: "his / her rally" when the person named last before the pronoun is a document candidate;
- A: "at / during / before / after a rally", or a rally with a place ("a New Hampshire rally", "a rally in Iowa"),
  when the subject of its clause is a document candidate, a `candidate` word or a he / she that points back to one;
- D: a bare rally (no modifier but a place, a date, a number or an adjective) is a campaign event when another rally
  of the document is one and none is a protest by the vetoes below (one sense per discourse);
- A and D never fire when the rally's sentence has a `protest_word` ("At a rally in Hong Kong, protesters ..."), and
  O: no rule fires when the sentence names the opposition ("opposition leader"): ACLED codes the rallies of an
  opposition abroad as demonstrations, even when its leader speaks at them.

Words in `data/events/campaign_rallies.tsv`. Such a mention is negated like a figurative sense (extract drops it).
"""

from __future__ import annotations

import weakref

from spacy.tokens import Doc, Token

from narrascope.events import lexicon

VETO_PREPS = {"against", "over", "outside"}
AT_PREPS = {"at", "during", "before", "after"}
# session 19, the document rules (module docstring): N (a named document candidate), P (his / her rally), A (at /
# during / place with a candidate subject), D (one sense per discourse), O (an opposition leader's rally is no
# campaign event). Empty: the session 18 rules alone.
RALLY_RULES: set[str] = {"N", "P", "A", "D", "O"}
# entity types of a modifier that only places or dates the rally ("a New Hampshire rally", "a Tuesday rally")
PLACE_DATE = {"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL"}
# prepositions that only place or date a rally in D ("a rally in Ohio on Monday"); "of" / "by" / "for" name whose
BARE_PREPS = {"in", "at", "on", "near", "with", "here", "last", "this"}
ANTECEDENT_SENTS = 3  # P and A: a pronoun points back to the last person named in this many sentences


def story_words() -> dict[str, frozenset[str]]:
    """role (protest_word, opposition_head, pronoun, contested, weak_election) -> lower-case words
    (`campaign_stories.tsv`, `lexicon.campaign_story_words`)."""
    return lexicon.campaign_story_words()


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
    """The rally's sentence speaks of an election (a `campaign` or `election` word, not a `weak_election` one of
    campaign_stories.tsv alone: "who lost a no-confidence vote", session 19): a person's rally is a campaign
    event there, elsewhere it may be an opposition leader's protest ("<name> held a rally in the capital"; the
    lead's review, session 18)."""
    weak = story_words()["weak_election"]
    return any(t.lemma_.lower() in words["campaign"] or t.lemma_.lower() in words["election"]
               and t.lemma_.lower() not in weak for t in tok.sent)


def _rally(tok: Token) -> bool:
    return tok.lemma_.lower() in ("rally", "rallies") and tok.pos_ in ("NOUN", "PROPN")


def _opposition_sentence(sent) -> bool:
    """The sentence names the opposition: "opposition" modifies a person or an `opposition_head` ("opposition leader")."""
    heads = story_words()["opposition_head"]
    return any(t.lower_ == "opposition" and t.dep_ in ("compound", "amod", "nmod") and t.head.i != t.i
               and (t.head.ent_type_ == "PERSON" or t.head.lemma_.lower() in heads) for t in sent)


def _opposition(tok: Token) -> bool:
    """O: the rally's sentence names the opposition, or a person of it ("opposition leader <name>" elsewhere in the
    document), by name or by a he / she / his / her that points back to one."""
    if _opposition_sentence(tok.sent):
        return True
    opposed = _doc_people(tok.doc)[1]
    for t in tok.sent:
        if t.ent_type_ == "PERSON" and _surname(t) in opposed:
            return True
        if t.lower_ in ("he", "she", "his", "her"):
            ante = _antecedent(t)
            if ante is not None and _surname(ante) in opposed:
                return True
    return False


def _surname(tok: Token) -> str | None:
    """The lower-case last word of the PERSON name `tok` is part of, else None."""
    if tok.ent_type_ != "PERSON":
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent[-1].lower_.removesuffix("'s").removesuffix("’s")
    return tok.lower_


# a document's people (_doc_people), kept while the Doc lives (the weak-keyed store of narrascope/doc_text.py)
_PEOPLE: weakref.WeakKeyDictionary[Doc, tuple[frozenset[str], frozenset[str]]] = weakref.WeakKeyDictionary()


def _doc_people(doc: Doc) -> tuple[frozenset[str], frozenset[str]]:
    """(candidates, opposition): surnames of the persons named in a sentence that speaks of an election (a `campaign`
    or `election` word of campaign_rallies.tsv), and of those named in a sentence that names the opposition (not
    candidates). No candidates in a document where a sentence speaks of a `contested` election ("who lost the
    election he says was rigged"): the loser's rallies after it are protests. Computed once per document."""
    found = _PEOPLE.get(doc)
    if found is not None:
        return found
    words = lexicon.campaign_rally_words()
    # a `weak_election` word ("vote", "poll") is no campaign alone: "who lost a no-confidence vote" (the lead's review)
    election = words["campaign"] | (words["election"] - story_words()["weak_election"])
    contested = story_words()["contested"]
    cands: set[str] = set()
    opposed: set[str] = set()
    disputed = False
    for sent in doc.sents:
        names = {ent[-1].lower_ for ent in sent.ents if ent.label_ == "PERSON"}
        if _opposition_sentence(sent):
            opposed |= names
        elif any(t.lemma_.lower() in election for t in sent):
            cands |= names
            disputed = disputed or any(t.lemma_.lower() in contested or t.lower_ in contested for t in sent)
    found = (frozenset() if disputed else frozenset(cands - opposed), frozenset(opposed))
    _PEOPLE[doc] = found
    return found


def doc_candidates(doc: Doc) -> frozenset[str]:
    """Surnames of the document candidates (`_doc_people`)."""
    return _doc_people(doc)[0]


def _doc_candidate(tok: Token) -> bool:
    name = _surname(tok)
    return name is not None and name in doc_candidates(tok.doc)


def _antecedent(tok: Token) -> Token | None:
    """The last PERSON name before `tok` within ANTECEDENT_SENTS sentences (a he / she / his / her points back)."""
    first = tok.sent.start
    for _ in range(ANTECEDENT_SENTS - 1):
        if first == 0:
            break
        first = tok.doc[first - 1].sent.start
    for t in reversed(tok.doc[first:tok.i]):
        if t.ent_type_ == "PERSON":
            return t
    return None


def _candidate_ref(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    """A document candidate's name, a `candidate` word, or a he / she pointing back to a document candidate."""
    if _doc_candidate(tok) or _candidate(tok, words):
        return True
    if tok.lower_ in ("he", "she"):
        ante = _antecedent(tok)
        return ante is not None and _doc_candidate(ante)
    return False


def _protest_sentence(tok: Token) -> bool:
    pw = story_words()["protest_word"]
    return any(t.lemma_.lower() in pw or t.lower_ in pw for t in tok.sent)


def _clause_subjects(tok: Token) -> list[Token]:
    """The active subjects of the clause the rally hangs on; for a participle or infinitive clause with none ("Speaking at a
    rally, Trump said ..."), those of the clause above."""
    v = tok.head
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    for _ in range(2):
        subj = [c for c in v.children if c.dep_ == "nsubj"]  # "Lam was booed during a rally": whose rally?
        if subj or v.head.i == v.i:
            return subj
        v = v.head
    return []


def _placed(tok: Token) -> bool:
    """A place modifies the rally: "a New Hampshire rally", "a rally in Iowa"."""
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "near") and any(g.dep_ == "pobj" and g.ent_type_ in
                                                                     ("GPE", "LOC", "FAC") for g in c.children):
            return True
    return False


def _bare(tok: Token) -> bool:
    """D: no modifier says whose or what the rally is; only places, dates, numbers, adjectives, a pronoun."""
    for c in tok.children:
        if c.dep_ in ("compound", "nmod") and c.ent_type_ not in PLACE_DATE:
            return False
        if c.dep_ == "amod" and c.ent_type_ and c.ent_type_ not in PLACE_DATE:
            return False
        if c.dep_ == "poss" and c.lower_ not in story_words()["pronoun"]:
            return False
        if c.dep_ == "prep" and c.lower_ not in BARE_PREPS:
            return False
    return True


def _document_cue(tok: Token, words: dict[str, frozenset[str]], rules: set[str]) -> bool:
    """N, P and A (module docstring)."""
    for c in tok.children:
        if "N" in rules and c.dep_ in ("compound", "nmod", "poss") and _doc_candidate(c):
            return True
        if "P" in rules and c.dep_ == "poss" and c.lower_ in story_words()["pronoun"]:
            ante = _antecedent(c)
            if ante is not None and _doc_candidate(ante):
                return True
    if "A" in rules and not _protest_sentence(tok) and (
            tok.dep_ == "pobj" and tok.head.lower_ in AT_PREPS or _placed(tok)):
        return any(_candidate_ref(s, words) for s in _clause_subjects(tok))
    return False


def campaign_cue(tok: Token) -> str | None:
    """"campaign" when the protest trigger `tok` (the noun rally) is a campaign event, else None."""
    if not _rally(tok):
        return None
    words = lexicon.campaign_rally_words()
    if _protest(tok, words) or "O" in RALLY_RULES and _opposition(tok):
        return None
    if _sentence_cue(tok, words) or _document_cue(tok, words, RALLY_RULES):
        return "campaign"
    if "D" in RALLY_RULES and _bare(tok) and not _protest_sentence(tok):
        others = [t for t in tok.doc if _rally(t) and t.i != tok.i]
        if any(_protest(t, words) for t in others):
            return None
        # no other rally is a protest here (the line above), so only the opposition veto is left to ask
        if any(not ("O" in RALLY_RULES and _opposition(t))
               and (_sentence_cue(t, words) or _document_cue(t, words, RALLY_RULES)) for t in others):
            return "campaign"
    return None


def _sentence_cue(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    """The session 18 rules (module docstring): a campaign modifier, a candidate's rally, a speaker at it."""
    election = _election_sentence(tok, words)
    for c in tok.children:
        lem = c.lemma_.lower()
        if c.dep_ in ("compound", "amod", "nmod", "poss") and (lem in words["campaign"] or lem in words["party"]
                                                               or c.lower_ in words["party"] or _name(c) and election):
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and election and any(g.dep_ == "pobj" and _name(g)
                                                                       for g in c.children):
            return True
    head = tok.head
    if tok.dep_ == "dobj" and any(c.dep_ == "nsubj" and (_name(c) and election or _candidate(c, words))
                                  for c in head.children):
        return True
    if tok.dep_ == "pobj" and head.lower_ in AT_PREPS and head.head.i != head.i \
            and head.head.lemma_.lower() in words["speech"]:
        return True
    return False

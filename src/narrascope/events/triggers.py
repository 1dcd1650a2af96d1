"""Trigger mentions: tokens whose lemma (and parse) names an event of a known type.

A mention is dropped when the parse says the event did not (or not yet) happen: negation
("had not conducted a terror attack"), modal or future ("will take place", "could attack"),
or an intention frame ("seek to justify repressive measures").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from narrascope.events import hypothetical, lexicon, rallies, senses, stage, verbal
from narrascope.events.doccache import token_table
from narrascope.events.lexicon import MODALS
from narrascope.events.verbs import INFLECTED, base_forms, member, verb_in

INTENT = {"seek", "plan", "threaten", "want", "intend", "aim", "prepare", "vow", "urge",
          "call", "demand", "justify", "prevent", "avoid", "fear", "warn", "anticipation", "expect"}
# verbs whose negation or modality negates the event noun they govern
OCCUR_VERBS = {"occur", "happen", "take", "carry", "conduct", "stage", "launch", "commit", "perpetrate", "witness",
               "see", "be", "mount", "hold", "suffer", "record"}
# purpose clauses: "in an attempt to quell", "in order to", "so as to" (not a report of the act)
PURPOSE = {"attempt", "order", "effort", "bid"}
# nouns that name an incident only with a violent modifier ("terrorist incident", "armed operation")
WEAK = {"incident", "operation", "act", "action"}
VIOLENT_MOD = {"terrorist", "terror", "armed", "violent", "bloody", "deadly", "criminal", "suicide", "dynamite"}
CUSTODY = {"custody", "detention", "facility", "station", "prison", "jail", "cell"}
# `protest` over/against something is a protest, not its object; these heads never trigger
STOP_HEAD_LEMMAS = {"war", "fight", "campaign"}
# an explosive named as what was placed or thrown ("set off a bomb", "hurled dynamite sticks"), or
# as the means of harm ("destroyed by a bomb"), reports a bombing: the governing verb is the mention
# (lemmas in data/events/weapon_triggers.tsv; session 4, chosen on MUC dev docs 1001-1300: docs/history/events.md)
WEAPON_TRIGGERS = True
# these explosive nouns name an explosive only with a modifier ("explosive device", "dynamite sticks")
NEEDS_MODIFIER = {"charge", "device", "stick"}
# air strikes ("air strike", "warplanes bombed") are their own type, `air_strike` (spec: bombing, subtype air_strike;
# MUC-4 keys them ATTACK, ACLED "Air/drone strike"); words in data/events/air_strikes.tsv (session 15)
AIR_STRIKES = True
# "attacked the plan", "deflect attacks", "attack ads": an attack in words is no event (events/verbal.py,
# data/events/verbal_attacks.tsv; session 18)
VERBAL_ATTACKS = True
# "demonstrated his knack", "shot to prominence", "executes deals": a figurative sense is no incident
# (events/senses.py, data/events/figurative_senses.tsv; session 18, round 3). Rule names: S (demonstrate, show),
# F (shoot, execute, suppress); R, a campaign rally typed protest ("spoke at a campaign rally"; events/rallies.py,
# data/events/campaign_rallies.tsv; session 18, round 4); H, a hypothetical, generic, future or optional mention
# ("the possibility of another attack", "such attacks", "moves to arrest him"; events/hypothetical.py,
# data/events/hypothetical_mentions.tsv; session 19)
NOT_INCIDENT: set[str] = {"S", "F", "R"}
# types whose mention becomes an air strike when an aircraft does it ("planes bombed", "helicopters attacked")
AIR_AGENT_TYPES = {"bombing", "attack", "armed_assault"}
# "a helicopter, which attacked the village": a relative clause's antecedent is its verb's doer (session 16, round 2)
AIR_RELCL = True
# "U.S. Airplanes": a truecased plural spaCy tags PROPN keeps its plural as its lemma; read it singular (session 16, round 2)
AIR_PROPN_PLURAL = True
# "killed by a missile fired from a plane": a projectile an aircraft fired is an aircraft's means (session 16, round 2)
AIR_PROJECTILE = True
# "suicide bomber", "car bomber": a person, not a plane
NOT_AIRCRAFT_MOD = {"suicide", "car", "would-be", "alleged", "suspected", "terrorist"}
# the subject of these undergoes the act: "the plane exploded in the air" is a bombing of a plane (MUC dev: 2 of 2)
UNDERGO_VERBS = {"explode", "blow", "burst", "crash"}


@dataclass
class Mention:
    token: Token
    type: str
    weak: bool = False
    negated: bool = False
    attempted: bool = False  # tried, failed or foiled (events.stage)
    verbal: str | None = None  # the cue that makes it an attack in words (events.verbal); such a mention is negated
    not_incident: str | None = None  # the cue of a figurative sense (events.senses); such a mention is negated
    roles: dict[str, Any] = field(default_factory=dict)
    unit: int = -1



def _multiword(tok: Token, term: str) -> bool:
    words = term.split()
    if len(words) == 1:
        return True
    doc = tok.doc
    # "set fire", "crack down", "blow up", "gun down", "take hostage": particle/object among children or next tokens
    rest = words[1:]
    nxt = [t.lemma_.lower() for t in doc[tok.i + 1: tok.i + 1 + 3]] + [c.lemma_.lower() for c in tok.children]
    return all(w in nxt for w in rest)


@functools.lru_cache(maxsize=None)
def _by_head() -> dict[str, list[tuple[int, str, list[tuple[str, str]]]]]:
    """First word of a trigger term -> [(position in the lexicon, term, entries)], built once."""
    out: dict[str, list[tuple[int, str, list[tuple[str, str]]]]] = {}
    for n, (term, entries) in enumerate(lexicon.triggers().items()):
        out.setdefault(term.split()[0], []).append((n, term, entries))
    return out


def _type_of(tok: Token) -> str | None:
    lem = tok.lemma_.lower()
    low = tok.lower_
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    index = _by_head()
    terms = index.get(lem, []) + (index.get(low, []) if low != lem else [])
    if not terms and pos == "VERB":  # an inflection the lemmatizer misreads (`verbs`)
        found = member(tok, index.keys())
        terms = index.get(found, []) if found else []
    if not terms:
        return None
    best = None
    for _, term, entries in sorted(terms):  # lexicon order, as a scan of the whole table
        for tpos, etype in entries:
            if tpos not in ("ANY", pos):
                continue
            if not _multiword(tok, term):
                continue
            # prefer the multiword term ("crack down" over nothing)
            if best is None or len(term.split()) > best[0]:
                best = (len(term.split()), etype)
    return best[1] if best else None


# session 19 (E3): "a gang threatened a shopkeeper and then attacked him", "vowed revenge and bombed the embassy": a
# conjunct of an intention verb that is itself a finite past act is reported as done; the climb of `_blocked` stops at
# it. "threatened to attack and kill" (a bare-infinitive conjunct of the infinitive) stays blocked. A harness can
# switch it off.
REALISED_CONJUNCT = True
_PERFECT_OR_PASSIVE = frozenset({"have", "has", "had", "was", "were", "been", "is", "are"})


def _realised_conjunct(tok: Token) -> bool:
    """`tok` is a verb conjunct in the past tense of its own (VBD, or VBN with a have/be auxiliary and no modal)."""
    if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.head == tok:
        return False
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in MODALS or c.tag_ == "TO" for c in aux):
        return False
    if tok.tag_ == "VBD":
        return True
    return tok.tag_ == "VBN" and any(c.lower_ in _PERFECT_OR_PASSIVE for c in aux)


def _blocked(tok: Token) -> bool:
    """Negated, modal/future, or under an intention/prevention verb."""
    head = tok if tok.pos_ == "VERB" else tok.head
    checks = [tok]
    if head is not tok and verb_in(head, OCCUR_VERBS):  # "no attack took place", "did not carry out"
        checks.append(head)
    for t in checks:
        for c in t.children:
            if c.dep_ == "neg" or c.lower_ in ("never", "no"):
                return True
            if c.dep_ == "aux" and c.lower_ in MODALS:
                return True
    # "no attacks", "without any attack"
    if any(c.lower_ in ("no", "without") for c in tok.children):
        return True
    anc = tok
    for _ in range(3):
        if REALISED_CONJUNCT and _realised_conjunct(anc):
            break  # "threatened a shopkeeper and then attacked him": the conjunct is its own act
        anc = anc.head
        if verb_in(anc, INTENT):
            return True
        if anc.lemma_.lower() in PURPOSE and anc.pos_ == "NOUN" and any(c.lower_ in ("in", "an") for c in [anc.head, *anc.children]):
            return True
        if anc.head == anc:
            break
    return False


def find_mentions(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    t = token_table(doc)
    index = _by_head()
    for i, lem in enumerate(t.lemma_l):
        if t.is_stop[i] and lem not in ("take",):
            continue
        # a token neither heading a trigger term nor a WEAK noun cannot trigger (`_type_of` is None)
        if lem not in index and t.lower[i] not in index and lem not in WEAK \
                and not (t.tag[i] in INFLECTED and not base_forms(doc[i]).isdisjoint(index)):
            continue
        tok = doc[i]
        etype = _type_of(tok)
        weak = False
        lem = tok.lemma_.lower()
        if etype is None and lem in WEAK and tok.pos_ == "NOUN":
            mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound")}
            if mods & VIOLENT_MOD or any(c.dep_ in ("acl", "relcl") and verb_in(c, {"target", "kill"}) for c in tok.children):
                etype, weak = "attack", True
        if etype is None:
            continue
        # "bomb" as a noun is usually the weapon, not the event, unless it "exploded"
        if lem == "bomb" and tok.pos_ == "NOUN" and tok.dep_ not in ("nsubj",):
            continue
        if lem in ("fighting",) and tok.pos_ == "VERB":
            continue
        if tok.dep_ == "amod" and tok.pos_ != "VERB":
            continue
        if tok.dep_ == "amod" and not _harmed_noun(tok.head):  # "that burning question", "a shooting star"
            continue
        m = Mention(tok, etype, weak=weak, negated=_blocked(tok), attempted=stage.is_attempted(tok))
        if m.negated and m.attempted:  # "police prevented an attack", "an attempt to kill him"
            cue = stage.attempt_cue(tok)
            m.negated = cue is None or (cue.head.i != cue.i and _blocked(cue))
        if m.attempted and not m.negated and stage.intended_attempt(tok):  # "will attempt to attack"
            m.negated = True
        if VERBAL_ATTACKS and not m.negated:
            m.verbal = verbal.verbal_cue(tok)
            m.negated = m.verbal is not None  # words, not an act: extract drops negated mentions
        if NOT_INCIDENT and not m.negated:
            cue = senses.figurative_cue(tok)
            rule = senses.RULE_OF.get(cue or "")
            if cue is None and "R" in NOT_INCIDENT and etype == "protest":
                cue, rule = rallies.campaign_cue(tok), "R"
            if cue is not None and rule in NOT_INCIDENT:
                m.not_incident, m.negated = cue, True
        # killing in custody: a killing/death in a police facility, or by police
        if etype in ("attack",) and lem in ("kill", "killing", "death", "murder"):
            window = {t.lemma_.lower() for t in doc[tok.i: min(len(doc), tok.i + 12)]}
            if window & CUSTODY and ("police" in window or "custody" in window or "security" in window) \
                    or ("morality" in window and "police" in window):
                m.type = "killing_in_custody"
        # clashes between protesters and security forces are a violent demonstration (ACLED)
        if etype == "armed_clash":
            near = {t.lemma_.lower() for t in tok.subtree} | {t.lemma_.lower() for t in doc[tok.i: tok.i + 6]}
            if near & {"protester", "demonstrator", "protest"}:
                m.type = "crackdown"
        out.append(m)
    if WEAPON_TRIGGERS:
        out.extend(_weapon_mentions(doc, t, {m.token.i for m in out}))
        out.sort(key=lambda m: m.token.i)
    if AIR_STRIKES:
        out = _air_strikes(doc, out)
    if "H" in NOT_INCIDENT:  # every mention, air strikes and bombings named by their explosive too
        for m in out:
            if not m.negated:
                cue = hypothetical.hypothetical_cue(m.token)
                if cue is not None:
                    m.not_incident, m.negated = cue, True
    return out


def _harmed_noun(noun: Token) -> bool:
    """Whether a participle trigger modifying `noun` tells an act done to it: a building, a vehicle, a
    person ("the bombed embassy", "murdered journalists"). Otherwise the participle is figurative
    ("a burning question", "burning issues") or describes no act ("burning tires")."""
    words = lexicon.roles()
    lem = noun.lemma_.lower()
    if noun.pos_ == "PROPN" or noun.ent_type_:
        return True
    return lem in words["physical"] or lem in words["human"] or lem in words["perp_individual"]


def _aircraft(tok: Token) -> bool:
    """'warplanes', 'helicopters', 'the air force', 'bombers' (not 'suicide bombers'), and their conjuncts."""
    words = lexicon.air_strike_words()
    for t in (tok, *tok.conjuncts):
        lem = t.lemma_.lower()
        if AIR_PROPN_PLURAL and t.pos_ == "PROPN" and lem not in words["aircraft"] and lem.endswith("s"):
            # spaCy's lemmatizer leaves PROPN as written: "Airplanes" (a truecased headline word) keeps its plural
            lem = lem[:-1]
        if t.pos_ not in ("NOUN", "PROPN") or lem not in words["aircraft"]:
            continue
        mods = {c.lower_ for c in t.children if c.dep_ in ("compound", "amod")}
        if lem == "force" and "air" not in mods:
            continue
        if lem == "bomber" and mods & NOT_AIRCRAFT_MOD:
            continue
        return True
    return False


def _air_agent(tok: Token) -> bool:
    """The act's doer or means is an aircraft: subject, passive agent, 'by'/'with'/'from' object
    ('warplanes bombed', 'bombed by air force planes', 'attacked from helicopters', 'bombed from the air')."""
    if tok.pos_ != "VERB" and tok.lemma_.lower() not in lexicon.air_strike_words()["air_head"]:
        return False  # "the massacre by ... helicopters": a "by" phrase on another noun is seldom its doer
    verb_children = list(tok.children)
    if tok.pos_ == "VERB" and tok.dep_ in ("conj", "xcomp") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb_children):
        verb_children += [c for c in tok.head.children if c.dep_ == "nsubj"]  # "jets flew in and bombed"
    if AIR_RELCL and tok.pos_ == "VERB" and tok.dep_ == "relcl" and not verb_in(tok, UNDERGO_VERBS) and any(
            c.dep_ == "nsubj" and c.lower_ in ("which", "that", "who") for c in verb_children) and _aircraft(tok.head):
        return True  # "a helicopter, which attacked the village": the relative pronoun's antecedent is the subject
    for c in verb_children:
        if c.dep_ == "nsubj" and tok.pos_ == "VERB" and not verb_in(tok, UNDERGO_VERBS) and _aircraft(c):
            return True
        if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "with", "from"):
            for p in c.children:
                if p.dep_ == "pobj" and (_aircraft(p) or (c.lower_ == "from" and p.lower_ == "air")):
                    return True
    return False


def _fired_from_air(tok: Token) -> bool:
    """The act's subject or 'by'/'with' means is a projectile an aircraft fired: 'killed by a missile fired from a
    plane', 'a rocket launched by a helicopter killed ...' (the projectile's own `acl` verb has an aircraft doer)."""
    if tok.pos_ != "VERB":
        return False
    projectiles = lexicon.air_strike_words()["projectile"]
    for c in tok.children:
        if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "with"):
            objs = [p for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ == "nsubj":
            objs = [c]
        else:
            continue
        for o in objs:
            if o.pos_ not in ("NOUN", "PROPN") or o.lemma_.lower() not in projectiles:
                continue
            if any(a.dep_ == "acl" and _air_agent(a) for a in o.children):
                return True
    return False


def _air_form(tok: Token) -> bool:
    """'airstrike', 'air strike', 'drone strike', 'air raid', 'aerial bombardment', 'bombing raid',
    'helicopter attack'."""
    words = lexicon.air_strike_words()
    lem = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":  # "air raid sirens", "air strike capability"
        return False
    if lem in words["air_noun"]:
        return True
    if lem not in words["air_head"]:
        return False
    for c in tok.children:
        if c.dep_ not in ("compound", "amod"):
            continue
        cl = c.lemma_.lower()
        if cl in words["air_mod"] or (lem == "raid" and cl in words["raid_mod"]) or _aircraft(c):
            return True
    return False


def _air_strikes(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Retype the mentions that name an air strike, and add air-strike nouns no other trigger reads ('air strike')."""
    by_tok = {m.token.i: m for m in mentions}
    words = lexicon.air_strike_words()
    added = False
    for tok in doc:
        lem = tok.lemma_.lower()
        m = by_tok.get(tok.i)
        if lem in words["air_noun"] or lem in words["air_head"]:
            if _air_form(tok):
                if m is None:
                    m = Mention(tok, "air_strike", negated=_blocked(tok), attempted=stage.is_attempted(tok))
                    mentions.append(m)
                    by_tok[tok.i] = m
                    added = True
                m.type = "air_strike"
                continue
        if m is not None and m.type in AIR_AGENT_TYPES and (_air_agent(tok) or AIR_PROJECTILE and _fired_from_air(tok)):
            m.type = "air_strike"
    if added:
        mentions.sort(key=lambda m: m.token.i)
    return mentions


def _explosive(tok: Token) -> bool:
    """'bomb', 'explosive device', 'dynamite sticks', 'explosive charge'."""
    lem = tok.lemma_.lower()
    if lem not in lexicon.weapon_triggers()["explosive"]:
        return False
    if lem in NEEDS_MODIFIER:
        return any(c.lemma_.lower() in ("explosive", "dynamite", "incendiary") for c in tok.children)
    return True


def _weapon_mentions(doc: Doc, t: Any, taken: set[int]) -> list[Mention]:
    """Bombings named only by their explosive: the verb that places/throws it, or harms by it."""
    out: list[Mention] = []
    lex = lexicon.weapon_triggers()
    for i, lem in enumerate(t.lemma_l):
        if t.pos[i] != "NOUN" or lem not in lex["explosive"]:
            continue
        tok = doc[i]
        if not _explosive(tok):
            continue
        head = tok.head
        verb = None
        defused = stage.is_defused(tok)  # "a bomb was defused": a failed bombing
        if defused is not None and defused.i not in taken:
            taken.add(defused.i)
            out.append(Mention(defused, "bombing", negated=_blocked(defused), attempted=True))
            continue
        if tok.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and verb_in(head, lex["place_verb"]):
            verb = head
        elif tok.dep_ == "pobj" and head.lower_ in ("by", "with") and head.head.pos_ == "VERB" \
                and verb_in(head.head, lex["harm_by_verb"]):
            verb = head.head
        if verb is None or verb.i in taken:
            continue
        taken.add(verb.i)
        out.append(Mention(verb, "bombing", negated=_blocked(verb)))
    return out

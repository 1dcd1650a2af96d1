"""Perpetrators, targets and instruments of a mention, from the dependency parse.

Filler spans are the shortest phrase naming the filler: the noun phrase's left modifiers and
head, without determiners, numbers, trailing prepositional phrases, relative clauses or
appositions (as MUC-4 and ACE annotators mark them).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from narrascope.events import lexicon
from narrascope.events.doccache import doc_text, entity_at, token_table
from narrascope.events.verbs import member, verb_in

ARMED_MODS = {"armed", "unidentified", "unknown", "masked", "hooded", "heavily-armed", "gunmen"}
LIGHT_VERBS = {"carry", "launch", "stage", "perpetrate", "commit", "conduct", "mount", "execute", "claim",
               "undertake", "orchestrate", "plan", "organize", "organise", "lead"}
TARGET_VERBS = {"target", "hit", "strike", "destroy", "damage", "kill", "injure", "wound", "leave"}
ORG_WORDS = {"front", "army", "movement", "group", "organization", "organisation", "command", "cartel",
             "party", "forces", "force", "brigade", "battalion", "guard", "police", "commando", "unity",
             "union", "council", "state", "isis", "isil", "daesh", "squad", "cell", "ministry", "government",
             "regime", "corps", "militia", "resistance", "alliance", "coalition"}
FORCE_NOUNS = {"police", "army", "military", "forces", "force", "guard", "militia"}
ANAPHORIC_ORG = {"organization", "organisation", "group", "movement", "militia"}
PRONOUNS = {"it", "they", "he", "she", "which", "that", "who", "this", "these", "those", "we", "i", "you"}
BAD_HEADS = {"people", "one", "others", "other", "part", "some", "all", "area", "areas", "time", "way", "side",
             "result", "country", "region", "city"}


def np_span(tok: Token, keep_number: bool = False) -> Span:
    """The shortest noun phrase headed by `tok` (left modifiers + head; flat names kept whole).

    `keep_number`: keep a leading count ("two individuals"), as annotators do for perpetrators."""
    doc = tok.doc
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "quantmod", "npadvmod"):
            left = min(left, c.left_edge.i)
    right = tok.i
    # keep a flat proper name whole ("Guiran Prison", "Las Canas bridge") and "X of Y" names of orgs
    while right + 1 < len(doc) and doc[right + 1].dep_ == "flat":
        right += 1
    # a phrase does not cross a line break: the parser hangs a caption's last words on the next line's
    # phrase ("... February 11, 2018\nTwo white police officers")
    breaks = [t.i for t in doc[left:tok.i] if t.is_space and "\n" in t.text]
    if breaks:
        left = breaks[-1] + 1
    while left < tok.i and (doc[left].is_space or doc[left].dep_ in ("det", "punct", "cc", "predet", "case")
                            or ((doc[left].like_num or doc[left].pos_ == "NUM") and not keep_number) or doc[left].lower_ in ("about", "some", "at", "least", "more", "than", "nearly", "almost", "approximately",
                                                    "around", "over", "only", "up", "to", "all", "both", "several")):
        left += 1
    # an unbalanced quote at the edge goes
    if left < tok.i and doc[left].is_quote and sum(t.is_quote for t in doc[left:tok.i + 1]) % 2:
        left += 1
    span = doc[left:right + 1]
    return span


def _org_name(tok: Token) -> Span:
    """Organisation names keep their 'of ...' part ("National Council of Resistance of Iran")."""
    span = np_span(tok)
    ent = _entity_at(tok)
    if ent is not None and ent.label_ in ("ORG", "NORP", "GPE", "PERSON", "FAC"):
        return ent
    return span


def _entity_at(tok: Token) -> Span | None:
    return entity_at(tok)


def is_org(tok: Token) -> bool:
    ent = _entity_at(tok)
    if ent is not None and ent.label_ == "ORG":
        return True
    if tok.pos_ == "PROPN" and tok.lemma_.lower() in ORG_WORDS:
        return True
    if tok.lemma_.lower() in FORCE_NOUNS:
        return True
    if tok.text.isupper() and 2 <= len(tok.text) <= 6 and tok.pos_ == "PROPN":
        return True
    return tok.lemma_.lower() in ANAPHORIC_ORG and any(c.lower_ == "the" for c in tok.children)


def perp_kind(tok: Token) -> str | None:
    cats = lexicon.roles()
    lem = tok.lemma_.lower()
    if lem in cats["perp_individual"]:
        return "individual"
    if is_org(tok):
        return "organization"
    ent = _entity_at(tok)
    if ent is not None and ent.label_ == "PERSON":
        return "individual"
    if ent is not None and ent.label_ in ("NORP", "GPE"):
        return "organization"
    return None


def target_kind(tok: Token) -> str | None:
    cats = lexicon.roles()
    lem = tok.lemma_.lower()
    ent = _entity_at(tok)
    if ent is not None and ent.label_ == "PERSON":
        return "human"
    if ent is not None and ent.label_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "ORDINAL"):
        return None
    if lem in cats["human"] or lem in cats["perp_individual"]:
        return "human"
    if lem in cats["physical"] or (ent is not None and ent.label_ == "FAC"):
        return "physical"
    if tok.pos_ == "PROPN" and ent is not None and ent.label_ == "ORG":
        return None
    return None


# session 14: the object of "against"/"on" of an attack-like trigger that the role lexicon gives no kind
# gets one when it names people: a role noun of the actor KB ("an attack on the president") or a NORP
# entity ("attacks on Shiites"). A harness can switch it off.
AGAINST_KIND = True


@functools.lru_cache(maxsize=1)
def kb_role_nouns() -> frozenset[str]:
    """Head nouns of the actor KB's offices ("Supreme Leader of Iran" -> "leader", "President of Iran"
    -> "president"): nouns that name a person holding an office."""
    from narrascope.actors.kb import load_kb

    nouns = {re.split(r" (?:of|for) ", name)[0].split()[-1].lower() for name in load_kb().roles}
    # "Chief Justice" names an office, "justice" alone the abstract noun ("an attack on justice")
    return frozenset(nouns - {"justice"})


def against_kind(tok: Token) -> str | None:
    """The kind of the object of "against"/"on" of an attack-like trigger: `target_kind`, else human
    for a role noun of the actor KB or a NORP entity (a people: "attacks on Shiites"), else None (a
    figurative object, "attacks by ISIS against its godfather", names no kind)."""
    kind = target_kind(tok)
    if kind is not None or not AGAINST_KIND:
        return kind
    ent = _entity_at(tok)
    if ent is not None and ent.label_ == "NORP" and tok.pos_ in ("NOUN", "PROPN"):
        return "human"
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in kb_role_nouns():
        return "human"
    return None


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def _prep_objs(tok: Token, preps: set[str]) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(_conjuncts(p))
    return out


def _resolve_rel(tok: Token) -> Token:
    """'which'/'that'/'who' as a subject of a relative clause -> the noun it modifies."""
    if tok.lower_ in ("which", "that", "who") and tok.head.dep_ in ("relcl", "acl"):
        return tok.head.head
    return tok


def _of_object(tok: Token) -> Token:
    """'the shrine of Shah Cheragh' -> keep 'shrine' as head; return the head."""
    return tok


def active_subject_verb(tok: Token) -> Token | None:
    """The verb `tok` is the active subject of ("the regime witnessed two attacks" -> "witnessed"),
    else None. A later conjunct counts as its first one's subject ("the army and police saw ...")."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    if tok.dep_ != "nsubj":
        return None
    verb = tok.head
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    return verb


def reacting_subject(tok: Token) -> bool:
    """`tok` is the active subject of a verb of perceiving, undergoing or judging an event
    (`non_agent_verbs.tsv`: "the regime witnessed two attacks by ISIS", "the council condemned the
    attack"): the one the event befell or who reacted to it, never its perpetrator."""
    verb = active_subject_verb(tok)
    return verb is not None and verb_in(verb, lexicon.non_agent_verbs())


def parse_roles(tok: Token, attack_like: bool = False) -> dict[str, list[tuple[Token, str]]]:
    """(token, kind) lists for 'perp' and 'target' around one trigger token. `attack_like`: the trigger
    names an attack (not a protest or an arrest), so its "against"/"on" object is what was attacked
    (`against_kind`)."""
    perps: list[tuple[Token, str]] = []
    targets: list[tuple[Token, str]] = []

    def add_perp(t: Token, loose: bool = False) -> None:
        t = _resolve_rel(t)
        if t.lower_ in PRONOUNS or t.pos_ == "PRON" or reacting_subject(t):
            return
        kind = perp_kind(t)
        if kind is None and loose and target_kind(t) == "human" and t.lemma_.lower() not in ("people", "person", "other"):
            # "soldiers killed ...", "by two men"
            kind = "individual"
        if kind:
            perps.append((t, kind))

    def add_target(t: Token, against: bool = False) -> None:
        t = _resolve_rel(t)
        if t.lower_ in PRONOUNS or t.pos_ == "PRON" or t.lemma_.lower() in ("responsibility",):
            return
        # "the shrine of Shah Cheragh": the head noun is the target, the name stays in its NP
        kind = against_kind(t) if against and attack_like else target_kind(t)
        if kind is None and t.lemma_.lower() in ("people", "person", "others"):
            kind = "human"
        if kind:
            targets.append((t, kind))

    if tok.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        for c in tok.children:
            if c.dep_ == "nsubj" and not passive:
                for t in _conjuncts(c):
                    add_perp(t, loose=True)
            elif c.dep_ in ("dobj", "nsubjpass"):
                for t in _conjuncts(c):
                    add_target(t)
        for t in _prep_objs(tok, {"by"}):
            add_perp(t, loose=True)
        for t in _prep_objs(tok, {"against", "on"}):
            add_target(t, against=True)
        if tok.dep_ in ("acl", "relcl") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # "peasants kidnapped by terrorists": the modified noun is the target of a participle
            if tok.tag_ == "VBN":
                add_target(tok.head)
            else:
                add_perp(tok.head)
        if tok.dep_ in ("xcomp", "conj") and not perps and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # "guerrillas entered the town and burned houses": the shared subject
            head = tok.head
            head_passive = any(c.dep_ == "nsubjpass" for c in head.children)
            for c in head.children:
                if c.dep_ == "nsubj" and not head_passive:
                    add_perp(c, loose=True)
    else:
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "nmod") and c.lemma_.lower() not in lexicon.roles()["physical"]:
                ent = _entity_at(c)
                if (ent is not None and ent.label_ in ("GPE", "LOC", "FAC", "DATE")) or perp_kind(c) != "organization":
                    continue  # "the Mashhad bombing": a place, not a perpetrator
                add_perp(c)
        for t in _prep_objs(tok, {"by"}):
            add_perp(t)
        for c in tok.children:  # "at" names a place as often as a target: the lexicon's kinds only
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        for t in _conjuncts(p):
                            add_target(t, against=c.lower_ != "at")
        if tok.lemma_.lower() in ("killing", "murder", "assassination", "kidnapping", "abduction", "death",
                                  "execution", "arrest", "massacre"):
            for t in _prep_objs(tok, {"of"}):
                add_target(t)
        if tok.lemma_.lower() in ("clash", "skirmish", "fighting", "confrontation"):
            for t in _prep_objs(tok, {"between", "with"}):
                if is_org(t) or perp_kind(t) == "organization":
                    add_perp(t)
                elif target_kind(t) == "human":
                    add_target(t)
        head = tok.head
        if tok.dep_ == "dobj" and verb_in(head, LIGHT_VERBS):  # "staged" (lemma "stag") too
            for c in head.children:
                if c.dep_ == "nsubj":
                    for t in _conjuncts(c):
                        add_perp(t)
            for t in _prep_objs(head, {"against", "on"}):
                add_target(t, against=True)
        if tok.dep_ == "pobj" and head.dep_ == "agent":
            pass
        for c in tok.children:
            if c.dep_ in ("relcl", "acl") and verb_in(c, TARGET_VERBS):
                for cc in c.children:
                    if cc.dep_ == "dobj":
                        for t in _conjuncts(cc):
                            add_target(t)
        if tok.dep_ == "nsubj" and verb_in(head, TARGET_VERBS):
            for c in head.children:
                if c.dep_ == "dobj":
                    for t in _conjuncts(c):
                        add_target(t)
    return {"perp": perps, "target": targets}


SEIZE_VERBS = {"seize", "find", "confiscate", "recover", "capture", "discover", "carry", "possess", "deactivate",
               "defuse", "dismantle", "buy", "sell", "supply", "smuggle", "deliver", "store", "hide", "cache"}
VAGUE_WEAPONS = {"weapon", "bullet", "device", "charge", "mine", "firearm", "arm"}


def instruments(sent: Span) -> list[Span]:
    """Weapons named in a unit, except weapons seized, found or carried (not used in the act)."""
    table = lexicon.instruments()
    out = []
    tab = token_table(sent.doc)
    doc = sent.doc
    for i in range(sent.start, sent.end):
        lem = tab.lemma_l[i]
        if tab.pos[i] not in ("NOUN", "PROPN"):
            continue
        if lem in table or tab.lower[i] in table:
            tok = doc[i]
            if tok.dep_ == "compound" and tok.head.lemma_.lower() in table:
                continue  # "car bomb": taken at the head
            mods = {c.lemma_.lower() for c in tok.children}
            if lem in VAGUE_WEAPONS and not mods & {"explosive", "dynamite", "car", "land", "incendiary", "bomb"}:
                continue
            gov = tok.head if tok.dep_ in ("dobj", "nsubjpass", "conj") else None
            while gov is not None and gov.dep_ == "conj":
                gov = gov.head
            if gov is not None and verb_in(gov, SEIZE_VERBS):
                continue
            out.append(np_span(tok))
    return out


def org_modifiers(tok: Token) -> list[Token]:
    """Organisations named on a perpetrator noun: "ELN guerrillas", "terrorists of the FMLN"."""
    out = []
    for c in tok.children:
        if c.dep_ in ("compound", "nmod", "poss") and (is_org(c) or c.pos_ == "PROPN"):
            ent = _entity_at(c)
            if ent is not None and ent.label_ in ("GPE", "LOC", "NORP"):
                continue
            out.append(c)
    for p in _prep_objs(tok, {"of", "from"}):
        if is_org(p):
            out.append(p)
    return out


def acronym_pair(span: Span) -> Span:
    """'Farabundo Marti National Liberation Front (FMLN)': the full name without the bracket."""
    doc = span.doc
    end = span.end
    for t in span:
        if t.text in ("(", "["):
            end = t.i
            break
    return doc[span.start:end] if end > span.start else span


def sentence_perpetrators(sent: Span) -> list[tuple[Token, str]]:
    """Fallback: perpetrator-like nouns and armed-group names anywhere in the sentence."""
    cats = lexicon.roles()
    out = []
    tab = token_table(sent.doc)
    doc = sent.doc
    for i in range(sent.start, sent.end):
        if tab.dep[i] in ("compound", "amod"):
            continue
        lem = tab.lemma_l[i]
        if tab.pos[i] != "NOUN":
            continue
        tok = doc[i]
        if reacting_subject(tok):  # "soldiers witnessed the attack"
            continue
        if lem in cats["perp_individual"] - {"individual", "man", "column", "suspect", "squad"}:
            out.append((tok, "individual"))
        elif lem in ("individual", "man", "person", "people", "gunman") and \
                {c.lower_ for c in tok.subtree if c.i < tok.i} & ARMED_MODS:
            out.append((tok, "individual"))
    return out


def entity_for(entities: list[dict[str, Any]], start: int, end: int, head: int | None = None) -> dict[str, Any] | None:
    overlap = [e for e in entities if e.get("start", -1) < end and e.get("end", -1) > start]
    if head is not None:
        for e in overlap:
            if e["start"] <= head < e["end"]:
                return e
        # an entity that does not hold the head word names a modifier ("Iran" in "Iran's ministry")
        return None
    return max(overlap, key=lambda e: e["end"] - e["start"]) if overlap else None


def role_dict(doc: Doc, span: Span, kind: str, entities: list[dict[str, Any]],
              name: str | None = None) -> dict[str, Any]:
    ent_id = None
    ent_name = name
    e = entity_for(entities, span.start_char, span.end_char, span.root.idx)
    if e is not None:
        ent_id = e.get("id")
        ent_name = ent_name or e.get("name")
    return {"text": doc_text(doc)[span.start_char:span.end_char], "start": span.start_char, "end": span.end_char,
            "entity": ent_id, "name": ent_name or span.text, "kind": kind}


HARM_VERBS = {"kill", "wound", "injure", "murder", "kidnap", "abduct", "assassinate", "shoot", "slay", "execute",
              "hurt", "die", "massacre", "torture", "behead", "burn", "destroy", "damage", "dynamite", "bomb", "attack"}


def harmed(sent: Span) -> list[tuple[Token, str]]:
    """Victims and damaged objects of any harm verb in the unit ("the mayor was killed", "X died")."""
    out = []
    tab = token_table(sent.doc)
    doc = sent.doc
    for i in range(sent.start, sent.end):
        if tab.pos[i] != "VERB" or (tab.lemma_l[i] not in HARM_VERBS and not verb_in(doc[i], HARM_VERBS)):
            continue
        tok = doc[i]
        for c in tok.children:
            if c.dep_ in ("nsubjpass", "dobj") or (c.dep_ == "nsubj" and verb_in(tok, {"die"})):
                for t in _conjuncts(c):
                    t = _resolve_rel(t)
                    if t.pos_ == "PRON":
                        continue
                    kind = target_kind(t)
                    if kind:
                        out.append((t, kind))
    return out


def _attacker(tok: Token) -> bool:
    """An attacker noun: a perpetrator noun of the role lexicon ("assailants", "gunmen") or an armed
    man or individual ("armed men")."""
    lem = tok.lemma_.lower()
    if tok.pos_ != "NOUN":
        return False
    if lem in lexicon.roles()["perp_individual"] - {"individual", "man", "suspect"}:
        return True
    return lem in ("individual", "man", "people", "person") and \
        bool({c.lower_ for c in tok.subtree if c.i < tok.i} & ARMED_MODS)


def _entry_subject(verb: Token) -> Token | None:
    """The active subject of `verb`, also through "were able to"/"managed to" (xcomp, acomp) and a
    shared subject of coordinated verbs."""
    node = verb
    for _ in range(3):
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children):
            return None
        subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return _resolve_rel(subj)
        if node.dep_ not in ("xcomp", "acomp", "conj") or node.head is node:
            return None
        node = node.head
    return None


def entered(sent: Span) -> list[tuple[Token, str, Token]]:
    """(place, "physical", verb) for each place an attacker forced their way into in the unit
    ("assailants were able to penetrate into the parliament", "gunmen stormed the shrine"): the verbs
    of `entry_verbs.tsv` whose subject is an attacker noun (`_attacker`)."""
    table = lexicon.entry_verbs()
    out = []
    tab = token_table(sent.doc)
    doc = sent.doc
    for i in range(sent.start, sent.end):
        if tab.pos[i] != "VERB":
            continue
        verb = doc[i]
        entry = member(verb, table)
        if entry is None:
            continue
        how = table[entry]
        subj = _entry_subject(verb)
        if subj is None or not any(_attacker(t) for t in _conjuncts(subj)):
            continue
        places = [t for c in verb.children if c.dep_ == "dobj" and "dobj" in how for t in _conjuncts(c)]
        places += _prep_objs(verb, set(how - {"dobj"}))
        for t in places:
            t = _resolve_rel(t)
            ent = _entity_at(t)
            if target_kind(t) == "physical" or (ent is not None and ent.label_ == "FAC"):
                out.append((t, "physical", verb))
    return out

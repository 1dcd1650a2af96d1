"""Responsibility statements: who is said to be behind an incident, who made that public, who says so.

`claimant` is the group said to be responsible; `announced_by` who made the claim public (the
subject of the reporting verb that governs "X claimed responsibility"); `attributed_by` who
asserts the link: the source of the attribution whose content holds the statement, else
"author". A negated claim ("the organization did not claim responsibility") yields no
`claimed` entry for that group: it is recorded on the incident as `not_claimed_by` instead. A negated
accusation, suspicion or denial ("X has not been charged") yields nothing (session 18).
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from spacy.tokens import Doc, Span, Token

from narrascope.events import lexicon, units
from narrascope.events.doccache import token_table
from narrascope.events.roles import np_span, perp_kind, PRONOUNS
from narrascope.events.verbs import INFLECTED, member, verb_in
from narrascope.spans import pieces

REPORT_VERBS = {"announce", "report", "say", "state", "broadcast", "confirm", "declare", "quote", "tell",
                "reveal", "publish", "air", "write", "add"}
CLAIM_NOUNS = {"responsibility", "credit"}
ACCUSE_VERBS = {"accuse", "blame", "charge", "implicate"}
ACCUSE_NOUNS = {"allegation", "accusation", "charge"}
SUSPECT_WORDS = {"suspect", "suspicion", "role", "involvement", "hand"}
DENY_VERBS = {"deny", "reject"}
# every statement pattern in `find_statements` starts from a token with one of these lemmas
_CUE_LEMMAS = frozenset(CLAIM_NOUNS | ACCUSE_VERBS | ACCUSE_NOUNS | SUSPECT_WORDS | {"attribute", "responsible"})
# session 17: a claimant, accused or suspect whose head names an incident ("after the attack claimed
# responsibility", a garbled quote) is refused in every pattern, not only in "the role of"; "blame X on Y"
# accuses Y, and a refused subject of "claimed" gives way to the organisation that is the subject of a verb
# governing it. A harness can switch it off.
INCIDENT_CLAIMANTS = True
# session 17, round 2: an accuse verb whose "with / over / for / of" object names another offence ("charged with
# selling ammunition", "accused X of fraud") accuses no one of the incident (`_other_offence`). A harness can
# switch it off.
OTHER_OFFENCES = True
OFFENCE_PREPS = ("with", "over", "for", "of")
# session 18: a negated accusation, suspicion or denial ("X has not been charged", "no one blamed X", "did not
# deny responsibility") makes no statement; only a negated claim is a `not_claimed_by` (before, every negated
# statement listed its subject there, so "has not been charged" read as "did not claim"). A harness can switch it off.
NEGATED_NON_CLAIMS = True


def _names_incident(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in lexicon.incident_nouns()


@functools.lru_cache(maxsize=1)
def _incident_words() -> frozenset[str]:
    # the trigger lexicon's one-word terms (any POS) and the words of data/events/incident_offence_words.tsv
    return frozenset({term for term in lexicon.triggers() if " " not in term} | lexicon.incident_offence_words())


def _other_offence(verb: Token) -> bool:
    """The accuse verb's "with / over / for / of" object names no incident: another offence ("charged with
    selling ammunition", "accused the driver of fraud"). An "in" object naming one keeps the accusation ("accused
    members of the army in the massacre"), and so does any object naming one."""
    words = _incident_words()
    offences: list[Token] = []
    others: list[Token] = []
    for h in [verb] + [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]:
        on_accused = h.i != verb.i
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ not in OFFENCE_PREPS + ("in",):
                continue
            for p in c.children:
                if p.dep_ not in ("pobj", "pcomp"):
                    continue
                # the parser hangs "of fraud" on the accused as often as on the verb, but "of" on the accused is
                # as often its group ("members of the army"): there only a bare common noun is the offence
                if c.lower_ == "in" or (on_accused and (p.pos_ == "PROPN" or p.ent_type_
                                                        or any(d.dep_ in ("det", "poss") for d in p.children))):
                    others.append(p)
                else:
                    offences.append(p)
    return bool(offences) and not any(t.lemma_.lower() in words or t.lower_ in words
                                      for o in offences + others for t in o.subtree)


def _governing_org(verb: Token) -> Token | None:
    """The subject of the nearest verb governing `verb` (two steps at most) that names an organisation:
    "ISIS warned ... they would attack ... after the attack claimed responsibility" -> ISIS."""
    node = verb
    for _ in range(2):
        if node.dep_ not in ("advcl", "ccomp", "conj", "xcomp") or node.head == node:
            return None
        node = node.head
        subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in PRONOUNS or subj.pos_ == "PRON" or _names_incident(subj):
            continue
        return subj if perp_kind(subj) == "organization" else None
    return None


def _subject(verb: Token) -> Token | None:
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and not any(c.dep_ == "nsubj" for c in verb.children):
        # "issued a statement accusing X": the issuer
        verb = verb.head.head
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    # "with the official Iranian television announcing that ...": subject is a sibling nsubj
    if verb.dep_ in ("pcomp", "advcl", "xcomp", "conj"):
        for c in verb.children:
            if c.dep_ == "nsubj":
                return c
    return None


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _announcer(verb: Token) -> Token | None:
    """The subject of a reporting verb governing `verb` ("TV announcing that ISIS claimed")."""
    node = verb
    for _ in range(3):
        if node.dep_ in ("ccomp", "xcomp", "advcl") and verb_in(node.head, REPORT_VERBS):
            return _subject(node.head)
        if node.head == node:
            break
        node = node.head
    return None


def _text(tok: Token | None, resolve: Callable[[Token], str | None]) -> str | None:
    if tok is None:
        return None
    name = resolve(tok)
    return name or np_span(tok).text


def _attribution_for(doc: Doc, start: int, end: int, attributions: list[dict[str, Any]],
                     verb: Token | None = None) -> dict[str, Any] | None:
    for a in attributions:
        cue = a.get("cue") or {}
        if verb is not None and cue and cue.get("start", -1) <= verb.idx < cue.get("end", -1):
            continue  # "ISIS claimed ...": the claim itself, not a report of it
        for s, e in pieces(a.get("content")):
            if s <= start and end <= e:
                return a
    return None


def _source_name(a: dict[str, Any]) -> str | None:
    src = a.get("source") or {}
    return src.get("text") if src else None


def find_statements(doc: Doc, attributions: list[dict[str, Any]],
                    resolve: Callable[[Token], str | None]) -> list[dict[str, Any]]:
    """Responsibility statements in the doc: `{claimant, status, announced_by, attributed_by,
    attribution_id, token, negated, about}`; `about` is the token naming the incident (or None)."""
    out: list[dict[str, Any]] = []
    tab = token_table(doc)

    def on_credit_line(t: Token) -> bool:
        """`t` is on a citation, byline or credit line (`units.citation_lines`): a photographer, a
        reporter or an outlet, never a claimant or an accused."""
        return units.CREDIT_ACTORS and units.in_citation(units.doc_citation_lines(doc), t.idx)

    def refused(t: Token) -> bool:
        return on_credit_line(t) or (INCIDENT_CLAIMANTS and _names_incident(t))

    for i, lem in enumerate(tab.lemma_l):
        if lem not in _CUE_LEMMAS:
            # an inflected verb the lemmatizer misreads (`verbs`): read it as the cue lemma it is
            found = member(doc[i], _CUE_LEMMAS) if tab.tag[i] in INFLECTED else None
            if found is None:
                continue
            lem = found
        tok = doc[i]
        status = claimant = about = None
        verb = None
        if lem in CLAIM_NOUNS and tok.dep_ == "dobj" and verb_in(tok.head, {"claim", "take", "assume", "admit", "accept"}):
            verb, status = tok.head, "claimed"
            claimant = _subject(verb)
            about = _for_object(tok) or _for_object(verb)
        elif lem in CLAIM_NOUNS and tok.dep_ == "dobj" and verb_in(tok.head, DENY_VERBS):
            verb, status = tok.head, "denied"
            claimant = _subject(verb)
            about = _for_object(tok) or _for_object(verb)
        elif lem in ACCUSE_VERBS and tok.pos_ == "VERB":
            if OTHER_OFFENCES and _other_offence(tok):  # "charged with selling ammunition": not this incident
                continue
            verb, status = tok, "accused"
            for c in tok.children:
                if c.dep_ in ("dobj", "nsubjpass") and not on_credit_line(c):
                    claimant = c
            about = _of_object(tok, ("of", "for", "over"))
            blamed_on = _of_object(tok, ("on",)) if INCIDENT_CLAIMANTS and lem == "blame" else None
            if blamed_on is not None:  # "blamed the attack on X", "the attack blamed on X": X is accused
                about, claimant = claimant, blamed_on
                if about is None and tok.dep_ == "acl" and _names_incident(tok.head):
                    about = tok.head
        elif lem == "attribute" and tok.pos_ == "VERB":  # "the governor attributed the raid to an armed group"
            objs = [p for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                    for p in c.children if p.dep_ == "pobj"]
            if objs:
                verb, status, claimant = tok, "accused", objs[0]
                about = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        elif lem == "responsible" and tok.pos_ == "ADJ" and tok.head.lemma_ == "be":  # "X was responsible for"
            subj = _subject(tok.head)
            if subj is not None:
                verb, status, claimant = tok.head, "suspected", subj
                about = _for_object(tok)
        elif lem in ACCUSE_NOUNS and tok.pos_ == "NOUN":
            verb, status = tok.head, "accused"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "against":
                    claimant = next((p for p in c.children if p.dep_ == "pobj"), None)
        elif lem in SUSPECT_WORDS and tok.pos_ in ("NOUN", "VERB"):
            if tok.pos_ == "VERB" and lem == "suspect":
                verb, status = tok, "suspected"
                claimant = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
                about = _of_object(tok, ("of", "in"))
            elif tok.pos_ == "NOUN" and lem in ("role", "involvement", "hand"):
                ofs = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
                if ofs:
                    verb, status, claimant = tok.head, "suspected", ofs[0]
                    about = _of_object(tok, ("in",))
                    if claimant.lemma_.lower() in ("attack", "bombing"):
                        claimant = None
        if status is None or claimant is None or verb is None:
            continue
        if NEGATED_NON_CLAIMS and status != "claimed" and _negated(verb):
            continue  # "X has not been charged": no accusation, and no claim either
        claimant = _resolve_pron(claimant)
        if claimant is None or claimant.lower_ in PRONOUNS:
            continue
        if refused(claimant):
            if INCIDENT_CLAIMANTS and status in ("claimed", "denied") and _names_incident(claimant):
                about = about or claimant
                claimant = _governing_org(verb)
                if claimant is None or refused(claimant):
                    continue
            else:
                continue
        announced = _announcer(verb) if status == "claimed" else None
        attributed_by = None
        if status in ("accused",) and verb.pos_ == "VERB":
            subj = _subject(verb)
            if INCIDENT_CLAIMANTS and subj is not None and subj.dep_ == "nsubjpass":
                # "the bombing was blamed on X (by Y)": the passive subject is the blamed or the incident, the
                # accuser is the "by" agent
                subj = next((p for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"
                             for p in c.children if p.dep_ == "pobj"), None)
            attributed_by = _text(subj, resolve) if subj is not None else None
        elif status == "accused":
            # "The Iranian regime raised allegations against X": the raiser
            subj = _subject(verb) if verb is not None else None
            attributed_by = _text(subj, resolve) if subj is not None else None
        sent = tok.sent
        att = _attribution_for(doc, tok.idx, tok.idx + len(tok.text), attributions, verb)
        if att is not None and attributed_by is None:
            attributed_by = _source_name(att)
        if announced is not None and attributed_by is None and status == "claimed":
            # the claim is asserted by whoever announced it unless an attribution says otherwise
            attributed_by = _text(announced, resolve)
        out.append({
            "claimant": _text(claimant, resolve),
            "status": status,
            "announced_by": _text(announced, resolve) if announced is not None else None,
            "attributed_by": attributed_by or "author",
            "attribution_id": att.get("id") if att else None,
            "negated": _negated(verb),
            "about": about,
            "token": tok,
            "sent_start": sent.start,
        })
    return out


def _resolve_pron(tok: Token) -> Token | None:
    if tok.lower_ in ("which", "that", "who") and tok.head.dep_ in ("relcl",):
        return tok.head.head
    return tok


def _for_object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _of_object(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    return p
    return None


def statement_span(doc: Doc, st: dict[str, Any]) -> Span:
    return st["token"].sent

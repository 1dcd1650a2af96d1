"""Responsibility statements: who is said to be behind an incident, who made that public, who says so.

`claimant` is the group said to be responsible; `announced_by` who made the claim public (the
subject of the reporting verb that governs "X claimed responsibility"); `attributed_by` who
asserts the link: the source of the attribution whose content holds the statement, else
"author". A negated claim ("the organization did not claim responsibility") yields no
`claimed` entry for that group: it is recorded on the incident as `not_claimed_by` instead.
"""

from __future__ import annotations

from typing import Any, Callable

from spacy.tokens import Doc, Span, Token

from narrascope.events.doccache import token_table
from narrascope.events.roles import np_span, PRONOUNS
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
            verb, status = tok, "accused"
            for c in tok.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    claimant = c
            about = _of_object(tok, ("of", "for", "over"))
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
        claimant = _resolve_pron(claimant)
        if claimant is None or claimant.lower_ in PRONOUNS:
            continue
        announced = _announcer(verb) if status == "claimed" else None
        attributed_by = None
        if status in ("accused",) and verb.pos_ == "VERB":
            subj = _subject(verb)
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

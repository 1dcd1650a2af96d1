"""Canonical names for role fillers: doc entities, the actor KB, anaphora ("the organization")."""

from __future__ import annotations

import functools
from typing import Any

from spacy.tokens import Doc, Token

from narrascope.events import roles
from narrascope.events.doccache import doc_ents
from narrascope.events.roles import entity_for


@functools.lru_cache(maxsize=1)
def _kb():
    try:
        from narrascope.actors.kb import load_kb

        return load_kb()
    except Exception:  # noqa: BLE001 - the KB belongs to narrascope_actors: degrade without it
        return None


class Resolver:
    """Canonical names for role fillers: doc entities, then the KB, then anaphora ("the organization")."""

    def __init__(self, doc: Doc, entities: list[dict[str, Any]]) -> None:
        self.doc = doc
        self.entities = sorted(entities, key=lambda e: e.get("start", 0))

    def entity(self, start: int, end: int, head: int | None = None) -> dict[str, Any] | None:
        """The entity naming the phrase: the one holding its head word ("Iran's Ministry of
        Intelligence" is the ministry, not Iran), else the longest overlapping one."""
        return entity_for(self.entities, start, end, head)

    def _kb_name(self, text: str) -> tuple[str | None, str | None]:
        kb = _kb()
        if kb is None:
            return None, None
        try:
            actor = kb.lookup(text)
        except Exception:  # noqa: BLE001
            return None, None
        return (actor.name, actor.type) if actor else (None, None)

    def last_group_before(self, i: int) -> str | None:
        """The most recent armed-group/organisation name before token i."""
        doc = self.doc
        best = None
        for e in self.entities:
            if e.get("end", 0) <= doc[i].idx and e.get("type") in ("armed_group", "opposition_group"):
                best = e.get("name") or e.get("text")
        if best:
            return best
        for ent in doc_ents(doc):
            if ent.end <= i and ent.label_ == "ORG":
                name, typ = self._kb_name(ent.text)
                if typ in (None, "armed_group", "opposition_group"):
                    best = name or ent.text
        return best

    def __call__(self, tok: Token) -> str | None:
        for c in tok.children:  # "its main opposition, the People's Mojahedin Organization": the name
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                return self(c)
        nxt = tok.right_edge.i + 1
        if tok.pos_ != "PROPN" and nxt < len(self.doc) and self.doc[nxt].text == ",":
            for t in self.doc[nxt + 1: nxt + 6]:
                if t.dep_ == "appos" and t.pos_ == "PROPN":
                    return self(t)
        span = roles.np_span(tok)
        e = self.entity(span.start_char, span.end_char, tok.idx)
        if e is not None and e.get("name"):
            return e["name"]
        name, _ = self._kb_name(span.text)
        if name:
            return name
        ent = roles._entity_at(tok)
        if ent is not None:
            name, _ = self._kb_name(ent.text)
            if name:
                return name
        if tok.lemma_.lower() in roles.ANAPHORIC_ORG and any(c.lower_ in ("the", "this") for c in tok.children):
            return self.last_group_before(tok.i)
        return None

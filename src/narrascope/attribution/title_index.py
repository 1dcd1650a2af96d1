"""Where a document names people with a title: "the police chief" said ... before "Police Chief <name>"
is named (`resolve.py`, step 4; session 17, round 2).

`TitleIndex` is built once per document, on first use, so that a document with many person-title
descriptions ("the minister", "the chief") costs one pass over its tokens and entities, not one per
description (bounded time on a very long input).
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Span, Token

TITLE_WINDOW = 5  # sentences after a title description in which the titled person may be named


def is_person(ent: dict[str, Any]) -> bool:
    return ent.get("label") == "PERSON" or ent.get("type") == "person"


def person_named(head: Token, entities: list[dict[str, Any]], src: dict[str, Any]) -> dict[str, Any] | None:
    """The PERSON entity whose name ends with the head word: the last one before the source, else the
    first after it (the NER may find the bare surname further on)."""
    people = [e for e in entities if is_person(e) and e.get("text", "").split()[-1:] == [head.text]]
    earlier = [e for e in people if e["end"] <= src["start"]]
    later = [e for e in people if e["start"] >= src["end"]]
    return earlier[-1] if earlier else (later[0] if later else None)


def _title_keys(tok: Token) -> set[str]:
    return {tok.lower_.rstrip("."), tok.lemma_.lower()}


class TitleIndex:
    def __init__(self, doc: Doc, entities: list[dict[str, Any]]) -> None:
        self.doc, self.entities = doc, entities
        # a title compounded on a proper noun to its right ("Police Chief <name>"): word -> token indices
        self.on_name: dict[str, list[int]] = {}
        for t in doc:
            if t.dep_ == "compound" and t.head.pos_ == "PROPN" and t.head.i > t.i:
                for key in _title_keys(t):
                    self.on_name.setdefault(key, []).append(t.i)
        # the title words of each person entity: the words of its name but the last, and the nouns right
        # before it (up to three: "Attorney General <name>" whether or not the NER took the title in)
        self.people: dict[str, list[dict[str, Any]]] = {}
        for e in entities:
            if not is_person(e):
                continue
            words = {w.lower().rstrip(".") for w in e.get("text", "").split()[:-1]}
            es = doc.char_span(e["start"], e["end"], alignment_mode="expand")
            if es is not None:
                for j in range(es.start - 1, max(es.start - 4, -1), -1):
                    if doc[j].pos_ not in ("PROPN", "NOUN"):
                        break
                    words |= _title_keys(doc[j])
            for w in words:
                self.people.setdefault(w, []).append(e)
        self.sent_starts = [s.start for s in doc.sents]
        self.sent_ends = [s.end_char for s in doc.sents]

    def later(self, span: Span, head: Token) -> dict[str, Any] | None:
        """The PERSON named with the description's head word as a title ("Police Chief <name>", or an entity
        "Attorney General <name>") in the next TITLE_WINDOW sentences, when nobody before the source is named
        with that title. A title on a name no entity holds gives the PERSON entity ending with that name."""
        word = head.lemma_.lower()
        titled = self.people.get(word, [])
        on_name = self.on_name.get(word, [])
        if any(e["end"] <= span.start_char for e in titled) or (on_name and on_name[0] < span.start):
            return None
        k = bisect.bisect_right(self.sent_starts, head.i) - 1
        if k < 0:
            return None
        limit = self.sent_ends[min(k + TITLE_WINDOW, len(self.sent_ends) - 1)]
        for e in titled:
            if span.end_char <= e["start"] < limit:
                return e
        for i in on_name:
            t = self.doc[i]
            if i < span.end:
                continue
            if t.idx >= limit:
                break
            root = t.head
            if not any(e["start"] <= root.idx < e["end"] for e in self.entities):
                return person_named(root, self.entities, {"start": root.idx, "end": root.idx + len(root)})
        return None

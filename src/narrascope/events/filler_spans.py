"""Edges of role filler spans, after the rules and the role tagger have placed them.

Three edits, each a closed word class in `data/events/filler_spans.tsv`:
- a leading hedge ("alleged ELN members", "so-called Camilist Union", "various homemade bombs")
  is not part of the filler: it goes (every role);
- a rank or honorific before a person's full name ("Colonel Jorge Luis Mendez") goes from
  human targets and individual perpetrators when at least a two-word name follows;
- a building or property noun keeps its owner ("the residence of the president", "offices of
  Radio Mineria"): the "of" phrase is added to physical targets.

The filler's `text`, `start` and `end` move together (`text == doc.text[start:end]`); a `name`
that was the old wording follows it. A dropped hedge is not lost: it stays on the filler as its
`qualifier` span ("alleged"), so an analyst still sees that the perpetrator is only alleged. Two fillers of a record that end up with the same wording
are kept once. Measured on MUC-3/4 dev documents 1001-1300 (docs/history/events.md, session 5).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from narrascope.events import lexicon
from narrascope.events.doccache import doc_text
from narrascope.spans import span_dict

# switches (measured one by one; all on is the shipped choice)
HEDGE = True
TITLE = True
OF_OWNER = True


def _edges(doc: Doc, start: int, end: int, role: str) -> tuple[int, int, int]:
    """New token edges [s, e) of a filler spanning tokens [start, end) in `role`
    ("individual", "organization", "human", "physical" or "weapon"), and where its leading
    hedge words end (`start` when it has none)."""
    words = lexicon.filler_span_words()
    s, e = start, end
    hedge_end = start
    if HEDGE:
        hedged = False
        while e - s > 1:
            low = doc[s].lower_
            if low in words["hedge"]:
                s += 1
            elif low == "so" and e - s > 2 and doc[s + 1].lower_ in ("-", "called"):
                s += 3 if doc[s + 1].lower_ == "-" and e - s > 3 else 2
            else:
                break
            hedged = True
        hedge_end = s
        while hedged and e - s > 1 and doc[s].dep_ in ("punct", "det"):
            s += 1
    if TITLE and role in ("human", "individual") and e - s > 2 \
            and doc[s].lower_.rstrip(".") in words["title"] and doc[s + 1].pos_ == "PROPN":
        s += 1
    if OF_OWNER and role == "physical" and e < len(doc) and doc[e - 1].lower_ in words["of_head"] \
            and doc[e].lower_ == "of":
        e = max(e, doc[e].right_edge.i + 1)
    return s, e, hedge_end


def _edit(doc: Doc, item: dict[str, Any], role: str) -> None:
    span = doc.char_span(item["start"], item["end"], alignment_mode="expand")
    if span is None or not len(span):
        return
    s, e, hedge_end = _edges(doc, span.start, span.end, role)
    if (s, e) == (span.start, span.end) or s >= e:
        return
    if hedge_end > span.start:
        hedge = doc[span.start:hedge_end]
        item["qualifier"] = span_dict(doc_text(doc), hedge.start_char, hedge.end_char)
    new = doc[s:e]
    old_text = item["text"]
    item["start"], item["end"] = new.start_char, new.end_char
    item["text"] = doc_text(doc)[new.start_char:new.end_char]
    if item.get("name") == old_text:
        item["name"] = item["text"]


def _dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for x in items:
        key = (x["text"].lower(), x.get("kind"))
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def normalize_fillers(built: list[dict[str, Any]], doc: Doc) -> None:
    """Edit the edges of every perpetrator, target and instrument span of the incidents in place."""
    if not (HEDGE or TITLE or OF_OWNER):
        return
    for b in built:
        for key in ("perpetrators", "targets"):
            for item in b[key]:
                _edit(doc, item, item.get("kind") or "")
            b[key] = _dedupe(b[key])
        for item in b["instruments"]:
            _edit(doc, item, "weapon")
        b["instruments"] = _dedupe(b["instruments"])

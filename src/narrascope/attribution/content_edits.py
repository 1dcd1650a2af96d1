"""One walk over the per-cue contents for the rule edits that reshape them (`quote_edges.py`,
`dash_ends.py`): strong rule readings and floating quotes are left as they were."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc

from narrascope.attribution.features import arrays
from narrascope.attribution.rules import Candidate

TokRange = tuple[int, int]
ContentEdit = Callable[[list[str], Candidate], list[TokRange]]


def edit_contents(doc: Doc, cands: list[Candidate], edit: ContentEdit) -> list[Candidate]:
    """`cands` with each per-cue content replaced by `edit(token_texts, cand)` (a new list of
    fragments); a candidate whose content does not change is kept as it is (not copied)."""
    text = None
    out = []
    for cand in cands:
        if cand.content and cand.origin != "rule" and cand.inherited_from is None:
            if text is None:
                text = arrays(doc).text
            new = edit(text, cand)
            if new != cand.content:
                cand = replace(cand, content=new)
        out.append(cand)
    return out


def edit_sorted(doc: Doc, cands: list[Candidate],
                edit: Callable[[list[str], TokRange, list[TokRange]], list[TokRange]]) -> list[Candidate]:
    """`edit_contents` for edits that read the cue and the content's fragments in order:
    `edit(token_texts, cue, sorted_fragments)`; a content the edit returns unchanged is kept
    as it was (its original fragment order)."""
    def on_cand(text: list[str], cand: Candidate) -> list[TokRange]:
        frags = sorted(cand.content)
        new = edit(text, cand.cue, frags)
        return cand.content if new == frags else new

    return edit_contents(doc, cands, on_cand)

"""What an article offers for a claim: its source, a source cue, named evidence.

Per claim, `support` is a list of `{kind, text, start, end}` spans (document offsets):

- `attribution`: the attribution the claim is reported by (`asserted_by`), as the source's name
  (the cue when the attribution has no source), with `attribution_id`;
- `source_cue`: "according to", "citing", "a report by", "documents show", "data from" ...
  inside the claim, extended over the object that names the source ("according to state media";
  a long object up to its head noun); "according to", "citing", "quoting" and "based on" count
  only when that object names a source (an entity, a pronoun or a source noun: not "according
  to its interests", "citing security concerns", nor "citing X as his favourite show");
  with `attribution_id` when an attribution's cue is the same words;
- `evidence`: the claim names evidence ("video", "footage", "satellite images", "statement",
  "records", "study", "polls", "memo", a URL). A one-word cue counts only as a noun outside an
  organisation's name, and not within three words after a negation ("no evidence", "without any
  evidence"). Nor (session 18) where the claim is about the thing rather than backed by it: a
  direct object ("made conflicting statements", "posted a photo"), a possessor ("the poll's
  numbers") or the subject of a copula ("the statement was false"), unless the noun carries a
  clause of its own ("issued a statement accusing ...") or its verb publishes it or sends the
  reader to it ("released a statement", "watch the video", "noted testimony": `offering_verb`
  rows of the cue file) or a colon introduces it ("issued the following statement:"); nor
  "polls" where people vote ("head to the polls").

`unsupported` is true when the claim is the author's, asserted or speculative (a question or a
hedge does not assert, a denial disputes, and a `reported` claim names a reporting act the
attribution component did not link: "The Observatory revealed ..."), and has none of these in
its own words: items carried from its context (context.py: a wire credit, and, opt-in, the
source of the reporting just before it) are listed but do not clear it.
`support_in_claim` is true when some item was found in the claim's own words.
Cue phrases: data/claims/support_cues.tsv (one provenance column per entry).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import LIKE_URL
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from narrascope.claims.cues import read_tsv
from narrascope.spans import span_dict

NEGATIONS = {"no", "not", "n't", "n’t", "without", "never", "lack", "lacking", "absence", "nor"}
NOUNS = {"NOUN", "PROPN"}
SOURCE_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
NAME_ENTS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW"}  # "Studies" in a school's name is no study
NOT_FLAGGED = {"hedged", "denied", "questioned", "reported"}  # statuses never flagged unsupported
MAX_OBJECT = 12  # tokens a source cue is extended over ("according to the state news agency IRNA")


@dataclass(frozen=True)
class Mark:
    kind: str
    start: int  # token indices
    end: int


@functools.lru_cache(maxsize=1)
def support_lexicon() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"source_cue": [], "source_cue_named": [], "evidence": [], "source_noun": [],
                                 "offering_verb": []}
    for row in read_tsv("support_cues.tsv"):
        out.setdefault(row[1], []).append(row[0])
    return out


def _names_a_source(last, source_nouns: frozenset[str]) -> bool:
    """The object of a cue like "according to" names a source: entity, pronoun or source noun."""
    for child in last.rights:
        if child.dep_ not in ("pobj", "dobj"):
            continue
        if last.lower_ in ("citing", "quoting") and _as_what(last, child):
            return False
        if child.pos_ == "PRON" or child.lemma_.lower() in source_nouns or child.lower_ in source_nouns:
            return True
        return any(t.ent_type_ in SOURCE_ENTS for t in child.subtree)
    return False


def _as_what(cue, obj) -> bool:
    """"citing X as his favourite show": "as" and what X is name a thing, not a source (session 18)."""
    return any(c.dep_ == "prep" and c.lower_ == "as" for t in (cue, obj) for c in t.children)


def _acted_on(head, offering: frozenset[str]) -> bool:
    """An evidence noun the clause acts on or judges is what the claim is about, not what backs it
    (session 18; docs/history/claims-rhetoric.md): a direct object ("made conflicting statements"),
    a possessor ("the poll's numbers"), the subject of a copula ("the statement was false"). Kept
    where it carries a clause of its own stating content ("issued a statement accusing ...",
    "footage that shows ..."), where its verb publishes it or sends the reader to it ("released a
    statement", "watch the video": `offering_verb` rows) or where a colon introduces it ("issued
    the following statement:")."""
    if any(c.dep_ in ("acl", "relcl") for c in head.children):
        return False
    if head.dep_ == "dobj" and (head.head.lemma_.lower() in offering
                                or (head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ":")):
        return False
    if head.dep_ in ("dobj", "poss"):
        return True
    return (head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be"
            and any(c.dep_ in ("acomp", "attr") for c in head.head.children))


def _voting(tok) -> bool:
    """"polls" where people vote: the object of "to" ("head to the polls"), not "according to
    exit polls". (A direct object, "open their polls", is left out by _acted_on.)"""
    return (tok.lower_ == "polls" and tok.dep_ == "pobj" and tok.head.lower_ == "to"
            and not (tok.head.i > 0 and tok.doc[tok.head.i - 1].lower_ == "according"))


class SupportFinder:
    """Source cues and evidence words of a doc (longest first, no overlaps), then per claim."""

    def __init__(self, nlp: Language) -> None:
        lexicon = support_lexicon()
        self.source_nouns = frozenset(lexicon["source_noun"])
        self.named_cues = frozenset(p.lower() for p in lexicon["source_cue_named"])
        self.offering = frozenset(lexicon.get("offering_verb", ()))
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind in ("source_cue", "source_cue_named", "evidence"):
            if lexicon[kind]:
                self.phrases.add(kind, [nlp.make_doc(p) for p in lexicon[kind]])

    def names_no_source(self, doc: Doc, start: int, end: int) -> bool:
        """Tokens [start, end) are a cue like "according to" whose object names no source
        ("changed its strategy according to political positions")."""
        return (doc[start:end].text.lower() in self.named_cues
                and not _names_a_source(doc[end - 1], self.source_nouns))

    def marks(self, doc: Doc) -> list[Mark]:
        found: list[Mark] = []
        for match_id, start, end in self.phrases(doc):
            kind = doc.vocab.strings[match_id]
            if kind == "source_cue_named":
                if not _names_a_source(doc[end - 1], self.source_nouns):
                    continue
                kind = "source_cue"
            elif kind == "evidence":
                if end - start == 1 and (doc[start].pos_ not in NOUNS or doc[start].ent_type_ in NAME_ENTS):
                    continue
                if any(doc[k].lower_ in NEGATIONS for k in range(max(0, start - 3), start)):
                    continue
                if _voting(doc[end - 1]) or _acted_on(doc[end - 1], self.offering):
                    continue
            found.append(Mark(kind, start, end))
        if len(doc):
            for i in numpy.flatnonzero(doc.to_array(LIKE_URL)):
                found.append(Mark("evidence", int(i), int(i) + 1))
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: set[int] = set()
        kept: list[Mark] = []
        for m in found:
            if any(k in taken for k in range(m.start, m.end)):
                continue
            taken.update(range(m.start, m.end))
            kept.append(m)
        kept.sort(key=lambda m: m.start)
        return kept


class ClaimSupport:
    """Support of each claim unit of one doc: built once per doc, asked once per unit."""

    def __init__(self, doc: Doc, text: str, marks: list[Mark], attributions: list[dict[str, Any]]) -> None:
        self.doc, self.text, self.marks = doc, text, marks
        self.mark_starts = [m.start for m in marks]
        self.by_id = {a.get("id"): a for a in attributions if a.get("id")}
        cues = sorted((a["cue"]["start"], a["cue"]["end"], a["id"]) for a in attributions
                      if isinstance(a.get("cue"), dict) and a.get("id") and "start" in a["cue"])
        self.cue_starts = [c[0] for c in cues]
        self.cues = cues

    def _attribution_at(self, start: int, end: int) -> str | None:
        """The attribution whose cue overlaps [start, end) (cues start within 64 chars before)."""
        i = bisect.bisect_left(self.cue_starts, end) - 1
        while i >= 0 and self.cues[i][0] > start - 64:
            c_start, c_end, aid = self.cues[i]
            if c_start < end and start < c_end:
                return aid
            i -= 1
        return None

    def _extent(self, m: Mark, unit_end: int) -> int:
        """Token end of a source cue with the object that names the source."""
        last = self.doc[m.end - 1]
        if m.kind != "source_cue" or not (last.pos_ == "ADP" or last.tag_ == "VBG"):
            return m.end
        for child in last.rights:
            if child.dep_ in ("pobj", "dobj"):
                right = child.right_edge.i + 1
                if right <= unit_end and right - m.end <= MAX_OBJECT:
                    return right
                # a long object ("the governor, who visited the shrine on Friday"): up to its head noun
                return child.i + 1 if child.i < unit_end and child.i + 1 - m.end <= MAX_OBJECT else m.end
        return m.end

    def __call__(self, unit: Span, asserted_by: str | None) -> list[dict[str, Any]]:
        text, doc = self.text, self.doc
        out: list[dict[str, Any]] = []
        attribution = self.by_id.get(asserted_by) if asserted_by else None
        if attribution is not None:
            named = attribution.get("source") if isinstance(attribution.get("source"), dict) else None
            named = named or (attribution.get("cue") if isinstance(attribution.get("cue"), dict) else None)
            if named and isinstance(named.get("start"), int) and isinstance(named.get("end"), int):
                out.append(span_dict(text, named["start"], named["end"], kind="attribution",
                                     attribution_id=asserted_by))
        lo = bisect.bisect_left(self.mark_starts, unit.start)
        hi = bisect.bisect_left(self.mark_starts, unit.end)
        for m in self.marks[lo:hi]:
            if m.end > unit.end:
                continue
            end_tok = self._extent(m, unit.end)
            start_char = doc[m.start].idx
            end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
            item = span_dict(text, start_char, end_char, kind=m.kind)
            if m.kind == "source_cue":
                aid = self._attribution_at(start_char, doc[m.end - 1].idx + len(doc[m.end - 1].text))
                if aid:
                    item["attribution_id"] = aid
            out.append(item)
        return out


def in_claim(support: list[dict[str, Any]]) -> bool:
    """Some support was found inside the claim's own words (not carried from its context)."""
    return any(not s.get("carried") for s in support)


def unsupported(asserted_by: str, status: str, support: list[dict[str, Any]]) -> bool:
    """An author claim that asserts and offers nothing in its own words. Items carried from its
    context (context.py) do not clear it: a hand check found most carried sources were not where
    a reader would take the claim from (docs/history/claims-rhetoric.md, session 13)."""
    return asserted_by == "author" and status not in NOT_FLAGGED and not in_claim(support)

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
- `source` (session 19): a `reported` author claim (its reporting cue found, no attribution linked)
  whose own reporting verb names who made the statement: the verb's subject ("The opposition group
  condemned the attack and warned of ..."; a conjoined or xcomp verb without a subject takes the
  subject of the verb it hangs from), for a passive its "by" agent, for a reporting noun that is a
  subject ("Conflicting reports were issued by official sources") its verb's agent. Only a cue that
  is the claim's predicate (its root, or linked to it by conj / xcomp / ccomp) counts, and not an
  expletive, relative, interrogative or first/second-person subject; the source must name one as
  "according to"'s object must (an entity, a pronoun or a source noun: not "the blast claimed 12
  lives"), nor a source the cue and evidence items already cover ("reported by X"). With
  `attribution_id` when an attribution's cue is the same words (`REPORTING_SOURCE` turns this off);
- `evidence`: the claim names evidence ("video", "footage", "satellite images", "statement",
  "records", "study", "polls", "memo", a URL). A one-word cue counts only as a noun outside an
  organisation's name, and not within three words after a negation ("no evidence", "without any
  evidence"). Nor (session 18) where the claim is about the thing rather than backed by it: a
  direct object ("made conflicting statements", "posted a photo"), a possessor ("the poll's
  numbers") or the subject of a copula ("the statement was false"), unless the noun carries a
  clause of its own ("issued a statement accusing ...") or its verb publishes it or sends the
  reader to it ("released a statement", "watch the video", "noted testimony": `offering_verb`
  rows of the cue file) or a colon introduces it ("issued the following statement:"); nor
  "polls" where people vote ("head to the polls"). A copula's subject judged to establish the point is
  evidence again (session 19): "the evidence is clear", "the evidence is overwhelming that ..."
  (`backing_adjective` rows), unless negated ("the evidence is not clear").

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
EVIDENCE_JUDGED = True  # session 19: "the evidence is clear" names evidence (backing_adjective rows)
REPORTING_SOURCE = True  # session 19: the source named by a `reported` author claim's own reporting verb
CONTINUED_POLL = True  # session 19: percentages that continue a poll named just before are backed by it
POLL_NOUNS = frozenset({"poll", "polls", "survey", "surveys"})
MAX_POLL_GAP = 4  # sentences back to the poll
OLDER = frozenset({"earlier", "previous", "prior", "last", "past", "old", "older"})  # "the earlier poll"
PREDICATE_DEPS = frozenset({"conj", "xcomp", "ccomp"})  # a cue linked to the claim's root by these is its predicate
NO_SOURCE_WORDS = frozenset({"it", "that", "which", "who", "whom", "what", "this", "there", "i", "we", "me", "us",
                             "you", "one"})
SOURCE_RIGHT_DEPS = frozenset({"compound", "flat", "appos", "nummod"})
SOURCE_LEFT_SKIP = frozenset({"advmod", "cc", "preconj", "punct"})
SOURCE_RIGHT_PREPS = frozenset({"of", "for", "at", "from", "in", "on", "with"})


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


@functools.lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    return frozenset(support_lexicon()["source_noun"])


def _source_word(tok, source_nouns: frozenset[str]) -> bool:
    """A pronoun or a source noun ("officials", "media"): a word that names who speaks."""
    return tok.pos_ == "PRON" or tok.lemma_.lower() in source_nouns or tok.lower_ in source_nouns


def _names_a_source(last, source_nouns: frozenset[str]) -> bool:
    """The object of a cue like "according to" names a source: entity, pronoun or source noun."""
    for child in last.rights:
        if child.dep_ not in ("pobj", "dobj"):
            continue
        if last.lower_ in ("citing", "quoting") and _as_what(last, child):
            return False
        if _source_word(child, source_nouns):
            return True
        return any(t.ent_type_ in SOURCE_ENTS for t in child.subtree)
    return False


def _as_what(cue, obj) -> bool:
    """"citing X as his favourite show": "as" and what X is name a thing, not a source (session 18)."""
    return any(c.dep_ == "prep" and c.lower_ == "as" for t in (cue, obj) for c in t.children)


def _acted_on(head, offering: frozenset[str], backing: frozenset[str] = frozenset()) -> bool:
    """An evidence noun the clause acts on or judges is what the claim is about, not what backs it
    (session 18; docs/history/claims-rhetoric.md): a direct object ("made conflicting statements"),
    a possessor ("the poll's numbers"), the subject of a copula ("the statement was false"). Kept
    where it carries a clause of its own stating content ("issued a statement accusing ...",
    "footage that shows ..."), where its verb publishes it or sends the reader to it ("released a
    statement", "watch the video": `offering_verb` rows) or where a colon introduces it ("issued
    the following statement:"). A copula's subject judged to establish the point stays evidence ("the
    evidence is clear", "the evidence is overwhelming": `backing_adjective` rows; session 19)."""
    if any(c.dep_ in ("acl", "relcl") for c in head.children):
        return False
    if head.dep_ == "dobj" and (head.head.lemma_.lower() in offering
                                or (head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ":")):
        return False
    if head.dep_ in ("dobj", "poss"):
        return True
    if not (head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be"):
        return False
    judged = [c for c in head.head.children if c.dep_ in ("acomp", "attr")]
    return bool(judged) and not (backing and any(_backs(c, head.head, backing) for c in judged))


def _backs(judgement, copula, backing: frozenset[str]) -> bool:
    """"The evidence is clear / overwhelming (that) ...": the complement says the evidence establishes the
    point (`backing_adjective` rows), and nothing negates it ("is not clear") (session 19)."""
    return (judgement.lemma_.lower() in backing or judgement.lower_ in backing) and not any(
        c.dep_ == "neg" for t in (copula, judgement) for c in t.children)


def _predicate(tok, unit: Span) -> bool:
    """`tok` is the claim's root or linked to it by conj / xcomp / ccomp only."""
    root = unit.root
    while tok != root:
        if tok.dep_ not in PREDICATE_DEPS or tok.head == tok or not (unit.start <= tok.head.i < unit.end):
            return False
        tok = tok.head
    return True


def _agent(verb):
    """The object of a passive verb's "by" agent ("were issued by official sources")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _reporter(head):
    """Who a reporting cue's head says made the statement: a verb's subject (a passive's agent; a conj /
    xcomp verb without a subject takes the subject of the verb it hangs from), or for a reporting noun
    that is a subject ("reports were issued by ...") its verb's agent. None when nothing names it."""
    if head.pos_ in NOUNS:
        return _agent(head.head) if head.dep_ in ("nsubj", "nsubjpass") else None
    verb = head
    for _ in range(4):
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return _agent(verb)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ not in ("conj", "xcomp") or verb.head == verb:
            return None
        verb = verb.head
    return None


def _source_extent(tok) -> tuple[int, int]:
    """Token range of a source noun phrase: its left edge to its head, with the name's right parts
    (compounds, an apposition, "of"/"for"/"from" ... phrases) when the whole stays short."""
    start, end = tok.left_edge.i, tok.i + 1
    while start < tok.i and tok.doc[start].dep_ in SOURCE_LEFT_SKIP:  # "Even the president ...", "and officials"
        start += 1
    for child in tok.rights:
        if child.dep_ in SOURCE_RIGHT_DEPS or (child.dep_ == "prep" and child.lower_ in SOURCE_RIGHT_PREPS):
            if child.right_edge.i + 1 - start > MAX_OBJECT:
                break
            end = child.right_edge.i + 1
        elif child.dep_ != "punct":
            break
    return start, end


def _percent(tok) -> bool:
    """A percentage: a PERCENT entity, or "%" / "percent" after a number."""
    return tok.ent_type_ == "PERCENT" or (tok.lower_ in ("%", "percent") and tok.i > 0 and tok.doc[tok.i - 1].like_num)


def _a_poll(tok) -> bool:
    """A poll or survey whose findings the numbers after it may be: not where people vote ("at the polls",
    "to the polls"), nor an older one the text sets against the current ("the earlier poll", "the last 10
    polls"; session 19)."""
    if tok.lower_ not in POLL_NOUNS or tok.pos_ not in NOUNS or _voting(tok):
        return False
    if tok.lower_ == "polls" and tok.dep_ == "pobj" and tok.head.lower_ == "at":
        return False
    return not any(c.dep_ == "amod" and c.lower_ in OLDER for c in tok.children)


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
        self.backing = frozenset(lexicon.get("backing_adjective", ())) if EVIDENCE_JUDGED else frozenset()
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
                if _voting(doc[end - 1]) or _acted_on(doc[end - 1], self.offering, self.backing):
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

    def _sources(self, unit: Span, reporting: list[tuple[int, int]]) -> list[dict[str, Any]]:
        """`source` items: who the claim's own reporting cues (token ranges) say made the statement, when
        it names a source as the object of "according to" must (an entity, a pronoun, a source noun)."""
        doc, out, seen = self.doc, [], set()
        nouns = _source_nouns()
        for start, end in reporting:
            head = doc[start:end].root
            if not _predicate(head.head if head.pos_ in NOUNS else head, unit):
                continue
            who = _reporter(head)
            if (who is None or not (unit.start <= who.i < unit.end) or who.lower_ in NO_SOURCE_WORDS
                    or who.tag_ in ("WDT", "WP", "EX") or not (who.pos_ in NOUNS or who.pos_ == "PRON")):
                continue
            a, b = _source_extent(who)
            a, b = max(a, unit.start), min(b, unit.end)
            if not (_source_word(who, nouns) or any(doc[k].ent_type_ in SOURCE_ENTS for k in range(a, b))):
                continue  # names no source ("the blast claimed 12 lives"), as for "according to"
            if (a, b) in seen:
                continue
            seen.add((a, b))
            item = span_dict(self.text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), kind="source")
            aid = self._attribution_at(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
            if aid:
                item["attribution_id"] = aid
            out.append(item)
        return out

    def __call__(self, unit: Span, asserted_by: str | None,
                 reporting: list[tuple[int, int]] = ()) -> list[dict[str, Any]]:
        """Support of `unit`. `reporting`: token ranges of the `reported` cues that decided a claim no
        attribution asserts (its own reporting verb may name the source: `source` items)."""
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
        found: list[dict[str, Any]] = []
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
            found.append(item)
        if REPORTING_SOURCE and reporting and not asserted_by:
            # a source the cue words already name ("reported by X", "the statement said") is not listed twice
            out.extend(s for s in self._sources(unit, reporting)
                       if not any(f["start"] < s["end"] and s["start"] < f["end"] for f in found))
        out += found
        if CONTINUED_POLL and not out and not asserted_by:
            poll = self._continued(unit)
            if poll is not None:
                out.append(poll)
        return out

    @functools.cached_property
    def _sentences(self) -> tuple[list[int], list[bool], list[Any]]:
        """Per sentence of the doc: its first token, whether it holds a percentage, its first poll noun."""
        sents = list(self.doc.sents) if self.doc.has_annotation("SENT_START") else [self.doc[:]]
        polls = [next((t for t in s if _a_poll(t)
                       and not any(self.doc[k].lower_ in NEGATIONS for k in range(max(s.start, t.i - 3), t.i))),
                      None) for s in sents]
        return [s.start for s in sents], [any(_percent(t) for t in s) for s in sents], polls

    def _continued(self, unit: Span) -> dict[str, Any] | None:
        """The poll a claim's percentages continue (session 19): the claim holds a percentage, and a poll or
        survey is named earlier in its sentence or in one of the MAX_POLL_GAP sentences before it, every
        sentence between holding a percentage too ("The poll found 52 % ... Another 30 % said ...")."""
        if not any(_percent(t) for t in unit):
            return None
        starts, percent, polls = self._sentences
        k = bisect.bisect_right(starts, unit.start) - 1
        for j in range(k, max(-1, k - MAX_POLL_GAP - 1), -1):
            poll = polls[j]
            if poll is not None and poll.i < unit.start:
                a, b = _source_extent(poll)
                doc = self.doc
                return span_dict(self.text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), kind="evidence",
                                 carried=True, link="continues")
            if j < k and not percent[j]:
                return None
        return None


def in_claim(support: list[dict[str, Any]]) -> bool:
    """Some support was found inside the claim's own words (not carried from its context)."""
    return any(not s.get("carried") for s in support)


def unsupported(asserted_by: str, status: str, support: list[dict[str, Any]]) -> bool:
    """An author claim that asserts and offers nothing in its own words. Items carried from its
    context (context.py) do not clear it: a hand check found most carried sources were not where
    a reader would take the claim from (docs/history/claims-rhetoric.md, session 13). The one carried
    item that does is the poll a claim's percentages continue (`link: continues`, session 19)."""
    return (asserted_by == "author" and status not in NOT_FLAGGED and not in_claim(support)
            and not any(s.get("link") == "continues" for s in support))

"""Entity mentions of a parsed doc, merged from NER and the KB matcher, corrected and linked.

Steps (see docs/actors.md):
1. KB matches (aliases, role names) are found by phrase matchers.
2. A role match directly followed by a name is a title ("Supreme Leader Khamenei") and dropped;
   other role mentions ("the Supreme Leader") link to the holder at the article date.
3. NER and KB spans are merged. A KB span wins over an overlapping NER span, except when the
   NER span is a longer name around it ("Cameron Diaz" around "Cameron"): NER "Supreme" (ORG)
   under the role "Supreme Leader", "Imam Reza Shrine" (ORG) and "Mashhad" (PERSON) get the
   KB's label. Leading "the" and, for persons, titles are trimmed from NER spans.
4. Unlinked NER mentions are looked up (exact alias, then rapidfuzz for transliterations).
5. Within the document, a surname alone ("Rajavi") after a full name ("Maryam Rajavi") is the
   same person, whatever NER labelled it; unlabelled surname tokens are added.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from narrascope.actors.kb import Actor, KnowledgeBase
from narrascope.actors.matcher import KBMatch, KBMatcher, title_words

LINKABLE = {"PERSON", "ORG", "GPE", "FAC", "LOC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"}
FUZZY_LABELS = {"PERSON", "ORG", "GPE", "FAC", "LOC"}
NON_NAME_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
DETERMINERS = {"the", "a", "an"}
_INITIAL = re.compile(r"^[A-Z]\.$")
_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii"}
FUZZY_CUTOFF = 93  # "Khamenehi"/"Khamenei" 94; "Middle West"/"Middle East" 91 must not link


@dataclass
class Mention:
    start: int              # token offsets
    end: int
    label: str
    kb_id: str | None = None
    name: str | None = None
    type: str | None = None
    role: str | None = None
    via: str = "ner"        # ner | kb | role | lookup | fuzzy | propagation

    def link(self, actor: Actor | None, via: str, relabel: bool = True) -> None:
        if actor is None:
            return
        self.kb_id, self.name, self.type, self.via = actor.id, actor.name, actor.type, via
        if relabel:
            self.label = actor.ner_label


def _is_name_token(token: Token, titles: frozenset[str]) -> bool:
    return token.is_alpha and (token.is_title or token.is_upper) and token.lower_ not in titles


def _extends_name(token: Token, titles: frozenset[str]) -> bool:
    """A neighbour that makes a longer proper name ("Diaz" in "Cameron Diaz", not "Attacks")."""
    return _is_name_token(token, titles) and token.pos_ == "PROPN"


def _in_headline(token: Token) -> bool:
    """Title Case Sentences (headlines) make every word look like part of a name."""
    words = [t for t in token.sent if t.is_alpha]
    if len(words) < 4:
        return False
    return sum(t.is_title or t.is_upper for t in words) / len(words) >= 0.6


def _kb_mentions(doc: Doc, kb: KnowledgeBase, matches: list[KBMatch], published: str | None,
                 titles: frozenset[str], title_spans: list[tuple[int, int]]) -> list[Mention]:
    starts = {m.span.start for m in matches if not m.is_role}
    out = []
    for m in matches:
        span = m.span
        if m.is_role:
            nxt = doc[span.end] if span.end < len(doc) else None
            if span.end in starts or (nxt is not None and _is_name_token(nxt, titles)):
                title_spans.append((span.start, span.end))
                continue  # a title before a name: the name is the mention
            mention = Mention(span.start, span.end, "PERSON", role=m.target, via="role")
            holder = kb.holder(m.target, published)
            if holder is not None:
                mention.link(holder, "role")
            out.append(mention)
            continue
        actor = kb.get(m.target)
        if actor is not None:
            start = span.start + 1 if span[0].lower_ == "the" and len(span) > 1 else span.start
            mention = Mention(start, span.end, actor.ner_label)
            mention.link(actor, "kb")
            out.append(mention)
    return out


def _trim(doc: Doc, mention: Mention, titles: frozenset[str]) -> Mention | None:
    start, end = mention.start, mention.end
    while start < end - 1 and doc[start].lower_ in DETERMINERS:
        start += 1
    if mention.label == "PERSON":
        while start < end - 1 and doc[start].lower_ in titles:
            start += 1
    while end > start + 1 and doc[end - 1].text in {"’s", "'s", "’", "'"}:
        end -= 1
    if start >= end:
        return None
    mention.start, mention.end = start, end
    return mention


def _merge(doc: Doc, ner: list[Mention], kbm: list[Mention], titles: frozenset[str]) -> list[Mention]:
    kb_tokens = {i for m in kbm for i in range(m.start, m.end)}
    dropped_kb: set[int] = set()
    kept_ner = []
    for e in ner:
        overlapping = [i for i, m in enumerate(kbm) if m.start < e.end and e.start < m.end]
        if not overlapping:
            kept_ner.append(e)
            continue
        inside = all(e.start <= kbm[i].start and kbm[i].end <= e.end for i in overlapping)
        if inside and e.label not in NON_NAME_LABELS and not _in_headline(doc[e.start]):
            # a longer name around the KB match ("Cameron Diaz")? look at the neighbours
            longer_name = False
            for i in overlapping:
                m = kbm[i]
                for j in (m.start - 1, m.end):
                    if e.start <= j < e.end and j not in kb_tokens and _extends_name(doc[j], titles):
                        longer_name = True
            if longer_name:
                dropped_kb.update(overlapping)
                kept_ner.append(e)
    merged = [m for i, m in enumerate(kbm) if i not in dropped_kb] + kept_ner
    return sorted(merged, key=lambda m: (m.start, -m.end))


def _link_unlinked(doc: Doc, mentions: list[Mention], kb: KnowledgeBase, titles: frozenset[str]) -> None:
    for m in mentions:
        if m.kb_id is not None or m.role is not None or m.label not in LINKABLE:
            continue
        tokens = [t for t in doc[m.start:m.end]]
        while tokens and tokens[0].lower_ in titles | DETERMINERS:
            tokens = tokens[1:]
        if not tokens:
            continue
        text = doc[tokens[0].i:tokens[-1].i + 1].text
        actor = kb.lookup(text)
        via = "lookup"
        if actor is None and len(tokens) > 2:  # "Loretta E. Lynch", "Joseph R. Biden Jr."
            plain = " ".join(t.text for t in tokens if not _INITIAL.match(t.text) and t.lower_ not in _SUFFIXES)
            actor = kb.lookup(plain)
        if actor is None and m.label in FUZZY_LABELS and len(text) >= 6:
            actor, via = kb.fuzzy(text, cutoff=FUZZY_CUTOFF), "fuzzy"
        if actor is None:
            continue
        if m.label == "NORP" and actor.type in ("state", "place"):
            continue  # "Iranian" is not Iran
        m.link(actor, via, relabel=m.label != "NORP")


def _propagate(doc: Doc, mentions: list[Mention], titles: frozenset[str]) -> list[Mention]:
    """A surname alone is the person named in full before it in the document (the most often
    named one when several share it: "Clinton" after "Bill Clinton" and "Hillary Clinton")."""
    seen: dict[str, dict[tuple, int]] = defaultdict(dict)   # surname -> person key -> count
    persons: dict[tuple, Mention] = {}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    by_start = {m.start: m for m in mentions}
    out = []

    def best(surname: str) -> Mention | None:
        counts = seen.get(surname)
        if not counts:
            return None
        key = max(counts, key=lambda k: (counts[k], list(counts).index(k)))
        return persons[key]

    i = 0
    while i < len(doc):
        m = by_start.get(i)
        if m is not None:
            names = [t for t in doc[m.start:m.end] if _is_name_token(t, titles)]
            source = best(names[0].text) if len(names) == 1 else None
            if source is not None and m.kb_id is not None and m.type == "person" and source.kb_id != m.kb_id:
                # "Clinton" is a KB alias of Hillary Clinton: another Clinton must be named more often
                counts = seen[names[0].text]
                if counts.get((source.kb_id,), 0) <= counts.get((m.kb_id,), 0):
                    source = None
            if source is not None and (m.kb_id is None or m.type != "person" or source.kb_id != m.kb_id):
                m.label, m.kb_id, m.name, m.type, m.via = ("PERSON", source.kb_id, source.name,
                                                           source.type, "propagation")
            if m.label == "PERSON" and m.type in (None, "person") and len(names) >= 2:
                key = (m.kb_id,) if m.kb_id else (doc[m.start:m.end].text,)
                persons[key] = m
                seen[names[-1].text][key] = seen[names[-1].text].get(key, 0) + 1
            out.append(m)
            i = m.end
            continue
        token = doc[i]
        source = best(token.text) if i not in covered and _is_name_token(token, titles) else None
        if source is not None:
            out.append(Mention(i, i + 1, "PERSON", source.kb_id, source.name, source.type, via="propagation"))
        i += 1
    return out


def resolve(doc: Doc, kb: KnowledgeBase, matcher: KBMatcher, published: str | None = None) -> list[Mention]:
    titles = title_words()
    ner = [Mention(e.start, e.end, e.label_) for e in doc.ents]
    ner = [m for m in (_trim(doc, m, titles) if m.label not in NON_NAME_LABELS else m for m in ner) if m]
    title_spans: list[tuple[int, int]] = []
    kbm = _kb_mentions(doc, kb, matcher(doc), published, titles, title_spans)
    # NER pieces of a title ("Supreme" ORG in "Supreme Leader Khamenei") are not entities
    ner = [m for m in ner if not any(s <= m.start and m.end <= e for s, e in title_spans)]
    mentions = _merge(doc, ner, kbm, titles)
    _link_unlinked(doc, mentions, kb, titles)
    return _propagate(doc, mentions, titles)

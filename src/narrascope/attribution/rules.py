"""Parse-based attribution rules: cue (lexicon + dependency frame), source, content, kind.

Spans are token ranges `(start, end)` (end exclusive) into the Doc. The rules read the
dependency parse of the bare spaCy model and the quotation spans; they are the first stage
(and, with `use_model=False`, the whole) of narrascope_attribution.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from narrascope.attribution.lexicon import CueLexicon, cue_lexicon, source_type_words
from narrascope.attribution.quotes import find_quotes, token_quote_ids

TokRange = tuple[int, int]

SUBJ = {"nsubj", "nsubjpass", "csubj"}
COMPLEMENT = {"ccomp", "xcomp"}
STOP_SOURCE_DEPS = {"relcl", "acl", "punct", "advcl"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me"}
COMPLEMENT_PREPS = {"of", "about", "against", "on", "for", "to"}


@dataclass
class Candidate:
    cue: TokRange
    content: list[TokRange]
    source: TokRange | None = None
    kind: str = "indirect"
    origin: str = "rule"
    inherited_from: int | None = None   # index of the candidate a floating quote inherits from
    extra: dict = field(default_factory=dict)


def _trim(doc: Doc, start: int, end: int) -> TokRange | None:
    while start < end and (doc[start].is_space or doc[start].dep_ == "punct" and doc[start].text in ",;:-—–("):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in ",;:-—–("):
        end -= 1
    return (start, end) if end > start else None


def np_range(tok: Token) -> TokRange:
    """A noun phrase's tokens: the head with its left part and prepositional modifiers,
    without relative clauses, appositions or conjuncts after a comma."""
    doc = tok.doc
    start = tok.left_edge.i
    end = tok.i + 1
    rights = list(tok.rights)
    for k, child in enumerate(rights):
        if child.dep_ == "case":
            break
        if child.dep_ in STOP_SOURCE_DEPS and not (
                child.dep_ == "punct" and k + 1 < len(rights) and rights[k + 1].dep_ in ("conj", "cc", "appos")):
            break
        end = child.right_edge.i + 1
    # a phrase never crosses a paragraph break (headings glued to the next sentence)
    for i in range(tok.i - 1, start - 1, -1):
        if "\n" in doc[i].text:
            start = i + 1
            break
    for i in range(tok.i + 1, end):
        if "\n" in doc[i].text:
            end = i
            break
    return start, end


DASHES = {"―", "—", "–", "--"}
CUE_LEFT_DEPS = {"aux", "auxpass", "neg", "advmod"}
CLOSING = {"”", '"', "''", "»"}
OPENING = {"“", '"', "''", "«"}


def _extend_cue(doc: Doc, verb: Token, end: int) -> TokRange:
    """The verb with the auxiliaries, negation and adverbs right before it ("has also said")
    and a colon right after it ("said:")."""
    start = verb.i
    while start > 0 and doc[start - 1].head.i == verb.i and doc[start - 1].dep_ in CUE_LEFT_DEPS \
            and doc[start - 1].lower_ not in ("to", "when", "where", "how", "why", "then", "so"):
        start -= 1
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return start, end


def _extend_content(doc: Doc, r: TokRange) -> TokRange:
    """Content boundaries as PolNeAR marks them: the quote marks and the punctuation that
    closes a quotation belong to it ('“...,”')."""
    s, e = r
    n = len(doc)
    if s > 0 and doc[s - 1].text in OPENING:
        s -= 1
    k = e
    while k < n and k - e < 2 and doc[k].is_punct and doc[k].text in (".", ",", "?", "!", ";"):
        k += 1
    if k < n and doc[k].text in CLOSING and (k > e or doc[k].text in CLOSING):
        e = k + 1
    return s, e


def _extend_source(doc: Doc, r: TokRange, cue_start: int) -> TokRange:
    """A source set off by commas or parentheses keeps its closing mark ('X, a spokesman,')."""
    s, e = r
    text = doc[s:e].text
    if e < len(doc) and doc[e].text == ")" and text.count("(") > text.count(")"):
        e += 1
    if e < len(doc) and doc[e].text == "," and e + 1 <= cue_start and "," in text:
        e += 1
    return s, e


def _para_start(doc: Doc, i: int) -> int:
    for j in range(i - 1, -1, -1):
        if "\n" in doc[j].text:
            return j + 1
    return 0


def _plausible_source(tok: Token, words: dict) -> bool:
    return tok.pos_ in ("PROPN", "PRON") or bool(tok.ent_type_) or tok.lemma_.lower() in words \
        or tok.lower_ in words


def _subtree_range(tok: Token) -> TokRange:
    return tok.left_edge.i, tok.right_edge.i + 1


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head  # "Rajavi, who said ...": the noun the clause modifies
            return child
    # "X said ... and added that": conjoined verbs share the subject
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    # "..., adding that": participle clause takes the subject of its head
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ in ("VBG", "VBN", "VB"):
        return _subject(verb.head)
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


class RuleExtractor:
    def __init__(self, lexicon: CueLexicon | None = None) -> None:
        self.lex = lexicon or cue_lexicon()
        self.source_words = source_type_words()
        # the word sets `_cue_word_indices` looks hashes up in, and its answers per hash (a hash
        # names the same string in every vocab, so answers carry over between Docs)
        self._cue_sets = (self.lex.adverbs | {"according"}, self.lex.verbs.keys() | self.lex.nouns)
        self._cue_hits: tuple[dict[int, bool], dict[int, bool]] = ({}, {})

    # ---------------------------------------------------------------- cues
    def _verb_cue(self, doc: Doc, verb: Token, quote_ids: list[int]) -> Candidate | None:
        klass = self.lex.verb_class(verb.lemma_)
        if klass is None or verb.pos_ not in ("VERB", "AUX") and verb.tag_[:2] != "VB":
            return None
        comps = [c for c in verb.children if c.dep_ in COMPLEMENT]
        content: list[TokRange] = []
        cue_end = verb.i + 1
        for child in verb.children:
            if child.dep_ == "prt" and child.i == cue_end:
                cue_end = child.i + 1
        for comp in comps:
            if comp.dep_ == "xcomp" and klass == "belief" and verb.lemma_ in ("seem", "appear"):
                continue
            content.append(_subtree_range(comp))
        if not content:
            for child in verb.children:
                if child.dep_ == "prep" and child.i == cue_end and child.lower_ in COMPLEMENT_PREPS and klass == "speech":
                    objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                    if objs:
                        cue_end = child.i + 1
                        content.append(_subtree_range(objs[0]))
                        break
                if child.dep_ == "dobj" and klass == "speech" and child.i > verb.i:
                    if child.lower_ in PRONOUNS:
                        continue
                    content.append(_subtree_range(child))
                    break
        if not content:
            return None
        cue = _extend_cue(doc, verb, cue_end)
        subj = _subject(verb)
        source: TokRange | None = None
        kind = "indirect"
        if _is_passive(verb):
            agent = _agent(verb)
            if agent is not None:
                source = np_range(agent)
            else:
                kind = "no_source"
                nsubjpass = [c for c in verb.children if c.dep_ == "nsubjpass"]
                if nsubjpass and nsubjpass[0].lower_ != "it":
                    # "X is said to have ...": X belongs to the content
                    content = [(min(_subtree_range(nsubjpass[0])[0], content[0][0]), content[-1][1])]
        elif subj is not None:
            source = np_range(subj)
            para_start = _para_start(doc, verb.i)
            if source[1] <= para_start or source[0] < para_start:
                # a heading glued to the sentence by the parser: the words before the cue
                end = next((i for i in range(para_start, verb.i) if doc[i].text in (",", "—", "(")), verb.i)
                source = (para_start, end) if end > para_start else None
        else:
            kind = "no_source"
            if not any(c.dep_ == "ccomp" for c in verb.children) or verb.tag_ == "VB" and verb.i == verb.sent.start:
                return None
        # the content must not contain the cue or the source
        content = [_extend_content(doc, r) for r in (_trim(doc, s, e) for s, e in content) if r is not None
                   and not (r[0] <= verb.i < r[1])]
        if source is not None and source[1] <= cue[0]:
            source = _extend_source(doc, source, cue[0])
        if not content:
            return None
        extra = {"strong": klass == "speech" and any(
            c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            for c in verb.children)}
        dobj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
        if dobj is not None and any(c.dep_ == "ccomp" for c in verb.children):
            end = dobj.right_edge.i + 1
            while end < len(doc) and doc[end].text in CLOSING:
                end += 1
            extra["recipient"] = (verb.i + 1, end)  # "told “Al-Arabiya”"
        return Candidate(cue=cue, content=content, source=source, kind=kind, extra=extra)

    def _according_to(self, doc: Doc, tok: Token) -> Candidate | None:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            return None
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or not _plausible_source(pobj, self.source_words):
            return None
        source = np_range(pobj)
        phrase_start, phrase_end = tok.i, max(source[1], to.i + 1)
        sent = tok.sent
        head = tok.head if tok.head.i != tok.i else sent.root
        clause = _subtree_range(head) if head.i != tok.i else (sent.start, sent.end)
        if not (clause[0] <= tok.i < clause[1]) or clause == (phrase_start, phrase_end):
            clause = (sent.start, sent.end)
        parts = [(clause[0], phrase_start), (phrase_end, clause[1])]
        content = [r for r in (_trim(doc, s, e) for s, e in parts) if r is not None]
        content = [r for r in content if not all(doc[i].is_punct for i in range(*r))]
        if not content:
            return None
        return Candidate(cue=(tok.i, to.i + 1), content=content, source=source, kind="according_to",
                         extra={"strong": True})

    def _adverb(self, doc: Doc, tok: Token) -> Candidate | None:
        if tok.lower_ not in self.lex.adverbs:
            return None
        head = tok.head
        sent = tok.sent
        clause = _subtree_range(head) if head.i != tok.i else (sent.start, sent.end)
        parts = [(clause[0], tok.i), (tok.i + 1, clause[1])]
        content = [r for r in (_trim(doc, s, e) for s, e in parts) if r is not None]
        if not content:
            return None
        return Candidate(cue=(tok.i, tok.i + 1), content=content, source=None, kind="no_source")

    def _noun_cue(self, doc: Doc, noun: Token) -> Candidate | None:
        if noun.lemma_.lower() not in self.lex.nouns or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if clause is None:
            return None
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        source = np_range(poss) if poss is not None else None
        cue_start = poss.right_edge.i + 1 if poss is not None and poss.right_edge.i < noun.i else noun.i
        while cue_start < noun.i and doc[cue_start].dep_ == "case":
            cue_start += 1
        content = _trim(doc, *_subtree_range(clause))
        if content is None:
            return None
        return Candidate(cue=(cue_start, noun.i + 1), content=[content], source=source,
                         kind="indirect" if source else "no_source", extra={"strong": True})

    # -------------------------------------------------------------- quotes
    def _quote_cands(self, doc: Doc, quotes, quote_ids, cands: list[Candidate]) -> None:
        """Direct quotes: attach each quote to the cue verb next to it, join quotes split by a
        cue, and let a floating quote inherit the previous speaker."""
        verb_at = {c.cue[0]: c for c in cands}
        last: Candidate | None = None
        taken: set[int] = set()
        for q, (qs, qe) in enumerate(quotes):
            span = doc.char_span(qs, qe, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            qrange = (span.start, span.end)
            words = sum(1 for t in span if not t.is_punct)
            if (words < 4 or not any(t.pos_ in ("VERB", "AUX") for t in span)) and q not in taken:
                # a scare quote or a title: only as content of an existing cue
                continue
            if q in taken:
                continue
            signed = self._dash_signature(doc, qrange)
            if signed is not None:
                cands.append(signed)
                last = signed
                continue
            cand = self._cue_near_quote(doc, qrange, quote_ids, verb_at)
            if cand is not None and cand.content and not any(
                    s < qrange[1] and qrange[0] < e for s, e in cand.content):
                continue  # the cue's content is elsewhere ("told “X” that ...")
            if cand is not None:
                cand.content = [qrange]
                cand.kind = "direct"
                cand.extra["strong"] = True
                # "'...,' X said. '...'": the next quote right after the cue's sentence continues
                nxt = q + 1
                if nxt < len(quotes) and qrange[1] <= cand.cue[0]:
                    nspan = doc.char_span(quotes[nxt][0], quotes[nxt][1], alignment_mode="expand")
                    sent_end = doc[cand.cue[0]].sent.end
                    if nspan is not None and abs(nspan.start - sent_end) <= 1 and \
                            self._cue_near_quote(doc, (nspan.start, nspan.end), quote_ids, verb_at, after_only=True) is None:
                        cand.content.append((nspan.start, nspan.end))
                        taken.add(nxt)
                if cand not in cands:
                    cands.append(cand)
                last = cand
            elif last is not None and self._is_floating(doc, qrange):
                cands.append(Candidate(cue=last.cue, content=[qrange], source=last.source, kind="direct",
                                       inherited_from=cands.index(last)))

    def _dash_signature(self, doc: Doc, qrange: TokRange) -> Candidate | None:
        """'“...” ― Sonya Herridge': a quote signed with a dash and a name."""
        i = qrange[1]
        while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
            i += 1
        if i >= len(doc) or doc[i].text not in DASHES:
            return None
        j = i + 1
        while j < len(doc) and (doc[j].pos_ == "PROPN" or doc[j].text in (".", "-")) and "\n" not in doc[j].text:
            j += 1
        if j == i + 1:
            return None
        return Candidate(cue=(i, i + 1), content=[qrange], source=(i + 1, j), kind="direct",
                         extra={"strong": True})

    def _is_floating(self, doc: Doc, qrange: TokRange) -> bool:
        """A quote that makes up its whole paragraph."""
        # the last two characters before the quote (two tokens hold at least two characters;
        # slicing the whole prefix would rebuild its text)
        before = doc[max(0, qrange[0] - 2):qrange[0]].text[-2:] if qrange[0] else "\n"
        after = doc[qrange[1]:qrange[1] + 1].text if qrange[1] < len(doc) else ""
        return (qrange[0] == 0 or "\n" in before or doc[qrange[0] - 1].is_space) and \
            (not after.strip() or "\n" in after)

    def _cue_near_quote(self, doc: Doc, qrange: TokRange, quote_ids, verb_at, after_only=False):
        qs, qe = qrange
        # after the quote: '”, X said' / '”, said X' / '” X said.'
        cand = self._cue_in(doc, range(qe, min(len(doc), qe + 8)), quote_ids, verb_at,
                            stops=(".", "\n"), object_source=True)
        if cand is not None or after_only:
            return cand
        # before the quote: 'X said: “...”' / 'X said, “...”'
        return self._cue_in(doc, range(qs - 1, max(-1, qs - 8), -1), quote_ids, verb_at,
                            stops=(".", "!", "?"), object_source=False)

    def _cue_in(self, doc: Doc, positions: range, quote_ids, verb_at, *, stops: tuple[str, ...],
                object_source: bool):
        """The first cue verb at `positions` (stopping at a line break, another quote or a
        sentence end), as the rules' candidate for it or a new one. `object_source`: after a
        quote, inverted "said X" puts the source after the verb."""
        for i in positions:
            tok = doc[i]
            if tok.is_space and "\n" in tok.text or quote_ids[i] >= 0:
                return None
            if self.lex.verb_class(tok.lemma_) and tok.tag_[:2] == "VB":
                cand = verb_at.get(i)
                if cand is None:
                    subj = _subject(tok)
                    if subj is None and object_source:
                        subj = next((c for c in tok.children if c.dep_ in ("dobj", "attr", "nsubjpass")
                                     and c.i > tok.i), None)
                    cand = Candidate(cue=_extend_cue(doc, tok, i + 1), content=[], source=np_range(subj) if subj is not None else None)
                return cand
            if tok.text in stops:
                return None
        return None

    # ---------------------------------------------------------------- main
    def _cue_word_indices(self, doc: Doc) -> list[int]:
        """Tokens whose form or lemma is a cue word: the only ones `extract` looks at (read from
        `Doc.to_array`, each distinct word once, instead of building every Token)."""
        if len(doc) == 0:
            return []
        strings = doc.vocab.strings
        arr = doc.to_array([LOWER, LEMMA])
        keep = np.zeros(len(doc), dtype=bool)
        for k in (0, 1):
            words, known = self._cue_sets[k], self._cue_hits[k]
            if len(known) > 200_000:
                known.clear()
            uniq, inv = np.unique(arr[:, k], return_inverse=True)
            hits = []
            for h in uniq.tolist():
                v = known.get(h)
                if v is None:
                    v = known[h] = strings[h] in words
                hits.append(v)
            keep |= np.array(hits, dtype=bool)[inv.reshape(-1)]
        return np.flatnonzero(keep).tolist()

    def read(self, doc: Doc, text: str | None = None
             ) -> tuple[list[tuple[int, int]], list[int], list[Candidate]]:
        """The document's quotations, each token's quotation id, and the rule candidates."""
        quotes = find_quotes(doc.text if text is None else text)
        quote_ids = token_quote_ids(doc, quotes)
        return quotes, quote_ids, self.extract(doc, quotes, quote_ids)

    def extract(self, doc: Doc, quotes: list[tuple[int, int]] | None = None,
                quote_ids: list[int] | None = None) -> list[Candidate]:
        if quotes is None:
            quotes = find_quotes(doc.text)
        if quote_ids is None:
            quote_ids = token_quote_ids(doc, quotes)
        cands: list[Candidate] = []
        lex = self.lex
        for i in self._cue_word_indices(doc):
            tok = doc[i]
            cand = None
            low = tok.lower_
            if low == "according":
                cand = self._according_to(doc, tok)
            elif low in lex.adverbs:
                cand = self._adverb(doc, tok)
            else:
                if tok.lemma_ in lex.verbs:
                    cand = self._verb_cue(doc, tok, quote_ids)
                if cand is None and tok.lemma_ in lex.nouns:
                    cand = self._noun_cue(doc, tok)
            if cand is not None:
                cands.append(cand)
        self._quote_cands(doc, quotes, quote_ids, cands)
        for cand in cands:
            if cand.kind in ("indirect",) and cand.content:
                inside = [all(quote_ids[i] >= 0 for i in range(s, e)) for s, e in cand.content]
                partly = [any(quote_ids[i] >= 0 for i in range(s, e)) for s, e in cand.content]
                if all(inside):
                    cand.kind = "direct"
                elif any(partly):
                    cand.kind = "mixed"
            if cand.source is None and cand.kind in ("indirect", "direct", "mixed") and cand.inherited_from is None:
                cand.kind = "no_source" if cand.kind == "indirect" else cand.kind
        cands.sort(key=lambda c: c.cue[0])
        return [c for c in cands if c.content]

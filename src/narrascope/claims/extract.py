"""Claims: check-worthy statements of an article, who asserts them and how firmly.

A candidate is a sentence (cut again at line breaks, so headings and bullet points stand
alone) with a verb and a few words; with `split_clauses` (default) a sentence joining
independent clauses is cut into one candidate per clause (clauses.py), each judged on its own.
Its status comes from the cue spans inside it (see cues.py), in this order of precedence:
denied > questioned > speculative > hedged > reported > asserted; a statement inside an
attribution's content is `reported` by that attribution (`asserted_by` = its id) unless a
stronger cue decides; so is a statement inside a quotation that attribution speaks (quotations.py), but not
a question outside every quotation that the content covers: that is the writer's own, unless it stands on a
transcript's speaker line ("HOST: Do you ...?"): that is the speaker's (speaker_lines.py). Check-worthiness is a small additive
score over what fact-checkers look for: numbers, named actors, dates, violent or causal
predicates; opinions in the first person, demands and questions count less. Each claim also
lists what the article offers for it (`support`, support.py; for an author claim with nothing
of its own, the wire credit and, with `context_support`, the source of the reporting just before
it, context.py) and whether it is `unsupported`.
"""

from __future__ import annotations

import bisect
import functools
import math
from typing import Any, Iterator

from spacy.tokens import Doc, Span

from narrascope.claims.clauses import ClauseSplitter
from narrascope.claims.context import ContextSupport
from narrascope.claims.cues import Cue, CueMatcher, act_lemmas, read_tsv
from narrascope.claims.quotations import QuotedVoices
from narrascope.claims.speaker_lines import SpeakerLines
from narrascope.claims.support import ClaimSupport, SupportFinder, in_claim, unsupported
from narrascope.doc_text import doc_text
from narrascope.spans import span_dict

# an attribution that reports a perception or an intention ("Iran witnessed a terrorist incident",
# "the regime will now seek to justify ...": `cue_class`, attribution/cue_class.py) has no statement
# about the world as its content, so the claim around it stays the author's (session 14)
NON_STATEMENT_CLASSES = frozenset({"perception", "intention"})


def reports(attribution: dict[str, Any]) -> bool:
    """Whether an attribution can make the claim it holds or frames `reported`. Not one that reports a
    perception or an intention (above), and not a belief nobody is said to hold ("seems", "especially
    considering", "is considered"): with no source, the belief is the article's own reasoning or hedge,
    so the claim stays the author's and the hedge lexicon decides its status (session 16)."""
    klass = attribution.get("cue_class")
    if klass in NON_STATEMENT_CLASSES:
        return False
    return not (klass == "belief" and attribution.get("kind") == "no_source")


@functools.lru_cache(maxsize=1)
def _asides() -> tuple[str, ...]:
    return tuple(row[0].lower() for row in read_tsv("author_asides.tsv") if row and row[0])


def author_aside(text: str, attribution: dict[str, Any]) -> bool:
    """An attribution with no source whose cue ends an impersonal frame of the writer's own ("It is
    worth noting that", "It should be noted that": data/claims/author_asides.tsv): the claim it frames
    is said in the article's voice, so it stays the author's (session 15)."""
    cue = attribution.get("cue")
    if attribution.get("kind") != "no_source" or not isinstance(cue, dict) or not isinstance(cue.get("end"), int):
        return False
    before = " ".join(text[max(0, cue["end"] - 40):cue["end"]].lower().split())
    return before.endswith(_asides())


PRECEDENCE = ["denied", "questioned", "speculative", "hedge", "reported"]
STATUS_OF = {"denied": "denied", "questioned": "questioned", "speculative": "speculative",
             "hedge": "hedged", "reported": "reported"}
NUM_ENTS = {"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW"}
DATE_ENTS = {"DATE", "TIME"}
EVENT_LEMMAS = {
    "kill", "attack", "bomb", "explode", "shoot", "wound", "injure", "die", "arrest", "execute",
    "detain", "storm", "target", "claim", "carry", "cooperate", "collaborate", "fund", "sponsor",
    "support", "arm", "train", "order", "plan", "organize", "organise", "launch", "seize",
    "torture", "kidnap", "abduct", "protest", "suppress", "crack", "ban", "sanction", "accuse",
    "cause", "result", "lead", "benefit", "increase", "decrease", "rise", "fall", "win", "lose",
}
CAUSAL = {"because", "since", "therefore", "thus", "hence", "due", "result", "cause", "lead"}
FIRST_PERSON = {"i", "we", "me", "my", "our", "us"}
OPINION_VERBS = {"think", "believe", "feel", "hope", "wish", "guess", "suppose"}
DEONTIC = {"must", "should", "ought", "need"}
MIN_WORDS = 4


def segments(doc: Doc) -> Iterator[Span]:
    """Sentences, cut at line breaks, without leading/trailing spaces and bullet marks."""
    sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sents:
        start = sent.start
        for i in range(sent.start, sent.end + 1):
            at_break = i == sent.end or (doc[i].is_space and "\n" in doc[i].text)
            if not at_break:
                continue
            a, b = start, i
            while a < b and (doc[a].is_space or (doc[a].is_punct and doc[a].text not in "\"“‘'")):
                a += 1
            while b > a and doc[b - 1].is_space:
                b -= 1
            if b > a:
                yield doc[a:b]
            start = i + 1


def _checkworthy(seg: Span, status: str, attributed: bool, disputed: bool = False) -> tuple[float, bool]:
    """(score 0..1, is a statement at all), from one pass over the segment's tokens. `disputed`: the
    statement tells of someone's denial without being denied itself; it counts as a dispute to check."""
    n_words = 0
    has_verb = has_num = has_actor = has_date = has_event = has_causal = False
    first_person = opinion_verb = False
    modals: list[int] = []
    haves: set[int] = set()
    for k, tok in enumerate(seg):
        low = tok.lower_
        if tok.is_alpha:
            n_words += 1
        pos = tok.pos_
        if pos == "VERB" or pos == "AUX":
            has_verb = True
        ent = tok.ent_type_
        if ent:
            has_num = has_num or ent in NUM_ENTS
            has_actor = has_actor or ent in ACTOR_ENTS
            has_date = has_date or ent in DATE_ENTS
        if tok.like_num:
            has_num = True
        lemma = tok.lemma_.lower()
        has_event = has_event or lemma in EVENT_LEMMAS
        has_causal = has_causal or lemma in CAUSAL
        first_person = first_person or low in FIRST_PERSON
        opinion_verb = opinion_verb or lemma in OPINION_VERBS
        if low in DEONTIC and tok.tag_ == "MD":
            modals.append(k)
        elif low in ("have", "'ve", "’ve"):
            haves.add(k)
    # "must be designated" is a demand; "must have known" is an inference
    deontic = any(m + 1 not in haves and m + 2 not in haves for m in modals)
    if n_words < MIN_WORDS or not has_verb:
        return 0.0, False
    x = -1.4
    x += 0.9 if has_num else 0.0
    x += 0.7 if has_actor else 0.0
    x += 0.4 if has_date else 0.0
    x += 0.6 if has_event else 0.0
    x += 0.4 if has_causal else 0.0
    x += 0.3 if attributed or status == "reported" else 0.0
    x += 0.5 if status in ("hedged", "speculative", "denied") or disputed else 0.0  # inference or dispute to check
    x -= 0.7 if (first_person and opinion_verb) else 0.0
    x -= 0.8 if deontic else 0.0
    x -= 0.6 if status == "questioned" and seg[-1].text == "?" else 0.0
    x -= 0.5 if n_words > 60 else 0.0
    return 1.0 / (1.0 + math.exp(-x)), True


class ClaimExtractor:
    def __init__(self, nlp, min_checkworthy: float = 0.2, split_clauses: bool = True,
                 context_support: bool = False) -> None:
        self.cues = CueMatcher(nlp)
        self.support = SupportFinder(nlp)
        self.min_checkworthy = min_checkworthy
        self.split_clauses = split_clauses
        self.context_support = context_support

    def units(self, doc: Doc, attributions: list[dict[str, Any]]) -> Iterator[Span]:
        """Claim candidates in text order: segments, or their clauses with `split_clauses`."""
        if not self.split_clauses:
            yield from segments(doc)
            return
        split = ClauseSplitter(doc, attributions, MIN_WORDS)
        for seg in segments(doc):
            yield from split(seg)

    def __call__(self, doc: Doc, attributions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        text = doc_text(doc)
        # the attributions that can make a claim `reported`: by their content, or as its frame
        stating = [a for a in attributions if reports(a) and not author_aside(text, a)]
        frames = sorted((a["cue"]["start"], a["cue"]["end"], a["content"]["start"], a["content"]["end"], a["id"])
                        for a in stating
                        if isinstance(a.get("cue"), dict) and "start" in a["cue"] and a.get("id")
                        and isinstance(a.get("content"), dict) and "start" in a["content"])
        cue_chars = [(f[0], f[1]) for f in frames]
        # "according to" reports only when its object names a source (as for support) or the
        # attribution component read it as a cue ("according to two aides")
        cues = [c for c in self.cues(doc)
                if not (c.kind == "reported" and self.support.names_no_source(doc, c.start, c.end)
                        and not _overlaps(cue_chars, doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])))]
        cue_starts = [c.start for c in cues]
        contents = sorted(
            ((a["content"]["start"], a["content"]["end"], a["id"]) for a in stating
             if isinstance(a.get("content"), dict) and a.get("id")), key=lambda r: r[0])
        content_ends_max = _prefix_max([c[1] for c in contents])
        content_of = {aid: (start, end) for start, end, aid in contents}
        cue_of = {f[4]: (f[0], f[1]) for f in frames}
        support = ClaimSupport(doc, text, self.support.marks(doc), attributions)
        context = ContextSupport(doc, text, attributions, carry=self.context_support)
        voices = QuotedVoices(text, stating)
        speakers = SpeakerLines(text, attributions)
        claims: list[dict[str, Any]] = []
        for seg in self.units(doc, attributions):
            lo = bisect.bisect_left(cue_starts, seg.start)
            hi = bisect.bisect_left(cue_starts, seg.end)
            seg_cues = [c for c in cues[lo:hi] if c.end <= seg.end]
            attribution_id = _best_attribution(contents, content_ends_max, seg.start_char, seg.end_char)
            by_content = attribution_id is not None
            if attribution_id is None:  # a sentence in the middle of a quotation is its speaker's
                attribution_id = voices.speaker(seg.start_char, seg.end_char)
            # a denial or doubt told about someone else is not the claim's status (_others_act); inside
            # the content of the attribution that asserts the claim, the content's own predicate counts,
            # and a cue that is that attribution's cue ("the mayor firmly denied that ...") is its own
            own_cue = cue_of.get(attribution_id)
            others = [c for c in seg_cues if c.kind in act_lemmas()  # before _own_part: most cues tell of no act
                      and _others_act(doc, _own_part(doc, seg, content_of.get(attribution_id), c), c)
                      and not (own_cue and _overlaps([own_cue], doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])))]
            if others:
                seg_cues = [c for c in seg_cues if c not in others]
            # a reporting participle used as an adjective ("the newly revealed documents") reports nothing (session 17)
            seg_cues = [c for c in seg_cues if not (c.kind == "reported" and c.end - c.start == 1
                                                    and doc[c.start].dep_ == "amod")]
            # nor does a noun that names reports without reporting their content ("denying claims of ...") (session 18)
            seg_cues = [c for c in seg_cues if not _naming_reports(doc, c)]
            status, deciding = _status(seg, seg_cues, attribution_id is not None)
            asking = status == "questioned" and doc[deciding[0].start].text == "?"
            speaker = speakers.speaker(seg.start_char) if asking else None
            if speaker is not None:  # a question on a transcript's speaker line is the speaker's (session 18)
                attribution_id = speaker
            elif attribution_id is None and status == "reported":
                attribution_id = _framing(frames, doc, seg, deciding)
            elif by_content and asking and _writers_question(doc, seg, deciding[0], voices):
                attribution_id = None
            score, is_statement = _checkworthy(seg, status, attribution_id is not None, disputed=bool(others))
            if not is_statement or score < self.min_checkworthy:
                continue
            cue_spans = [span_dict(text, doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1].text),
                                   kind=c.kind) for c in deciding]
            asserted_by = attribution_id or "author"
            reporting = ([(c.start, c.end) for c in deciding if c.kind == "reported"]
                         if attribution_id is None and status == "reported" else [])
            backing = support(seg, attribution_id, reporting)
            if not backing and asserted_by == "author":
                backing = context(seg)
            claims.append({
                "id": f"c{len(claims) + 1}",
                **span_dict(text, seg.start_char, seg.end_char),
                "asserted_by": asserted_by,
                "status": status,
                "cues": cue_spans,
                "checkworthy": round(score, 3),
                "boosters": [span_dict(text, doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1].text))
                             for c in seg_cues if c.kind == "booster"],
                "support": backing,
                "unsupported": unsupported(asserted_by, status, backing),
                "support_in_claim": in_claim(backing),
            })
        return claims


# a noun that is the subject of a clause ("reports show", "conflicting reports were issued by officials") or
# the object of "in"/"by" on a verb ("named in media reports as ...") presents the reports as the claim's source
SOURCE_NOUN_DEPS = frozenset({"nsubj", "nsubjpass"})
SOURCE_NOUN_PREPS = frozenset({"in", "by"})


def _naming_reports(doc: Doc, cue: Cue) -> bool:
    """A one-word reporting cue that is a noun ("claims", "reports") and names reports without presenting
    them as the claim's source: "could blunt Republican claims", "denying claims of plagiarism", "must file
    their finance reports". Such a cue does not make the claim `reported` (session 18); a subject ("new
    reports show ...") or the object of "in"/"by" on a verb ("named in media reports as ...") still does."""
    if cue.kind != "reported" or cue.end - cue.start != 1 or not doc[cue.start].tag_.startswith("NN"):
        return False
    tok = doc[cue.start]
    if tok.dep_ in SOURCE_NOUN_DEPS:
        return False
    return not (tok.dep_ == "pobj" and tok.head.lower_ in SOURCE_NOUN_PREPS and tok.head.head.pos_ in ("VERB", "AUX"))


def _status(seg: Span, cues: list[Cue], attributed: bool) -> tuple[str, list[Cue]]:
    kinds = {c.kind for c in cues}
    if seg[-1].text == "?" or (len(seg) > 1 and seg[-2].text == "?"):
        q = seg[-1] if seg[-1].text == "?" else seg[-2]
        return "questioned", [Cue("questioned", q.i, q.i + 1)] + [c for c in cues if c.kind == "questioned"]
    for kind in PRECEDENCE:
        if kind in kinds:
            return STATUS_OF[kind], [c for c in cues if c.kind == kind]
    if attributed:
        return "reported", []
    return "asserted", [c for c in cues if c.kind == "booster"]


# a cue that is a form of an act lemma of its status (data/claims/status_cues.tsv, column `act`: verbs
# and nouns of denying and doubting) decides the claim's status only as its own predicate (below); the
# evaluative cues ("baseless", "unfounded", "false claims": no act) are the writer's own judgement
# wherever they stand, and "it is unclear" the writer's own doubt, so they are left alone.
PREDICATE_PATH = frozenset({"conj", "xcomp", "ccomp"})  # "police denied", "continued to deny", "said they denied"
LIGHT_VERBS = frozenset({"be", "issue", "make", "release", "publish", "offer"})  # "issued a denial"


def _own_part(doc: Doc, seg: Span, content: tuple[int, int] | None, cue: Cue) -> Span:
    """The part of the claim whose predicate a cue is judged against: the claim, or, when the cue lies
    inside the content of the attribution that asserts the claim ("..., in which she said, 'I firmly deny this
    accusation.'"), the part of the claim inside that content (the speaker's own words)."""
    if content is None:
        return seg
    start, end = doc[cue.start].idx, doc[cue.end - 1].idx + len(doc[cue.end - 1])
    if not (content[0] <= start and end <= content[1]):
        return seg
    part = doc.char_span(max(content[0], seg.start_char), min(content[1], seg.end_char), alignment_mode="contract")
    return part if part is not None and len(part) and part.start <= cue.start and cue.end <= part.end else seg


def _others_act(doc: Doc, seg: Span, cue: Cue) -> bool:
    """A cue whose head is a form of an act lemma of its status (status_cues.tsv, column `act`: a verb
    or noun of denying or doubting) that tells of someone else's act inside the claim rather than being
    its predicate: a relative clause or participle ("the charge, which the mayor has denied", "a report
    denied by officials", "the account, which critics have questioned"), a noun ("the minister's denial
    came late", "amid doubts raised by the opposition"), an adverbial clause ("after denying it", "when
    questioned by reporters"). Such a cue does not make the author's sentence `denied` or `questioned`;
    the other cues and the attribution decide (session 16, defects round 2, for denials; session 17 for
    doubts, the same rule). A cue on the claim's main verb, or on a verb linked to it by conj / xcomp /
    ccomp only, or a noun that is the object or attribute of a light verb at the root ("issued a
    denial"), is the claim's own; so is an -ing form right after a root "be" that the small parser read
    as an adjective ("they are also doubting claims ...")."""
    lemmas = act_lemmas().get(cue.kind)
    if not lemmas:
        return False
    head = doc[cue.start:cue.end].root
    if head.lemma_.lower() not in lemmas and head.lower_ not in lemmas:
        return False  # e.g. a title-case headline word the tagger read as a name ("Judge Rejects Bid")
    root = seg.root
    if head.pos_ == "NOUN":
        return not (head.dep_ in ("attr", "dobj") and head.head == root
                    and root.lemma_.lower() in LIGHT_VERBS) and head != root
    if head.tag_ == "VBG" and head.dep_ == "amod" and _after_root_be(doc, seg, head):
        return False  # "they are also doubting claims": a progressive the small parser read as an adjective
    tok = head
    while tok != root:
        if tok.dep_ not in PREDICATE_PATH or tok.head == tok or not (seg.start <= tok.head.i < seg.end):
            return True
        tok = tok.head
    return False


def _writers_question(doc: Doc, seg: Span, mark: Cue, voices: QuotedVoices) -> bool:
    """A question an attribution holds only because its content covers it is the writer's own when its
    question mark stands outside every quotation (session 17, claims round 2). The tagger often makes a
    cue of a verb inside the writer's rhetorical question ("Do they believe ...?", "What would he think
    ...?", "Who could still trust ...?") and its content of the rest; a speaker's question is
    quoted ("he asked, 'Do you ...?'"). Quotation marks are paired here at any length (paired), not only
    the several-sentence quotations whose voice QuotedVoices gives; an opening mark earlier in the
    sentence that nothing closes before the question mark counts as quoting it. An unquoted transcript
    line ("Name: You were aware ...?") is decided before this, as its speaker's (speaker_lines.py, session 18)."""
    sent = doc[mark.start].sent
    return not voices.is_quoted(doc[mark.start].idx, min(sent.start_char, seg.start_char))


def _after_root_be(doc: Doc, seg: Span, tok) -> bool:
    """The word before `tok`, adverbs skipped, is a form of "be" that is the claim's root."""
    i = tok.i - 1
    while i >= seg.start and doc[i].pos_ == "ADV":
        i -= 1
    return i >= seg.start and doc[i] == seg.root and doc[i].lemma_.lower() == "be"


def _prefix_max(values: list[int]) -> list[int]:
    out, best = [], -1
    for v in values:
        best = max(best, v)
        out.append(best)
    return out


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """One of the sorted, short character ranges overlaps [start, end)."""
    i = bisect.bisect_left(ranges, (end,))
    return any(s < end and start < e for s, e in ranges[max(0, i - 4):i])


def _framing(frames: list[tuple[int, int, int, int, str]], doc: Doc, seg: Span,
             deciding: list[Cue]) -> str | None:
    """The attribution that frames a `reported` claim: its cue decided the status and is the
    claim's main verb (or "according to" on it), and its content (MIN_WORDS words or more) lies
    inside the claim. "The Observatory revealed the presence of an alliance ..., a collaboration
    between ..." is the Observatory's even where the content covers less than a third of the
    sentence; a cue in a relative clause ("a fire that the police chief described as ...") frames
    nothing."""
    root = seg.root
    for cue in deciding:
        start, end = doc[cue.start].idx, doc[cue.end - 1].idx + len(doc[cue.end - 1])
        head = doc[cue.start:cue.end].root
        if not (head == root or (head.dep_ == "prep" and head.head == root)):
            continue
        i = bisect.bisect_left(frames, (end,))
        for c_start, c_end, k_start, k_end, aid in frames[max(0, i - 4):i]:
            if (c_start < end and start < c_end and seg.start_char <= k_start and k_end <= seg.end_char
                    and len(doc.char_span(k_start, k_end, alignment_mode="expand") or ()) >= MIN_WORDS):
                return aid
    return None


def _best_attribution(contents: list[tuple[int, int, str]], ends_max: list[int],
                      start: int, end: int) -> str | None:
    """The attribution whose content covers most of [start, end) (at least a third of it)."""
    if not contents:
        return None
    hi = bisect.bisect_left(contents, (end,))  # contents starting before the segment ends
    best, best_overlap = None, 0
    i = hi - 1
    floor = max(-1, hi - 64)  # bounded look-back keeps this linear on huge documents
    while i > floor and ends_max[i] > start:
        c_start, c_end, aid = contents[i]
        overlap = min(end, c_end) - max(start, c_start)
        if overlap > best_overlap:
            best, best_overlap = aid, overlap
        i -= 1
    if best is not None and best_overlap * 3 >= (end - start):
        return best
    return None

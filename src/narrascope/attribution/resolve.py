"""Source resolution: which entity a source refers to, and what kind of source it is.

- A named source takes the entity (from `doc._.entities`) that holds its syntactic head; a bare
  surname ("Rajavi") whose entity is not linked to the KB takes the earlier full-name mention.
- A pronoun ("he", "they") takes the last source (else the last entity) of a compatible kind.
- A relative pronoun ("various MPs who claimed") stands for the noun its clause modifies: that
  noun phrase is recorded as `source_antecedent` and resolved in the pronoun's place (PolNeAR
  marks the pronoun alone as the source, so the span stays "who"; session 14).
- A definite description ("the source", "the minister") takes the last source with the same
  head noun or a role noun of its class ("the lawyer" after "the family's attorney, NAME,";
  data/attribution/role_synonyms.tsv); a role title ("the Supreme Leader") asks the KB who held it
  on the publication date (`narrascope.actors.kb`, used when present); an organisation noun ("the
  department") takes the last organisation whose name holds it, else the last one named.
- A proper-noun head no entity holds, after a person's title ("Police Chief <name>"), is a person.
- Session 17, round 2: the writer's own "we" (outside every quotation and every other attribution's
  content) is the article's author, no entity; a possessive description ("his attorneys") repeats an earlier
  source of the same head when nothing else competes; a person-title description ("the police chief") with no
  earlier holder of that title takes the person named with it in the next sentences ("Police Chief <name>").
- Session 18: in a transcript ("HOST: ..." speaker lines), a speaker label read as a source and the "I"
  of a turn are the turn's speaker (transcripts.py), not the last person named.
- Session 18, round 3: a gendered pronoun ("she") whose choice above is a person the same text writes after an
  honorific of the other gender ("Mr. <surname>"; data/attribution/gender_honorifics.tsv) takes the nearest person
  before it that the text gives the pronoun's gender, if any. Only the text's honorifics: no name-gender list ships
  (none in the environment; a hand-made one would be guessed), so a person with no honorific keeps the choice.
- Session 19 (`group_antecedents`, default GROUP_ANTECEDENTS, on): "it" / "they" / "them" take the nearest
  agreeing main-clause subject or earlier source in their sentence and the two before (quoted sentences not counted):
  its resolution if a source, else its ORG/NORP/GPE/FAC entity, else the noun phrase as `source_antecedent`; an
  expletive "it" ("it is said that") and "as they say" stand for nobody.
- `source_type` comes from the entity's KB type, else its NER label (an outlet's name types media by
  its last word), else the head word's entry in data/attribution/source_types.tsv and
  source_type_heads.tsv.
"""

from __future__ import annotations

import bisect
import functools
import re

from spacy.tokens import Doc, Token

from narrascope.attribution.lexicon import (gender_honorifics, media_name_words, name_titles, official_modifiers,
                                            role_synonyms, source_type_words, source_typing_words)
from narrascope.attribution.quotes import CLOSE, MARKS, STRAIGHT, find_quotes
from narrascope.attribution.rules import np_range
from narrascope.attribution.title_index import TitleIndex, person_named
from narrascope.attribution.title_index import is_person as person_entity  # `is_person` names a local below
from narrascope.attribution.transcripts import Transcript, Turn
from narrascope.doc_text import doc_text
from narrascope.spans import from_span, pieces

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
GROUP_PRONOUNS = {"they", "them", "it", "we", "us"}
PERSON_TITLES = {"minister", "president", "leader", "spokesman", "spokeswoman", "spokesperson",
                 "official", "commander", "general", "chief", "secretary", "ambassador", "governor",
                 "senator", "candidate", "prime", "king", "cleric", "ayatollah", "mayor", "director",
                 "man", "woman", "lawmaker", "analyst", "expert"}
ORG_NOUNS = {"organization", "organisation", "group", "ministry", "observatory", "agency", "council",
             "party", "movement", "government", "regime", "committee", "company", "network",
             "channel", "newspaper", "army", "force", "forces", "guard", "opposition", "department", "office",
             "bureau"}
MEDIA_TYPES = {"media"}
RELATIVE_PRONOUNS = {"who", "whom", "which", "that"}
AUTHOR_PRONOUNS = {"we"}  # the writer's "I" measured 74 % right alone (session 17, round 2): not kept
POSSESSIVE_DETERMINERS = {"his", "her", "their", "its"}
MALE_PRONOUNS = {"he", "him"}
FEMALE_PRONOUNS = {"she", "her"}
KB_ORG_TYPES = {"state", "government_body", "security_force", "armed_group", "political_party",
                "opposition_group", "ngo"}
# session 19: "it" / "they" take the nearest agreeing subject or source of the same or the previous
# ANTECEDENT_SENTENCES sentences (_group_pronoun), not the last organisation named anywhere before. On by the lead's
# decision against the pre-registered bar: on three fresh PolNeAR train samples 83 %, 89 % and 75 % of the referents
# it named were right (bar 80 %, missed on the last), where the session-18 choice it replaces was right on 12 of the
# same 150 changed sources (1 of 50 on the last); docs/history/attribution.md, session 19. False: session 18's choice
GROUP_ANTECEDENTS = True
ANTECEDENT_PRONOUNS = {"it", "they", "them"}
ANTECEDENT_SENTENCES = 2
QUOTED_SENTENCES = 6  # sentences read back at most, when quoted ones are not counted
GROUP_LABELS = {"ORG", "NORP", "GPE", "FAC"}
NUMBER_LABELS = {"CARDINAL", "PERCENT", "DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"}
EXPLETIVE_HEADS = {"be", "seem", "appear"}
GENERIC_VERBS = {"say", "put"}  # "as they say": nobody in particular


def antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for when it is the subject of its clause ("various MPs
    who claimed" -> "MPs"), else None."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "relcl":
        noun = tok.head.head
        if noun.pos_ in ("NOUN", "PROPN") and noun.i < tok.i:
            return noun
    return None


def _kb():
    try:
        from narrascope.actors.kb import load_kb
    except ImportError:
        return None
    try:
        return load_kb()
    except Exception:  # noqa: BLE001 - a broken KB must not stop attribution
        return None


def type_of_entity(ent: dict) -> str | None:
    etype, label = ent.get("type"), ent.get("label")
    if etype == "person":
        return "named_person"
    if etype in MEDIA_TYPES:
        return "media"
    if etype in KB_ORG_TYPES:
        return "named_organization"
    if label == "PERSON":
        return "named_person"
    # the last word of the name says an outlet ("... Journal", "... News") whatever the NER label (one
    # outlet's name came out EVENT; session 17): source_types.tsv's media words and media_name_words.tsv
    last = (ent.get("text", "").split()[-1:] or [""])[0].lower()
    if last in media_name_words() or source_type_words().get(last) == "media":
        return "media"
    if label in ("ORG", "NORP", "GPE", "FAC"):
        return "named_organization"
    return None


def _author_voice(ctx: _DocContext, att: dict, src: dict) -> bool:
    """The source lies outside every quotation and every other attribution's content (so it is not a
    quoted or reported speaker's "I"), is not the tail of a quotation continued onto a new line without an
    opening mark, and is not in an embedded post (a credit line "— <name> (@handle) <date>" follows)."""
    a, b = src["start"], src["end"]
    if any(qs <= a and b <= qe for qs, qe in ctx.quotes):
        return False
    for other in ctx.atts:
        if other is not att and any(cs <= a and b <= ce for cs, ce in pieces(other.get("content"))):
            return False
    text = ctx.text
    ls = text.rfind("\n", 0, a) + 1
    le = text.find("\n", b)
    le = len(text) if le < 0 else le
    # quotes.find_quotes closes an unopened quotation at the line's end; a line with no mark before the
    # source whose first mark after it closes a quotation is the rest of one opened on an earlier line
    if not any(ch in MARKS for ch in text[ls:a]):
        first = next((ch for ch in text[b:le] if ch in MARKS), None)
        straight = sum(text[ls:le].count(m) for m in STRAIGHT)
        if first in CLOSE or (first in STRAIGHT and straight % 2 == 1):
            return False
    return not any(line[:1] in "—–-" and "(@" in line for line in _next_lines(text, le, 3))


def _turn_speaker(ctx: _DocContext, att: dict, src: dict, low: str, n_tokens: int) -> Turn | None:
    """The transcript turn whose speaker `src` is: a label's name ("HOST:"), or an "I" in the turn's body
    outside every quotation and outside the content of every attribution whose source is in that body
    (another speaker the host quotes); None otherwise (session 18)."""
    transcript = ctx.transcript
    if not transcript.turns:
        return None
    a, b = src["start"], src["end"]
    turn = transcript.label_of(a, b)
    if turn is not None:
        return turn
    if low != "i" or n_tokens != 1:
        return None
    turn = transcript.turn_of(a, b)
    if turn is None or any(qs <= a and b <= qe for qs, qe in ctx.quotes):
        return None
    bs, be = turn.body
    for other in ctx.atts:
        osrc = other.get("source")
        if other is att or osrc is None or not (bs <= osrc["start"] and osrc["end"] <= be):
            continue
        if any(cs <= a and b <= ce for cs, ce in pieces(other.get("content"))):
            return None
    return turn


def surname_genders(text: str) -> dict[str, str]:
    """Surname -> "m"/"f" from the honorifics the text writes before it ("Ms. Lynch"); a surname written after
    honorifics of both genders is left out (unknown)."""
    words = gender_honorifics()
    if not words:
        return {}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\.? +([A-Z][\w'’-]+)")
    seen: dict[str, set[str]] = {}
    for m in pattern.finditer(text):
        seen.setdefault(m.group(2), set()).add(words[m.group(1)])
    return {name: next(iter(g)) for name, g in seen.items() if len(g) == 1}


def _next_lines(text: str, pos: int, n: int) -> list[str]:
    """The first `n` non-empty lines after `pos`, stripped; reads only as far as they reach (not the rest of
    the text, which a split would copy for every source)."""
    out: list[str] = []
    while len(out) < n and pos < len(text):
        end = text.find("\n", pos + 1)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if line:
            out.append(line)
        pos = end
    return out


class _DocContext:
    """What resolving one document's sources reads besides each attribution: held per `resolve` call, not
    on the resolver, which a pipeline shares between documents (and between threads); the quotations and the
    title index are found on first use."""

    def __init__(self, doc: Doc, atts: list[dict], entities: list[dict]) -> None:
        self.doc, self.atts, self.entities = doc, atts, entities
        self.text = doc_text(doc)

    @functools.cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return find_quotes(self.text)

    @functools.cached_property
    def titles(self) -> TitleIndex:
        return TitleIndex(self.doc, self.entities)

    @functools.cached_property
    def genders(self) -> dict[str, str]:
        """Entity id -> "m"/"f" for the PERSON entities whose last word the text writes after a gendered
        honorific (surname_genders)."""
        by_name = surname_genders(self.text)
        out = {}
        for e in self.entities:
            last = (e.get("text", "").split()[-1:] or [""])[0]
            last = last[:-2] if last[-2:] in ("'s", "’s") else last
            if e.get("id") and last in by_name:
                out[e["id"]] = by_name[last]
        return out

    def other_gender(self, pronoun: str, entity_id) -> bool:
        """The pronoun is gendered and the text gives the entity the other gender."""
        want = "m" if pronoun in MALE_PRONOUNS else "f" if pronoun in FEMALE_PRONOUNS else None
        have = self.genders.get(entity_id) if want and entity_id else None
        return have is not None and have != want

    @functools.cached_property
    def sent_starts(self) -> list[int]:
        return [s.start for s in self.doc.sents]

    @functools.cached_property
    def transcript(self) -> Transcript:
        return Transcript(self.text, self.entities)


class SourceResolver:
    def __init__(self, use_kb: bool = True, group_antecedents: bool | None = None) -> None:
        self.kb = _kb() if use_kb else None
        # session 19: "it" / "they" by the nearest agreeing subject (_group_pronoun); off gives session 18's choice
        self.group_antecedents = GROUP_ANTECEDENTS if group_antecedents is None else group_antecedents
        self.words = source_typing_words()
        self.official = official_modifiers()
        self.synonyms = role_synonyms()

    def resolve(self, doc: Doc, atts: list[dict]) -> None:
        """Fill `source_entity`, `source_type` and `source_refers_to` on spec dicts, in order."""
        entities = [e for e in (doc._.entities or []) if isinstance(e, dict) and "start" in e]
        history: list[dict] = []
        ctx = _DocContext(doc, atts, entities)
        for att in atts:
            src = att.get("source")
            att.setdefault("source_entity", None)
            att.setdefault("source_type", None)
            att.setdefault("source_refers_to", None)
            att.setdefault("source_antecedent", None)
            if src is None:
                if att.get("kind") == "no_source":
                    att["source_type"] = None
                continue
            self._resolve_one(ctx, att, src, history)
            history.append(att)

    def _head(self, doc: Doc, src: dict):
        span = doc.char_span(src["start"], src["end"], alignment_mode="expand")
        if span is None or len(span) == 0:
            return None, None
        return span, span.root

    def _resolve_one(self, ctx: _DocContext, att, src, history) -> None:
        doc, entities = ctx.doc, ctx.entities
        span, head = self._head(doc, src)
        if head is None:
            return
        noun = antecedent(head) if len(span) == 1 else None
        if noun is not None:
            # 0. a relative pronoun: resolve the noun phrase it stands for instead
            s, e = np_range(noun)
            ante = from_span(doc[s:e])
            att["source_antecedent"] = ante
            self._resolve_one(ctx, att, ante, history)
            return
        lemma = head.lemma_.lower()
        low = head.lower_
        # 0b. a transcript's speaker: the label ("HOST:") or the "I" of its turn (session 18; transcripts.py)
        turn = _turn_speaker(ctx, att, src, low, len(span))
        if turn is not None:
            att["source_type"] = "named_person"
            att["source_entity"] = turn.entity.get("id") if turn.entity else None
            return
        # 1. a named entity in the source
        inside = [e for e in entities if e["start"] >= src["start"] and e["end"] <= src["end"]]
        if inside:
            holding = [e for e in inside if e["start"] <= head.idx < e["end"]]
            ent = holding[0] if holding else None
            if ent is None and head.pos_ == "PROPN":
                ent = inside[-1]
            if ent is None:
                ent = self._appositive_name(doc, head, inside)
            if ent is not None:
                ent = self._full_mention(ent, entities)
                att["source_entity"] = ent.get("id")
                att["source_type"] = type_of_entity(ent) or "named_organization"
                # "<network> affiliate <call letters>", "the newspaper <name>": a media noun before the name
                if att["source_type"] == "named_organization" and self._media_title(span, head):
                    att["source_type"] = "media"
                return
        # 1b. a name the NER missed, after a person's title ("Police Chief <name>"): a person, and the
        # PERSON entity the name is given elsewhere in the text, if any (session 17)
        if head.pos_ == "PROPN" and self._titled(span, head):
            att["source_type"] = "named_person"
            ent = person_named(head, entities, src)
            if ent is not None:
                att["source_entity"] = ent.get("id")
            return
        # 2. pronouns. The writer's own "we" (AUTHOR_PRONOUNS), outside quotations and reported content, is the article's
        # author: no entity (it took the last organisation or person named; session 17, round 2). The spec
        # has no author type: the type is the one an unresolved pronoun gets
        if low in AUTHOR_PRONOUNS and len(span) == 1 and _author_voice(ctx, att, src):
            att["source_type"] = "named_person" if low in PERSON_PRONOUNS else "anonymous"
            return
        if low in ANTECEDENT_PRONOUNS and len(span) == 1 and self.group_antecedents:
            self._group_pronoun(ctx, att, head, low, history)
            return
        if low in PERSON_PRONOUNS | GROUP_PRONOUNS and len(span) == 1:
            want_person = low in PERSON_PRONOUNS
            before = [e for e in entities if e["end"] <= src["start"]]
            chosen = self._pronoun_choice(history, before, want_person)
            if chosen is not None and ctx.other_gender(low, chosen.get("source_entity", chosen.get("id"))):
                # "she" after a source the text calls "Mr.": the nearest person the text gives her gender;
                # none -> the choice stays (session 18, round 3)
                chosen = self._same_gender(ctx, low, before) or chosen
            if chosen is None:
                att["source_type"] = "named_person" if want_person else "anonymous"
            else:
                self._take(att, chosen)
            return
        definite = span[0].lower_ in ("the", "this", "that", "these", "those") 
        # 2b. "his attorneys" after "attorneys for the family": a possessive description repeats an earlier
        # source of the same head (or role class) when those sources are one entity (session 17, round 2)
        if self._possessive_repeat(doc, att, span, head, history):
            return
        # 3. definite description repeating an earlier source's head noun ("the source"), or a role noun
        # of the same class ("the lawyer" after "the family's attorney, NAME,"; role_synonyms.tsv)
        if definite:
            stem = lemma.rstrip("s")
            # a role noun of another word only for a bare description: "the lawyer for <client>" names
            # a lawyer of its own, not the attorney quoted before
            klass = self._role_class(head) if self._bare(span, head) else None
            for prev in reversed(history):
                pspan, phead = self._head(doc, prev["source"])
                if phead is not None and (phead.lemma_.lower().rstrip("s") == stem
                                          or (klass is not None and self._role_class(phead) == klass)):
                    self._copy(att, prev)
                    return
            # 4. a role title the KB knows ("the Supreme Leader")
            ent = self._kb_title(doc, span, entities)
            if ent is not None:
                att["source_entity"] = ent.get("id")
                att["source_type"] = type_of_entity(ent)
                return
            if lemma in PERSON_TITLES or lemma in ORG_NOUNS:
                want_person = lemma in PERSON_TITLES
                before = [e for e in entities if e["end"] <= src["start"]]
                if want_person:
                    # "the police chief" before she is named: the last person named is often the victim; a
                    # person named with that title in the next sentences is the one (session 17, round 2)
                    later = ctx.titles.later(span, head)
                    if later is not None:
                        att["source_entity"] = later.get("id")
                        att["source_type"] = type_of_entity(later)
                        return
                if not want_person:
                    # "the department" is the last organisation whose name holds the word ("... Police
                    # Department"), before any organisation named last (session 17)
                    named = [e for e in before if e.get("label") == "ORG"
                             and lemma in e.get("text", "").lower().replace("-", " ").split()]
                    before = before + named[-1:]
                for ent in reversed(before):
                    is_person = person_entity(ent)
                    if is_person == want_person and (is_person or ent.get("label") == "ORG"):
                        att["source_entity"] = ent.get("id")
                        # "the newspaper" taken to the last ORG named: the head word says what kind of
                        # organisation it is even where the entity's name does not (a paper called
                        # "the Dayton Ledger-Star" types as an organisation by its name; session 16)
                        by_head = self.words.get(lemma) or self.words.get(low)
                        att["source_type"] = "media" if by_head == "media" else type_of_entity(ent)
                        return
        # 5. unnamed: the head word decides
        att["source_type"] = self._word_type(span, head)

    @staticmethod
    def _pronoun_choice(history: list[dict], before: list[dict], want_person: bool) -> dict | None:
        """The last source with an entity (an attribution dict), else the last entity (an entity dict), of the
        pronoun's kind: a person for he/she/I, an organisation or place for they/it/we."""
        for prev in reversed(history):
            if prev.get("source_entity") and (prev.get("source_type") == "named_person") == want_person:
                return prev
        for ent in reversed(before):
            is_person = person_entity(ent)
            if is_person == want_person and (is_person or ent.get("label") in ("ORG", "NORP", "GPE")):
                return ent
        return None

    def _take(self, att: dict, chosen: dict) -> None:
        """`_pronoun_choice`'s pick: an earlier attribution (its resolution copied) or an entity."""
        if "source_entity" in chosen:
            self._copy(att, chosen)
        else:
            att["source_entity"] = chosen.get("id")
            att["source_type"] = type_of_entity(chosen)

    def _group_pronoun(self, ctx: _DocContext, att: dict, head: Token, low: str, history: list[dict]) -> None:
        """"It" / "they": the nearest compatible antecedent (_group_antecedent). An earlier source there is
        copied; else the organisation, group or place entity holding its head; else the noun phrase is the
        `source_antecedent` and types the source. No antecedent: session 18's choice (_pronoun_choice) when it
        lies in the same sentences, else none. An expletive "it" ("it is said that") or a generic "as they say":
        no entity, `anonymous` (session 19)."""
        att["source_type"] = "anonymous"
        doc = ctx.doc
        # an earlier source by each of its tokens whose head lies outside it: its head, and every piece of a
        # source the parser hung on the verb in fragments ("the email" with "the" and "email" both on "read")
        sources: dict[int, dict] = {}
        for prev in history:
            pspan, _ = self._head(doc, prev["source"])
            if pspan is not None:
                for t in pspan:
                    if not (pspan.start <= t.head.i < pspan.end) or t.head.i == t.i:
                        sources[t.i] = prev
        # the quotations the pronoun is outside of: their sentences are not counted, their subjects are the quoted
        # speaker's words
        quotes = [(a, b) for a, b in ctx.quotes if not (a <= head.idx < b)]
        first = self._window_start(ctx, head, quotes)
        tok = self._group_antecedent(ctx, head, low, sources, first, quotes)
        if tok is None:
            if first is not None:
                # nothing agrees: the last organisation source or entity (session 18's choice) only when it is
                # inside the window, not an organisation named pages before
                lo = doc[first].idx
                before = [e for e in ctx.entities if lo <= e["start"] and e["end"] <= head.idx]
                chosen = self._pronoun_choice(history, before, False)
                if chosen is not None and lo <= (chosen["source"] if "source_entity" in chosen else chosen)["start"]:
                    self._take(att, chosen)
            return
        if tok.i in sources:
            self._copy(att, sources[tok.i])
            return
        if tok.pos_ == "PRON" and not any(c.dep_ == "conj" for c in tok.children):
            return  # a pronoun subject no source holds: nothing more is known of it
        ent = next((e for e in ctx.entities if e["start"] <= tok.idx < e["end"]), None)
        if ent is not None and not person_entity(ent) and ent.get("label") in GROUP_LABELS:
            att["source_entity"] = ent.get("id")
            att["source_type"] = type_of_entity(ent) or "named_organization"
            return
        s, e = np_range(tok)
        att["source_antecedent"] = from_span(doc[s:e])
        att["source_type"] = self._word_type(doc[s:e], tok)

    def _window_start(self, ctx: _DocContext, head: Token, quotes: list[tuple[int, int]]) -> int | None:
        """The first token of the sentences an antecedent is sought in: the pronoun's and the
        ANTECEDENT_SENTENCES before it, not counting sentences wholly inside a quotation the pronoun is outside of
        (at most QUOTED_SENTENCES back). None for an expletive "it" (subject of "be" / "seem" or of a passive:
        "it is said that") and a generic "as they say", which stand for nobody."""
        low = head.lower_
        if low == "it" and (head.dep_ in ("expl", "nsubjpass")
                            or (head.dep_ == "nsubj" and head.head.lemma_.lower() in EXPLETIVE_HEADS)):
            return None
        if low != "it" and head.head.lemma_.lower() in GENERIC_VERBS and any(
                c.lower_ == "as" and c.dep_ == "mark" for c in head.head.children):
            return None
        doc = ctx.doc
        starts = ctx.sent_starts
        k = bisect.bisect_right(starts, head.i) - 1
        first, counted = starts[k], 0
        for j in range(k - 1, max(-1, k - 1 - QUOTED_SENTENCES), -1):
            if counted == ANTECEDENT_SENTENCES:
                break
            first = starts[j]
            words = [t for t in doc[starts[j]:starts[j + 1]] if not t.is_space]
            if not (words and any(a <= words[0].idx and words[-1].idx < b for a, b in quotes)):
                counted += 1
        return first

    def _group_antecedent(self, ctx: _DocContext, head: Token, low: str, sources: dict,
                          first: int | None, quotes: list[tuple[int, int]]) -> Token | None:
        """The nearest subject of a main clause (or piece of an earlier source) before the pronoun, in its sentence
        or the ANTECEDENT_SENTENCES before it, that agrees with it (_agrees). An earlier "it" / "they" counts (its
        own resolution is copied); a relative-pronoun source agrees through the noun it stands for. `first`:
        _window_start (None: the pronoun stands for nobody); `quotes`: the quotations the pronoun is outside of."""
        if first is None:
            return None
        doc = ctx.doc
        ent_label = {}
        for e in ctx.entities:
            if e["end"] <= doc[first].idx or e["start"] >= head.idx:
                continue
            es = doc.char_span(e["start"], e["end"], alignment_mode="expand")
            if es is not None:
                for t in es:
                    ent_label[t.i] = e.get("label")
        for i in range(head.i - 1, first - 1, -1):
            tok = doc[i]
            if tok.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            # a piece of an earlier source, or the subject of a main clause (not of a clause inside one: "others
            # ... highlight how Trump's positions run counter"); an inverted copula's subject is its attr ("On one
            # side are activists and ...")
            subject = tok.dep_ in ("nsubj", "nsubjpass") or (
                tok.dep_ == "attr" and tok.head.lemma_ == "be"
                and not any(c.dep_ in ("nsubj", "expl") for c in tok.head.children))
            if i not in sources and not (subject and tok.head.dep_ in ("ROOT", "conj")):
                continue
            if any(a <= tok.idx < b for a, b in quotes):
                continue
            if tok.pos_ == "PRON":
                noun = antecedent(tok) if i in sources else None
                if noun is not None:
                    if self._agrees(noun, low, ent_label.get(noun.i) or (noun.ent_type_ or None)):
                        return tok
                    continue
                coordinated = any(c.dep_ == "conj" for c in tok.children)
                same = tok.lower_ == "it" if low == "it" else tok.lower_ in ("they", "them")
                if same or (low != "it" and coordinated):
                    return tok
                continue
            if self._agrees(tok, low, ent_label.get(i) or (tok.ent_type_ or None)):
                return tok
        return None

    @staticmethod
    def _agrees(tok: Token, low: str, label: str | None) -> bool:
        """A noun that "it" can stand for (singular, not coordinated, not a person title) or "they" (plural, a
        coordination "X and Y", an organisation or group entity: a named group is "they" too). Never a number
        entity; a person only in a coordination, for "they" (a surname in -s tags plural)."""
        coordinated = any(c.dep_ == "conj" for c in tok.children)
        if label in NUMBER_LABELS or (label == "PERSON" and not (coordinated and low != "it")):
            return False
        if low == "it":
            return tok.tag_ in ("NN", "NNP") and not coordinated and tok.lemma_.lower() not in PERSON_TITLES
        return tok.tag_ in ("NNS", "NNPS") or coordinated or label in ("ORG", "NORP")

    @staticmethod
    def _same_gender(ctx: _DocContext, low: str, before: list[dict]) -> dict | None:
        """The PERSON entity nearest before the pronoun that the text gives the pronoun's gender by an honorific
        (surname_genders): the woman just named, not an earlier woman quoted; None when there is none."""
        want = "m" if low in MALE_PRONOUNS else "f"
        for ent in reversed(before):
            if person_entity(ent) and ctx.genders.get(ent.get("id")) == want:
                return ent
        return None

    def _possessive_repeat(self, doc, att, span, head, history) -> bool:
        """"His attorneys" (possessive pronoun, adjectives, compounds, head; no name) takes the last earlier
        source whose head is the same noun or a role noun of its class, when every such source with an entity
        has the same one (nothing else competes). Copies it; True when it did."""
        if head.pos_ != "NOUN" or len(span) < 2 or span[0].lower_ not in POSSESSIVE_DETERMINERS:
            return False
        if not all(t.i in (head.i, span[0].i) or (t.i < head.i and t.dep_ in ("amod", "compound", "nummod"))
                   for t in span):
            return False
        stem, klass = head.lemma_.lower().rstrip("s"), self._role_class(head)
        same = []
        for prev in history:
            _, phead = self._head(doc, prev["source"])
            if phead is not None and (phead.lemma_.lower().rstrip("s") == stem
                                      or (klass is not None and self._role_class(phead) == klass)):
                same.append(prev)
        if not same or len({p["source_entity"] for p in same if p.get("source_entity")}) > 1:
            return False
        self._copy(att, same[-1])
        return True

    def _titled(self, span, head: Token) -> bool:
        """A person's title among the compounds before a proper-noun head ("Police Chief <name>",
        "Sen. <name>"; name_titles.tsv)."""
        titles = name_titles()
        return any(t.i < head.i and t.dep_ == "compound" and t.lower_.rstrip(".") in titles for t in span)

    def _media_title(self, span, head: Token) -> bool:
        """A media noun compounded on the name ("<network> affiliate <call letters>"), not part of a name."""
        return any(t.i < head.i and t.dep_ == "compound" and t.head.i == head.i and t.ent_type_ == ""
                   and (self.words.get(t.lemma_.lower()) or self.words.get(t.lower_)) == "media" for t in span)

    def _role_class(self, tok: Token) -> str | None:
        """The class of a role noun in role_synonyms.tsv ("attorney", "lawyer", "counsel": one role)."""
        return self.synonyms.get(tok.lemma_.lower()) or self.synonyms.get(tok.lower_)

    @staticmethod
    def _bare(span, head: Token) -> bool:
        """Determiner, adjectives and compounds before the head, nothing after it and no possessive."""
        return all(t.i == head.i or (t.i < head.i and t.dep_ in ("det", "amod", "compound", "nummod"))
                   for t in span)

    def _word_type(self, span, head) -> str:
        words = self.words
        # the head, then its pre-modifiers ("the Fars news agency", "state television"); words after
        # the head belong to a prepositional phrase or a clause about it ("a narrator in the ad",
        # "judges handling lawsuits") and do not type the source
        for tok in [head] + [t for t in span if t.i < head.i]:
            t = words.get(tok.lemma_.lower()) or words.get(tok.lower_)
            if t == "media" or t == "document":
                return t
            if t is not None and tok.i == head.i:
                return t
        if head.pos_ == "PROPN":
            return "named_person" if head.ent_type_ == "PERSON" else "named_organization"
        if head.lower_ in PERSON_PRONOUNS:
            return "named_person"
        # an unknown head with an official modifier before it ("federal examiners", "the county law
        # enforcement support services", "emergency crews") is a public body left unnamed
        # (session 16, defects round 2)
        if head.pos_ == "NOUN" and any(t.lower_ in self.official for t in span if t.i < head.i):
            return "official_anonymous"
        return "vague" if head.pos_ == "NOUN" and head.tag_ == "NNS" else "anonymous"

    def _kb_title(self, doc, span, entities):
        if self.kb is None:
            return None
        text = " ".join(t.text for t in span if t.lower_ not in ("the", "this", "that"))
        try:
            actor = self.kb.holder(text, doc._.published) or self.kb.lookup(text)
        except Exception:  # noqa: BLE001
            return None
        if actor is None:
            return None
        same = [e for e in entities if e.get("kb_id") in (actor.id, actor.qid) and e["end"] <= span.start_char]
        return same[-1] if same else None

    @staticmethod
    def _appositive_name(doc: Doc, head: Token, inside: list[dict]) -> dict | None:
        """A person's name set beside the source's head noun ("the seller's attorney, Mark Jones,"): the
        source is that person, not an unnamed attorney (session 16). Only a PERSON entity whose root
        is an apposition of the head: "the lawyer for Anna Berg" names Berg as the client, not the speaker."""
        for ent in inside:
            if not person_entity(ent):
                continue
            span = doc.char_span(ent["start"], ent["end"], alignment_mode="expand")
            if span is not None and span.root.dep_ == "appos" and span.root.head.i == head.i:
                return ent
        return None

    @staticmethod
    def _full_mention(ent: dict, entities: list[dict]) -> dict:
        """A bare surname takes the earlier full-name mention when the KB did not link it."""
        if ent.get("kb_id") or " " in ent.get("text", "").strip():
            return ent
        for other in entities:
            if other["start"] >= ent["start"]:
                break
            if other.get("label") == "PERSON" and other["text"].split()[-1:] == [ent["text"].strip()]:
                return other
        return ent

    @staticmethod
    def _copy(att: dict, prev: dict) -> None:
        att["source_entity"] = prev.get("source_entity")
        att["source_type"] = prev.get("source_type")
        att["source_refers_to"] = prev.get("source_refers_to") or prev.get("id")

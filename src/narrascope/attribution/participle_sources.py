"""A source-less cue whose verb is a participle modifying a noun takes that noun as its source
(session 13): "voices heard arguing that ...", "officials speaking on condition of anonymity",
"a statement saying ...". The noun a reduced relative (`acl`) modifies is who speaks, as the
subject of a finite cue verb is; the rules read sources from subjects, passive agents and the
governing verb's subject only, so these cues came out with no source. Only candidates with no
source (and not a floating quote's inherited one) are edited; the source is the noun with its
left modifiers ("two senior officials"), never the participle's own subtree.

The noun must be one that can speak: a source-type word (`data/attribution/source_types.tsv`:
"voices", "officials", "statement", "reports" ...) or a person / organisation / group / place
entity. Without that gate, on PolNeAR dev the rule gave 6 cues a source and none matched gold
("a group called ...", "a spot titled ...", "a news conference announcing ..."): source exact
fell 0.1 / 0.2 on the dev halves; with it, see docs/history/attribution.md (session 13).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from narrascope.attribution.lexicon import source_type_words
from narrascope.attribution.rules import Candidate

TokRange = tuple[int, int]
PARTICIPLES = {"VBN", "VBG"}
NOMINALS = {"NOUN", "PROPN", "PRON"}
SPEAKER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def can_speak(tok) -> bool:
    """The noun `tok` names a possible source: a source-type word or a speaker-like entity."""
    words = source_type_words()
    return tok.lemma_.lower() in words or tok.lower_ in words or tok.ent_type_ in SPEAKER_ENTS


def modified_noun(doc: Doc, cand: Candidate) -> TokRange | None:
    """The phrase of the noun a participle of the cue modifies (`acl`), or None."""
    cs, ce = cand.cue
    for i in range(cs, ce):
        tok = doc[i]
        head = tok.head
        if tok.dep_ != "acl" or tok.tag_ not in PARTICIPLES or head.pos_ not in NOMINALS \
                or cs <= head.i < ce or not can_speak(head):
            continue
        start = min([head.i] + [c.left_edge.i for c in head.lefts])
        src = (start, head.i + 1)
        if any(s < src[1] and src[0] < e for s, e in cand.content):
            return None
        return src
    return None


def participle_sources(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """`cands` with each source-less participle cue given the noun it modifies as source."""
    out = []
    for cand in cands:
        if cand.source is None and cand.inherited_from is None:
            src = modified_noun(doc, cand)
            if src is not None:
                cand = replace(cand, source=src)
        out.append(cand)
    return out

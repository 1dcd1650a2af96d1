"""A source-less "according to" cue that runs over the noun phrase after it is split: the cue is
"according to", the noun phrase its source (session 17, defects round 3).

The rules read "according to X" only when X is a plausible speaker (`rules._plausible_source`),
so "according to court documents" reaches the paragraph tagger, which tags the whole phrase (or
"according to court", the rest read as content) as the cue and no source. PolNeAR's convention
(train, one annotator file per article; gold cues holding "according"): the cue is exactly
"according to" with the source the noun phrase right after it 383 times, with the source elsewhere
4 times, and longer than "according to" 11 times, 8 of them "according to <noun> by / from / with
Y" (an analysis by Y, interviews with Y, audio provided by Y), where Y is the source; dev 36 : 0 : 1.

Only a noun phrase whose head is a plural common noun ("court documents", "records") or a
`document` word of `source_types.tsv` ("a statement", "filings") is taken; a head with a "by",
"from" or "with" phrase or a participle clause after it ("audio provided by") is left alone,
as gold takes Y as the source there. The cue's words past "to" must lie inside that noun phrase;
content fragments that start inside it start after it (and after a comma that closes it), and a
content the phrase would empty or split leaves the candidate as it was.

`according_content_source` (session 18) takes the case where the parser read the phrase's first
word as a verb ("according to <show> insiders": no pobj), so the tagger left the phrase as a second
content fragment: a fragment right after a bare "according to" cue, of at most five tokens, ending in
a noun and closing its sentence, becomes the source when other content remains. PolNeAR dev: one
change, gold's reading; PolNeAR train and 162 PTC training articles: none.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from narrascope.attribution.rules import Candidate, np_range

TokRange = tuple[int, int]
AGENT_PREPS = {"by", "from", "with"}


def according_source(doc: Doc, cand: Candidate, document_words: set[str]) -> Candidate:
    """`cand` with cue "according to" and the noun phrase after it as source, when it has no
    source and its cue or content runs into that phrase (see the module doc); else `cand`."""
    if cand.source is not None or cand.inherited_from is not None:
        return cand
    s, e = cand.cue
    if e - s < 2 or s + 2 > len(doc) or doc[s].lower_ != "according" or doc[s + 1].lower_ != "to":
        return cand
    to = doc[s + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.pos_ != "NOUN" or not (pobj.tag_ == "NNS" or pobj.lower_ in document_words):
        return cand
    if any(c.dep_ == "prep" and c.lower_ in AGENT_PREPS or c.dep_ == "acl" for c in pobj.children):
        return cand
    src = np_range(pobj)
    if src[0] != to.i + 1 or e > src[1]:
        return cand
    content = []
    touched = e > to.i + 1
    for cs, ce in cand.content:
        if ce <= src[0] or cs >= src[1]:
            content.append((cs, ce))
        elif cs >= src[0]:
            touched = True
            start = src[1]
            while start < ce and (doc[start].is_space or doc[start].text == ","):
                start += 1
            if start < ce:
                content.append((start, ce))
        else:
            return cand  # a fragment holding the whole phrase: not this reading
    if not touched or not content:
        return cand
    return replace(cand, cue=(s, to.i + 1), source=src, content=content)


MAX_READ_AS_CONTENT = 5  # tokens: a short noun phrase ("show insiders"), not a clause


def according_content_source(doc: Doc, cand: Candidate) -> Candidate:
    """`cand` with the content fragment right after its "according to" cue as source, when it has no
    source and that fragment is a short noun phrase closing its sentence ("..., according to <show>
    insiders."), read as content where the parser took its first word for a verb (session 18); else `cand`."""
    if cand.source is not None or cand.inherited_from is not None or len(cand.content) < 2:
        return cand
    s, e = cand.cue
    if e - s != 2 or doc[s].lower_ != "according" or doc[s + 1].lower_ != "to":
        return cand
    frag = next(((cs, ce) for cs, ce in cand.content if cs == e), None)
    if frag is None or not (1 <= frag[1] - frag[0] <= MAX_READ_AS_CONTENT):
        return cand
    cs, ce = frag
    if doc[ce - 1].pos_ not in ("NOUN", "PROPN") or doc[cs].sent.start != doc[s].sent.start:
        return cand
    if any(not (t.is_punct or t.is_space) for t in doc[ce:doc[cs].sent.end]):
        return cand
    return replace(cand, source=frag, content=[f for f in cand.content if f != frag])

"""What kind of act an attribution reports: the `cue_class` of document-v1 attributions.

PolNeAR marks perceptions, beliefs and intentions as attributions as well as reported speech
("the regime witnessed two attacks", "will seek to justify"), and so does the component trained on
it. `cue_class` lets a reader (the workbench, the claims context step) tell them apart. The classes,
in their order of precedence:

1. `speech`: reported speech or writing ("said", "told", "according to", "in a statement");
2. `evidence`: data or records that show something ("data show", "polls suggest", "the study
   found"): a cue whose act is `evidence` (show, indicate, suggest, reveal, find, confirm, prove,
   demonstrate) is evidence when its source is headed by a datum noun ("data", "poll", "report",
   "it") or when it has no source, and speech otherwise ("officials revealed");
3. `perception`: seeing, hearing, witnessing ("witnessed", "watched"); a perception verb with an
   "as" complement ("sees the deal as a threat") is a `belief`, one with a speech word in its cue
   ("voices heard arguing") is `speech`;
4. `belief`: cognition, judgement, feeling ("believes", "fears", "is expected to");
5. `intention`: wants, plans, commitments ("seek to", "plans", "pledged");
6. `other`: a cue the tagger learned that the lexicon does not class ("endorsed", ":").

The act of each lemma is the `act` column of data/attribution/cues.tsv (its `class` column is the
coarse speech/belief split the rule extractor and the trained models read, left as trained).

Multiword cues: a lexicon phrase inside the cue decides first ("according to", "is believed";
the longest phrase wins); else the cue's syntactic root, when the lexicon classes its lemma ("will
now seek to justify" -> seek -> intention; "did not say" -> say); else the highest class above
among the cue's other words ("issued a statement" -> statement -> speech; "went to see" ->
perception); a cue made only of punctuation (a colon or dash before a quotation) is `speech`;
anything else is `other`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from narrascope.attribution.cue_class_names import CUE_CLASSES
from narrascope.attribution.lexicon import CueLexicon, cue_lexicon

_RANK = {c: i for i, c in enumerate(CUE_CLASSES)}


def _phrase_act(cue: Span, lex: CueLexicon) -> str | None:
    lowers = [t.lower_ for t in cue]
    lemmas = [t.lemma_.lower() for t in cue]
    for phrase in lex.phrases:  # longest first
        n = len(phrase)
        for words in (lowers, lemmas):
            if any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1)):
                return lex.phrase_acts.get(phrase)
    return None


def _token_act(tok: Token, source: Span | None, lex: CueLexicon) -> str | None:
    act = lex.acts.get(tok.lemma_.lower()) or lex.acts.get(tok.lower_)
    if act == "evidence":
        if source is not None and source.root.lemma_.lower() not in lex.data \
                and source.root.lower_ not in lex.data:
            return "speech"
    elif act == "perception":
        if any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
            return "belief"
    return act


def cue_class(cue: Span, source: Span | None = None, lex: CueLexicon | None = None) -> str:
    """The class (CUE_CLASSES) of the attribution whose cue is `cue` and source `source`."""
    lex = lex or cue_lexicon()
    if not len(cue):
        return "other"
    act = _phrase_act(cue, lex)
    if act in _RANK:
        return act
    acts = [a for a in (_token_act(t, source, lex) for t in cue if t.i != cue.root.i) if a in _RANK]
    act = _token_act(cue.root, source, lex)
    if act == "perception" and "speech" in acts:
        return "speech"  # speech heard ("voices heard arguing"): what is reported is the speech
    if act in _RANK:
        return act
    if acts:
        return min(acts, key=_RANK.__getitem__)
    if all(t.is_punct for t in cue):
        return "speech"
    return "other"

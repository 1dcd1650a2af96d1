"""A cue that is one adverb no cue list knows is dropped (session 13): "Maybe he witnessed
...", where the paragraph tagger read the sentence adverb "Maybe" as the cue. PolNeAR's
adverb cues are the reporting adverbs of the lexicon ("reportedly", "allegedly"); in train
gold, "maybe" heads no cue in 69 occurrences and "perhaps" none in 100. The gate is the
tagger's cue words (lexicon verbs, nouns and adverbs plus the lemmas learned from train
gold cues, `tagger.cue_words`): a lone adverb outside it is not a cue.
"""

from __future__ import annotations

from spacy.tokens import Doc

from narrascope.attribution.rules import Candidate


def drop_adverb_cues(doc: Doc, cands: list[Candidate], words: frozenset[str]) -> list[Candidate]:
    """`cands` without those whose cue is a single adverb whose lemma is not in `words`."""
    out = []
    for cand in cands:
        cs, ce = cand.cue
        if ce - cs == 1 and doc[cs].pos_ == "ADV" and doc[cs].lemma_.lower() not in words \
                and doc[cs].lower_ not in words:
            continue
        out.append(cand)
    return out

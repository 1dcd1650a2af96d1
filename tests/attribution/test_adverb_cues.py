"""A cue that is one adverb no cue list knows is dropped (`adverb_cues.py`)."""

from __future__ import annotations

from narrascope.attribution.adverb_cues import drop_adverb_cues
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.rules import Candidate
from narrascope.attribution.tagger import cue_words

from attribution_testkit import tok as _tok

TEXT = ("Maybe he saw a chance in the chaos.\n\n"
        "The rebels reportedly seized the airport.")


def test_maybe_is_dropped_reportedly_stays(doc):
    words = cue_words(cue_lexicon())
    maybe, reportedly = _tok(doc, "Maybe"), _tok(doc, "reportedly")
    cands = [Candidate(cue=(maybe, maybe + 1), content=[(maybe + 1, maybe + 4)], source=(1, 2)),
             Candidate(cue=(reportedly, reportedly + 1), content=[(reportedly + 1, reportedly + 4)])]
    assert [c.cue for c in drop_adverb_cues(doc, cands, words)] == [(reportedly, reportedly + 1)]

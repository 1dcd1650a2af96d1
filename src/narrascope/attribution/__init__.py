"""Attribution extraction: who says what (cue lexicon, parse rules, a CRF tagger, source resolution)."""

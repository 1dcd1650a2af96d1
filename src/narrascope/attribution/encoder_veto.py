"""The encoder veto (`backend = "encoder"` of narrascope_attribution): an attribution is dropped
when the encoder (`encoder_tagger`) gives none of its cue's tokens P(B-CUE) + P(I-CUE) of at
least the threshold.

Measured on PolNeAR dev (session 11, docs/history/attribution.md): the veto removes attributions the
cue picker and the rules let through on a spaCy feature the encoder reads differently; it raises
source, cue, content and whole exact F1 on both halves of dev. The threshold 0.5 was chosen on
the first half (0.2-0.5 is a plateau).
"""

from __future__ import annotations

import numpy as np

from narrascope.attribution.rules import Candidate

DEFAULT_THRESHOLD = 0.5


def veto_cues(cands: list[Candidate], cue_prob: np.ndarray,
              threshold: float = DEFAULT_THRESHOLD) -> list[Candidate]:
    """The candidates whose cue has a token with `cue_prob` >= `threshold`, in their order.
    `cue_prob`: P(B-CUE) + P(I-CUE) per token of the doc (`encoder_tagger.cue_probs`)."""
    return [c for c in cands if c.cue[1] > c.cue[0] and float(cue_prob[c.cue[0]:c.cue[1]].max()) >= threshold]

"""A cue starts at the auxiliaries, negation and adverbs before its word (session 8).

PolNeAR's gold cues take the auxiliaries, negation and adverbs that hang on the cue word right
before it ("has been steadily pounding", "even suggesting", "then ruled", "to admit"): on the
gold cues of PolNeAR train (one annotator file per article), such a word right before a cue is
in the cue 3,759 times (aux 2,325, adverb 901, passive aux 497, negation 32) and out 223 (aux
52, adverb 148, passive aux 19, negation 4), most of those out being "when" (44). The rules and
the picker mark cues this way; the paragraph tagger and the per-cue stages do not always.

Every candidate's cue is extended to the left over such words (dependency `aux`, `auxpass`,
`neg`, `advmod`, hanging on a word of the cue), stopping at "when", "where", "how", "why", "so"
(question words and "so" open a clause of their own), at the source and at a content fragment.
A cue whose verb is the open complement (`xcomp`) of a verb at most three tokens before the
cue, with only such words between ("appeared [to suggest]", "failed [to note]"), starts at that
verb (and its own auxiliaries and adverbs): train's gold cues holding such a complement hold its
governing verb 431 times, not 46.
Variants (stop words of the picker's `LEFT_STOP`, with or without "to" and "then") chosen on
the first half of dev (sorted article names, first 42), held on the second.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from narrascope.attribution.features import arrays
from narrascope.attribution.rules import Candidate

LEFT_DEPS = {"aux", "auxpass", "neg", "advmod"}
STOP = {"when", "where", "how", "why", "so"}
MAX_XCOMP_GAP = 3


def extend_cue_starts(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Each candidate with its cue started at the words above; a candidate that does not change
    is kept as it is (not copied)."""
    a = None
    out = []
    for cand in cands:
        s, e = cand.cue
        if s > 0:
            if a is None:
                a = arrays(doc)
            src = cand.source or (0, 0)

            def free(i: int) -> bool:  # in neither the source nor a content fragment
                return not src[0] <= i < src[1] and not any(x <= i < y for x, y in cand.content)

            k = s
            for v in range(s, e):  # "appeared [to suggest]": start at the governing verb
                h = a.head[v]
                if a.dep[v] == "xcomp" and a.pos[v] == "VERB" and h < s and s - h <= MAX_XCOMP_GAP \
                        and a.pos[h] in ("VERB", "AUX") and all(free(i) for i in range(h, s)) \
                        and all(a.dep[i] in LEFT_DEPS - {"auxpass"} for i in range(h + 1, s)):
                    k = h
                    break
            lo = k  # the words before hang on a word of the (widened) cue
            while k > 0 and a.dep[k - 1] in LEFT_DEPS and lo <= a.head[k - 1] < e \
                    and a.lower[k - 1] not in STOP and free(k - 1):
                k -= 1
            if k != s:
                cand = replace(cand, cue=(k, e))
        out.append(cand)
    return out

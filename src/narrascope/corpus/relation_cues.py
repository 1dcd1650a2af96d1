"""Sentence-level relations between actors, read with the cue lexicon `data/corpus/relation_cues.tsv`.

The document's stored entities give the actors and their offsets, so nothing is re-parsed:
sentences are cut at sentence-final punctuation, and each cue is matched as a sequence of
lower-case words (a trailing `*` matches any ending). Patterns (see the data file):
`between` relates the actors named after the cue pairwise; `svo` relates the nearest actor
before the cue to the first actor after it (or to the event the sentence reports when no actor
follows: "NCRI condemned the attack"); `passive` reverses that ("attacked by X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from narrascope.corpus.scoring import DATA_DIR

_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+|\n+")
MAX_GAP = 160  # characters between an actor and the cue


@dataclass(frozen=True)
class Cue:
    relation: str
    pattern: str
    words: tuple[str, ...]
    regex: re.Pattern


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    out = []
    for line in (DATA_DIR / "relation_cues.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        relation, pattern, cue, _prov = line.split("\t", 3)
        words = tuple(cue.split())
        parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
        regex = re.compile(r"\b" + r"\s+".join(parts) + r"\b", re.I)
        out.append(Cue(relation, pattern, words, regex))
    return tuple(out)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENT_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


@dataclass
class Mention:
    start: int
    end: int
    actor: str  # actor key


def find_relations(text: str, mentions: list[Mention]) -> Iterator[dict[str, Any]]:
    """Relations in one text: `{relation, source, target (actor key or None: the event), start, end}`.

    `start`/`end` delimit the evidence sentence.
    """
    mentions = sorted(mentions, key=lambda m: m.start)
    for s_start, s_end in sentences(text):
        inside = [m for m in mentions if m.start >= s_start and m.end <= s_end]
        sentence = text[s_start:s_end]
        hits = sorted(((m.start() + s_start, m.end() + s_start, cue) for cue in cues()
                       for m in cue.regex.finditer(sentence)), key=lambda h: (h[0], h[0] - h[1]))
        # a longer cue wins over one it contains ("accused by" over "accus*")
        hits = [h for h in hits if not any(o is not h and o[0] <= h[0] and o[1] >= h[1]
                                           and o[1] - o[0] > h[1] - h[0] for o in hits)]
        for i, (c_start, c_end, cue) in enumerate(hits):
            next_cue = hits[i + 1][0] if i + 1 < len(hits) else s_end
            before = [m for m in inside if m.end <= c_start and c_start - m.end <= MAX_GAP]
            after = [m for m in inside if m.start >= c_end and m.start - c_end <= MAX_GAP]
            if cue.pattern == "between":
                named = []
                for m in after:
                    if m.start >= next_cue:
                        break
                    if m.actor not in named:
                        named.append(m.actor)
                for a_i, a in enumerate(named):
                    for b in named[a_i + 1:]:
                        yield {"relation": cue.relation, "source": a, "target": b, "symmetric": True,
                               "start": s_start, "end": s_end, "cue": text[c_start:c_end], "cue_start": c_start}
                continue
            subj = before[-1].actor if before else None
            obj = after[0].actor if after and after[0].start < next_cue else None
            if cue.pattern == "passive":
                subj, obj = obj, subj
            if subj is None or subj == obj:
                continue
            yield {"relation": cue.relation, "source": subj, "target": obj, "symmetric": False,
                   "start": s_start, "end": s_end, "cue": text[c_start:c_end], "cue_start": c_start}

"""Support from a claim's context: the reporting that frames an author-voice claim, a wire credit.

Readers carry a source over to the sentences that follow it (opt-in, the component setting
`context_support`, default false: on PolNeAR dev a hand check found the carried source right
for 7 of 30 claims, see docs/history/claims-rhetoric.md, session 13): after "The governor said gunmen
attacked the shrine at dawn.", the next sentence "The attackers fled on motorbikes." reads as the
governor's account though the article says it in its own voice. An author claim with no
support of its own (support.py) gets, as a carried support item,

- `context_attribution`: the source of the attribution that frames it. The frame is the nearest
  attribution whose extent (source, cue, content) ends before the claim starts; it frames the
  claim when it names a source, its `cue_class` is speech or evidence ("said", "according to",
  "data show"; not the beliefs, perceptions and intentions the attribution component also
  marks: attribution/cue_class.py), it lies in the
  same paragraph (no line break in between) and ends in the claim's own sentence (an earlier
  clause) or at most two sentences back, and the claim is linked to it: it shares a named
  entity or a noun lemma with the frame's content or source (`topic`), or it opens with a word
  that points back ("This", "They": `pointer`). Running on from the content alone is not a
  link: news narration goes on in the author's voice after a quote. A frame without a source
  ("it is reported that ...") stops the search: the claim is not carried over it.
- `dateline`: the wire service credited at the top ("TEHRAN (Reuters) -", "(AP) —") or at
  the end ("— IRNA"). The agency is the article's author, so its credit says whose voice the
  claim is in, not what backs it: the item is listed, but it never clears `unsupported`.

Neither item clears `unsupported` (support.py). Each item is `{kind, text, start, end,
carried: true}` (the source's or agency's words), with `attribution_id` and `link` on
`context_attribution`. Pointer words and agencies:
data/claims/context_cues.tsv (one provenance column per entry). The dateline patterns are in
narrascope/dateline.py, shared with the profile's document-level `wire_credit`.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span

from narrascope.attribution.cue_class import cue_class
from narrascope.claims.cues import read_tsv
# the wire credit is read by the profile component too (profile.wire_credit): one copy of its
# patterns, in a module of its own (narrascope/dateline.py); imported here under its old name
from narrascope.dateline import wire_credit
from narrascope.spans import pieces, span_dict

MAX_SENTENCES_BACK = 2
TOPIC_POS = {"NOUN", "PROPN"}
REPORTING_CLASSES = frozenset({"speech", "evidence"})  # cue classes that frame a later claim


@functools.lru_cache(maxsize=1)
def context_lexicon() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"pointer": [], "agency": []}
    for row in read_tsv("context_cues.tsv"):
        out.setdefault(row[1], []).append(row[0])
    return out


def _words(span: Span) -> set[str]:
    """Entity texts and noun lemmas of a span: what a following claim may share with it.

    Entities are read from the tokens' IOB tags: `Span.ents` walks the doc's entities from the
    start, which would make this quadratic on a long document."""
    out: set[str] = set()
    ent: list[str] = []
    for tok in span:
        iob = tok.ent_iob_
        if ent and iob != "I":
            out.add("=" + " ".join(ent))
            ent = []
        if iob in ("B", "I"):
            ent.append(tok.lower_)
        if tok.pos_ in TOPIC_POS and tok.is_alpha and not tok.is_stop and len(tok) > 2:
            out.add(tok.lemma_.lower())
    if ent:
        out.add("=" + " ".join(ent))
    return out


class ContextSupport:
    """Carried support of the author claims of one doc: built once per doc, asked once per claim."""

    def __init__(self, doc: Doc, text: str, attributions: list[dict[str, Any]], carry: bool = True) -> None:
        self.doc, self.text = doc, text
        lexicon = context_lexicon()
        self.pointers = frozenset(lexicon["pointer"])
        frames = []
        for a in attributions if carry else ():
            parts = [a.get(k) for k in ("source", "cue", "content")]
            parts = [p for p in parts if isinstance(p, dict) and isinstance(p.get("end"), int)]
            if not parts or not a.get("id"):
                continue
            starts = [p["start"] if isinstance(p.get("start"), int) else p["end"] for p in parts]
            frames.append((max(p["end"] for p in parts), min(starts), a))
        frames.sort(key=lambda f: (f[0], f[1]))
        self.frames = frames
        self.frame_ends = [f[0] for f in frames]
        self.newlines = [m.start() for m in re.finditer("\n", text)] if frames else []
        self._sent_starts: numpy.ndarray | None = None
        self._words: dict[int, set[str]] = {}
        agency = wire_credit(text)
        self.dateline = (span_dict(text, agency[0], agency[1], kind="dateline", carried=True)
                         if agency else None)

    def _sentence_of(self, char: int) -> int:
        if self._sent_starts is None:
            doc = self.doc
            if len(doc) and doc.has_annotation("SENT_START"):
                arr = doc.to_array([SENT_START, IDX]).astype("int64")
                starts = arr[arr[:, 0] == 1, 1]
                self._sent_starts = numpy.sort(starts) if len(starts) else numpy.zeros(1, dtype="int64")
            else:
                self._sent_starts = numpy.zeros(1, dtype="int64")
        return int(numpy.searchsorted(self._sent_starts, char, side="right")) - 1

    def _frame_words(self, a: dict[str, Any]) -> set[str]:
        key = id(a)  # per attribution object: ids in stored documents are not guaranteed unique
        if key not in self._words:
            words: set[str] = set()
            for s, e in pieces(a.get("content")) + pieces(a.get("source")):
                if not (isinstance(s, int) and isinstance(e, int)):
                    continue
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    words |= _words(span)
            self._words[key] = words
        return self._words[key]

    def _reports(self, a: dict[str, Any]) -> bool:
        """The frame reports speech or evidence ("said", "according to", "data show"): its
        `cue_class` (attribution/cue_class.py) is `speech` or `evidence`, not the beliefs,
        perceptions and intentions the attribution component also marks ("believed", "witnessed",
        "pledged"). An attribution stored without the key is classed from its cue here."""
        klass = a.get("cue_class")
        if klass is None:
            cue = a.get("cue")
            if not (isinstance(cue, dict) and isinstance(cue.get("start"), int) and isinstance(cue.get("end"), int)):
                return False
            span = self.doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
            klass = cue_class(span) if span is not None else None
        return klass in REPORTING_CLASSES

    def _link(self, unit: Span, a: dict[str, Any]) -> str | None:
        """`topic` or `pointer`; running on from the content alone (the next sentence) is not
        enough: news goes on in the author's voice after a quote."""
        if _words(unit) & self._frame_words(a):
            return "topic"
        first = next((t for t in unit if t.is_alpha), None)
        if first is not None and first.lower_ in self.pointers:
            return "pointer"
        return None

    def frame(self, unit: Span) -> dict[str, Any] | None:
        """The `context_attribution` item of an author claim with no support of its own, or None."""
        i = bisect.bisect_right(self.frame_ends, unit.start_char) - 1
        if i < 0:
            return None
        end, _start, a = self.frames[i]
        source = a.get("source")
        if not (isinstance(source, dict) and isinstance(source.get("start"), int) and isinstance(source.get("end"), int)):
            return None  # a frame without a source stops the search
        nl = self.newlines
        if bisect.bisect_left(nl, end) < bisect.bisect_left(nl, unit.start_char):
            return None  # a line break: another paragraph (or line)
        if self._sentence_of(unit.start_char) - self._sentence_of(max(0, end - 1)) > MAX_SENTENCES_BACK:
            return None
        if not self._reports(a):
            return None
        link = self._link(unit, a)
        if link is None:
            return None
        return span_dict(self.text, source["start"], source["end"], kind="context_attribution",
                         attribution_id=a["id"], carried=True, link=link)

    def __call__(self, unit: Span) -> list[dict[str, Any]]:
        item = self.frame(unit) if self.frames else None
        if item is not None:
            return [item]
        return [dict(self.dateline)] if self.dateline else []

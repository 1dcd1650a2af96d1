"""Content ends cut at a lone dash (session 7, follow-up).

A content to the right of its cue that runs over a single dash ("claim [that the new tunnel
will cost almost nothing to run] -- provided that drivers ... pay the toll", "promising
[to rebuild every damaged school ...] ― hardly what the unions had hoped for") usually
ends before it in PolNeAR: what follows a lone dash is most often the writer's aside, not the
source's words. On the gold contents of train (one annotator file per article), a right-side
content whose sentence holds a single dash after the content's start stops before it 255 times
and goes past it 158 times; the content end model (`boundary.py`) already ends most of these
contents at the dash, so this rule only touches the ones it left running over it.

The last fragment of a per-cue content (strong rule readings and floating quotes are left as
they were) that lies right of its cue is cut before the first dash inside it when:
  - the dash is not inside a quotation,
  - no other dash follows it inside the fragment (a pair of dashes sets off a parenthesis
    inside the content: "that the mayor -- even as she admits ... -- has"),
  - the dash is not followed by a quotation ("-- ''the farmer but also the miner ...''":
    a quotation after a dash is the source's own words, an elaboration the content keeps),
  - something is left before it.
Chosen on the first half of dev (sorted article names, first 42), held on the second.
"""

from __future__ import annotations

from spacy.tokens import Doc

from narrascope.attribution.content_edits import edit_contents
from narrascope.attribution.rules import Candidate
from narrascope.attribution.quote_edges import QUOTE_TOKENS

TokRange = tuple[int, int]
DASHES = frozenset({"—", "--", "―", "–"})


def cut(text: list[str], quote_ids: list[int], cue: TokRange, frag: TokRange) -> TokRange:
    """`frag` (a content's last fragment) cut before its lone dash, under the conditions
    above; `frag` itself when they do not hold."""
    s, e = frag
    if s < cue[1]:
        return frag
    n = len(text)
    for i in range(s + 1, e):
        if text[i] not in DASHES or quote_ids[i] >= 0:
            continue
        j = i + 1
        while j < n and not text[j].strip():
            j += 1
        if j < n and (text[j] in QUOTE_TOKENS or text[j] == "'" or quote_ids[j] >= 0):
            return frag
        if any(text[k] in DASHES for k in range(i + 1, e)):
            return frag
        k = i
        while k > s and not text[k - 1].strip():
            k -= 1
        return (s, k) if k > s else frag
    return frag


def cut_dashes(doc: Doc, cands: list[Candidate], quote_ids: list[int]) -> list[Candidate]:
    """Each per-cue content with its last fragment cut before a lone dash (`cut`)."""
    return edit_contents(doc, cands, lambda text, cand: list(cand.content[:-1])
                         + [cut(text, quote_ids, cand.cue, cand.content[-1])])

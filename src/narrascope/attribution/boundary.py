"""Content end boundaries: a logistic regression decides where a content span ends.

Given a cue and a content fragment, the per-cue model often runs the content on into a
trailing modifier of the cue's clause ("attacked Lopez | in a radio interview", "asked
the towns to repair their bridges | after the spring floods ...") or stops it short of
one that belongs to the content ("her budget figures | for next year's schools"). PolNeAR's
convention follows the attachment: a phrase that modifies the cue verb stays out, one that
modifies the content's own head stays in. The candidate ends of the content's last fragment are
the constituent boundaries of its sentence after the fragment's start (punctuation, and the
first word of a prepositional phrase, clause, conjunct, modifier); each is scored from the
words either side of it, where the next word attaches (inside the content, to the cue, or
elsewhere), its label, the cue's lemma, the length of the content and of the rest of the
sentence, and how many heads outside itself the content would have. The predicted end is moved
only when another end scores higher by the margin stored with the weights (chosen on the first
half of PolNeAR dev, checked on the second). Weights: `models/attribution/boundary.tsv`
(`narrascope train attribution --stage boundary`, PolNeAR train, gold cues and contents).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.features import DocArrays, arrays
from narrascope.attribution.quotes import MARKS
from narrascope.attribution.rules import Candidate
from narrascope.attribution.weights_file import LinearWeights, load_model
from narrascope.attribution.tagger import MODEL_DIR

BOUNDARY_FILE = MODEL_DIR / "boundary.tsv"
BREAK_DEPS = {"prep", "advcl", "conj", "cc", "relcl", "acl", "npadvmod", "advmod", "agent",
              "appos", "dative", "dobj", "xcomp", "ccomp", "pcomp", "mark", "parataxis", "oprd"}
MAX_SENT = 120  # tokens: longer sentences are left alone
TokRange = tuple[int, int]


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else ("8-15" if n < 16 else "16+"))


def _word(w: str) -> str:
    return w if w.strip() == w and w else "<sp>"


def sentence_end(a: DocArrays, i: int) -> int:
    """The end of the sentence holding token `i` (trailing white space left out)."""
    j = i + 1
    while j < a.n and not a.sent_start[j]:
        j += 1
    while j > i + 1 and not a.text[j - 1].strip():
        j -= 1
    return j


def candidate_ends(a: DocArrays, start: int, last: int) -> list[int]:
    """Ends (exclusive) the content starting at `start` could take, within the sentence of
    token `last` (its current last token)."""
    se = sentence_end(a, last)
    s0 = max(start, last - MAX_SENT)
    out = []
    for e in range(s0 + 1, se):
        t = a.text[e]
        if not t.strip():
            continue
        if a.pos[e] == "PUNCT" or t in MARKS or a.dep[e] in BREAK_DEPS:
            out.append(e)
    out.append(se)
    return out


def features(a: DocArrays, start: int, e: int, cue: TokRange, cue_head: int, se: int,
             outside: int | None = None, first: int = -1) -> list[str]:
    """Features of ending the content [start, e) (sentence end `se`); `outside` / `first`: the
    number of its tokens whose head lies outside it (or that are roots), the first of them
    (counted here when not given)."""
    last = e - 1
    lw, lp, ld = _word(a.lower[last]), a.pos[last], a.dep[last]
    if e < se:
        nw, np_, nd = _word(a.lower[e]), a.pos[e], a.dep[e]
        h = a.head[e]
        if cue[0] <= h < cue[1] or h == cue_head:
            nh = "cue"
        elif start <= h < e:
            nh = "in"
        elif h > e:
            nh = "after"
        else:
            nh = "out"
        nhp = a.pos[h]
        nhl = a.lemma[h] if nh != "cue" else "<cue>"
        nhd = a.dep[h]
    else:
        nw, np_, nd, nh, nhp, nhl, nhd = ("<eos>",) * 7
    # tokens of [start, e) whose head lies outside it (or that are a root), the first one's label
    head = a.head
    if outside is None:
        outside, first = 0, -1
        for i in range(start, e):
            hh = head[i]
            if hh < start or hh >= e or hh == i:
                outside += 1
                if first < 0:
                    first = i
    if first >= 0:
        hh = head[first]
        root_dep = a.dep[first] + ("|cue" if cue[0] <= hh < cue[1] or hh == cue_head else "")
    else:
        root_dep = "none"
    side = "R" if cue[1] <= start else ("L" if e <= cue[0] else "M")
    cl = a.lemma[cue_head]
    n2 = _word(a.lower[e + 1]) if e + 1 < se else "<eos>"
    return ["bias", "lw=" + lw, "lp=" + lp, "ld=" + ld, "nw=" + nw, "np=" + np_, "nd=" + nd,
            "nh=" + nh, "ndh=" + nd + "|" + nh, "nwh=" + nw + "|" + nh, "nhp=" + nh + "|" + nhp,
            "lpnp=" + lp + "|" + np_, "n2=" + nw + "|" + n2, "len=" + _bucket(e - start),
            "rest=" + _bucket(se - e), "eos" if e == se else "mid", "roots=" + _bucket(outside),
            "side=" + side, "cl=" + cl + "|" + nh,
            "cln=" + cl + "|" + nd + "|" + nh, "rootsnh=" + _bucket(outside) + "|" + nh,
            "nhl=" + nhl + "|" + nd, "nhd=" + nd + "|" + nhd, "lnd=" + ld + "|" + nd,
            "cr=" + root_dep, "crn=" + root_dep + "|" + nd + "|" + nh]


def quoted_end(a: DocArrays, pe: int, quote_ids: list[int]) -> bool:
    """Whether a content ending at `pe` ends at or before a quotation mark, so its end stays: a
    quotation ends at its closing mark."""
    return quote_ids[pe - 1] >= 0 or (pe < a.n and quote_ids[pe] >= 0)


def end_candidates(a: DocArrays, frag: TokRange, cue: TokRange,
                   cue_head: int) -> list[tuple[int, list[str]]]:
    """(end, features) for every candidate end of the content fragment `frag`."""
    s, pe = frag
    ends = candidate_ends(a, s, pe - 1)
    se = ends[-1]
    if pe not in ends:
        ends.append(pe)
    ends.sort()
    head = a.head
    out = []
    # tokens with their head outside [s, e), counted as e grows: `fixed` (head before s, or
    # a root) stay outside; `later` (head after them) are outside while e <= their head
    fixed, later, first_fixed, i = 0, [], -1, s
    for e in ends:
        while i < e:
            hh = head[i]
            if hh < s or hh == i:
                fixed += 1
                if first_fixed < 0:
                    first_fixed = i
            elif hh > i:
                later.append((i, hh))
            i += 1
        if cue[0] < e <= cue[1] or (s < cue[0] and e > cue[0]):
            continue  # a content never runs over its cue
        out_later = [j for j, hh in later if hh >= e]
        first = min(first_fixed if first_fixed >= 0 else e, out_later[0] if out_later else e)
        out.append((e, features(a, s, e, cue, cue_head, se, fixed + len(out_later),
                                first if first < e else -1)))
    return out


class BoundaryModel(LinearWeights):
    """The end model's weights and its `#margin` (`weights_file.py`)."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(path or BOUNDARY_FILE)
        self.margin = self.setting("margin", 1.0)

    score = LinearWeights.linear

    def end(self, doc: Doc, cue: TokRange, cue_head: int, frag: TokRange,
            quote_ids: list[int]) -> int:
        """The end the model gives the content fragment `frag` (its own end unless another
        candidate scores higher by the margin)."""
        a = arrays(doc)
        s, pe = frag
        if quoted_end(a, pe, quote_ids):
            return pe
        best, best_score, own = pe, None, None
        for e, feats in end_candidates(a, frag, cue, cue_head):
            sc = self.score(feats)
            if e == pe:
                own = sc
            if best_score is None or sc > best_score:
                best, best_score = e, sc
        if own is None or best_score is None or best_score - own < self.margin:
            return pe
        return best


def trim_source(a: DocArrays, source: TokRange) -> TokRange:
    """A source without the quotation marks at its edges (PolNeAR's sources hold one at an
    edge 40 times in 20,848, in train)."""
    s, e = source
    while e - s > 1 and (a.text[s] in MARKS or not a.text[s].strip()):
        s += 1
    while e - s > 1 and (a.text[e - 1] in MARKS or not a.text[e - 1].strip()):
        e -= 1
    return s, e


def adjust(doc: Doc, cands: list[Candidate], model: BoundaryModel | None,
           quote_ids: list[int]) -> list[Candidate]:
    """Sources trimmed of quotation marks; each content's last fragment ended where `model`
    puts it (when a model is given)."""
    a = arrays(doc)
    out = []
    for cand in cands:
        source = trim_source(a, cand.source) if cand.source else cand.source
        content = cand.content
        if model is not None and content:
            s, e = content[-1]
            while e - s > 1 and not a.text[e - 1].strip():
                e -= 1
            ne = model.end(doc, cand.cue, cue_head(a, cand.cue), (s, e), quote_ids)
            if ne != e:
                content = content[:-1] + [(s, ne)]
        if source != cand.source or content is not cand.content:
            cand = replace(cand, source=source, content=content)
        out.append(cand)
    return out


def cue_head(a: DocArrays, cue: TokRange) -> int:
    for i in range(cue[0], cue[1]):
        h = a.head[i]
        if not (cue[0] <= h < cue[1]) or h == i:
            return i
    return cue[0]


def load_boundary(path: Path | str | None = None) -> BoundaryModel | None:
    return load_model(BoundaryModel, path)

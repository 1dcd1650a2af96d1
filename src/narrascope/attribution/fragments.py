"""Content fragments: a logistic regression decides which fragments of a content to keep.

The per-cue model often gives a cue a content in several fragments where PolNeAR's annotators
give one: the quotation before the cue and another after it that belongs to a second cue
("“...,” Lopez said, adding later, “...”"), or a sentence beyond the one the cue introduces.
For every content of two or more fragments, each fragment is scored from where it lies (before
or after the cue, its rank outward from the cue, same sentence or not), what it is (a whole
quotation, its length, its first word), and what separates it from the cue or the fragment
next to it (a sentence end, a paragraph break, another cue word and its lemma, a quotation
mark, the gap's length). A fragment scoring below the threshold stored with the weights is
dropped; the one nearest the cue always stays. Trained on the per-cue model's readings of
PolNeAR train's gold cues, each read by a per-cue model that did not see the article (k-fold),
so the model learns where the per-cue model's fragments go wrong. Weights:
`models/attribution/fragments.tsv` (`narrascope train attribution --stage boundary`, with the
content end model).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.features import DocArrays, arrays
from narrascope.attribution.lexicon import CueLexicon
from narrascope.attribution.quotes import MARKS
from narrascope.attribution.rules import Candidate
from narrascope.attribution.weights_file import LinearWeights, load_model
from narrascope.attribution.tagger import MODEL_DIR

FRAGMENTS_FILE = MODEL_DIR / "fragments.tsv"
TokRange = tuple[int, int]


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else ("8-15" if n < 16 else "16+"))


def _gap(a: DocArrays, s: int, e: int, cue_words: frozenset[str]) -> list[str]:
    """What lies between two spans (tokens [s, e))."""
    out = ["gap=" + _bucket(max(0, e - s))]
    for i in range(max(0, s), min(e, a.n)):
        t = a.text[i]
        if "\n" in t:
            out.append("gpara")
        elif a.sent_start[i]:
            out.append("gsent")
        if t in MARKS:
            out.append("gquote")
        if a.pos[i] in ("VERB", "NOUN") and a.lemma[i] in cue_words:
            out.append("gcue")
            out.append("gcuel=" + a.lemma[i])
    return sorted(set(out))


def features(a: DocArrays, frags: list[TokRange], k: int, cue: TokRange, cue_head: int,
             quote_ids: list[int], cue_words: frozenset[str]) -> list[str]:
    """Features of keeping fragment `k` of the sorted fragments `frags` of a cue's content."""
    s, e = frags[k]
    after = s >= cue[1]
    side = "R" if after else "L"
    if after:
        rank = sum(1 for fs, _ in frags if cue[1] <= fs <= s)
        prev_end = max([cue[1]] + [fe for fs, fe in frags if fe <= s])
        gap = _gap(a, prev_end, s, cue_words)
    else:
        rank = sum(1 for _, fe in frags if e <= fe <= cue[0])
        next_start = min([cue[0]] + [fs for fs, fe in frags if fs >= e])
        gap = _gap(a, e, next_start, cue_words)
    q = quote_ids[s]
    whole_quote = q >= 0 and a.text[s] in MARKS and quote_ids[e - 1] == q and a.text[e - 1] in MARKS
    in_quote = q >= 0 and quote_ids[e - 1] == q
    same_sent = all(not a.sent_start[i] for i in range(min(s, cue[0]) + 1, max(e, cue[1])))
    first = a.lower[s] if a.text[s].strip() else "<sp>"
    cl = a.lemma[cue_head]
    r = side + str(min(rank, 3))
    out = ["bias", "side=" + side, "rank=" + r, "n=" + _bucket(len(frags)),
           "wq" if whole_quote else ("inq" if in_quote else "noq"), "len=" + _bucket(e - s),
           "same" if same_sent else "other", "fw=" + first, "cl=" + cl, "clr=" + cl + "|" + r,
           "rq=" + r + ("|wq" if whole_quote else "|nq")]
    out += gap + ["r|" + g for g in gap if not g.startswith("gcuel=")]
    return out


class FragmentModel(LinearWeights):
    """The fragment model's weights and its `#threshold` (`weights_file.py`)."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(path or FRAGMENTS_FILE)
        self.threshold = self.setting("threshold", 0.5)
        self.words: frozenset[str] | None = None  # cue words of the lexicon, set on first use

    def keep(self, a: DocArrays, frags: list[TokRange], cue: TokRange, cue_head: int,
             quote_ids: list[int], cue_words: frozenset[str]) -> list[TokRange]:
        """The fragments to keep (the one nearest the cue always stays)."""
        frags = sorted(frags)
        if len(frags) < 2:
            return frags
        nearest = min(range(len(frags)), key=lambda k: min(abs(frags[k][0] - cue[1]), abs(cue[0] - frags[k][1])))
        kept = [f for k, f in enumerate(frags) if k == nearest or
                self.prob(features(a, frags, k, cue, cue_head, quote_ids, cue_words)) >= self.threshold]
        return kept


def cue_words(lex: CueLexicon) -> frozenset[str]:
    """The words that mark another cue in a gap: the lexicon's verbs and nouns."""
    return frozenset(lex.verbs) | frozenset(lex.nouns)


def drop_fragments(doc: Doc, cands: list[Candidate], model: FragmentModel | None,
                   quote_ids: list[int], lex: CueLexicon) -> list[Candidate]:
    """Each content of two or more fragments with the fragments `model` keeps."""
    if model is None:
        return cands
    from narrascope.attribution.boundary import cue_head

    a = arrays(doc)
    if model.words is None:
        model.words = cue_words(lex)
    words = model.words
    out = []
    for cand in cands:
        if len(cand.content) >= 2 and cand.origin != "rule" and cand.inherited_from is None:
            kept = model.keep(a, cand.content, cand.cue, cue_head(a, cand.cue), quote_ids, words)
            if kept != sorted(cand.content):
                cand = replace(cand, content=kept)
        out.append(cand)
    return out


def load_fragments(path: Path | str | None = None) -> FragmentModel | None:
    return load_model(FragmentModel, path)

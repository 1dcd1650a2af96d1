"""An attribution whose cue lies inside another attribution's content is dropped (session 19).

PolNeAR does not nest attributions: in train's gold (one annotator file per article) no cue of
19,830 lies inside another attribution's content. The per-cue stage reads each cue on its own,
so the component nests them: on PolNeAR dev (session 19's baseline) 171 predicted cues lie
inside another predicted content, and 126 of them are no gold cue (invented examples: "Voss
said [she suspected] that ...", a cue inside a quotation: "'[I can promise] you that ...,' Hale
said"). The inner attribution goes; the outer one stays as it is. Floating quotes
(`inherited_from`) are left alone on both sides, and where two attributions each hold the
other's cue in their content neither is dropped.

`mode`: "all" drops every such inner attribution (rule N of the session-19 record); "quoted"
only one whose cue starts inside a quotation (variant Nq); "quoted_or_rule" also one that is a
strong parse-rule reading kept as the rules read it (`origin == "rule"`, `extra["strong"]`: "she
suspected that", "the mayor's claim that" inside a model-read content; variant Ns, amendment 1 of
the session-19 record: on two PolNeAR train samples, 120 articles, it drops 53 cues, none gold;
the component's default since the lead's review: PolNeAR dev cue exact 69.9 -> 70.3);
"dependency" (opt-in, rule D of session 19's track A4) first drops as "quoted_or_rule", then any
other nested attribution whatever its origin unless its cue's root is a conjunct or an adverbial
clause ("Hale *said* X and *warned* Y", which gold often marks twice, the outer content running
too long; a clausal complement, relative clause or root inside the outer content is mostly no
gold cue): PolNeAR dev 76.3 / 70.3 / 62.3 -> 77.1 / 71.0 / 62.8, but on a fresh train sample only
26 of 38 drops were false cues (bar 75 %; the per-cue model reads its own training articles'
nested cues as gold marks them, so a train sample cannot confirm it), so it is not the default.
"""

from __future__ import annotations

from spacy.tokens import Doc

from narrascope.attribution.rules import Candidate
from narrascope.errors import Errors


def _inside(cue: tuple[int, int], cand: Candidate) -> bool:
    s, e = cue
    return any(fs <= s and e <= fe for fs, fe in cand.content)


MODES = ("all", "quoted", "quoted_or_rule", "dependency")
KEEP_DEPS = frozenset({"conj", "advcl"})  # "dependency": an inner cue rooted so is often a report of its own


def _eligible(doc: Doc, cand: Candidate, quote_ids: list[int] | None, mode: str) -> bool:
    if cand.inherited_from is not None:
        return False
    if mode == "all":
        return True
    if mode == "dependency":
        return doc[cand.cue[0]:cand.cue[1]].root.dep_ not in KEEP_DEPS
    if quote_ids and quote_ids[cand.cue[0]] >= 0:
        return True
    return mode == "quoted_or_rule" and cand.origin == "rule" and bool(cand.extra.get("strong"))


def drop_nested_cues(doc: Doc, cands: list[Candidate], quote_ids: list[int] | None = None,
                     mode: str = "all") -> list[Candidate]:
    """`cands` without those whose cue lies wholly inside a content fragment of another
    candidate (neither a floating quote, not holding each other's cue), restricted by `mode`
    (see the module doc; `quote_ids`: per token, the quotation it lies in or -1)."""
    if mode not in MODES:
        raise ValueError(Errors.E048.format(mode=mode))
    if mode == "dependency":
        cands = drop_nested_cues(doc, cands, quote_ids, "quoted_or_rule")
    holders = [c for c in cands if c.inherited_from is None and c.content]
    out = []
    for cand in cands:
        if _eligible(doc, cand, quote_ids, mode):
            outer = [o for o in holders if o is not cand and o.cue != cand.cue and _inside(cand.cue, o)
                     and not _inside(o.cue, cand)]
            if outer:
                continue
        out.append(cand)
    return out

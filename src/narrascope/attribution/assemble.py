"""Join the tagger's role spans into attributions, using the rule candidates as the skeleton.

Each tagged cue becomes one attribution. Its source and content are the tagged spans that
overlap the source and content a rule found for the same cue (the tagger refines the
boundaries); a tagged cue with no rule behind it takes the nearest tagged source and content
of its paragraph. Tagged content and source spans that no cue claimed go to the nearest cue of
their paragraph. Rule candidates the tagger did not confirm are dropped, except floating quotes
(a quote paragraph with no cue of its own) whose quote the tagger marked as content.
"""

from __future__ import annotations

from spacy.tokens import Doc

from narrascope.attribution.features import paragraphs
from narrascope.attribution.rules import Candidate

TokRange = tuple[int, int]


def _overlaps(a: TokRange, b: TokRange) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _dist(a: TokRange, b: TokRange) -> int:
    if _overlaps(a, b):
        return 0
    return b[0] - a[1] if a[1] <= b[0] else a[0] - b[1]


def clean_content(spans: list[TokRange], cue: TokRange, rule: Candidate) -> list[TokRange]:
    """A content never holds its own cue, nor the addressee of "told X that"."""
    out: list[TokRange] = []
    recipient = rule.extra.get("recipient")
    for s, e in spans:
        pieces = [(s, e)]
        if _overlaps((s, e), cue):
            pieces = [(s, cue[0]), (cue[1], e)]
            pieces = [p for p in pieces if p[1] > p[0] and any(_overlaps(p, rc) for rc in rule.content)]
        for ps, pe in pieces:
            if recipient and ps <= recipient[0] < pe and recipient[1] < pe:
                ps = recipient[1]
            if pe > ps and (ps, pe) not in out:
                out.append((ps, pe))
    return out or list(rule.content)


def assemble(doc: Doc, cands: list[Candidate], tagged: list[tuple[str, int, int]],
             quote_ids: list[int], keep_strong_rules: bool = True) -> list[Candidate]:
    para_of = [0] * len(doc)
    for k, (s, e) in enumerate(paragraphs(doc)):
        for i in range(s, e):
            para_of[i] = k
    cues = [(s, e) for r, s, e in tagged if r == "cue"]
    sources = [(s, e) for r, s, e in tagged if r == "source"]
    contents = [(s, e) for r, s, e in tagged if r == "content"]
    out: list[Candidate] = []
    used_src: set[TokRange] = set()
    used_cnt: set[TokRange] = set()
    cue_cands: list[tuple[TokRange, Candidate | None]] = []
    for cue in cues:
        rule = next((c for c in cands if c.inherited_from is None and _overlaps(c.cue, cue)), None)
        cue_cands.append((cue, rule))
    for cue, rule in cue_cands:
        src = None
        cnt: list[TokRange] = []
        raw: list[TokRange] = []
        if rule is not None:
            if rule.source is not None:
                src = next((s for s in sources if _overlaps(s, rule.source)), None)
            for rc in rule.content:
                cnt.extend(c for c in contents if _overlaps(c, rc) and c not in cnt)
            raw = list(cnt)
            if not cnt:
                cnt = list(rule.content)  # the tagger found the cue but not this content
            cnt = clean_content(cnt, cue, rule)
        out.append(Candidate(cue=cue, content=cnt, source=src,
                             kind=rule.kind if rule is not None else "indirect", origin="model",
                             extra={"ruled": bool(cnt)}))
        used_src.update([src] if src else [])
        used_cnt.update(cnt)
        used_cnt.update(raw)
    # spans no rule linked: the nearest cue of the same paragraph
    for pool, used, role in ((sources, used_src, "source"), (contents, used_cnt, "content")):
        for span in pool:
            if span in used:
                continue
            best = None
            for cand in out:
                if para_of[cand.cue[0]] != para_of[span[0]] or _overlaps(cand.cue, span):
                    continue
                if role == "source" and cand.source is not None:
                    continue
                if role == "content" and cand.extra.get("ruled") and span[1] - span[0] == 1:
                    continue  # the rule already gave this cue its content
                d = _dist(cand.cue, span)
                if best is None or d < best[0]:
                    best = (d, cand)
            if best is None:
                continue
            if role == "source":
                best[1].source = span
            else:
                best[1].content.append(span)
            used.add(span)
    # a cue left without content shares the nearest content of its paragraph
    for cand in out:
        if cand.content:
            continue
        near = [(_dist(cand.cue, c), c) for c in contents if para_of[c[0]] == para_of[cand.cue[0]]]
        if near:
            cand.content.append(min(near)[1])
        else:
            rule = next((c for c in cands if _overlaps(c.cue, cand.cue)), None)
            if rule is not None:
                cand.content = list(rule.content)
    # floating quotes the rules read keep their inherited speaker when the tagger found the quote
    for c in cands:
        if c.inherited_from is not None and any(_overlaps(c.content[0], x) for x in contents) \
                and not any(_overlaps(c.content[0], x) for o in out for x in o.content):
            out.append(c)
    # strong rule candidates (a that-clause of a speech verb, a quote next to its cue,
    # "according to", "X's claim that") stand where the tagger saw no cue
    if keep_strong_rules:
        for c in cands:
            if c.extra.get("strong") and c.inherited_from is None and not any(
                    _overlaps(c.cue, o.cue) for o in out):
                out.append(c)
    final = []
    for cand in out:
        if not cand.content:
            continue
        cand.content.sort()
        final.append(cand)
    final.sort(key=lambda c: (c.cue[0], c.content[0][0]))
    return final

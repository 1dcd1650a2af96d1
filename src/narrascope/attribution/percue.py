"""Second stage: for one cue, tag its own source and content (a CRF over the cue's window).

The first stage (rules + the paragraph CRF of `tagger.py`) finds the cues. For each cue, this
stage tags the tokens of a window around it (the cue's sentence and up to two sentences either
side, within its paragraph) as that cue's Source or Content (BIO), with features relative to
the cue: side and distance, the dependency path to the cue (the label under the cue for tokens
in its subtree; the two labels under the lowest common ancestor otherwise), the sentence offset,
whether the token lies in the quotation right before or after the cue, and the spans the parse
rules gave the same cue. One sequence per cue, so an attribution nested in another's content
keeps the outer content whole, which one BIO layer over the paragraph cannot.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.assemble import clean_content
from narrascope.attribution.crfscore import CrfWeights, viterbi
from narrascope.attribution.features import arrays, decode, paint, paragraphs
from narrascope.attribution.quotes import MARKS
from narrascope.attribution.rules import Candidate
from narrascope.crf import open_crf
from narrascope.attribution.tagger import MODEL_DIR

TokRange = tuple[int, int]
PERCUE_FILE = MODEL_DIR / "percue.crfsuite"
SENT_WINDOW = 2  # sentences either side of the cue's own
MAX_WINDOW = 160  # tokens: a window never grows past this many tokens either side of the cue
KEEP_FIRST = 0.05  # exp(-3): chosen on the first half of PolNeAR dev, held on the second
LOG_KEEP_FIRST = math.log(KEEP_FIRST)
QUOTE_REACH = 16  # tokens between a cue and the quotation it introduces or closes (a source between)


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else ("8-15" if n < 16 else "16+"))


class CueContext:
    """What every cue of one Doc shares: token arrays, sentences, paragraphs, quotes, rule tags."""

    def __init__(self, doc: Doc, quote_ids: list[int], rule_tags: list[str] | None = None) -> None:
        a = arrays(doc)
        self.a = a
        n = a.n
        self.quote_ids = quote_ids
        self.rule_tags = rule_tags or ["O"] * n
        sent_id, k = [0] * n, -1
        sent_starts = []
        for i in range(n):
            if a.sent_start[i] or i == 0:
                k += 1
                sent_starts.append(i)
            sent_id[i] = k
        self.sent_id = sent_id
        self.sent_bounds = [(s, sent_starts[j + 1] if j + 1 < len(sent_starts) else n)
                            for j, s in enumerate(sent_starts)]
        para_of = [0] * n
        self.paras = paragraphs(doc)
        for p, (s, e) in enumerate(self.paras):
            for i in range(s, e):
                para_of[i] = p
        self.para_of = para_of
        self.static_f: dict = {}  # {memo: per-token cue-independent feature lists (None: not built)}

    def window(self, cue: TokRange) -> TokRange:
        a_sent = self.sent_id[cue[0]]
        b_sent = self.sent_id[cue[1] - 1]
        s = self.sent_bounds[max(0, a_sent - SENT_WINDOW)][0]
        e = self.sent_bounds[min(len(self.sent_bounds) - 1, b_sent + SENT_WINDOW)][1]
        ps, pe = self.paras[self.para_of[cue[0]]] if self.paras else (0, self.a.n)
        pe = max(pe, self.paras[self.para_of[cue[1] - 1]][1]) if self.paras else pe
        s, e = max(s, ps, cue[0] - MAX_WINDOW), min(e, pe, cue[1] + MAX_WINDOW)
        return min(s, cue[0]), max(e, cue[1])

    def cue_head(self, cue: TokRange) -> int:
        head = self.a.head
        for i in range(cue[0], cue[1]):
            if not (cue[0] <= head[i] < cue[1]) or head[i] == i:
                return i
        return cue[0]

    def adjacent_quotes(self, cue: TokRange) -> tuple[int, int]:
        """Ids of the quotations closing just before the cue and opening just after it (-1)."""
        q, text = self.quote_ids, self.a.text
        left = right = -1
        for i in range(cue[0] - 1, max(-1, cue[0] - QUOTE_REACH), -1):
            if q[i] >= 0:
                left = q[i]
                break
            if "\n" in text[i] or text[i] in (".", "?", "!"):
                break
        for i in range(cue[1], min(self.a.n, cue[1] + QUOTE_REACH)):
            if q[i] >= 0:
                right = q[i]
                break
            if "\n" in text[i] or text[i] in (".", "?", "!"):
                break
        return left, right


class FeatureMemo:
    """Feature strings memoised by the values they are built from (most repeat across tokens
    and cues). With `known` (the attributes a model holds), strings the model has no weight for
    are left out when first built: CRFsuite ignores them anyway, so the tags are the same."""

    def __init__(self, known: frozenset[str] | None = None) -> None:
        self.known = known
        self.static: dict = {}
        self.near: dict = {}
        self.rel: dict = {}

    def keep(self, strings) -> tuple[str, ...]:
        known = self.known
        return tuple(strings) if known is None else tuple(filter(known.__contains__, strings))


_MEMO = FeatureMemo()


def _position(i: int, cs: int, ce: int, q: int, ql: int, qr: int) -> tuple[str, int, str]:
    """Token i's side of the cue [cs, ce) (C inside, L before, R after), its distance from it,
    and its quotation flag (nq outside quotes; qL/qR the quotation just left/right of the cue)."""
    if cs <= i < ce:
        side, dist = "C", 0
    elif i < cs:
        side, dist = "L", cs - i
    else:
        side, dist = "R", i - ce + 1
    return side, dist, "nq" if q < 0 else ("qL" if q == ql else ("qR" if q == qr else "q"))


def _relations(ctx: CueContext, cue: TokRange, rule: Candidate | None, win: TokRange | None):
    """What a cue's features are built from: its window, each token's path to the cue (and
    the deeper reading of it), the rule marks, the cue's lemma and sentence, the adjacent
    quotations."""
    a = ctx.a
    ws, we = win or ctx.window(cue)
    cs, ce = cue
    h = ctx.cue_head(cue)
    head, dep, lemma = a.head, a.dep, a.lemma
    # the cue head's ancestors: {token: the token below it on the way to the cue}
    chain: dict[int, int] = {}
    j = h
    while head[j] != j and len(chain) < 50:
        chain[head[j]] = j
        j = head[j]
    cue_lemma = lemma[h]
    cue_sent = ctx.sent_id[cs]
    ql, qr = ctx.adjacent_quotes(cue)
    rmark = ["O"] * (we - ws)
    if rule is not None:
        spans = [("S", *rule.source)] if rule.source else []
        spans += [("C", s, e) for s, e in rule.content]
        for tagc, s, e in spans:
            for i in range(max(s, ws), min(e, we)):
                rmark[i - ws] = tagc
    paths: list[str] = []
    deep: list[str] = []  # the two top labels under the cue and the depth ("u:xcomp>prep|2")
    # walking up from each token: (where the walk stops, the token below that, the one below
    # it, depth), memoised along the way (tokens share their upper paths)
    walk: dict[int, tuple[int, int, int, int]] = {}

    def up(i: int) -> tuple[int, int, int, int]:
        stack = []
        j = i
        while j not in walk:
            hj = head[j]
            if cs <= hj < ce or hj in chain or hj == j:
                walk[j] = (hj, j, -1, 1) if hj != j else (j, -1, -1, 0)
                break
            stack.append(j)
            j = hj
            if len(stack) > 40:
                walk[j] = (j, -1, -1, 0)
                break
        for j in reversed(stack):
            stop, prev, prev2, depth = walk[head[j]]
            walk[j] = (stop, prev, prev2 if prev2 >= 0 else j, depth + 1)
        return walk[i]

    for i in range(ws, we):
        if cs <= i < ce:
            paths.append("cue")
            deep.append("cue")
            continue
        if i in chain:
            j, prev, prev2, depth = i, -1, -1, 0
        else:
            j, prev, prev2, depth = up(i)
        if cs <= j < ce:
            p = "u:" + dep[prev] if prev >= 0 else "u:self"
            paths.append(p)
            deep.append(p + (">" + dep[prev2] if prev2 >= 0 else "") + "|" + _bucket(depth))
        elif j in chain:
            p = "l:" + (dep[prev] if prev >= 0 else "anc") + "|" + dep[chain[j]]
            paths.append(p)
            deep.append(p + (">" + dep[prev2] if prev2 >= 0 else ""))
        else:
            paths.append("none")
            deep.append("none")
    return ws, we, paths, deep, rmark, cue_lemma, cue_sent, ql, qr


def cue_features(ctx: CueContext, cue: TokRange, rule: Candidate | None,
                 win: TokRange | None = None, memo: FeatureMemo | None = None
                 ) -> tuple[TokRange, list[list[str]]]:
    """The window of `cue` and one feature list per token of it."""
    a = ctx.a
    cs, ce = cue
    head, dep, lower, lemma, pos, texts = a.head, a.dep, a.lower, a.lemma, a.pos, a.text
    ws, we, paths, deep, rmark, cue_lemma, cue_sent, ql, qr = _relations(ctx, cue, rule, win)
    # strings are memoised by the values they are built from (most repeat across tokens/cues)
    memo = memo or _MEMO
    keep, static, near, rel = memo.keep, memo.static, memo.near, memo.rel
    if len(rel) > 200_000:
        static.clear(), near.clear(), rel.clear()
    quote_ids, sent_id, rtags, sent_start = ctx.quote_ids, ctx.sent_id, ctx.rule_tags, a.sent_start
    n = we - ws
    nb = []  # what each token adds to its neighbours' features: (w, path, rm) at offsets -2..2
    for k in range(n):
        key = (lower[ws + k], paths[k], rmark[k])
        v = near.get(key)
        if v is None:
            v = near[key] = tuple(keep(("%d:w=%s" % (off, key[0]), "%d:path=%s" % (off, key[1]))
                                       + (("%d:rm=%s" % (off, key[2]),) if off in (-1, 1) else ()))
                                  for off in (-2, -1, 1, 2))
        nb.append(v)
    # a token's cue-independent features are looked up once per Doc (windows of cues overlap)
    doc_static = ctx.static_f.get(memo)
    if doc_static is None:
        doc_static = ctx.static_f[memo] = [None] * a.n
    out: list[list[str]] = []
    for k in range(n):
        i = ws + k
        w = lower[i]
        f = doc_static[i]
        if f is None:
            key = (w, lemma[i], pos[i], dep[i], dep[head[i]], rtags[i], texts[i] in MARKS, sent_start[i])
            f = static.get(key)
            if f is None:
                f = static[key] = list(keep(["bias", "w=" + w, "l=" + key[1], "p=" + key[2], "d=" + key[3],
                                             "hd=" + key[3] + "|" + key[4], "rt=" + key[5][2:]]
                                            + (["qm"] if key[6] else []) + (["ss"] if key[7] else [])))
            doc_static[i] = f
        side, dist, qf = _position(i, cs, ce, quote_ids[i], ql, qr)
        key = (side, dist if dist < 16 else 16, max(-3, min(3, sent_id[i] - cue_sent)), paths[k], deep[k],
               cue_lemma, qf, rmark[k], w)
        r = rel.get(key)
        if r is None:
            side, p = key[0], key[3]
            r = rel[key] = keep(("side=" + side, "sd=" + side + _bucket(dist), "sr=%d" % key[2], "path=" + p,
                                 "ps=" + p + "|" + side, "pc=" + p + "|" + cue_lemma, "qf=" + qf,
                                 "rm=" + key[7], "rq=" + key[7] + qf, "wp=" + w + "|" + side,
                                 "deep=" + key[4]))
        if 2 <= k < n - 2:  # the usual case: neighbours on both sides, not at the window's edge
            out.append([*f, *r, *nb[k - 2][0], *nb[k - 1][1], *nb[k + 1][2], *nb[k + 2][3]])
            continue
        f = f + list(r)
        if k == 0:
            f.append("ws")
        if k + 1 == n:
            f.append("we")
        f.extend(nb[k - 2][0] if k >= 2 else _PAD[0])
        f.extend(nb[k - 1][1] if k >= 1 else _PAD[1])
        f.extend(nb[k + 1][2] if k + 1 < n else _PAD[2])
        f.extend(nb[k + 2][3] if k + 2 < n else _PAD[3])
        out.append(f)
    return (ws, we), out


_PAD = (("-2:pad",), ("-1:pad",), ("1:pad",), ("2:pad",))


def gold_labels(win: TokRange, source: TokRange | None, content: list[TokRange],
                cue: TokRange) -> list[str]:
    ws, we = win
    spans = []
    if source is not None:
        spans.append(("SRC", max(source[0], ws), min(source[1], we)))
    for s, e in content:
        s, e = max(s, ws), min(e, we)
        # a content never holds its own cue: split around it
        for ps, pe in ((s, min(e, cue[0])), (max(s, cue[1]), e)) if s < cue[1] and cue[0] < e else ((s, e),):
            spans.append(("CNT", ps, pe))
    spans = [(r, s - ws, e - ws) for r, s, e in spans if e > s]
    return paint(we - ws, spans)


class PerCueTagger:
    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else PERCUE_FILE
        self.tagger = open_crf(self.path)  # ImportError / OSError: load_percue gives None
        from narrascope.attribution.percue_groups import GroupMemo

        self.weights = CrfWeights(self.path)
        self.memo = FeatureMemo(self.weights.known())
        self.groups = GroupMemo(self.weights)
        self.label_id = {x: i for i, x in enumerate(self.weights.labels)}

    def read(self, ctx: CueContext, items: list[tuple[TokRange, Candidate | None, list[TokRange] | None]]
             ) -> list[tuple[TokRange | None, list[TokRange]]]:
        """`roles` for several cues of one Doc at once, scored with numpy (`crfscore.py`;
        the same model, decoded in one batch: the run-time path)."""
        from narrascope.attribution.percue_groups import cue_groups

        self.groups.clear_if_large()
        wins, gids = [], []
        for cue, rule, _ in items:
            win, g = cue_groups(ctx, cue, rule, self.groups)
            wins.append(win)
            gids.append(g)
        ems = self.weights.emissions_split(gids)
        paths = viterbi(self.weights.trans, ems)
        names = self.weights.labels
        out = []
        for (cue, _, first), win, em, path in zip(items, wins, ems, paths):
            labels = [names[y] for y in path]

            def better(alt: list[str], em=em, path=path) -> bool:
                alt_ids = [self.label_id[x] for x in alt]
                return (self.weights.path_score(em, alt_ids) - self.weights.path_score(em, path)
                        >= LOG_KEEP_FIRST)
            out.append(self._roles(cue, first, win, labels, better))
        return out

    def roles(self, ctx: CueContext, cue: TokRange, rule: Candidate | None,
              first: list[TokRange] | None = None) -> tuple[TokRange | None, list[TokRange]]:
        """(source, content fragments) the model gives `cue`. `first`: the content the first
        stage gave it, kept when the model finds it nearly as likely as its own reading (the
        two stages read the evidence differently; where the per-cue model hesitates, the first
        stage is right more often); its fragments outside the window (a quotation going on in
        the next paragraph), which the model cannot see, are kept too."""
        win, feats = cue_features(ctx, cue, rule, memo=self.memo)
        labels = list(self.tagger.tag(feats))

        def better(alt: list[str]) -> bool:
            own = self.tagger.probability(labels)
            return own > 0 and self.tagger.probability(alt) >= own * KEEP_FIRST
        return self._roles(cue, first, win, labels, better)

    @staticmethod
    def _roles(cue: TokRange, first: list[TokRange] | None, win: TokRange, labels: list[str],
               better) -> tuple[TokRange | None, list[TokRange]]:
        ws, we = win
        spans = decode(labels, offset=ws)
        sources = [(s, e) for r, s, e in spans if r == "SRC"]
        content = [(s, e) for r, s, e in spans if r == "CNT"]
        source = min(sources, key=lambda x: min(abs(x[0] - cue[1]), abs(cue[0] - x[1])), default=None)
        if first and content and sorted(first) != content and all(ws <= s and e <= we for s, e in first):
            alt = gold_labels((ws, we), None, first, cue)
            alt = [a if a != "O" else (b if b.endswith("SRC") else "O") for a, b in zip(alt, labels)]
            if better(alt):
                content = sorted(first)
        if content and first:
            content = sorted(set(content) | {f for f in first if f[1] <= ws or f[0] >= we})
        return source, content


def refine(doc: Doc, cands: list[Candidate], rules: list[Candidate], tagger: PerCueTagger,
           quote_ids: list[int], rule_tags: list[str] | None = None) -> list[Candidate]:
    """Each candidate's source and content as the per-cue model reads them. Floating quotes
    (which inherit a speaker) and the strong rule readings the first stage kept as they were
    stay untouched; a cue the model gives no content keeps its own."""
    if not cands:
        return cands
    ctx = CueContext(doc, quote_ids, rule_tags)
    out = list(cands)
    todo, items = [], []
    for k, cand in enumerate(cands):
        if cand.inherited_from is not None or cand.origin == "rule":
            continue  # floating quotes and strong rule readings stay as they were
        rule = next((r for r in rules if r.inherited_from is None and
                     r.cue[0] < cand.cue[1] and cand.cue[0] < r.cue[1]), None)
        todo.append((k, rule))
        items.append((cand.cue, rule, list(cand.content)))
    for (k, rule), (source, content) in zip(todo, tagger.read(ctx, items)):
        cand = out[k] = replace(cands[k], content=list(cands[k].content))
        if content and rule is not None and rule.extra.get("recipient"):
            content = clean_content(content, cand.cue, rule)  # no cue, no "told X that" addressee
        if content:
            cand.content = sorted(content)
            cand.source = source
        elif source is not None and cand.source is None:
            cand.source = source
    return out


def load_percue(path: Path | str | None = None) -> PerCueTagger | None:
    try:
        return PerCueTagger(path)
    except (ImportError, OSError, ValueError):
        return None

"""The per-cue model's features (`percue.cue_features`) as ids of memoised weight groups, for
scoring with numpy (`crfscore.py`) instead of handing strings to CRFsuite: the run-time path
of `percue.PerCueTagger.read`."""

from __future__ import annotations

import numpy as np

from narrascope.attribution.crfscore import CrfWeights
from narrascope.attribution.percue import _PAD, CueContext, TokRange, _bucket, _position, _relations
from narrascope.attribution.quotes import MARKS
from narrascope.attribution.rules import Candidate


class GroupMemo:
    """`FeatureMemo`'s counterpart for scoring with numpy (`crfscore.py`): the ids of feature
    groups (their summed weight vectors), memoised by the values their strings are built from."""

    limit = 300_000  # groups kept before all are forgotten

    def __init__(self, weights: CrfWeights) -> None:
        self.w = weights
        self.static: dict = {}
        self.near: dict = {}
        self.rel: dict = {}
        self.edge: dict = {}
        self.generation = 0  # group ids a CueContext cached are valid for one generation

    def clear_if_large(self) -> None:
        """Forget every group when there are many (between Docs: `PerCueTagger.read`)."""
        if self.w.groups.n > self.limit:
            self.static.clear(), self.near.clear(), self.rel.clear(), self.edge.clear()
            self.w.groups.clear()
            self.generation += 1


def cue_groups(ctx: CueContext, cue: TokRange, rule: Candidate | None, memo: GroupMemo,
               win: TokRange | None = None) -> tuple[TokRange, np.ndarray]:
    """The window of `cue` and, per token of it, the ids of its feature groups: the features
    of `cue_features`, in groups split so that they repeat across tokens and texts (a word's
    own features, its parse features, its relation to the cue without and with the word, each
    neighbour's word and path, the window edge), so few new groups are summed per text."""
    a = ctx.a
    cs, ce = cue
    ws, we, paths, deep, rmark, cue_lemma, cue_sent, ql, qr = _relations(ctx, cue, rule, win)
    group = memo.w.group
    near, rel, edge = memo.near, memo.rel, memo.edge
    quote_ids, sent_id, lower = ctx.quote_ids, ctx.sent_id, a.lower
    tok = doc_groups(ctx, memo)  # per token: own features (2), word x side L / R, word as neighbour (4)
    n = we - ws
    nbp = []  # each token's contribution to its neighbours: path and rule mark
    for k in range(n):
        key = (paths[k], rmark[k])
        v = near.get(key)
        if v is None:
            v = near[key] = tuple(group(("%d:path=%s" % (off, key[0]),)
                                        + (("%d:rm=%s" % (off, key[1]),) if off in (-1, 1) else ()))
                                  for off in (-2, -1, 1, 2))
        nbp.append(v)
    pads = edge.get("pad")
    if pads is None:
        pads = edge["pad"] = tuple(group(p) for p in _PAD)
    rows = []
    for k in range(n):
        i = ws + k
        side, dist, qf = _position(i, cs, ce, quote_ids[i], ql, qr)
        key = (side, dist if dist < 16 else 16, max(-3, min(3, sent_id[i] - cue_sent)), paths[k], deep[k],
               cue_lemma, qf, rmark[k])
        r = rel.get(key)
        if r is None:
            p = key[3]
            r = rel[key] = group(("side=" + side, "sd=" + side + _bucket(dist), "sr=%d" % key[2], "path=" + p,
                                  "ps=" + p + "|" + side, "pc=" + p + "|" + cue_lemma, "qf=" + qf,
                                  "rm=" + key[7], "rq=" + key[7] + qf, "deep=" + key[4]))
        rows.append(r)
    out = np.zeros((n, 13), dtype=np.intp)
    if n == 0:
        return (ws, we), out
    out[:, :2] = tok[ws:we, :2]
    out[:, 2] = rows
    # word x side: L before the cue, R after it, C (built here) inside it
    out[:cs - ws, 3] = tok[ws:cs, 2]
    out[ce - ws:, 3] = tok[ce:we, 3]
    for i in range(cs, ce):
        key = (lower[i], "C")
        r2 = rel.get(key)
        if r2 is None:
            r2 = rel[key] = group(("wp=" + key[0] + "|C",))
        out[i - ws, 3] = r2
    nbp_a = np.array(nbp, dtype=np.intp)
    nbw_a = tok[ws:we, 4:]
    # the neighbours' contributions at offsets -2, -1, 1, 2 (pads past the window's edges)
    for j, off in enumerate((-2, -1, 1, 2)):
        col = 4 + 2 * j
        if off < 0:
            out[-off:, col], out[-off:, col + 1] = nbw_a[:n + off, j], nbp_a[:n + off, j]
            out[:min(-off, n), col] = pads[j]
        else:
            out[:n - off, col], out[:n - off, col + 1] = nbw_a[off:, j], nbp_a[off:, j]
            out[max(0, n - off):, col] = pads[j]
    for ekey, k in (((True, n == 1), 0), ((n == 1, True), n - 1)):
        e = edge.get(ekey)
        if e is None:
            e = edge[ekey] = group((["ws"] if ekey[0] else []) + (["we"] if ekey[1] else []))
        out[k, 12] = e
    return (ws, we), out


def doc_groups(ctx: CueContext, memo: GroupMemo) -> np.ndarray:
    """The cue-independent group ids of every token of the Doc (built once per Doc): its own
    features (word, parse), word x side for L and R, its word as neighbour at -2, -1, 1, 2."""
    key0 = (memo, memo.generation)
    tok = ctx.static_f.get(key0)
    if tok is not None:
        return tok
    a = ctx.a
    head, dep, lower, lemma, pos, texts = a.head, a.dep, a.lower, a.lemma, a.pos, a.text
    rtags, sent_start = ctx.rule_tags, a.sent_start
    group = memo.w.group
    static, near, rel = memo.static, memo.near, memo.rel
    rows = []
    for i in range(a.n):
        w = lower[i]
        key = (w, lemma[i], pos[i])
        f1 = static.get(key)
        if f1 is None:
            f1 = static[key] = group(("bias", "w=" + w, "l=" + key[1], "p=" + key[2]))
        key = (dep[i], dep[head[i]], rtags[i], texts[i] in MARKS, sent_start[i])
        f2 = static.get(key)
        if f2 is None:
            f2 = static[key] = group(["d=" + key[0], "hd=" + key[0] + "|" + key[1], "rt=" + key[2][2:]]
                                     + (["qm"] if key[3] else []) + (["ss"] if key[4] else []))
        wp = rel.get(w)
        if wp is None:
            wp = rel[w] = (group(("wp=" + w + "|L",)), group(("wp=" + w + "|R",)))
        v = near.get(w)
        if v is None:
            v = near[w] = tuple(group(("%d:w=%s" % (off, w),)) for off in (-2, -1, 1, 2))
        rows.append((f1, f2, *wp, *v))
    tok = ctx.static_f[key0] = np.array(rows, dtype=np.intp).reshape(a.n, 8)
    return tok

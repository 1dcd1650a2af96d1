"""The paragraph tagger's features (`features.token_features`) as ids of memoised weight
groups, for scoring with numpy (`crfscore.py`) instead of handing strings to CRFsuite.

The strings are the same; they are grouped by what builds them, split so that the groups
repeat across tokens and texts (a word's features, its head's, its quotation and rule tags,
its cue class, its cue ancestor, its offset from the nearest cue, and each neighbour's word
and tags), and each group's weight vector is summed once.
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

from narrascope.attribution.crfscore import CrfWeights
from narrascope.attribution.features import _bucket, _cp, _doc_context, _nearest_cue, _shape
from narrascope.attribution.lexicon import CueLexicon
from narrascope.attribution.quotes import MARKS

WIDTH = 14  # groups per token


class ParagraphMemo:
    """Group ids by the values their strings are built from (kept across Docs)."""

    limit = 300_000  # groups kept before all are forgotten

    def __init__(self, weights: CrfWeights) -> None:
        self.w = weights
        self.tables: tuple[dict, ...] = tuple({} for _ in range(9))

    def clear_if_large(self) -> None:
        """Forget every group when there are many (called once per Doc, before its groups)."""
        if self.w.groups.n > self.limit:
            for t in self.tables:
                t.clear()
            self.w.groups.clear()


def token_groups(doc: Doc, lex: CueLexicon, quote_ids: list[int], rule_tags: list[str],
                 ranges: list[tuple[int, int]], memo: ParagraphMemo) -> list[np.ndarray]:
    """Per range, a (tokens x WIDTH) array of group ids: the features of `token_features`
    for the same ranges (neighbour features stop at the range's edges)."""
    a, is_cue, anc, done, ancestor, sent_id, cue_pos, qflag = _doc_context(doc, lex, quote_ids)
    n = a.n
    lower, lemma, pos, tag, dep, head, texts, sent_start = (
        a.lower, a.lemma, a.pos, a.tag, a.dep, a.head, a.text, a.sent_start)
    memo.clear_if_large()
    group = memo.w.group
    word_g, head_g, tags_g, cue_g, anc_g, cp_g, nbw_g, nbt_g, pad_g = memo.tables
    pads = pad_g.get("pad")
    if pads is None:
        pads = pad_g["pad"] = tuple(group(("%d:pad" % off,)) for off in (-2, -1, 1, 2))
    out = []
    for s, e in ranges:
        # what each token adds to its neighbours: word (-2, -1, 1, 2) and tags (-2, -1, 1, 2)
        nbw, nbt = [], []
        for j in range(s, e):
            w = lower[j]
            v = nbw_g.get(w)
            if v is None:
                v = nbw_g[w] = tuple(group(("%d:w=%s" % (off, w),)) for off in (-2, -1, 1, 2))
            nbw.append(v)
            key = (rule_tags[j], pos[j], dep[j], qflag[j])
            v = nbt_g.get(key)
            if v is None:
                v = nbt_g[key] = (group(("-2:r=" + key[0],)),
                                  *(group(tuple("%d:%s=%s" % (off, name, x) for name, x in zip("rpdq", key)))
                                    for off in (-1, 1)),
                                  group(("2:r=" + key[0],)))
            nbt.append(v)
        rows = []
        for i in range(s, e):
            text = texts[i]
            hd = head[i]
            key = (text, lemma[i], pos[i], tag[i], dep[i])
            wf = word_g.get(key)
            if wf is None:
                w = lower[i]
                wf = word_g[key] = group(("bias", "w=" + w, "l=" + key[1], "p=" + key[2], "t=" + key[3],
                                          "d=" + key[4], "sh=" + _shape(text), "s3=" + w[-3:]))
            key = (lemma[hd], pos[hd], dep[hd], dep[i])
            hf = head_g.get(key)
            if hf is None:
                hf = head_g[key] = group(("hl=" + key[0], "hp=" + key[1], "hd=" + key[2],
                                          "dhd=" + key[3] + "|" + key[2]))
            key = (qflag[i], rule_tags[i], text in MARKS, sent_start[i], i + 1 < n and sent_start[i + 1])
            tf = tags_g.get(key)
            if tf is None:
                tf = tags_g[key] = group(("q=" + key[0], "r=" + key[1], "rq=" + key[1] + key[0])
                                         + (("qm",) if key[2] else ()) + (("ss",) if key[3] else ())
                                         + (("se",) if key[4] else ()))
            cf = 0
            if is_cue[i]:
                key = (is_cue[i], lemma[i])
                cf = cue_g.get(key)
                if cf is None:
                    cf = cue_g[key] = group(("cue=%d" % key[0], "cuel=" + key[1]))
            key = anc[i] if done[i] else ancestor(i)
            af = anc_g.get(key)
            if af is None:
                d = key[0]
                af = anc_g[key] = group(("ad=" + d,) if d == "none" else (
                    "ad=" + d, "adl=" + d + "|" + _bucket(key[1]), "adc=" + d + "|" + key[2]))
            cues = cue_pos.get(sent_id[i])
            d = _nearest_cue(cues, i) if cues else None
            cp = cp_g.get(d)
            if cp is None:
                cp = cp_g[d] = group((_cp(d) if d is not None else "cp=none",))
            rows.append((wf, hf, tf, cf, af, cp))
        m = e - s
        arr = np.zeros((m, WIDTH), dtype=np.intp)
        if m:
            arr[:, :6] = rows
            nbw_a, nbt_a = np.array(nbw, dtype=np.intp), np.array(nbt, dtype=np.intp)
            # the neighbours' contributions at offsets -2, -1, 1, 2 (pads past the range's edges)
            for j, off in enumerate((-2, -1, 1, 2)):
                col = 6 + 2 * j
                if off < 0:
                    arr[-off:, col], arr[-off:, col + 1] = nbw_a[:m + off, j], nbt_a[:m + off, j]
                    arr[:min(-off, m), col] = pads[j]
                else:
                    arr[:m - off, col], arr[:m - off, col + 1] = nbw_a[off:, j], nbt_a[off:, j]
                    arr[max(0, m - off):, col] = pads[j]
        out.append(arr)
    return out

"""The role CRF (`role_tagger`) scored in numpy from its model file, with the same labels as CRFsuite.

Why not `pycrfsuite.Tagger.tag`: it was the events component's largest cost (~8 CPU-ms per
600-word article, more than the rest of the role tagger): each token hands it a dict of ~35
features, whose `key:value` strings it builds, encodes and looks up one by one, and most of them
were seen a few tokens before. Here the features of `role_tagger.sentence_features` are built
column by column (one list per feature over a sentence's tokens) and each column is mapped to
attribute ids through a memo per feature (one dict lookup per token; a string is built only for
a value not seen yet).

Same numbers as CRFsuite, not just close: its `crf1dc_state_score` starts each token's scores at
zero and adds `weight * value` attribute after attribute in the item's order; `state_scores` adds
the same rows in the same order (a feature a token does not have, or a False one, adds a row of
zeros, which changes no sum), and `crfscore.viterbi` is CRFsuite's `crf1dc_viterbi` (the same
additions, first maximum wins). Texts CRFsuite would read differently (a NUL ends its C strings; a
lone surrogate cannot be encoded) are left to it (`readable`). tests/events/test_role_scores.py
checks the items against `sentence_features` and the labels against pycrfsuite on real text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span

from narrascope.attribution.crfscore import CrfWeights, viterbi

#: the features of an inner token in `sentence_features`' order (the sentence's `st=` features follow)
COLUMNS = ("bias", "str", "sp", "w", "l", "sh", "suf", "p", "t", "d", "hl", "hd", "hp", "dh", "e", "tr", "htr",
           "h2tr", "in", "-2w", "-2p", "-1w", "-1p", "-1sh", "-1e", "1w", "1p", "1sh", "1e", "2w", "2p", "h2l",
           "pre", "anc")
_FLAGS = frozenset(("str", "tr", "htr", "h2tr", "in"))  # True/False: weight 1.0 or 0.0 in CRFsuite
_UNREADABLE = re.compile("[\x00\ud800-\udfff]")
MEMO_LIMIT = 500_000  # memoised values kept before all are forgotten


def readable(text: str) -> bool:
    """False when CRFsuite would read the text's strings otherwise (a NUL, a lone surrogate)."""
    return _UNREADABLE.search(text) is None


class RoleScorer:
    """The model's weights (`crfscore.CrfWeights`) and the attribute ids of the values seen."""

    def __init__(self, path: Path | str) -> None:
        self.w = CrfWeights(path)
        self.unknown = len(self.w.attr_id)  # the zero row of `w.state`
        # None (a feature an edge token's dict leaves out) is the zero row as well
        self.memo: dict[str, dict[Any, int]] = {key: {None: self.unknown} for key in COLUMNS}
        self.size = 0

    def ids(self, key: str, values: list) -> list[int]:
        """The attribute id of `key:value` for each value (the zero row when the model lacks it)."""
        memo = self.memo[key]
        out = list(map(memo.get, values))
        if None in out:
            get, unknown = self.w.attr_id.get, self.unknown
            for j, v in enumerate(values):
                if out[j] is None:
                    out[j] = memo[v] = get(key + ":" + v, unknown)
                    self.size += 1
        return out

    def flag_ids(self, key: str, values: list[bool]) -> list[int]:
        aid = self.w.attr_id.get(key, self.unknown)
        return [aid if v else self.unknown for v in values]

    def clear_if_large(self) -> None:
        if self.size > MEMO_LIMIT:
            for memo in self.memo.values():
                memo.clear()
                memo[None] = self.unknown
            self.size = 0

    def items(self, columns: dict[str, list], st: list[str], n: int) -> np.ndarray:
        """(n tokens x features) attribute ids of a sentence in the order CRFsuite reads its items:
        `columns` maps each of COLUMNS to its n values (None where `sentence_features` leaves the
        feature out of an edge token's dict); `st`: the sentence's `st=` trigger features."""
        get, unknown = self.w.attr_id.get, self.unknown
        rows = []
        for key in COLUMNS:
            values = columns[key]
            if key in _FLAGS:
                rows.append(self.flag_ids(key, values))
            elif key == "bias":
                rows.append([get("bias", unknown)] * n)
            else:
                rows.append(self.ids(key, values))
        for x in st:
            rows.append([get("st=" + x, unknown)] * n)
        return np.array(rows, dtype=np.intp).T.reshape(n, len(rows))

    def state_scores(self, ids: np.ndarray) -> np.ndarray:
        """Tokens x labels: each token's rows added from zero, feature after feature (CRFsuite's order)."""
        state = self.w.state
        em = np.zeros((len(ids), state.shape[1]))
        for j in range(ids.shape[1]):
            em += state[ids[:, j]]
        return em

    def labels(self, sequences: list[np.ndarray]) -> list[list[str]]:
        """The best label path of each sentence (its `items`), all scored at once: the sentences'
        items stacked (fewer `st=` features padded with the zero row, at the end: no sum changes)."""
        names = self.w.labels
        width = max(ids.shape[1] for ids in sequences)
        stacked = np.full((sum(len(ids) for ids in sequences), width), self.unknown, dtype=np.intp)
        k = 0
        for ids in sequences:
            stacked[k:k + len(ids), :ids.shape[1]] = ids
            k += len(ids)
        em = self.state_scores(stacked)
        ems = np.split(em, np.cumsum([len(ids) for ids in sequences[:-1]]))
        return [[names[y] for y in path] for path in viterbi(self.w.trans, ems)]


def sentence_columns(sent: Span, sent_no: int, t: Any, trig: frozenset[str], instr: frozenset[str],
                     shape) -> tuple[dict[str, list], list[str]]:
    """`role_tagger.sentence_features` as columns (see `RoleScorer.items`): the same values, read
    from the doc's `TokenTable` `t`; None where an edge token's dict has no such key."""
    s0, n = sent.start, len(sent)
    head, lem, dep, pos_, tag = t.head, t.lemma_l, t.dep, t.pos, t.tag
    W = t.lower[s0:s0 + n]
    L = lem[s0:s0 + n]
    P = pos_[s0:s0 + n]
    SH = [shape(x) for x in t.text[s0:s0 + n]]
    E = [(iob + "-" + et) if et else "O" for iob, et in zip(t.ent_iob[s0:s0 + n], t.ent_type[s0:s0 + n])]
    TR = [x in trig for x in L]
    has_trig = any(TR)
    st = sorted({x for x, is_tr in zip(L, TR) if is_tr})[:4]
    sp = "s0" if sent_no == 0 else "s1" if sent_no == 1 else "s2-4" if sent_no < 5 else "s5+"
    H = head[s0:s0 + n]
    HL = [lem[h] for h in H]
    D = dep[s0:s0 + n]
    H2L = [lem[head[h]] for h in H]
    anc = []
    # "anc": the nearest trigger lemma among the token's ancestors, 4 steps up, else "". As trained, the
    # walk does not stop at the root (the root is its own head), so a root trigger is its own "ancestor"
    for k in range(s0, s0 + n):
        node, found = k, ""
        for _ in range(4):
            node = head[node]
            if lem[node] in trig:
                found = lem[node]
                break
        anc.append(found)

    def shifted(values: list, off: int, edge: str | None) -> list:
        """values[i + off] per token; past the sentence's edges `edge`: the dict of an edge token
        holds "<pad>" for a neighbour's word and leaves the neighbour's other features out (None)."""
        before, after = min(max(-off, 0), n), min(max(off, 0), n)
        return [edge] * before + values[max(off, 0):n + min(off, 0)] + [edge] * after

    cols: dict[str, list] = {
        "bias": [1.0] * n, "str": [has_trig] * n, "sp": [sp] * n,
        "w": W, "l": L, "sh": SH, "suf": [w[-3:] for w in W], "p": P, "t": tag[s0:s0 + n], "d": D, "hl": HL,
        "hd": [dep[h] for h in H], "hp": [pos_[h] for h in H], "dh": [d + "|" + hl for d, hl in zip(D, HL)],
        "e": E, "tr": TR, "htr": [x in trig for x in HL], "h2tr": [x in trig for x in H2L],
        "in": [w in instr for w in W],
        "-2w": shifted(W, -2, "<pad>"), "-2p": shifted(P, -2, None),
        "-1w": shifted(W, -1, "<pad>"), "-1p": shifted(P, -1, None),
        "-1sh": shifted(SH, -1, None), "-1e": shifted(E, -1, None),
        "1w": shifted(W, 1, "<pad>"), "1p": shifted(P, 1, None),
        "1sh": shifted(SH, 1, None), "1e": shifted(E, 1, None),
        "2w": shifted(W, 2, "<pad>"), "2p": shifted(P, 2, None),
        "h2l": H2L, "pre": [w[:4] for w in W], "anc": anc,
    }
    return cols, st

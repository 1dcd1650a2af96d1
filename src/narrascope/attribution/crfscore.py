"""A CRFsuite model's weights read into numpy, scored with a batched Viterbi.

Why not `pycrfsuite.Tagger.tag`: the attribution component tags ~25 short sequences per
article (one per cue window, one per paragraph), and each call hands CRFsuite ~30 feature
strings per token, which it looks up one by one. The feature strings repeat in groups (a
token's word features, its path to the cue, a neighbour's contribution), so here each group's
weight vector is summed once, memoised, and a sequence's state scores are a numpy gather over
group ids; the Viterbi runs over all sequences of a Doc at once. Same model file, same
decoding rule as CRFsuite's `crf1dc_viterbi` (first maximum wins); the sums differ from
CRFsuite's only in floating-point order. `pycrfsuite.Tagger.info()` is not used to read the
weights: it parses the text dump, which rounds them to six decimals.

The model file (CRFsuite "FOMC" crf1d format, little-endian): a header of offsets; a feature
chunk of (type, src, dst, weight) records, type 0 = state (attribute -> label), type 1 =
transition (label -> label); labels and attributes in CQDB string databases, read through
their backward arrays (id -> string).
"""

from __future__ import annotations

import itertools
import struct
from pathlib import Path

import numpy as np

# magic, size, type, version, num_features, num_labels, num_attrs, and the offsets of the
# features, labels, attributes, label refs and attribute refs
_HEADER = struct.Struct("<4sI4s9I")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])


def _cqdb_strings(buf: bytes, base: int) -> list[str]:
    """The strings of the CQDB at `base`, in id order."""
    if buf[base:base + 4] != b"CQDB":
        raise ValueError("not a CQDB chunk")
    _size, _flag, _order, bwd_size, bwd_offset = struct.unpack_from("<5I", buf, base + 4)
    offsets = struct.unpack_from("<%dI" % bwd_size, buf, base + bwd_offset)
    out = []
    for off in offsets:
        p = base + off
        ksize = struct.unpack_from("<I", buf, p + 4)[0]
        out.append(buf[p + 8:p + 8 + ksize - 1].decode("utf-8"))
    return out


class CrfWeights:
    """State weights (attributes x labels), transitions (labels x labels), label names, and
    memoised weight vectors of feature-string groups."""

    def __init__(self, path: Path | str) -> None:
        buf = Path(path).read_bytes()
        (magic, _size, ftype, _ver, _nf, n_labels, n_attrs, off_f, off_l, off_a, _olr, _oar) = (
            _HEADER.unpack_from(buf, 0))
        if magic != b"lCRF" or ftype != b"FOMC":
            raise ValueError("not a CRFsuite crf1d model")
        if buf[off_f:off_f + 4] != b"FEAT":
            raise ValueError("no feature chunk")
        n_feat = struct.unpack_from("<I", buf, off_f + 8)[0]
        feats = np.frombuffer(buf, dtype=_FEATURE, count=n_feat, offset=off_f + 12)
        self.labels = _cqdb_strings(buf, off_l)
        attrs = _cqdb_strings(buf, off_a)
        if len(self.labels) != n_labels or len(attrs) != n_attrs:
            raise ValueError("label or attribute count mismatch")
        self.attr_id = {a: i for i, a in enumerate(attrs)}
        state = feats[feats["type"] == 0]
        trans = feats[feats["type"] == 1]
        self.state = np.zeros((n_attrs + 1, n_labels))  # the last row: unknown attributes (zeros)
        np.add.at(self.state, (state["src"].astype(np.intp), state["dst"].astype(np.intp)), state["w"])
        self.trans = np.zeros((n_labels, n_labels))
        self.trans[trans["src"].astype(np.intp), trans["dst"].astype(np.intp)] = trans["w"]
        self.groups = GroupVectors(n_labels)

    def known(self) -> frozenset[str]:
        return frozenset(self.attr_id)

    def group(self, strings) -> int:
        """A new group id for `strings` (callers memoise it by what built the strings); its
        summed weight vector is computed with the next batch (`emissions`). Unknown strings
        count zero."""
        get, unknown = self.attr_id.get, len(self.attr_id)
        return self.groups.add([unknown, *[get(s, unknown) for s in strings]])

    def emissions(self, gids: np.ndarray) -> np.ndarray:
        """State scores (tokens x labels) from a (tokens x k) array of group ids."""
        return self.groups.matrix(self.state)[gids].sum(axis=1)

    def emissions_split(self, gids: list[np.ndarray]) -> list[np.ndarray]:
        """`emissions` of several sequences, gathered in one call."""
        if not gids:
            return []
        em = self.emissions(np.concatenate(gids))
        return np.split(em, np.cumsum([len(g) for g in gids[:-1]]))

    def path_score(self, em: np.ndarray, y: list[int] | np.ndarray) -> float:
        """The unnormalised log score of label path `y` (CRFsuite's `probability` over the
        same sequence differs from exp of this only by the shared partition function)."""
        y = np.asarray(y, dtype=np.intp)
        return float(em[np.arange(len(y)), y].sum() + self.trans[y[:-1], y[1:]].sum())


class GroupVectors:
    """Growing table of the groups' weight vectors; row 0 is all zeros (no feature). New
    groups wait as attribute-id lists and are summed together when the table is next read."""

    def __init__(self, n_labels: int) -> None:
        self.buf = np.zeros((4096, n_labels))
        self.n = 1
        self.pending: list[list[int]] = []

    def add(self, ids: list[int]) -> int:
        self.pending.append(ids)
        self.n += 1
        return self.n - 1

    def matrix(self, state: np.ndarray) -> np.ndarray:
        if self.pending:
            start = self.n - len(self.pending)
            if self.n > len(self.buf):
                grown = np.zeros((max(2 * len(self.buf), self.n), self.buf.shape[1]))
                grown[:start] = self.buf[:start]
                self.buf = grown
            lens = np.fromiter(map(len, self.pending), dtype=np.intp, count=len(self.pending))
            flat = np.fromiter(itertools.chain.from_iterable(self.pending), dtype=np.intp, count=int(lens.sum()))
            starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
            self.buf[start:self.n] = np.add.reduceat(state[flat], starts, axis=0)
            self.pending = []
        return self.buf[:self.n]

    def clear(self) -> None:
        self.n = 1
        self.pending = []


def viterbi(trans: np.ndarray, ems: list[np.ndarray]) -> list[list[int]]:
    """Best label ids of each sequence (state scores `ems[b]`, tokens x labels), all decoded
    at once (longest first, so the sequences still running at step t are the first m). As
    CRFsuite: on a tie the lower label id wins."""
    if not ems:
        return []
    lens = np.array([len(e) for e in ems])
    order = np.argsort(-lens, kind="stable")
    lens_sorted = lens[order]
    b, t_max, n_lab = len(ems), int(lens_sorted[0]), trans.shape[0]
    em = np.zeros((b, t_max, n_lab))
    for k, j in enumerate(order.tolist()):
        em[k, :lens_sorted[k]] = ems[j]
    live = np.searchsorted(-lens_sorted, -np.arange(t_max), side="left")  # sequences longer than t
    back = np.zeros((t_max, b, n_lab), dtype=np.intp)
    delta = em[:, 0].copy()
    for t in range(1, t_max):
        m = int(live[t])
        cand = delta[:m, :, None] + trans  # previous label x next label
        back[t, :m] = cand.argmax(axis=1)
        delta[:m] = cand.max(axis=1) + em[:m, t]
    cur = delta.argmax(axis=1)
    out = np.zeros((b, t_max), dtype=np.intp)
    out[np.arange(b), lens_sorted - 1] = cur
    for t in range(t_max - 1, 0, -1):
        m = int(live[t])
        cur[:m] = back[t, np.arange(m), cur[:m]]
        out[:m, t - 1] = cur[:m]
    res: list[list[int]] = [[]] * b
    for k, j in enumerate(order.tolist()):
        res[j] = out[k, :lens_sorted[k]].tolist()
    return res

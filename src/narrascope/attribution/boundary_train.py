"""Training the content-end model (`boundary.py`) on PolNeAR gold cues and contents."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.boundary import BOUNDARY_FILE, candidate_ends, cue_head, features
from narrascope.attribution.features import arrays
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.train import char_to_tokens
from narrascope.attribution.weights_file import write_weights
from narrascope.eval import brat_attributions as polnear

BOUNDARY_C = 1.0
MARGIN = 2.0  # logit; chosen on the first half of PolNeAR dev (C 0.1 / 0.3 / 1.0, margin 0-3)


def build_rows(root, split: str, docs: dict[str, Doc],
               log=print) -> tuple[list[list[str]], list[int], list[int]]:
    """Feature lists, labels (1 = the gold end) and group ids (one group per content)."""
    xs, ys, groups = [], [], []
    g = covered = total = 0
    for name, doc in docs.items():
        arts = list(polnear.iter_articles(root, split, names=[name]))
        if not arts:
            continue
        a = arrays(doc)
        quote_ids = token_quote_ids(doc, find_quotes(arts[0].text))
        for att in arts[0].attributions:
            if len(att.cue) != 1 or not att.content:
                continue
            cue = char_to_tokens(doc, *att.cue[0])
            frags = [char_to_tokens(doc, s, e) for s, e in att.content]
            if cue is None or any(f is None for f in frags):
                continue
            s, ge = sorted(frags)[-1]
            if quote_ids[ge - 1] >= 0 or (ge < a.n and quote_ids[ge] >= 0):
                continue
            total += 1
            ends = candidate_ends(a, s, ge - 1)
            se = ends[-1]
            if ge not in ends:
                continue
            covered += 1
            h = cue_head(a, cue)
            g += 1
            for e in ends:
                if cue[0] < e <= cue[1] or (s < cue[0] and e > cue[0]):
                    continue
                xs.append(features(a, s, e, cue, h, se))
                ys.append(int(e == ge))
                groups.append(g)
    log(f"boundary: {total} unquoted gold contents, {covered} with the gold end among the candidates, "
        f"{len(xs)} rows")
    return xs, ys, groups


def fit_weights(xs: list[list[str]], ys: list[int], c: float = BOUNDARY_C) -> dict[str, float]:
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for x in xs for f in set(x))
    keep = {f for f, n in counts.items() if n >= 2}
    vec = DictVectorizer()
    m = vec.fit_transform([{f: 1 for f in x if f in keep} for x in xs]).tocsr()
    m.indices = m.indices.astype("int32")  # liblinear takes 32-bit indices only
    m.indptr = m.indptr.astype("int32")
    lr = LogisticRegression(C=c, solver="liblinear", max_iter=500)
    lr.fit(m, ys)
    w = {f: float(lr.coef_[0][j]) for f, j in vec.vocabulary_.items() if abs(lr.coef_[0][j]) > 1e-6}
    w["bias"] = w.get("bias", 0.0) + float(lr.intercept_[0])
    return w


def train_boundary(root, docs: dict[str, Doc], out: Path | str | None = None, log=print,
                   c: float = BOUNDARY_C, margin: float = MARGIN) -> dict:
    """Fit the content-end model on PolNeAR train's gold cues and contents."""
    t0 = time.process_time()
    out = Path(out) if out else BOUNDARY_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    xs, ys, _ = build_rows(root, "train", docs, log=log)
    t1 = time.process_time()
    weights = fit_weights(xs, ys, c)
    write_weights(weights, out, "content end model", {"margin": margin}, f"PolNeAR train (one annotator file per article, gold "
                  f"cues and contents), C={c}, {len(xs)} rows; written by `narrascope train "
                  f"attribution --stage boundary`; #margin: chosen on the first half of dev")
    t2 = time.process_time()
    info = {"boundary_features_cpu_s": round(t1 - t0, 1), "boundary_train_cpu_s": round(t2 - t1, 1),
            "boundary_rows": len(xs), "boundary_weights": len(weights),
            "boundary_size_bytes": out.stat().st_size, "boundary_path": str(out)}
    log(f"content end model: {info}")
    return info

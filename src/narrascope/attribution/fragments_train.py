"""Training the content-fragment model (`fragments.py`) on the per-cue model's k-fold readings
of PolNeAR train's gold cues (`percue_cv.py`)."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.boundary import cue_head
from narrascope.attribution.boundary_train import fit_weights
from narrascope.attribution.fragments import FRAGMENTS_FILE, cue_words, features
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.percue_cv import iter_readings
from narrascope.attribution.weights_file import write_weights
from narrascope.attribution.train import char_to_tokens

FRAGMENTS_C = 1.0
THRESHOLD = 0.4  # chosen on the first half of PolNeAR dev (C 0.1 / 0.3 / 1.0, 0.3-0.6)


def build_rows(root, split: str, docs: dict[str, Doc], reads: dict[str, list],
               cue_words: frozenset[str], log=print) -> tuple[list[list[str]], list[int]]:
    """One row per fragment (but the one nearest the cue) of every read content of two or more
    fragments; label 1 when it overlaps a gold content fragment of the same attribution."""
    xs, ys = [], []
    n_contents = 0
    for doc, a, quote_ids, att, read in iter_readings(root, split, docs, reads):
        if len(read[2]) < 2:
            continue
        cue, _, content = read
        gold = [f for f in (char_to_tokens(doc, s, e) for s, e in att.content) if f]
        frags = sorted(content)
        n_contents += 1
        h = cue_head(a, cue)
        nearest = min(range(len(frags)),
                      key=lambda k: min(abs(frags[k][0] - cue[1]), abs(cue[0] - frags[k][1])))
        for k, (s, e) in enumerate(frags):
            if k == nearest:
                continue
            xs.append(features(a, frags, k, cue, h, quote_ids, cue_words))
            ys.append(int(any(s < ge and gs < e for gs, ge in gold)))
    log(f"fragments: {n_contents} read contents of 2+ fragments, {len(xs)} rows, {sum(ys)} kept in gold")
    return xs, ys


def fit_and_write(xs: list[list[str]], ys: list[int], out: Path, *, c: float, fallback_bias: float,
                  title: str, threshold: float, key: str, t0: float, log=print) -> dict:
    """Fit a model over k-fold-reading rows (`fit_weights`; with one label only, e.g. on a handful of
    articles, a constant `fallback_bias`), write its weights file and return the training info
    under `key`_... names. Shared by the fragment and add-fragment models."""
    weights = fit_weights(xs, ys, c) if len(set(ys)) == 2 else {"bias": fallback_bias}
    write_weights(weights, out, title, {"threshold": threshold}, f"PolNeAR train (per-cue k-fold readings of the gold cues of "
                  f"one annotator file per article), C={c}, {len(xs)} rows; written by `narrascope train "
                  f"attribution --stage boundary`; #threshold: chosen on the first half of dev")
    info = {f"{key}_cpu_s": round(time.process_time() - t0, 1), f"{key}_rows": len(xs),
            f"{key}_weights": len(weights), f"{key}_size_bytes": out.stat().st_size, f"{key}_path": str(out)}
    log(f"{title}: {info}")
    return info


def train_fragments(root, docs: dict[str, Doc], reads: dict[str, list], out: Path | str | None = None,
                    log=print, c: float = FRAGMENTS_C, threshold: float = THRESHOLD) -> dict:
    t0 = time.process_time()
    out = Path(out) if out else FRAGMENTS_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    xs, ys = build_rows(root, "train", docs, reads, cue_words(cue_lexicon()), log=log)
    # a constant that keeps every fragment when there are too few rows to fit
    return fit_and_write(xs, ys, out, c=c, fallback_bias=1.0, title="content fragment model",
                         threshold=threshold, key="fragments", t0=t0, log=log)

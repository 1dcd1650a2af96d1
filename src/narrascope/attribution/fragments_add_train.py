"""Training the add-fragment model (`fragments_add.py`) on the per-cue model's k-fold readings
of PolNeAR train's gold cues (`percue_cv.py`), as the fragment model is trained."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.boundary import cue_head
from narrascope.attribution.features import paragraphs
from narrascope.attribution.fragments import cue_words
from narrascope.attribution.fragments_add import ADD_FILE, candidates, features, para_of
from narrascope.attribution.fragments_train import fit_and_write
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.percue_cv import iter_readings
from narrascope.attribution.train import char_to_tokens

ADD_C = 1.0
ADD_THRESHOLD = 0.2  # C (0.3 / 1.0) and threshold (0.2-0.5) chosen on the first half of PolNeAR dev


def build_rows(root, split: str, docs: dict[str, Doc], reads: dict[str, list], words: frozenset[str],
               log=print) -> tuple[list[list[str]], list[int]]:
    """One row per candidate of every read content; label 1 when the candidate is a gold content
    fragment of the same attribution that the reading does not overlap (exact spans: a
    candidate that only overlaps one would not make the content exact; trained with that
    label instead, the model gained nothing on the first half of dev)."""
    xs, ys = [], []
    for doc, a, quote_ids, att, read in iter_readings(root, split, docs, reads):
        cue, source, content = read
        if not content:
            continue
        gold = [f for f in (char_to_tokens(doc, s, e) for s, e in att.content) if f]
        missing = [g for g in gold if not any(g[0] < e and s < g[1] for s, e in content)]
        para = para_of(paragraphs(doc), cue[0])
        if para[1] <= para[0]:
            continue
        h = cue_head(a, cue)
        content = sorted(content)
        for kind, side, span in candidates(a, quote_ids, cue, source, content, para):
            xs.append(features(a, quote_ids, cue, h, content, kind, side, span, words))
            ys.append(int(span in missing))
    log(f"add fragments: {len(xs)} candidates, {sum(ys)} equal to a gold content fragment the reading lacks")
    return xs, ys


def train_add(root, docs: dict[str, Doc], reads: dict[str, list], out: Path | str | None = None,
              log=print, c: float = ADD_C, threshold: float = ADD_THRESHOLD) -> dict:
    t0 = time.process_time()
    out = Path(out) if out else ADD_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    xs, ys = build_rows(root, "train", docs, reads, cue_words(cue_lexicon()), log=log)
    # a constant that adds nothing when there are too few rows to fit
    return fit_and_write(xs, ys, out, c=c, fallback_bias=-30.0, title="add-fragment model",
                         threshold=threshold, key="add", t0=t0, log=log)

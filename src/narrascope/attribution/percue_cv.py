"""k-fold readings of PolNeAR train by the per-cue model (`percue.py`).

The per-cue model reads its own training articles too well for a later stage to learn from its
errors there. Here train is split into `K` folds (sorted article names, round robin); a per-cue
model is trained on the other folds and reads the gold cues of each held-out article: (cue,
source, content) per gold attribution of its first annotator file. The content end model and
the content fragment model (`boundary_train.py`, `fragments_train.py`) learn from these
readings. About K x 3 CPU-minutes.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.features import arrays
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.percue import CueContext, PerCueTagger
from narrascope.attribution.percue_train import PERCUE_PARAMS, CharIndex, build_percue
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.rules import RuleExtractor
from narrascope.attribution.tagger import rule_tags
from narrascope.crf import fit_crf
from narrascope.eval import brat_attributions as polnear

K = 4

Reading = tuple[tuple[int, int], tuple[int, int] | None, list[tuple[int, int]]]


def read_gold_cues(root, split: str, name: str, doc: Doc, tagger: PerCueTagger,
                   rules: RuleExtractor) -> list[Reading | None]:
    """The per-cue model's (cue, source, content) for each gold attribution of the article's
    first annotator file (None where the cue matches no token); the first-stage content it
    may keep is the parse rules' reading of the cue."""
    _, qids, cands = rules.read(doc, doc.text)
    ctx = CueContext(doc, qids, rule_tags(len(doc), cands))
    index = CharIndex(doc)
    out: list[Reading | None] = []
    for article in polnear.iter_articles(root, split, names=[name], one_annotator=True):
        for att in article.attributions:
            parts = [c for c in (index.tokens(s, e) for s, e in att.cue) if c]
            if not parts:
                out.append(None)
                continue
            cue = (parts[0][0], parts[-1][1]) if len(parts) == 1 else parts[0]
            rule = next((r for r in cands if r.inherited_from is None and
                         r.cue[0] < cue[1] and cue[0] < r.cue[1]), None)
            source, content = tagger.roles(ctx, cue, rule, list(rule.content) if rule else None)
            out.append((cue, source, content))
    return out


def kfold_readings(root, docs: dict[str, Doc], k: int = K, params: dict | None = None,
                   log=print) -> dict[str, list[Reading | None]]:
    """{train article: its readings} from `k` per-cue models, each trained without the article."""
    t0 = time.process_time()
    names = sorted(docs)
    k = min(k, len(names))
    if k < 2:
        return {}  # no article left to train on
    fold_of = {n: i % k for i, n in enumerate(names)}
    per = {n: build_percue(root, "train", {n: docs[n]}, log=lambda *a: None) for n in names}
    rules = RuleExtractor(cue_lexicon())
    reads: dict[str, list[Reading | None]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(k):
            path = Path(tmp) / f"percue-fold{fold}.crfsuite"
            seqs = ((x, y) for n in names if fold_of[n] != fold for x, y in zip(*per[n]))
            fit_crf(seqs, path, {**PERCUE_PARAMS, **(params or {})})
            tagger = PerCueTagger(path)
            for n in names:
                if fold_of[n] == fold:
                    reads[n] = read_gold_cues(root, "train", n, docs[n], tagger, rules)
            log(f"per-cue fold {fold + 1}/{k}: {time.process_time() - t0:.0f} s CPU")
    return reads


def iter_readings(root, split: str, docs: dict[str, Doc], reads: dict[str, list]):
    """(doc, arrays, quote ids, gold attribution, reading) for every gold attribution of the first
    annotator file of each article that the per-cue model read (`reads`, `percue_cv.py`)."""
    for name, doc in docs.items():
        arts = list(polnear.iter_articles(root, split, names=[name], one_annotator=True))
        if not arts or name not in reads:
            continue
        a = arrays(doc)
        quote_ids = token_quote_ids(doc, find_quotes(arts[0].text))
        for att, read in zip(arts[0].attributions, reads[name]):
            if read is not None:
                yield doc, a, quote_ids, att, read

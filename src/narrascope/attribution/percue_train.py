"""Train the per-cue source/content CRF (`percue.py`) on PolNeAR: one sequence per gold cue."""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.features import arrays
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.percue import PERCUE_FILE, CueContext, cue_features, gold_labels
from narrascope.attribution.rules import RuleExtractor
from narrascope.attribution.tagger import rule_tags
from narrascope.crf import fit_crf
from narrascope.eval import brat_attributions as polnear

PERCUE_PARAMS = {"c1": 0.05, "c2": 0.1, "max_iterations": 100, "feature.possible_transitions": True}


class CharIndex:
    """Character offsets -> token ranges (non-space tokens only), without scanning the Doc."""

    def __init__(self, doc: Doc) -> None:
        a = arrays(doc)
        self.starts, self.ends, self.ids = [], [], []
        pos = 0
        for i, (t, sp) in enumerate(zip(a.text, a.space)):
            if t.strip():
                self.starts.append(pos)
                self.ends.append(pos + len(t))
                self.ids.append(i)
            pos += len(t) + (1 if sp else 0)

    def tokens(self, start: int, end: int) -> tuple[int, int] | None:
        lo = bisect_right(self.ends, start)
        hi = bisect_left(self.starts, end)
        if hi <= lo:
            return None
        return self.ids[lo], self.ids[hi - 1] + 1


def build_percue(root, split: str, docs: dict[str, Doc], one_annotator: bool = True, log=print):
    """(feature sequences, label sequences) for every gold attribution of a split."""
    lex = cue_lexicon()
    rules = RuleExtractor(lex)
    xs, ys = [], []
    for name, doc in docs.items():
        text = doc.text
        _, qids, cands = rules.read(doc, text)
        ctx = CueContext(doc, qids, rule_tags(len(doc), cands))
        index = CharIndex(doc)
        for article in polnear.iter_articles(root, split, names=[name], one_annotator=one_annotator):
            for att in article.attributions:
                cue_parts = [index.tokens(s, e) for s, e in att.cue]
                cue_parts = [c for c in cue_parts if c]
                if not cue_parts:
                    continue
                cue = (cue_parts[0][0], cue_parts[-1][1]) if len(cue_parts) == 1 else cue_parts[0]
                src = None
                if att.source:
                    parts = [index.tokens(s, e) for s, e in att.source]
                    parts = [p for p in parts if p]
                    src = (parts[0][0], parts[-1][1]) if parts else None
                content = [c for c in (index.tokens(s, e) for s, e in att.content) if c]
                rule = next((r for r in cands if r.inherited_from is None and
                             r.cue[0] < cue[1] and cue[0] < r.cue[1]), None)
                win, feats = cue_features(ctx, cue, rule)
                xs.append(feats)
                ys.append(gold_labels(win, src, content, cue))
    log(f"{split}: {len(docs)} articles, {len(xs)} cue sequences, {sum(len(x) for x in xs)} tokens")
    return xs, ys


def train_percue(root, docs: dict[str, Doc], out: Path | str | None = None, params: dict | None = None,
                 log=print, one_annotator: bool = True) -> dict:
    import pycrfsuite  # noqa: F401 - fail before hours of feature building, not after

    t0 = time.process_time()
    out = Path(out) if out else PERCUE_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    xs, ys = build_percue(root, "train", docs, one_annotator=one_annotator, log=log)
    t1 = time.process_time()
    fit_crf(zip(xs, ys), out, {**PERCUE_PARAMS, **(params or {})})
    t2 = time.process_time()
    info = {"percue_features_cpu_s": round(t1 - t0, 1), "percue_train_cpu_s": round(t2 - t1, 1),
            "percue_size_bytes": out.stat().st_size, "percue_sequences": len(xs), "percue_path": str(out)}
    log(f"per-cue model: {info}")
    return info

"""Train the attribution CRF on PolNeAR (`narrascope train attribution --polnear DIR`)."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.corpus import parse_split
from narrascope.attribution.features import ROLE_TAGS, paint, token_features
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.rules import RuleExtractor
from narrascope.attribution.tagger import MODEL_FILE, rule_tags, sequences
from narrascope.eval import polnear

DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150,
                  "feature.possible_transitions": True}


def char_to_tokens(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    toks = [t.i for t in doc if t.idx < end and t.idx + len(t.text) > start and not t.is_space]
    return (toks[0], toks[-1] + 1) if toks else None


def gold_spans(doc: Doc, article: polnear.AnnotatedArticle) -> list[tuple[str, int, int]]:
    spans = set()
    for att in article.attributions:
        for role in ("source", "cue", "content"):
            frags = att.role(role)
            for s, e in frags or ():
                r = char_to_tokens(doc, s, e)
                if r is not None:
                    spans.add((ROLE_TAGS[role], *r))
    return sorted(spans)


def build_sequences(root, split: str, cache_dir=None, names=None, log=print):
    lex = cue_lexicon()
    rules = RuleExtractor(lex)
    docs = parse_split(root, split, cache_dir, names)
    xs, ys = [], []
    for name, doc in docs.items():
        quotes = find_quotes(doc.text)
        qids = token_quote_ids(doc, quotes)
        cands = rules.extract(doc, quotes, qids)
        feats = token_features(doc, lex, qids, rule_tags(len(doc), cands))
        seqs = sequences(doc, feats, only_with_cues=True)
        for article in polnear.iter_articles(root, split, names=[name]):
            tags = paint(len(doc), gold_spans(doc, article))
            for s, e in seqs:
                xs.append(feats[s:e])
                ys.append(tags[s:e])
    log(f"{split}: {len(docs)} articles, {len(xs)} sequences, {sum(len(x) for x in xs)} tokens")
    return xs, ys


def train(root, out: Path | str | None = None, cache_dir=None, params: dict | None = None,
          names: list[str] | None = None, log=print) -> dict:
    import pycrfsuite

    t0 = time.time()
    xs, ys = build_sequences(root, "train", cache_dir, names, log)
    t1 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    trainer.set_params({**DEFAULT_PARAMS, **(params or {})})
    out = Path(out) if out else MODEL_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    t2 = time.time()
    info = {"features_s": round(t1 - t0, 1), "train_s": round(t2 - t1, 1),
            "size_bytes": out.stat().st_size, "sequences": len(xs), "path": str(out)}
    log(f"trained in {info['train_s']} s (features {info['features_s']} s), {info['size_bytes']} bytes -> {out}")
    return info

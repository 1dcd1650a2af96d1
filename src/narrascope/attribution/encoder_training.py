"""Train the attribution encoder (`encoder_tagger`) on PolNeAR train as a BIO tagger.

Gold labels (`gold_labels`): the first annotator file of each article (as the CRFs are
trained); every source, the outer contents (a content inside another attribution's content is
not painted: nested attributions keep the outer one) and every cue are painted in that order,
a later role overwriting an earlier one, so a cue inside a content stays a cue. A token starts
a span (B-) at a fragment's first token or where the role changes; whitespace tokens stay O.
A fragment of a split content is painted as its own span.

The recipe of the shipped weights (session 11, docs/history/attribution.md): the packaged MiniLM cut to
4 layers, 2 epochs, lr 5e-5, batch 8, seed 0, `narrascope.encoder.fit_tagger`'s loop, saved int8.
`narrascope train attribution --polnear DIR --stage encoder`; ~23 CPU-minutes on one thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
from spacy.tokens import Doc

from narrascope.attribution.encoder_tagger import LABELS
from narrascope.eval import brat_attributions as polnear

LAYERS = 4
RECIPE = {"epochs": 2, "lr": 5e-5, "batch_size": 8, "seed": 0}
Frag = tuple[int, int]


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    toks = [t.i for t in span if not t.is_space]
    return (toks[0], toks[-1] + 1) if toks else None


def _inside(frag: Frag, others) -> bool:
    return any(o != frag and o[0] <= frag[0] and frag[1] <= o[1] for o in others)


def gold_labels(doc: Doc, article: polnear.AnnotatedArticle) -> np.ndarray:
    """Label index (over `LABELS`) per token of `doc` from one annotator's attributions."""
    contents = [f for a in article.attributions for f in a.content]
    outer = sorted({f for f in contents if not _inside(f, contents)})
    role = ["O"] * len(doc)
    start = [False] * len(doc)

    def paint(frag: Frag, tag: str) -> None:
        r = _token_range(doc, *frag)
        if r is None:
            return
        for i in range(*r):
            role[i] = tag
            start[i] = i == r[0]

    for a in article.attributions:
        for f in a.source or ():
            if not _inside(f, outer) and f not in outer:  # a source quoted inside a content stays content
                paint(f, "SRC")
    for f in outer:
        paint(f, "CNT")
    for a in article.attributions:
        for f in a.cue:
            paint(f, "CUE")
    index = {lab: i for i, lab in enumerate(LABELS)}
    out = np.zeros(len(doc), dtype=np.int64)
    for i in range(len(doc)):
        if role[i] == "O" or doc[i].is_space:
            continue
        begin = start[i] or i == 0 or role[i - 1] != role[i]
        out[i] = index[("B-" if begin else "I-") + role[i]]
    return out


def examples(root, names: list[str] | None = None, make_doc: Callable[[str], Doc] | None = None):
    """(doc, labels) for each train article (first annotator file); docs are tokenised only."""
    if make_doc is None:
        from narrascope.loader import load_pipeline

        make_doc = load_pipeline(components=()).make_doc  # the pipeline's own tokenizer
    out = []
    for article in polnear.iter_articles(root, "train", names=names, one_annotator=True):
        doc = make_doc(article.text)
        out.append((doc, gold_labels(doc, article)))
    return out


def train_encoder(root, out: Path | str, names: list[str] | None = None, *, layers: int = LAYERS,
                  epochs: int = RECIPE["epochs"], log: Callable[[str], None] = print) -> dict:
    """Fine-tune a fresh 4-layer tagger on PolNeAR train; save it int8 to the folder `out`."""
    from narrascope.encoder import EncoderTagger, fit_tagger

    data = examples(root, names)
    log(f"encoder: {len(data)} articles, {sum(len(d) for d, _ in data)} tokens")
    tagger = EncoderTagger.new(LABELS, layers=layers, seed=RECIPE["seed"])  # a repeatable head draw
    fit_tagger(tagger, data, epochs=epochs, lr=RECIPE["lr"], batch_size=RECIPE["batch_size"],
               seed=RECIPE["seed"], log=log)
    out = Path(out)
    tagger.save(out, int8=True)
    return {"encoder_articles": len(data), "encoder_layers": layers, "encoder_path": str(out),
            "encoder_bytes": sum(f.stat().st_size for f in out.iterdir() if f.is_file())}

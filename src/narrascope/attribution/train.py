"""Train the attribution CRF on PolNeAR (`narrascope train attribution --polnear DIR`)."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.tokens import Doc

from narrascope.attribution.corpus import parse_split
from narrascope.attribution.features import ROLE_TAGS, paint, select_paragraphs, token_features
from narrascope.attribution.lexicon import cue_lexicon
from narrascope.attribution.rules import RuleExtractor
from narrascope.attribution.tagger import CUE_LEMMAS, MODEL_FILE, cue_words, rule_tags
from narrascope.crf import fit_crf
from narrascope.eval import brat_attributions as polnear

DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 100,
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


def learn_cue_lemmas(docs: dict[str, Doc], root, split: str, min_count: int = 3) -> dict[str, int]:
    """Lemmas of the verbs and nouns that head gold cues, with their counts."""
    counts: dict[str, int] = {}
    for name, doc in docs.items():
        for article in polnear.iter_articles(root, split, names=[name], one_annotator=True):
            for role, s, e in gold_spans(doc, article):
                if role != "CUE":
                    continue
                for tok in doc[s:e]:
                    if tok.pos_ in ("VERB", "NOUN", "ADJ"):
                        counts[tok.lemma_.lower()] = counts.get(tok.lemma_.lower(), 0) + 1
    return {k: v for k, v in sorted(counts.items()) if v >= min_count}


def build_sequences(root, split: str, docs: dict[str, Doc], log=print, words=None):
    lex = cue_lexicon()
    rules = RuleExtractor(lex)
    if words is None:
        words = cue_words(lex)
    xs, ys = [], []
    for name, doc in docs.items():
        _, qids, cands = rules.read(doc)
        ranges = select_paragraphs(doc, words)
        feats = token_features(doc, lex, qids, rule_tags(len(doc), cands), ranges)
        for article in polnear.iter_articles(root, split, names=[name]):
            tags = paint(len(doc), gold_spans(doc, article))
            for s, e in ranges:
                xs.append([feats[i] for i in range(s, e)])
                ys.append(tags[s:e])
    log(f"{split}: {len(docs)} articles, {len(xs)} sequences, {sum(len(x) for x in xs)} tokens")
    return xs, ys


#: the stages `train` runs by default (`train attribution --stage all`), and every stage it knows:
#: `encoder` is opt-in (it needs the encoder extra)
DEFAULT_STAGES = ("tagger", "percue", "cuepick", "boundary")
STAGES = (*DEFAULT_STAGES, "encoder")


def train(root, out: Path | str | None = None, cache_dir=None, params: dict | None = None,
          names: list[str] | None = None, log=print, stages: tuple[str, ...] = DEFAULT_STAGES,
          percue_params: dict | None = None) -> dict:
    """Train the paragraph tagger (`out`, default the shipped file), the per-cue model
    (`percue.crfsuite` beside it) and the cue picker (`cuepick.tsv` beside it, after the
    tagger: it reads the tagger's learned cue lemmas; with it the cue-preposition table
    `cue_preps.tsv`), the content end model (`boundary.tsv`
    beside it), the content fragment model (`fragments.tsv` beside it) and the add-fragment
    model (`fragments_add.tsv` beside it; the `boundary` stage writes these three, the last two
    from k-fold per-cue readings of train); `stages` picks which. The `encoder` stage (not
    among the defaults: it needs the encoder extra) writes the encoder backend's weights to the
    folder `encoder/` beside `out` (`encoder_training`); it reads no parse."""
    out = Path(out) if out else MODEL_FILE
    info: dict = {}
    if "encoder" in stages:
        from narrascope.attribution.encoder_training import train_encoder

        info.update(train_encoder(root, out.with_name("encoder"), names, log=log))
        stages = tuple(s for s in stages if s != "encoder")
        if not stages:
            return info
    import pycrfsuite  # noqa: F401 - fail before hours of feature building, not after

    from narrascope.attribution.boundary import BOUNDARY_FILE
    from narrascope.attribution.boundary_train import train_boundary
    from narrascope.attribution.cue_preps import CUE_PREPS_FILE, train_cue_preps
    from narrascope.attribution.cuepick import CUEPICK_FILE
    from narrascope.attribution.cuepick_train import train_cuepick
    from narrascope.attribution.fragments import FRAGMENTS_FILE
    from narrascope.attribution.fragments_add import ADD_FILE
    from narrascope.attribution.fragments_add_train import train_add
    from narrascope.attribution.fragments_train import train_fragments
    from narrascope.attribution.percue import PERCUE_FILE
    from narrascope.attribution.percue_cv import kfold_readings
    from narrascope.attribution.percue_train import train_percue

    out.parent.mkdir(parents=True, exist_ok=True)
    # the shipped models were fit on parses without the dateline boundary; a refit on parses with it
    # was measured and not kept (session 16: dev exact -0.28 / -0.39 / +0.23, docs/history/attribution.md)
    docs = parse_split(root, "train", cache_dir, names, dateline_boundary=False)
    if "percue" in stages:
        info.update(train_percue(root, docs, out.with_name(PERCUE_FILE.name), percue_params, log=log))
    if "boundary" in stages:
        info.update(train_boundary(root, docs, out.with_name(BOUNDARY_FILE.name), log=log))
        reads = kfold_readings(root, docs, params=percue_params, log=log)
        info.update(train_fragments(root, docs, reads, out.with_name(FRAGMENTS_FILE.name), log=log))
        info.update(train_add(root, docs, reads, out.with_name(ADD_FILE.name), log=log))
    if "tagger" not in stages:
        if "cuepick" in stages:
            info.update(train_cuepick(root, docs, out.with_name(CUEPICK_FILE.name), log=log,
                                      model_path=out))
            info.update(train_cue_preps(root, docs, out.with_name(CUE_PREPS_FILE.name), log=log))
        return info
    t0 = time.time()
    lemmas = learn_cue_lemmas(docs, root, "train")
    lex = cue_lexicon()
    with open(out.with_name(CUE_LEMMAS), "w", encoding="utf-8") as fh:
        fh.write("# lemmas heading >= 3 cues in PolNeAR train (one annotator per article), counts;\n"
                 "# written by `narrascope train attribution`: paragraphs holding one are tagged\n")
        for lemma, count in lemmas.items():
            fh.write(f"{lemma}\t{count}\n")
    words = frozenset(set(lex.verbs) | set(lex.nouns) | set(lex.adverbs) | set(lemmas))
    xs, ys = build_sequences(root, "train", docs, log, words)
    t1 = time.time()
    fit_crf(zip(xs, ys), out, {**DEFAULT_PARAMS, **(params or {})})
    t2 = time.time()
    info |= {"features_s": round(t1 - t0, 1), "train_s": round(t2 - t1, 1),
            "size_bytes": out.stat().st_size, "sequences": len(xs), "path": str(out)}
    log(f"trained in {info['train_s']} s (features {info['features_s']} s), {info['size_bytes']} bytes -> {out}")
    if "cuepick" in stages:
        info.update(train_cuepick(root, docs, out.with_name(CUEPICK_FILE.name), log=log,
                                  model_path=out))
        info.update(train_cue_preps(root, docs, out.with_name(CUE_PREPS_FILE.name), log=log))
    return info

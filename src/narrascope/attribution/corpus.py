"""PolNeAR articles parsed once with the bare spaCy model, cached as a DocBin (outside the repo)."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, DocBin

from narrascope.eval import brat_attributions as polnear


def parse_split(root: Path | str, split: str, cache_dir: Path | str | None = None,
                names: list[str] | None = None, dateline_boundary: bool = True) -> dict[str, Doc]:
    """{article name: parsed Doc} for a split, read from `cache_dir` when cached there.

    `dateline_boundary=False` parses without the loader's `narrascope_dateline_boundary` pipe (session
    15): the shipped attribution models were fit on such parses, so `train attribution` reads train
    that way and reproduces them. The cache file's name says which parse it holds (a cache of the
    other parse, or one written before session 16, is not read)."""
    from narrascope.loader import DATELINE_BOUNDARY, load_pipeline

    nlp = load_pipeline(components=())
    names = names if names is not None else polnear.article_names(root, split)
    tag = "dateline1" if dateline_boundary else "dateline0"
    cache = Path(cache_dir) / f"polnear-{split}-{len(names)}-{tag}.spacy" if cache_dir else None
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(names):
            return dict(zip(names, docs))
    texts = (polnear.read_text(root, split, n) for n in names)
    off = [] if dateline_boundary or DATELINE_BOUNDARY not in nlp.pipe_names else [DATELINE_BOUNDARY]
    with nlp.select_pipes(disable=off):
        docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return dict(zip(names, docs))

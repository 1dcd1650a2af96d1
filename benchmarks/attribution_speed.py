"""Words per second of the bare spaCy pipeline vs the same pipeline plus narrascope_attribution.

    python benchmarks/attribution_speed.py [--polnear DIR] [--rounds 3]

Both pipelines run on the same texts in the same process (the demo articles, plus the PolNeAR
dev texts read in place when given), alternately, best of N rounds each. The goal: the
pipeline with the component keeps at least 80% of the bare pipeline's words per second.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]


def texts(polnear: str | None, limit: int) -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    if polnear:
        out += [p.read_text(encoding="utf-8") for p in sorted(Path(polnear, "dev", "text").glob("*.txt"))[:limit]]
    return out


def run(nlp: spacy.Language, docs: list[str]) -> float:
    t0 = time.perf_counter()
    words = 0
    for doc in nlp.pipe(docs, batch_size=16):
        words += sum(1 for t in doc if not (t.is_space or t.is_punct))
    return words / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", default=None)
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    import narrascope.pipeline  # noqa: F401 - registers the factory
    from narrascope.loader import _load_base

    bare = _load_base(None)
    full = _load_base(None)
    full.add_pipe("narrascope_attribution")
    docs = texts(args.polnear, args.limit)
    run(bare, docs[:2]), run(full, docs[:2])  # warm up
    best_bare = best_full = 0.0
    for _ in range(args.rounds):
        best_bare = max(best_bare, run(bare, docs))
        best_full = max(best_full, run(full, docs))
    print(f"texts: {len(docs)}")
    print(f"bare spaCy:            {best_bare:,.0f} words/s")
    print(f"+ narrascope_attribution: {best_full:,.0f} words/s")
    print(f"ratio: {best_full / best_bare:.2f} (goal >= 0.80)")


if __name__ == "__main__":
    main()

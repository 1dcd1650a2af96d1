"""Words per second of the bare spaCy pipeline vs the same pipeline plus narrascope_attribution.

    python benchmarks/attribution_speed.py [--polnear DIR] [--rounds 3] [--no-cuepick] [--no-boundary] [--no-fragments]

In one process, on the same texts (the demo articles, plus the PolNeAR dev texts read in place
when given): the bare pipeline parses them (time A), then narrascope_attribution runs on those
Docs (time B); bare = words / A, with the component = words / (A + B); best of N rounds each.
Times are CPU times of the process (`time.process_time`), so other processes on a shared
machine disturb them less than wall-clock times; timing the component on the same Docs right
after the parse keeps the ratio steady. It also prints the component's milliseconds per
1,000 words and its cost as a share of the bare pipeline's time (B / A). The goal: the pipeline with the component keeps at least 80% of the bare
pipeline's words per second. The first round's component time (its memo tables cold, as on
unseen texts) is printed too.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]


def texts(polnear: str | None, limit: int) -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    if polnear:
        out += [p.read_text(encoding="utf-8") for p in sorted(Path(polnear, "dev", "text").glob("*.txt"))[:limit]]
    return out


def words(docs) -> int:
    return sum(1 for doc in docs for t in doc if not (t.is_space or t.is_punct))


#: the component's stage switches (`use_<stage>`) the benchmark can turn off, one --no-<stage> each
STAGES = (("cuepick", "the cue picker"), ("boundary", "the content end model"),
          ("fragments", "the content fragment model"),
          ("quote_edges", "completing contents to their quotations"),
          ("quote_paragraphs", "carrying contents over a quotation's paragraphs"),
          ("dash_cut", "cutting contents at a lone dash"),
          ("dateline_cut", "dropping datelines from contents"),
          ("source_edits", "the source edge cuts"), ("cue_starts", "starting cues at their auxiliaries"),
          ("cue_preps", "the cue-preposition table"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", default=None)
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    for stage, what in STAGES:
        ap.add_argument(f"--no-{stage.replace('_', '-')}", action="store_true", help=f"without {what} (to compare)")
    args = ap.parse_args()

    import narrascope.pipeline  # noqa: F401 - registers the factory
    from narrascope.loader import _load_base

    nlp = _load_base(None)
    component = nlp.add_pipe("narrascope_attribution",
                             config={f"use_{stage}": not getattr(args, f"no_{stage}") for stage, _ in STAGES})
    docs_in = texts(args.polnear, args.limit)
    best_a = best_b = float("inf")
    first_b = None
    n_words = 0
    with nlp.select_pipes(disable=["narrascope_attribution"]):
        list(nlp.pipe(docs_in[:2]))  # warm up
        for _ in range(args.rounds):
            t0 = time.process_time()
            docs = list(nlp.pipe(docs_in, batch_size=16))
            t1 = time.process_time()
            for doc in docs:
                component(doc)
            t2 = time.process_time()
            best_a, best_b = min(best_a, t1 - t0), min(best_b, t2 - t1)
            first_b = t2 - t1 if first_b is None else first_b
            n_words = words(docs)
    bare, full = n_words / best_a, n_words / (best_a + best_b)
    print(f"texts: {len(docs_in)}, words: {n_words}")
    print(f"bare spaCy:               {bare:,.0f} words/s")
    print(f"+ narrascope_attribution: {full:,.0f} words/s")
    print(f"ratio: {full / bare:.2f} (goal >= 0.80)")
    print(f"narrascope_attribution: {1e6 * best_b / n_words:.1f} ms CPU per 1,000 words, "
          f"{100 * best_b / best_a:.1f}% of the bare pipeline's time")
    # the component memoises feature strings and weight groups across Docs, so later rounds
    # over the same texts find them built: the first round is what unseen texts cost
    print(f"first round (memo tables cold): {1e6 * first_b / n_words:.1f} ms CPU per 1,000 words, "
          f"ratio {n_words / (best_a + first_b) / bare:.2f}")


if __name__ == "__main__":
    main()

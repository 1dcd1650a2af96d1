"""Pipeline speed with and without `narrascope_actors`, same documents, same process.

    python benchmarks/actors_speed.py [--dataset-root ../shared/datasets] [--docs 84] [--repeat 3]

Documents: the demo articles plus the PolNeAR dev texts (read in place; skipped if absent).
Each configuration runs `--repeat` times, alternating; the best run counts. Also times the
component alone on already-parsed docs. KB loading and matcher building happen once, before
timing (they are per process).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load_texts(dataset_root: Path, limit: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    folder = dataset_root / "polnear" / "dev" / "text"
    if folder.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:limit]]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset-root", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--docs", type=int, default=84)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    from narrascope.loader import load_pipeline

    nlp = load_pipeline(components=("narrascope_actors",))
    texts = load_texts(args.dataset_root, args.docs)
    chars = sum(len(t) for t in texts)
    list(nlp.pipe(texts[:2]))  # warm up

    best = {"without": float("inf"), "with": float("inf"), "component_only": float("inf")}
    for _ in range(args.repeat):
        with nlp.select_pipes(disable=["narrascope_actors"]):
            t = time.perf_counter()
            parsed = list(nlp.pipe(texts))
            best["without"] = min(best["without"], time.perf_counter() - t)
        t = time.perf_counter()
        list(nlp.pipe(texts))
        best["with"] = min(best["with"], time.perf_counter() - t)
        component = nlp.get_pipe("narrascope_actors")
        t = time.perf_counter()
        for doc in parsed:
            component(doc)
        best["component_only"] = min(best["component_only"], time.perf_counter() - t)

    result = {
        "documents": len(texts), "characters": chars, "repeat": args.repeat,
        "seconds": {k: round(v, 3) for k, v in best.items()},
        "ms_per_doc": {k: round(1000 * v / len(texts), 2) for k, v in best.items()},
        "overhead_pct": round(100 * (best["with"] - best["without"]) / best["without"], 1),
        "component_share_pct": round(100 * best["component_only"] / best["without"], 1),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

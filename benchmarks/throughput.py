"""Throughput of narrascope, in one run on the same documents.

    .venv/bin/python benchmarks/throughput.py --docs 200 --jobs 2 --json out/throughput.json

Measures words per second of (a) the bare spaCy pipeline, (b) the full narrascope pipeline,
(c) each narrascope component alone (bare + that one component), all with batched
`nlp.pipe` in one process on the same documents; and documents per second end to end
(`run_batch`: read the files, clean, analyse, store in a fresh SQLite database, one commit
per document) with `--jobs` worker processes. The corpus is built at run time from the demo
articles' sentences (benchmarks/synth.py): `--docs` articles of about `--words` words, each
with a distinct text. Model loading is done before timing (a)-(c); the end-to-end time
includes starting the workers and loading the model in each.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402


def pipe_rate(nlp, texts: list[str], batch_size: int, repeat: int) -> dict:
    """Best of `repeat` timed passes of `nlp.pipe` over `texts` (after one warm-up pass)."""
    from narrascope.analysis import make_doc
    from narrascope.document import base_document

    words = sum(len(t.split()) for t in texts)
    bases = [base_document(text=t, input_obj={"format": "text", "record": None, "path": str(i)}, language="en")
             for i, t in enumerate(texts)]
    for _ in nlp.pipe((make_doc(nlp, b) for b in bases[:8]), batch_size=batch_size):
        pass
    best = best_cpu = None
    for _ in range(repeat):
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe((make_doc(nlp, b) for b in bases), batch_size=batch_size):
            pass
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        best = elapsed if best is None else min(best, elapsed)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return {"docs": len(texts), "words": words, "seconds": round(best, 3), "cpu_seconds": round(best_cpu, 3),
            "words_per_s": round(words / best, 1), "words_per_cpu_s": round(words / best_cpu, 1),
            "docs_per_s": round(len(texts) / best, 2)}


def relative(res: dict, base: dict) -> dict:
    return {"relative": round(res["words_per_s"] / base["words_per_s"], 3),
            "relative_cpu": round(res["words_per_cpu_s"] / base["words_per_cpu_s"], 3)}


def end_to_end(n: int, words: int, jobs: int, chunk_size: int, seed: int) -> dict:
    from narrascope.batch import run_batch
    from narrascope.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="narrascope-bench-"))
    try:
        synth.write_dir(tmp / "in", n, words, seed=seed)
        store = Store(str(tmp / "bench.db"))
        t0, c0 = time.perf_counter(), _cpu()
        result = run_batch([str(tmp / "in")], store, jobs=jobs, chunk_size=chunk_size)
        elapsed, (main_cpu, child_cpu) = time.perf_counter() - t0, [a - b for a, b in zip(_cpu(), c0)]
        stored = store.count_documents()
        store.engine.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # On a shared machine the wall time says little; the CPU time does: with `jobs` dedicated
    # cores, the run could not take less than max(main process CPU, all CPU / cores).
    cores = min(jobs, os.cpu_count() or 1)
    bound = max(main_cpu, (main_cpu + child_cpu) / cores)
    return {"docs": n, "jobs": jobs, "chunk_size": chunk_size, "seconds": round(elapsed, 2),
            "docs_per_s": round(n / elapsed, 2), "main_cpu_s": round(main_cpu, 2), "workers_cpu_s": round(child_cpu, 2),
            "docs_per_s_dedicated_estimate": round(n / bound, 2), "stored": stored, "counts": result.counts}


def _cpu() -> tuple[float, float]:
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="articles for the pipeline measurements")
    ap.add_argument("--words", type=int, default=600, help="words per article")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    ap.add_argument("--repeat", type=int, default=2, help="timed passes per pipeline (best is kept)")
    ap.add_argument("--e2e-docs", type=int, default=300, help="articles for the end-to-end run (0: skip)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the end-to-end run")
    ap.add_argument("--chunk-size", type=int, default=32, help="documents per worker task (end to end)")
    ap.add_argument("--components", default="", help="comma-separated subset for (c); default all")
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", type=Path, default=None, help="write the results as JSON")
    args = ap.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    import narrascope.pipeline as pipeline
    from narrascope.loader import load_pipeline, model_info

    texts = list(synth.articles(args.docs, args.words, seed=1_000_000))
    console = Console(stderr=True)
    rows: list[dict] = []

    bare = load_pipeline(args.model, components=())
    console.print(f"bare pipeline: {bare.pipe_names}")
    base = pipe_rate(bare, texts, args.batch_size, args.repeat)
    rows.append({"pipeline": "bare spaCy", **base, "relative": 1.0, "relative_cpu": 1.0})
    full = load_pipeline(args.model)
    res = pipe_rate(full, texts, args.batch_size, args.repeat)
    rows.append({"pipeline": "full narrascope", **res, **relative(res, base)})
    wanted = [c for c in args.components.split(",") if c] or list(pipeline.COMPONENTS)
    for name in wanted:
        nlp = load_pipeline(args.model, components=(name,))
        res = pipe_rate(nlp, texts, args.batch_size, args.repeat)
        rows.append({"pipeline": f"bare + {name}", **res, **relative(res, base)})
        console.print(f"  {name}: {res['words_per_s']:.0f} words/s")

    e2e = None
    if args.e2e_docs:
        e2e = end_to_end(args.e2e_docs, args.words, args.jobs, args.chunk_size, seed=2_000_000)

    table = Table(title=f"narrascope throughput ({args.docs} docs x ~{args.words} words, batch {args.batch_size})")
    for col in ("pipeline", "words/s", "words/CPU-s", "docs/s", "vs bare (wall)", "vs bare (CPU)", "seconds"):
        table.add_column(col, justify="left" if col == "pipeline" else "right")
    for r in rows:
        table.add_row(r["pipeline"], f"{r['words_per_s']:.0f}", f"{r['words_per_cpu_s']:.0f}", f"{r['docs_per_s']:.1f}",
                      f"{r['relative']:.0%}", f"{r['relative_cpu']:.0%}", f"{r['seconds']:.2f}")
    Console(width=160).print(table)
    if e2e:
        Console(width=160).print(f"end to end (read, clean, analyse, store; --jobs {e2e['jobs']}, chunk {e2e['chunk_size']}): "
                        f"{e2e['docs']} docs in {e2e['seconds']} s = [bold]{e2e['docs_per_s']} docs/s[/bold] wall; "
                        f"CPU main {e2e['main_cpu_s']} s + workers {e2e['workers_cpu_s']} s -> "
                        f"{e2e['docs_per_s_dedicated_estimate']} docs/s on {min(e2e['jobs'], os.cpu_count() or 1)} dedicated cores")
    report = {
        "command": "benchmarks/throughput.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "model": model_info(full), "base_components": bare.pipe_names, "pipeline": full.pipe_names,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "loadavg_at_end": os.getloadavg()},
        "docs": args.docs, "words_per_doc": args.words, "batch_size": args.batch_size,
        "pipelines": rows, "end_to_end": e2e,
        "full_vs_bare": rows[1]["relative"], "full_vs_bare_cpu": rows[1]["relative_cpu"],
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

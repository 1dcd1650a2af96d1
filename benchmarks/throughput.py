"""Throughput of narrascope, in one run on the same documents.

    .venv/bin/python benchmarks/throughput.py --docs 200 --jobs 2 --json out/throughput.json

Measures words per second of (a) the bare spaCy pipeline, stock and as narrascope loads it
(indexed attribute-ruler matcher), (b) the full narrascope pipeline, (c) each narrascope
component alone (bare + that one component), all with batched `nlp.pipe` in one process on
the same documents; optionally (`--breakdown N`) the CPU per article of every step of the
end-to-end path; and documents per second end to end (`run_batch`: read the files, clean,
analyse, store in a fresh SQLite database, one commit per document) with `--jobs` worker
processes. The corpus is built at run time from the demo articles' sentences
(benchmarks/synth.py): `--docs` articles of about `--words` words, each with a distinct
text. Model loading is done before timing (a)-(c). End to end, the pipeline is loaded and
warmed up once before the workers fork (reported apart as `startup`), so the run is the
steady state; `--no-prefork` times the former behaviour (each worker loads its own model
inside the run).
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


def _rel2(res: dict, base: dict) -> dict:
    return {"relative_cpu_loaded": round(res["words_per_cpu_s"] / base["words_per_cpu_s"], 3)}


def end_to_end(n: int, words: int, jobs: int, chunk_size: int, seed: int, prefork: bool = True) -> dict:
    """`run_batch` over `n` article files into a fresh SQLite store. With `prefork` the
    pipeline is loaded and warmed up first (timed apart as `startup`), then the workers are
    forked from this process: the run itself is the steady state. Without it each worker
    loads its own pipeline inside the timed run (the former behaviour)."""
    from narrascope.analysis import warm_up
    from narrascope.batch import run_batch
    from narrascope.store import Store

    from narrascope.loader import load_pipeline

    startup = None
    if prefork:
        load_pipeline.cache_clear()  # startup = loading + warming up, even if (a)-(c) loaded it
        t0, c0 = time.perf_counter(), _cpu()
        warm_up()
        startup = {"seconds": round(time.perf_counter() - t0, 2), "cpu_s": round(sum(_cpu()) - sum(c0), 2)}
    tmp = Path(tempfile.mkdtemp(prefix="narrascope-bench-"))
    try:
        synth.write_dir(tmp / "in", n, words, seed=seed)
        store = Store(str(tmp / "bench.db"))
        t0, c0 = time.perf_counter(), _cpu()
        result = run_batch([str(tmp / "in")], store, jobs=jobs, chunk_size=chunk_size, prefork=prefork)
        elapsed, (main_cpu, child_cpu) = time.perf_counter() - t0, [a - b for a, b in zip(_cpu(), c0)]
        stored = store.count_documents()
        store.engine.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # On a shared machine the wall time says little; the CPU time does: with `jobs` dedicated
    # cores, the run could not take less than max(main process CPU, all CPU / cores).
    cores = min(jobs, os.cpu_count() or 1)
    bound = max(main_cpu, (main_cpu + child_cpu) / cores)
    return {"docs": n, "jobs": jobs, "chunk_size": chunk_size, "prefork": prefork, "startup": startup,
            "seconds": round(elapsed, 2), "docs_per_s": round(n / elapsed, 2), "main_cpu_s": round(main_cpu, 2),
            "workers_cpu_s": round(child_cpu, 2), "cpu_ms_per_doc": round((main_cpu + child_cpu) * 1000 / n, 1),
            "docs_per_s_dedicated_estimate": round(n / bound, 2), "stored": stored, "counts": result.counts}


def breakdown(n: int, words: int, seed: int) -> dict:
    """CPU milliseconds per article of each step of the end-to-end path, in this process on
    `n` articles (after a warm-up): reading, cleaning (language detection apart), each spaCy
    and narrascope pipe, building the document, moving it between processes (pickle), and
    storing it (MinHash and JSON apart)."""
    import pickle

    from narrascope.analysis import make_doc, prepare, warm_up
    from narrascope.clean.language import detect_language
    from narrascope.document import fill_from_doc
    from narrascope.ingest import read_inputs
    from narrascope.loader import model_info
    from narrascope.output import dumps
    from narrascope.store import Store, neardup

    nlp = warm_up()
    cost: dict[str, float] = {}

    def timed(name: str, fn):
        c = time.process_time()
        value = fn()
        cost[name] = cost.get(name, 0.0) + time.process_time() - c
        return value

    tmp = Path(tempfile.mkdtemp(prefix="narrascope-bench-"))
    try:
        synth.write_dir(tmp / "in", n, words, seed=seed)
        records = timed("read files", lambda: list(read_inputs([str(tmp / "in")])))
        timed("language detection (part of cleaning)", lambda: [detect_language(r.text) for r in records])
        prepared = timed("clean (incl. language detection)", lambda: [prepare(r) for r in records])
        docs = [make_doc(nlp, d) for _, d in prepared]
        for name, proc in nlp.pipeline:
            docs = timed(f"pipe {name}", lambda: list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe")
                         else [proc(d) for d in docs])
        documents = timed("fill document", lambda: [fill_from_doc(d, doc, model_info(nlp), 0.0)
                                                    for (_, d), doc in zip(prepared, docs)])
        outcomes = [o for o, _ in prepared]
        for out, document in zip(outcomes, documents):
            out.document = document
        blob = timed("pickle results (worker)", lambda: pickle.dumps(outcomes))
        timed("unpickle results (main)", lambda: pickle.loads(blob))
        timed("MinHash signature (part of store)", lambda: [neardup.signature(d["text"]) for d in documents])
        timed("JSON dumps (--out)", lambda: [dumps(d) for d in documents])
        store = Store(str(tmp / "bench.db"))
        run = store.start_run({}, None)
        timed("store (SQLite, one commit per doc)", lambda: [store.save_document(
            o.document, run_id=run, key=o.key, source=o.source, record=o.record, fmt=o.format) for o in outcomes])
        store.engine.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"docs": n, "ms_per_doc": {k: round(v * 1000 / n, 2) for k, v in cost.items()},
            "pickle_kb_per_doc": round(len(blob) / n / 1024, 1)}


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
    ap.add_argument("--no-prefork", action="store_true",
                    help="end to end: each worker loads its own pipeline (the former behaviour)")
    ap.add_argument("--baseline", action="store_true",
                    help="the code path before the issue-9 work, for an A/B on the same tree: spaCy's own "
                         "attribute-ruler matcher, langdetect on every text, no prefork (workers inherit the patches "
                         "through fork)")
    ap.add_argument("--breakdown", type=int, default=0, help="articles for a per-step CPU breakdown (0: skip)")
    ap.add_argument("--skip-components", action="store_true", help="skip (c), the per-component rates")
    ap.add_argument("--components", default="", help="comma-separated subset for (c); default all")
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", type=Path, default=None, help="write the results as JSON")
    args = ap.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    if args.baseline:
        import narrascope.clean.language as language
        import narrascope.loader as loader

        loader.install_indexed_match = lambda nlp: False
        language.MARKER_SHARE = float("inf")
        args.no_prefork = True

    import narrascope.pipeline as pipeline
    from narrascope.loader import load_pipeline, model_info

    load_start = os.getloadavg()
    texts = list(synth.articles(args.docs, args.words, seed=1_000_000))
    console = Console(stderr=True)
    rows: list[dict] = []

    # "stock": the model exactly as spaCy loads it; "as loaded": as narrascope loads it (the
    # attribute ruler's indexed matcher, same annotations). Goal (1) compares with stock.
    stock_nlp = load_pipeline(args.model, components=(), fast_rules=False)
    console.print(f"bare pipeline: {stock_nlp.pipe_names}")
    stock = pipe_rate(stock_nlp, texts, args.batch_size, args.repeat)
    rows.append({"pipeline": "bare spaCy (stock)", **stock, **relative(stock, stock), **_rel2(stock, stock)})
    bare = load_pipeline(args.model, components=())
    base = pipe_rate(bare, texts, args.batch_size, args.repeat)
    rows.append({"pipeline": "bare spaCy (as narrascope loads it)", **base, **relative(base, stock), **_rel2(base, base)})
    full = load_pipeline(args.model)
    res = pipe_rate(full, texts, args.batch_size, args.repeat)
    rows.append({"pipeline": "full narrascope", **res, **relative(res, stock), **_rel2(res, base)})
    wanted = [] if args.skip_components else [c for c in args.components.split(",") if c] or list(pipeline.COMPONENTS)
    for name in wanted:
        nlp = load_pipeline(args.model, components=(name,))
        res = pipe_rate(nlp, texts, args.batch_size, args.repeat)
        rows.append({"pipeline": f"bare + {name}", **res, **relative(res, stock), **_rel2(res, base)})
        console.print(f"  {name}: {res['words_per_s']:.0f} words/s")

    steps = breakdown(args.breakdown, args.words, seed=3_000_000) if args.breakdown else None
    e2e = None
    if args.e2e_docs:
        e2e = end_to_end(args.e2e_docs, args.words, args.jobs, args.chunk_size, seed=2_000_000,
                         prefork=not args.no_prefork)

    table = Table(title=f"narrascope throughput ({args.docs} docs x ~{args.words} words, batch {args.batch_size})")
    for col in ("pipeline", "words/s", "words/CPU-s", "docs/s", "vs stock bare (wall)", "vs stock bare (CPU)",
                "vs bare as loaded (CPU)", "seconds"):
        table.add_column(col, justify="left" if col == "pipeline" else "right")
    for r in rows:
        table.add_row(r["pipeline"], f"{r['words_per_s']:.0f}", f"{r['words_per_cpu_s']:.0f}", f"{r['docs_per_s']:.1f}",
                      f"{r['relative']:.0%}", f"{r['relative_cpu']:.0%}", f"{r['relative_cpu_loaded']:.0%}",
                      f"{r['seconds']:.2f}")
    Console(width=160).print(table)
    if steps:
        st = Table(title=f"CPU per article by step ({steps['docs']} articles, one process)")
        st.add_column("step")
        st.add_column("CPU ms / article", justify="right")
        for k, v in steps["ms_per_doc"].items():
            st.add_row(k, f"{v:.1f}")
        Console(width=160).print(st)
    if e2e:
        if e2e["startup"]:
            Console(width=160).print(f"startup (load + warm up the pipeline once, before the workers fork): "
                                     f"{e2e['startup']['seconds']} s, {e2e['startup']['cpu_s']} CPU-s")
        Console(width=160).print(f"end to end (read, clean, analyse, store; --jobs {e2e['jobs']}, chunk {e2e['chunk_size']}): "
                        f"{e2e['docs']} docs in {e2e['seconds']} s = [bold]{e2e['docs_per_s']} docs/s[/bold] wall; "
                        f"CPU main {e2e['main_cpu_s']} s + workers {e2e['workers_cpu_s']} s -> "
                        f"{e2e['cpu_ms_per_doc']} CPU-ms/doc -> "
                        f"{e2e['docs_per_s_dedicated_estimate']} docs/s on {min(e2e['jobs'], os.cpu_count() or 1)} dedicated cores")
    report = {
        "command": "benchmarks/throughput.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "baseline_code_path": args.baseline,
        "model": model_info(full), "base_components": bare.pipe_names, "pipeline": full.pipe_names,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "loadavg_at_start": load_start, "loadavg_at_end": os.getloadavg()},
        "docs": args.docs, "words_per_doc": args.words, "batch_size": args.batch_size,
        "pipelines": rows, "end_to_end": e2e, "breakdown": steps,
        "full_vs_bare": rows[2]["relative"], "full_vs_bare_cpu": rows[2]["relative_cpu"],
        "full_vs_bare_as_loaded_cpu": rows[2]["relative_cpu_loaded"],
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

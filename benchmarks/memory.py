"""Peak memory of `analyze` on growing JSON Lines inputs: it must not grow with the input.

    .venv/bin/python benchmarks/memory.py --sizes 20000,200000 --json out/memory.json

For each size, a fresh child process writes a JSONL file of that many short articles
(benchmarks/synth.py sentences, `--words` words each, distinct texts), then runs the batch
runner on it exactly as `narrascope analyze FILE --db DB --out OUT` does (streaming JSONL
reader, cleaning and language detection, analysis, SQLite store with one commit per
document, near-duplicate bands, the `--out` writer with its on-disk dedup set), and reports
its peak resident set size (`resource.getrusage(...).ru_maxrss`, and psutil samples of
the process and its workers every 0.2 s, with the RSS at each quarter of the run).

`--pipeline cheap` (the default) swaps the spaCy model for `spacy.blank("en")` (tokenizer
only, narrascope's components not run) so that 200k documents finish in minutes: the
streaming, cleaning, storage and output paths, where per-input state could pile up, are the
real ones. `--pipeline minimal` also replaces cleaning (boilerplate rules, language
detection) by a pass-through, leaving reader, batch runner, store and `--out` writer: the
parts that hold state across inputs. `--pipeline full` runs the real model and components (slow: use small sizes); its
per-document memory does not depend on the input size either (one chunk in flight per worker).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402


def _rss_mb(proc) -> float:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except Exception:  # noqa: BLE001 - a worker that just exited
            pass
    return total / 2**20


def _pss_mb(proc) -> float:
    """Proportional set size of the process and its workers: a page shared by k processes
    counts 1/k in each, so the sum is the memory the run really holds (RSS sums count the
    pages the forked workers share with the parent once per process)."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_full_info().pss
        except Exception:  # noqa: BLE001 - a worker that just exited, or no /proc/PID/smaps
            pass
    return total / 2**20


def child(lines: int, words: int, pipeline: str, jobs: int, chunk_size: int, prefork: bool = True) -> dict:
    import psutil

    if pipeline in ("cheap", "minimal"):
        import functools

        import spacy

        import narrascope.analysis as analysis
        import narrascope.pipeline  # noqa: F401 - registers the Doc extensions

        @functools.lru_cache(maxsize=1)
        def blank(*_args, **_kwargs):
            return spacy.blank("en")

        analysis.load_pipeline = blank
        if pipeline == "minimal":
            from narrascope.clean import Cleaned

            def passthrough(record):
                return Cleaned(text=(record.text or record.html or "").strip(), title=record.title,
                               published=record.published, language="en")

            analysis.clean_record = passthrough
        if jobs > 1:
            raise SystemExit("--pipeline cheap patches this process only: use --jobs 1")

    from narrascope.batch import run_batch
    from narrascope.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="narrascope-mem-"))
    src = synth.write_jsonl(tmp / "in.jsonl", lines, words)
    me = psutil.Process()
    peak = {"sampled_mb": 0.0, "pss_mb": 0.0}
    stop = threading.Event()

    def sample() -> None:
        n = 0
        while not stop.is_set():
            peak["sampled_mb"] = max(peak["sampled_mb"], _rss_mb(me))
            if n % 5 == 0:  # PSS reads /proc/PID/smaps: once a second
                peak["pss_mb"] = max(peak["pss_mb"], _pss_mb(me))
            n += 1
            stop.wait(0.2)

    quarters: list[dict] = []
    done = {"n": 0}

    def progress(_outcome, n: int) -> None:
        done["n"] += n
        if len(quarters) < 4 and done["n"] >= (len(quarters) + 1) * lines / 4:
            quarters.append({"inputs": done["n"], "rss_mb": round(_rss_mb(me), 1), "pss_mb": round(_pss_mb(me), 1),
                             "seconds": round(time.perf_counter() - t0, 1)})

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    store = Store(str(tmp / "mem.db"))
    out = (tmp / "out.jsonl").open("w", encoding="utf-8")
    t0 = time.perf_counter()
    result = run_batch([str(src)], store, jobs=jobs, chunk_size=chunk_size, on_progress=progress,
                       sink=lambda d: out.write(json.dumps(d) + "\n"), prefork=prefork)
    elapsed = time.perf_counter() - t0
    out.close()
    stop.set()
    thread.join()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = {"lines": lines, "words_per_doc": words, "pipeline": pipeline, "jobs": jobs,
              "input_mb": round(src.stat().st_size / 2**20, 1), "db_mb": round((tmp / "mem.db").stat().st_size / 2**20, 1),
              "seconds": round(elapsed, 1), "docs_per_s": round(lines / elapsed, 1),
              "peak_rss_mb": round(maxrss, 1), "peak_rss_worker_mb": round(kids, 1),
              "peak_sampled_total_mb": round(peak["sampled_mb"], 1), "peak_pss_total_mb": round(peak["pss_mb"], 1),
              "prefork": prefork, "rss_by_quarter": quarters,
              "written": result.written, "counts": result.counts}
    store.engine.dispose()
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000,200000", help="JSONL line counts, comma-separated")
    ap.add_argument("--words", type=int, default=40, help="words per document")
    ap.add_argument("--pipeline", choices=("minimal", "cheap", "full"), default="cheap")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--chunk-size", type=int, default=32)
    ap.add_argument("--no-prefork", action="store_true", help="each worker loads its own pipeline")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.words, args.pipeline, args.jobs, args.chunk_size,
                               prefork=not args.no_prefork)))
        return 0
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        cmd = [sys.executable, __file__, "--child", str(size), "--words", str(args.words), "--pipeline", args.pipeline,
               "--jobs", str(args.jobs), "--chunk-size", str(args.chunk_size)] + (["--no-prefork"] if args.no_prefork else [])
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(res)
        print(f"{size:>8} lines ({res['input_mb']} MB in, {res['db_mb']} MB db): {res['seconds']} s, "
              f"peak RSS {res['peak_rss_mb']} MB (workers {res['peak_rss_worker_mb']} MB, sampled total "
              f"{res['peak_sampled_total_mb']} MB, PSS total {res['peak_pss_total_mb']} MB); "
              f"RSS by quarter {[q['rss_mb'] for q in res['rss_by_quarter']]}, PSS {[q['pss_mb'] for q in res['rss_by_quarter']]}",
              flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"command": "benchmarks/memory.py " + " ".join(argv or sys.argv[1:]),
                                         "cpus": os.cpu_count(), "results": results}, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

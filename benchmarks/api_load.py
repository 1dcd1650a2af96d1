"""A bounded load test of the read API on loopback.

    .venv/bin/python benchmarks/api_load.py --readers 200 --seconds 30 --json out/api_load.json

Starts uvicorn (one worker process) on 127.0.0.1 and a free port over a store (`--db`, or a
temporary one filled by analysing the demo articles plus `--docs` generated articles), then
runs `--readers` concurrent clients (httpx.AsyncClient, one connection each) for `--seconds`,
each looping over a mix of reads: the document list, one document's JSON, events, search,
the dashboard page and an article page. Reports requests per second, latency percentiles
and the error count (5xx, timeouts, connection errors; 4xx are counted apart).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path, docs: int) -> None:
    from narrascope.batch import run_batch
    from narrascope.store import Store

    synth.write_dir(path.parent / "in", docs, 600, seed=3_000_000)
    run_batch([str(ROOT / "examples"), str(path.parent / "in")], Store(str(path)), jobs=1)


def start_server(db: str, port: int) -> subprocess.Popen:
    code = ("import sys, uvicorn; from narrascope.web.app import create_app; "
            "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), "
            "log_level='warning', access_log=False)")
    return subprocess.Popen([sys.executable, "-c", code, db, str(port)])


async def wait_ready(base: str, timeout: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(base + "/api/v1/openapi.json")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.3)
    raise SystemExit("server did not come up")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def load(base: str, readers: int, seconds: float, timeout: float) -> dict:
    import httpx

    async with httpx.AsyncClient(base_url=base) as client:
        listing = (await client.get("/api/v1/documents", params={"limit": 100})).json()
    ids = [d["id"] for d in listing.get("items", [])] or ["sha256:" + "0" * 64]
    paths = ["/api/v1/documents?limit=20", "/api/v1/events?limit=50", "/api/v1/search?q=ISIS", "/"]
    latencies: dict[str, list[float]] = {}
    status: dict[str, int] = {}
    errors: list[str] = []
    stop_at = time.monotonic() + seconds

    async def reader(i: int) -> None:
        rng = random.Random(i)
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
            while time.monotonic() < stop_at:
                kind = rng.choice(["list", "doc", "doc", "events", "search", "dashboard", "article"])
                if kind == "doc":
                    url = f"/api/v1/documents/{rng.choice(ids)}"
                elif kind == "article":
                    url = f"/doc/{rng.choice(ids)}"
                else:
                    url = dict(zip(["list", "events", "search", "dashboard"], paths))[kind]
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    code = str(r.status_code)
                    if r.status_code >= 500:
                        errors.append(f"{url} -> {r.status_code}")
                except httpx.HTTPError as exc:
                    code = type(exc).__name__
                    errors.append(f"{url} -> {code}")
                latencies.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
                status[code] = status.get(code, 0) + 1

    t0 = time.perf_counter()
    await asyncio.gather(*(reader(i) for i in range(readers)))
    elapsed = time.perf_counter() - t0
    every = [v for vals in latencies.values() for v in vals]
    summary = {k: {"n": len(v), "p50_ms": round(percentile(v, .5), 1), "p95_ms": round(percentile(v, .95), 1),
                   "p99_ms": round(percentile(v, .99), 1)} for k, v in sorted(latencies.items())}
    return {"readers": readers, "seconds": round(elapsed, 1), "requests": len(every),
            "requests_per_s": round(len(every) / elapsed, 1),
            "p50_ms": round(percentile(every, .5), 1), "p90_ms": round(percentile(every, .9), 1),
            "p95_ms": round(percentile(every, .95), 1), "p99_ms": round(percentile(every, .99), 1),
            "max_ms": round(max(every), 1) if every else None,
            "errors": len(errors), "error_examples": errors[:10], "status": status, "by_kind": summary,
            "client_4xx": sum(n for c, n in status.items() if c.startswith("4"))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=None, help="an existing store (default: a temporary one)")
    ap.add_argument("--docs", type=int, default=20, help="generated articles in the temporary store")
    ap.add_argument("--readers", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--timeout", type=float, default=30, help="per-request timeout (s)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    tmp = None
    db = args.db
    if db is None:
        tmp = Path(tempfile.mkdtemp(prefix="narrascope-api-"))
        db = str(tmp / "api.db")
        print(f"building a store with the demo articles + {args.docs} generated ones...", file=sys.stderr)
        build_store(Path(db), args.docs)
    port = free_port()
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(wait_ready(base))
        report = asyncio.run(load(base, args.readers, args.seconds, args.timeout))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    report.update({"command": "benchmarks/api_load.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                   "cpus": os.cpu_count(), "loadavg_at_end": os.getloadavg()})
    print(f"{report['readers']} readers, {report['seconds']} s: {report['requests']} requests "
          f"({report['requests_per_s']}/s); latency p50 {report['p50_ms']} ms, p90 {report['p90_ms']} ms, "
          f"p99 {report['p99_ms']} ms, max {report['max_ms']} ms; errors {report['errors']} "
          f"(4xx {report['client_4xx']}); status {report['status']}")
    for kind, s in report["by_kind"].items():
        print(f"  {kind:10s} n={s['n']:6d}  p50 {s['p50_ms']:8.1f} ms  p95 {s['p95_ms']:8.1f} ms  p99 {s['p99_ms']:8.1f} ms")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), "utf-8")
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

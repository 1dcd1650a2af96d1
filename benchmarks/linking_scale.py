"""How event linking scales: a synthetic corpus of N events built from real extracted events.

Base incidents are real events: the MUC-3/4 dev answer keys converted to document-v1 events
(`narrascope.eval.linking.template_to_event`, read in place from the shared datasets) and the
demo articles' events as the events component extracts them (`--demo-jsonl`, the output of
`narrascope analyze examples --out FILE`). Each synthetic incident copies a base event, moves
it in time (uniformly over 30 years) and to another real place of the pool, and is reported
by 1-6 documents; each report perturbs the copy the way reports differ (date a day off or
coarsened to the month/year, place coarsened to the country, another count of the dead,
fewer targets). Documents carry 1-4 reports of different incidents.

Prints the linking time, wall clock and CPU (in memory; and through the store with `--store N`,
in two halves: the second half links incrementally against the first), peak memory, and B-cubed/pairwise scores against the synthetic truth.

    .venv/bin/python benchmarks/linking_scale.py --events 100000 --demo-jsonl /tmp/demo.jsonl
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets" / "muc34"


def base_events(demo_jsonl: Path | None) -> list[dict]:
    from narrascope.eval import muc
    from narrascope.eval.linking import gold_documents

    events = []
    if DATASETS.exists():
        docs, _gold, _excl = gold_documents(muc.load_split(DATASETS, "dev"))
        events += [e for d in docs for e in d["events"]]
    if demo_jsonl and demo_jsonl.exists():
        for line in demo_jsonl.read_text("utf-8").splitlines():
            events += json.loads(line)["events"]
    if not events:
        sys.exit("no base events: the MUC-3/4 datasets are absent and no --demo-jsonl was given")
    return events


def _shift(date: dict | None, days: int) -> dict | None:
    if not date or not date.get("value") and not date.get("end"):
        return date
    out = dict(date)
    for k in ("value", "end"):
        if out.get(k) and len(out[k]) == 10:
            out[k] = (dt.date.fromisoformat(out[k]) + dt.timedelta(days=days)).isoformat()
        elif out.get(k) and len(out[k]) == 4:
            out[k] = str(int(out[k]) + days // 365)
    return out


def _report(event: dict, rng: random.Random) -> dict:
    rep = copy.deepcopy(event)
    date = rep.get("date")
    if date and date.get("value") and len(date["value"]) == 10:
        r = rng.random()
        if r < 0.15:
            rep["date"] = _shift(date, rng.choice((-1, 1)))
        elif r < 0.25:
            rep["date"] = {"value": date["value"][:7] + "-01", "end": None, "precision": "month", "text": "that month"}
        elif r < 0.30:
            rep["date"] = {"value": date["value"][:4], "end": None, "precision": "year", "text": date["value"][:4]}
    loc = rep.get("location")
    if loc and loc.get("country") and loc.get("name") and rng.random() < 0.2:
        rep["location"] = dict(loc, name=loc["country"], admin1=None, precision="country")
    if rep.get("fatalities") and rng.random() < 0.3:
        v = max(0, rep["fatalities"]["value"] + rng.choice((-2, -1, 1, 3)))
        rep["fatalities"] = {"value": v, "low": v, "high": v, "text": str(v)}
    if rep.get("targets") and rng.random() < 0.3:
        rep["targets"] = rep["targets"][:1]
    return rep


def synthesise(n_events: int, base: list[dict], seed: int = 7) -> tuple[list[dict], dict]:
    rng = random.Random(seed)
    places = [e["location"] for e in base if e.get("location") and e["location"].get("name")]
    reports = []  # (incident, event)
    incident = 0
    while len(reports) < n_events:
        src = copy.deepcopy(rng.choice(base))
        src["date"] = _shift(src.get("date"), rng.randint(-5000, 5000))
        if places and rng.random() < 0.8:
            src["location"] = copy.deepcopy(rng.choice(places))
        k = min(6, 1 + int(rng.expovariate(0.7)))
        for _ in range(k):
            reports.append((incident, _report(src, rng)))
        incident += 1
    reports = reports[:n_events]
    rng.shuffle(reports)
    docs, truth = [], {}
    i = 0
    while i < len(reports):
        size = rng.randint(1, 4)
        doc_id = f"syn{len(docs):07d}"
        events, seen = [], set()
        for inc, ev in reports[i:i + size]:
            if inc in seen:  # one report of an incident per document
                continue
            seen.add(inc)
            ev = dict(ev, id=f"v{len(events) + 1}")
            events.append(ev)
            truth[(doc_id, ev["id"])] = inc
        i += size
        docs.append({"id": doc_id, "text": "", "events": events})
    return docs, truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--demo-jsonl", type=Path, default=None)
    ap.add_argument("--store", type=int, default=0, help="Also link this many events through an SQLite store.")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    from narrascope.corpus.linking import Linker
    from narrascope.eval.linking import scores

    base = base_events(args.demo_jsonl)
    docs, truth = synthesise(args.events, base)
    n = sum(len(d["events"]) for d in docs)
    linker = Linker()
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in docs:
        linker.add_document(doc)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    assigned = linker.assignments()
    result = scores(truth, {k: assigned[k] for k in truth}) if n <= 300_000 else {}
    result.update({"events": n, "documents": len(docs), "base_events": len(base), "incidents": len(set(truth.values())),
                   "seconds": round(elapsed, 1), "cpu_seconds": round(cpu, 1),
                   "events_per_cpu_second": round(n / cpu),
                   "clusters": len(linker.clusters),
                   "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
    if args.store:
        result.update(store_run(docs, args.store))
    for k, v in result.items():
        print(f"{k:>22}: {round(v, 3) if isinstance(v, float) else v}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


def store_run(docs: list[dict], limit: int) -> dict:
    """Link `limit` events through a fresh SQLite store, in two halves (incremental)."""
    from narrascope.corpus.persist import link_store
    from narrascope.store import Store
    from narrascope.store.schema import Document

    picked, count = [], 0
    for d in docs:
        if count >= limit:
            break
        picked.append(d)
        count += len(d["events"])
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "bench.db"))
        half = len(picked) // 2
        times = []
        for part in (picked[:half], picked[half:]):
            def fn(s, part=part):
                for d in part:
                    s.add(Document(id=d["id"], language="en", text="", data=d, pipeline_version="bench"))
            store._write(fn)
            t0, c0 = time.perf_counter(), time.process_time()
            link_store(store)
            times.append((time.perf_counter() - t0, time.process_time() - c0))
    return {"store_events": count, "store_first_half_s": round(times[0][0], 1),
            "store_first_half_cpu_s": round(times[0][1], 1), "store_second_half_s": round(times[1][0], 1),
            "store_second_half_cpu_s": round(times[1][1], 1)}


if __name__ == "__main__":
    main()

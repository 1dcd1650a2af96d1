"""Server time of the workbench pages on a large corpus.

Builds an N-document store (default 10,000) by replicating the analysed demo articles with
varied ids, titles, sources and dates, then measures the server time (`Server-Timing: app`)
of each page over repeated requests, after the search/facet index is built.

    .venv/bin/python benchmarks/web_latency.py --docs 10000 [--db out/bench-web.db] [--json out/web_latency.json]

Rows are inserted through the store's own tables and event writer (`Store._add_events`) rather
than `save_document`, whose near-duplicate lookup compares each new copy with every earlier
near-identical copy (quadratic for a corpus made of copies; real corpora are not).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITES = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOPQRST"]


def analysed_demo() -> list[dict]:
    from narrascope.analysis import analyse_records
    from narrascope.ingest.record import Record

    records = [Record(source=str(p), format="text", text=p.read_text("utf-8"), path=str(p))
               for p in sorted((ROOT / "examples").glob("*.txt"))]
    docs = [o.document for o in analyse_records(records) if o.document]
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    try:  # fill layers the pipeline left empty with the test fixture's hand-made ones
        import demo_layers

        docs = [demo_layers.enrich(d) for d in docs]
    except Exception:  # noqa: BLE001
        pass
    return docs


def build(db: str, n: int, seed: int = 7) -> None:
    from narrascope.document import content_id
    from narrascope.store import Store
    from narrascope.store.schema import Document

    rng = random.Random(seed)
    base = analysed_demo()
    store = Store(db)
    have = store.count_documents()
    t0 = time.perf_counter()
    s = store.Session()
    if True:
        for i in range(have, n):
            src = base[i % len(base)]
            text = src["text"] + f"\n\n(copy {i})"  # appended: every span offset stays valid
            doc = dict(src, id=content_id(text), text=text, title=f"{src.get('title') or 'Article'} #{i}",
                       site=rng.choice(SITES), published=f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
            doc["events"] = [dict(e, date=dict(e["date"] or {"end": None, "precision": "day", "text": None},
                                               value=f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-01"))
                             for e in src.get("events") or []]
            s.add(Document(id=doc["id"], title=doc["title"], author=doc.get("author"), site=doc["site"], url=None,
                           published=doc["published"], language="en", words=len(text.split()), text=text, data=doc,
                           signature=None, pipeline_version="bench"))
            s.flush()
            Store._add_events(s, doc)
            if i % 1000 == 999:
                s.commit()
        s.commit()
        s.close()
    print(f"stored {n - have} documents in {time.perf_counter() - t0:.1f}s", file=sys.stderr)


def measure(db: str, repeats: int) -> dict:
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from narrascope.store import Store
    from narrascope.store.schema import Document
    from narrascope.store.search import ensure_index

    store = Store(db)
    t0 = time.perf_counter()
    added = ensure_index(store.engine, force=True)
    index_s = time.perf_counter() - t0
    from narrascope.web.app import create_app

    app = create_app(store, corpus_provider=lambda s: None)
    with store.session() as s:
        ids = list(s.scalars(select(Document.id).limit(2000)))
    rng = random.Random(1)
    from narrascope.web.pages import dashboard

    from sqlalchemy import text

    try:  # absent in versions before the vectors (to run this script against them)
        from narrascope.store import facet_vectors
    except ImportError:
        facet_vectors = None

    with store.engine.connect() as conn:  # filter values as a user would click them: the facet lists
        actors = [r[0] for r in conn.execute(text(
            "SELECT value FROM ns_facet_totals WHERE facet = 'actor' ORDER BY docs DESC, value LIMIT 40"))]
        techniques = [r[0] for r in conn.execute(text("SELECT value FROM ns_facet_totals WHERE facet = 'technique'"))]
        types = [r[0] for r in conn.execute(text("SELECT DISTINCT type FROM doc_events ORDER BY type"))]
    sites = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOPQRST"]

    def q(**kw: str) -> str:
        return "/?" + "&".join(f"{k}={v.replace(' ', '+')}" for k, v in kw.items())

    def one(values: list[str]) -> str:
        return rng.choice(values)

    def clear_all() -> None:  # also the id -> value dictionary a running server keeps
        dashboard._cache.clear()
        if facet_vectors is not None:
            facet_vectors._names.clear()
            facet_vectors._parts.clear()

    # cold: every request misses the dashboard cache (the cache is cleared before each request)
    pages = {"dashboard_cold": (lambda: "/", True),
             "dashboard_cold_new_process": (lambda: "/", clear_all),
             "dashboard_warm": (lambda: "/", False),
             # each facet alone (values drawn from what the facet lists offer), then two at once
             "filter_site_cold": (lambda: q(site=one(sites)), True),
             "filter_type_cold": (lambda: q(type=one(types[1:] if len(types) > 1 else types)), True),
             "filter_actor_cold": (lambda: q(actor=one(actors)), True),
             "filter_technique_cold": (lambda: q(technique=one(techniques)), True),
             "filter_type_site_cold": (lambda: q(type=one(types), site=one(sites)), True),
             "filter_actor_type_cold": (lambda: q(actor=one(actors), type=one(types)), True),
             "article": (lambda: "/doc/" + rng.choice(ids), False),
             "search": (lambda: "/search?q=shrine+pilgrims", False),
             "sources": (lambda: "/sources", False),
             "api_documents": (lambda: "/api/v1/documents?limit=50", False)}
    import os

    out = {"documents": store.count_documents(), "index_built_s": round(index_s, 2), "index_added": added, "pages": {}}
    with TestClient(app) as c:
        for name, (url, cold) in pages.items():
            c.get(url())  # warm-up (template compile)
            server, wall = [], []
            matched, cpu = [], []
            for _ in range(repeats):
                if cold:
                    dashboard._cache.clear()
                if callable(cold):
                    cold()
                t, tc = time.perf_counter(), time.process_time()
                r = c.get(url())
                wall.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - tc) * 1000)
                assert r.status_code == 200, (name, r.status_code)
                server.append(float(r.headers["server-timing"].split("dur=")[1]))
                if name.startswith("filter_"):
                    m = re.search(r'<p class="stats">\s*<b>([0-9]+)</b>', r.text)  # documents matched
                    matched.append(int(m.group(1).replace(",", "")) if m else -1)
            server.sort()
            out["pages"][name] = {"load_average": round(os.getloadavg()[0], 1),
                                  "median_ms": round(statistics.median(server), 1),
                                  "p95_ms": round(server[max(0, math.ceil(len(server) * 0.95) - 1)], 1),
                                  "max_ms": round(server[-1], 1), "wall_median_ms": round(statistics.median(wall), 1),
                                  "cpu_median_ms": round(statistics.median(cpu), 1)}
            if matched:
                out["pages"][name]["matched_docs"] = [min(matched), int(statistics.median(matched)), max(matched)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--db", default=str(ROOT / "out" / "bench-web.db"))
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()  # an existing --db is reused: only missing documents are added
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    build(args.db, args.docs)
    result = measure(args.db, args.repeats)
    import os

    print(f"{result['documents']} documents; index built in {result['index_built_s']} s; load average {os.getloadavg()[0]:.1f}")
    print(f"{'page':<28}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}{'cpu ms':>8}{'load':>6}  matched docs (min/median/max)")
    for name, r in result["pages"].items():
        print(f"{name:<28}{r['median_ms']:>10}{r['p95_ms']:>10}{r['max_ms']:>10}{r['cpu_median_ms']:>8}{r['load_average']:>6}  "
              f"{r.get('matched_docs', '')}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

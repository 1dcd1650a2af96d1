"""Main-text extraction benchmark (scrapinghub/article-extraction-benchmark layout).

Layout: `html/<id>.html.gz` and `ground-truth.json` (`{id: {"articleBody": ..., "url": ...}}`).
Metric: the benchmark's own `evaluate.py`, re-implemented here: the text is tokenised with
`\\w+`, cut into 4-word shingles (multisets), TP/FP/FN counted per page and normalised by their
sum (so long pages do not weigh more), precision and recall averaged over pages (pages with
no predicted shingles are left out of precision, pages with no true shingles out of recall),
and F1 = harmonic mean of the two averages.

Systems scored: `trafilatura` (raw `trafilatura.extract(html, include_comments=False)`, as the
benchmark runs it) and `narrascope` (our `clean_record` on the page: trafilatura plus the
boilerplate, title and byline filters).
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from narrascope.errors import Errors

PUBLISHED = {"trafilatura": 0.958, "newspaper4k": 0.949, "readability-lxml": 0.922}
"""F1 figures published in the benchmark's README (for the report, not recomputed)."""

_TOKEN = re.compile(r"\w+", re.UNICODE)
TpFpFn = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    grams = (tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_match(true: str, pred: str, n: int = 4) -> TpFpFn:
    """Normalised (tp, fp, fn) of the 4-shingle multisets of one page."""
    ts, ps = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in set(ts) | set(ps):
        t, p = ts.get(key, 0), ps.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(tp_fp_fns: list[TpFpFn]) -> dict[str, float]:
    ps = [_precision(*x) for x in tp_fp_fns if x[0] + x[1] > 0]
    rs = [_recall(*x) for x in tp_fp_fns if x[0] + x[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "pages": len(tp_fp_fns)}


@dataclass
class Benchmark:
    root: Path
    truth: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, root: str | Path) -> "Benchmark":
        root = Path(root)
        gt = root / "ground-truth.json"
        if not gt.is_file() or not (root / "html").is_dir():
            raise FileNotFoundError(Errors.E040.format(path=root, what="ground-truth.json and html/"))
        return cls(root=root, truth=json.loads(gt.read_text("utf-8")))

    def ids(self, limit: int | None = None) -> list[str]:
        keys = sorted(self.truth)
        return keys[:limit] if limit else keys

    def html(self, key: str) -> str:
        with gzip.open(self.root / "html" / f"{key}.html.gz", "rt", encoding="utf8") as fh:
            return fh.read()


def extract_raw(html: str, url: str | None = None) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def extract_ours(html: str, url: str | None = None) -> str:
    from narrascope.clean import clean_record
    from narrascope.ingest.record import Record

    return clean_record(Record(source=url or "benchmark", format="html", html=html, url=url)).text


SYSTEMS: dict[str, Callable[[str, str | None], str]] = {"trafilatura": extract_raw, "narrascope": extract_ours}


def split_of(key: str) -> str:
    """A fixed half split by page id: ids starting 0-7 are `dev` (looked at while writing
    the boilerplate patterns), 8-f are `heldout` (never looked at)."""
    return "dev" if key[0] in "01234567" else "heldout"


def bootstrap(pages: list[TpFpFn], other: list[TpFpFn] | None = None, n: int = 1000,
              seed: int = 0) -> dict[str, float]:
    """95% interval half-width (1.96 standard deviations over `n` resamples of pages) of F1,
    or, with `other`, the mean and half-width of the paired F1 difference (pages - other)."""
    import random

    rng = random.Random(seed)
    values = []
    for _ in range(n):
        idx = [rng.randrange(len(pages)) for _ in pages]
        f1 = metrics([pages[i] for i in idx])["f1"]
        if other is not None:
            f1 -= metrics([other[i] for i in idx])["f1"]
        values.append(f1)
    if len(values) < 2:
        return {"mean": values[0] if values else 0.0, "ci": 0.0}
    return {"mean": statistics.mean(values), "ci": 1.96 * statistics.stdev(values)}


def evaluate(root: str | Path, systems: Iterable[str] = ("trafilatura", "narrascope"),
             limit: int | None = None, n_bootstrap: int = 1000) -> dict[str, dict]:
    """Scores per system: overall and per split, plus per-page tp/fp/fn."""
    bench = Benchmark.load(root)
    keys = bench.ids(limit)
    per: dict[str, dict[str, TpFpFn]] = {s: {} for s in systems}
    for key in keys:
        html = bench.html(key)
        url = bench.truth[key].get("url")
        true = bench.truth[key].get("articleBody", "")
        for name in systems:
            per[name][key] = shingle_match(true, SYSTEMS[name](html, url))
    result: dict[str, dict] = {}
    for name, pages in per.items():
        row = {"all": metrics(list(pages.values()))}
        for split in ("dev", "heldout"):
            chosen = [v for k, v in pages.items() if split_of(k) == split]
            if chosen:
                row[split] = metrics(chosen)
        if n_bootstrap:
            row["f1_ci"] = bootstrap(list(pages.values()), n=n_bootstrap)["ci"]
        row["pages"] = {k: list(v) for k, v in pages.items()}
        result[name] = row
    if n_bootstrap and "trafilatura" in per and "narrascope" in per and keys:
        ours, raw = list(per["narrascope"].values()), list(per["trafilatura"].values())
        result["narrascope"]["f1_minus_trafilatura"] = bootstrap(ours, raw, n=n_bootstrap)
    return result

"""Linked-mention evaluation: precision / recall / F1 of (span, kb_id) against a gold file.

Gold format (JSON Lines, one document per line; see docs/actors.md):

    {"doc": "polnear/dev/text/<name>.txt", "published": "2016-09-12" | null,
     "regions": [[start, end], ...] | null,
     "mentions": [{"start": 12, "end": 17, "text": "Trump", "kb_id": "Q22686"}, ...]}

`doc` is resolved against the dataset root, then the repository root, then the gold file's
folder; the text is read in place (never copied). `regions`: only predictions overlapping a
region count (the annotated parts, e.g. PolNeAR attribution sources); null = whole text.
Gold lists the mentions of KB actors only (kb_id never null).

A predicted mention counts when its kb_id equals a gold mention's and its span is the same
(`exact`) or overlaps it (`overlap`, one-to-one, greedy in text order).

Systems:
- `baseline`: the statistical model alone: its NER entities (all labels but dates and
  numbers), kb_id by exact alias lookup of the entity text (`kb.lookup`, insensitive to case,
  diacritics, apostrophes, a leading "the" and a trailing possessive); nothing else.
- `component`: the pipeline with `narrascope_actors` (`doc._.entities`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from narrascope.errors import Errors, NarrascopeError

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATASETS = REPO_ROOT.parent / "shared" / "datasets"
NON_NAME_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


@dataclass
class GoldDoc:
    doc: str
    path: Path
    text: str
    published: str | None
    regions: list[tuple[int, int]] | None
    mentions: list[tuple[int, int, str]]  # (start, end, kb_id)


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Result:
    exact: Score = field(default_factory=Score)
    overlap: Score = field(default_factory=Score)


def resolve_doc(doc: str, gold_path: Path, dataset_root: Path | None) -> Path:
    candidates = [Path(doc)] if Path(doc).is_absolute() else []
    for root in (dataset_root, DEFAULT_DATASETS, REPO_ROOT, gold_path.parent, Path.cwd()):
        if root is not None:
            candidates.append(Path(root) / doc)
    for path in candidates:
        if path.is_file():
            return path
    raise NarrascopeError(Errors.E040.format(path=f"{doc} (looked under {dataset_root or DEFAULT_DATASETS}, "
                                                  f"{REPO_ROOT})", what="such text"))


def read_gold(path: Path | str, dataset_root: Path | str | None = None) -> list[GoldDoc]:
    path = Path(path)
    root = Path(dataset_root) if dataset_root else None
    docs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            doc_path = resolve_doc(row["doc"], path, root)
            with open(doc_path, encoding="utf-8", newline="") as fh:
                text = fh.read()
            mentions = []
            for m in row["mentions"]:
                start, end, kb_id = int(m["start"]), int(m["end"]), m["kb_id"]
                if text[start:end] != m["text"]:
                    raise ValueError(f"mention {m['text']!r} does not match the text at {start}:{end} "
                                     f"({text[start:end]!r}); is it the same version of {row['doc']}?")
                mentions.append((start, end, kb_id))
        except (json.JSONDecodeError, KeyError, ValueError, TypeError) as exc:
            raise NarrascopeError(Errors.E026.format(path=path, line=number, reason=f"{type(exc).__name__}: {exc}")) from None
        regions = [tuple(r) for r in row["regions"]] if row.get("regions") is not None else None
        docs.append(GoldDoc(row["doc"], doc_path, text, row.get("published"), regions, mentions))
    return docs


def _in_regions(start: int, end: int, regions: list[tuple[int, int]] | None) -> bool:
    return regions is None or any(start < e and s < end for s, e in regions)


def score_doc(gold: GoldDoc, predicted: Iterable[tuple[int, int, str | None]], result: Result) -> None:
    preds = sorted({(s, e, k) for s, e, k in predicted if k is not None and _in_regions(s, e, gold.regions)})
    golds = sorted(set(gold.mentions))
    gold_set = set(golds)
    for score in (result.exact, result.overlap):
        score.predicted += len(preds)
        score.gold += len(golds)
    result.exact.tp += sum(1 for p in preds if p in gold_set)
    used: set[int] = set()
    for s, e, k in preds:
        for i, (gs, ge, gk) in enumerate(golds):
            if i not in used and gk == k and s < ge and gs < e:
                used.add(i)
                result.overlap.tp += 1
                break


def _run(nlp, gold: GoldDoc):
    doc = nlp.make_doc(gold.text)
    doc._.published = gold.published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def baseline_mentions(nlp, kb, gold: GoldDoc) -> list[tuple[int, int, str | None]]:
    doc = _run(nlp, gold)
    out = []
    for ent in doc.ents:
        if ent.label_ in NON_NAME_LABELS:
            continue
        actor = kb.lookup(ent.text)
        out.append((ent.start_char, ent.end_char, actor.id if actor else None))
    return out


def component_mentions(nlp, gold: GoldDoc) -> list[tuple[int, int, str | None]]:
    doc = _run(nlp, gold)
    return [(e["start"], e["end"], e["kb_id"]) for e in (doc._.entities or [])]


def evaluate(gold_files: list[Path | str], dataset_root: Path | str | None = None,
             systems: tuple[str, ...] = ("baseline", "component"), kb_files: tuple[str, ...] = ()) -> dict:
    from narrascope.actors.kb import load_kb
    from narrascope.loader import load_pipeline

    docs = [d for path in gold_files for d in read_gold(path, dataset_root)]
    results: dict[str, Result] = {}
    kb = load_kb(kb_files)
    if "baseline" in systems:
        bare = load_pipeline(components=())
        results["baseline"] = Result()
        for gold in docs:
            score_doc(gold, baseline_mentions(bare, kb, gold), results["baseline"])
    if "component" in systems:
        nlp = load_pipeline(components=("narrascope_actors",), kb=tuple(kb_files))
        results["component"] = Result()
        for gold in docs:
            score_doc(gold, component_mentions(nlp, gold), results["component"])
    return {
        "gold": [str(p) for p in gold_files],
        "documents": len(docs),
        "gold_mentions": sum(len(d.mentions) for d in docs),
        "systems": {name: {"exact": r.exact.as_dict(), "overlap": r.overlap.as_dict()} for name, r in results.items()},
    }

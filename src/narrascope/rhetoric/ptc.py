"""Reading the Propaganda Techniques Corpus (PTC v2, SemEval-2020 Task 11) in place.

Layout: `articles/article<ID>.txt` and `labels/article<ID>.task2-TC.labels` (tab separated:
id, technique, start, end; character offsets, end exclusive). Nothing from the corpus is
copied into the project: this module only reads it.

The fixed split used for training and evaluation is by article id:
`zlib.crc32(id) % 5 == 0` -> `dev` (held out, reported only), else `train` (cross-validation
folds for tuning: `fold_of`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

from narrascope.errors import Errors, NarrascopeError

# PTC label -> spec name (snake case)
TECHNIQUES = {
    "Loaded_Language": "loaded_language",
    "Name_Calling,Labeling": "name_calling_labeling",
    "Repetition": "repetition",
    "Exaggeration,Minimisation": "exaggeration_minimisation",
    "Doubt": "doubt",
    "Appeal_to_fear-prejudice": "appeal_to_fear_prejudice",
    "Flag-Waving": "flag_waving",
    "Causal_Oversimplification": "causal_oversimplification",
    "Slogans": "slogans",
    "Appeal_to_Authority": "appeal_to_authority",
    "Black-and-White_Fallacy": "black_and_white_fallacy",
    "Thought-terminating_Cliches": "thought_terminating_cliches",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism_straw_men_red_herring",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon_reductio_ad_hitlerum",
}
LABELS = list(TECHNIQUES.values())
SPLIT_RULE = "zlib.crc32(article_id) % 5 == 0 -> dev, else train"


def split_of(article_id: str) -> str:
    return "dev" if zlib.crc32(article_id.encode("ascii")) % 5 == 0 else "train"


def fold_of(article_id: str, folds: int = 5) -> int:
    """Cross-validation fold of a train-split article (independent of the dev rule)."""
    return (zlib.crc32(article_id.encode("ascii")) // 5) % folds


@dataclass
class Article:
    id: str
    text: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (technique, start, end)


def load_ptc(directory: str | Path, split: str | None = None) -> list[Article]:
    """Articles of the corpus at `directory` (the folder holding articles/ and labels/).

    `split`: "train", "dev" or None (all). Sorted by id, so the order is stable.
    """
    root = Path(directory)
    art_dir = root / "articles"
    lab_dir = root / "labels"
    if not art_dir.is_dir():
        raise NarrascopeError(Errors.E040.format(path=root, what="articles/ folder (PTC layout)"))
    out: list[Article] = []
    for path in sorted(art_dir.glob("article*.txt")):
        aid = path.stem[len("article"):]
        if split is not None and split_of(aid) != split:
            continue
        text = path.read_text(encoding="utf-8")
        art = Article(aid, text)
        lab = lab_dir / f"article{aid}.task2-TC.labels"
        if lab.exists():
            for line in lab.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) != 4 or parts[1] not in TECHNIQUES:
                    continue
                start, end = int(parts[2]), min(int(parts[3]), len(text))
                if 0 <= start < end:
                    art.spans.append((TECHNIQUES[parts[1]], start, end))
        out.append(art)
    if not out:
        raise NarrascopeError(Errors.E040.format(path=root, what=f"articles for split {split!r}"))
    return out

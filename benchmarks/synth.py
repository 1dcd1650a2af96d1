"""A synthetic benchmark corpus built at run time from the demo articles (never committed).

Real English news prose: the sentences of `examples/*.txt` recombined (sampled without
replacement, shuffled, grouped into paragraphs) into articles of about `words` words. Each
article gets its own seed, so every text and content hash is distinct. Used by the
benchmarks and by the batch / fault tests.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
_SENT = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[\u201c\"A-Z0-9])")


def sentences(examples: Path = EXAMPLES) -> list[str]:
    """Sentences of the demo articles' body paragraphs (titles, bylines and short lines dropped)."""
    out: list[str] = []
    for path in sorted(examples.glob("*.txt")):
        for para in path.read_text("utf-8").split("\n"):
            para = para.strip()
            if len(para.split()) < 12:  # headings, bylines, "Font Size:"
                continue
            out.extend(s.strip() for s in _SENT.split(para) if len(s.split()) >= 4)
    return out


def article(seed: int, words: int = 600, pool: list[str] | None = None) -> str:
    pool = pool if pool is not None else sentences()
    rng = random.Random(seed)
    order = rng.sample(range(len(pool)), len(pool))
    picked: list[str] = []
    n = 0
    for i in order:
        picked.append(pool[i])
        n += len(pool[i].split())
        if n >= words:
            break
    paras, i = [], 0
    while i < len(picked):
        k = rng.randint(2, 5)
        paras.append(" ".join(picked[i:i + k]))
        i += k
    return "\n\n".join(paras) + "\n"


def articles(n: int, words: int = 600, seed: int = 0) -> Iterator[str]:
    pool = sentences()
    for i in range(n):
        yield article(seed + i, words, pool)


def write_dir(directory: Path, n: int, words: int = 600, seed: int = 0) -> list[Path]:
    """`n` articles as text files `doc-00000.txt`... in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(articles(n, words, seed)):
        path = directory / f"doc-{seed + i:05d}.txt"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def write_jsonl(path: Path, n: int, words: int = 600, seed: int = 0) -> Path:
    """`n` articles as a JSON Lines file of `{"text": ...}` records."""
    pool = sentences()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"text": article(seed + i, words, pool), "url": f"https://example.org/a/{seed + i}"}) + "\n")
    return path

"""The weights files of the attribution stages' small logistic regressions (the cue picker, the
content end model, the content fragment model): one format, one reader, one writer.

A file is a comment line (`# ...`), settings as `#name<TAB>value` lines (a name may repeat:
the cue picker's `#lemma`), then `feature<TAB>weight` lines. A model scores a list of feature
strings by summing their weights (unknown features weigh 0)."""

from __future__ import annotations

import math
import re
from itertools import repeat
from pathlib import Path
from typing import Callable, TypeVar

SETTING = re.compile(r"#(\w+)\t(.*)")
M = TypeVar("M", bound="LinearWeights")


class LinearWeights:
    """Weights and settings read from a weights file (OSError / ValueError when unreadable)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.settings: dict[str, list[str]] = {}
        self.weights: dict[str, float] = {}
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                m = SETTING.match(line)
                if m:
                    self.settings.setdefault(m[1], []).append(m[2])
                elif line.strip() and not line.startswith("#"):
                    feat, w = line.split("\t")
                    self.weights[feat] = float(w)

    def setting(self, name: str, default: float) -> float:
        values = self.settings.get(name)
        return float(values[-1]) if values else default

    def linear(self, feats: list[str]) -> float:
        return sum(map(self.weights.get, feats, repeat(0.0)))

    def prob(self, feats: list[str]) -> float:
        z = self.linear(feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_model(cls: Callable[[Path | str | None], M], path: Path | str | None) -> M | None:
    """The model, or None when its file is missing or malformed (the stage is then skipped)."""
    try:
        return cls(path)
    except (OSError, ValueError):
        return None


def write_weights(weights: dict[str, float], out: Path | str, title: str, settings: dict[str, float],
                  note: str) -> None:
    """A weights file `LinearWeights` reads: the comment line, `#name<TAB>value` settings, then
    feature<TAB>weight lines."""
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"# {title}: logistic regression weights (feature<TAB>weight); {note}\n")
        for name, value in settings.items():
            f.write(f"#{name}\t{value}\n")
        for feat, w in sorted(weights.items()):
            f.write(f"{feat}\t{w:.5g}\n")

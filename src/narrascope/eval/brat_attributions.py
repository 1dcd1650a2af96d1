"""Reader for PolNeAR (Newell, Margolin & Ruths 2018), brat standoff, read in place.

Layout: `<dir>/<split>/text/<name>.txt` and `<dir>/<split>/attributions/<name>_<annotator>.ann`.
Each `.ann` holds text-bound spans (`T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>`) and
event lines (`E<n>\\tAttribution:T<a> Source:T<s> Cue:T<c> Content:T<t>`), the event's
trigger being `Attribution` or `Attribution-no-source` (no Source). `Discuss` / `Discard`
marks are ignored. Offsets are code-point offsets into the `.txt` file, end exclusive.
Nothing from the corpus is copied anywhere: callers read it where it lies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from narrascope.errors import Errors, NarrascopeError

ROLES = ("source", "cue", "content")
IGNORED = {"Discuss", "Discard"}

Fragments = tuple[tuple[int, int], ...]


@dataclass
class GoldAttribution:
    cue: Fragments
    content: Fragments
    source: Fragments | None  # None: Attribution-no-source (or a source-less annotation)
    no_source: bool = False

    def role(self, name: str) -> Fragments | None:
        return getattr(self, name)


@dataclass
class AnnotatedArticle:
    name: str          # article name (text file stem)
    annotator: str     # annotator id from the .ann file name
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _parse_fragments(spec: str) -> Fragments:
    out = []
    for part in spec.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(sorted(out))


def parse_ann(content: str) -> list[GoldAttribution]:
    """The attributions of one brat `.ann` file (Discuss/Discard ignored)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in content.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        key, body = cols[0], cols[1]
        if key.startswith("T"):
            label, _, offsets = body.partition(" ")
            if label in IGNORED:
                continue
            try:
                spans[key] = (label, _parse_fragments(offsets))
            except ValueError:
                continue
        elif key.startswith("E"):
            parts = body.split()
            trigger = parts[0].split(":")[0]
            args = {}
            for part in parts[1:]:
                role, _, ref = part.partition(":")
                args[role.rstrip("0123456789")] = ref
            events.append((trigger, args))
    out: list[GoldAttribution] = []
    for trigger, args in events:
        if trigger not in ("Attribution", "Attribution-no-source"):
            continue
        cue = spans.get(args.get("Cue", ""))
        content = spans.get(args.get("Content", ""))
        if cue is None or content is None:
            continue
        source = spans.get(args.get("Source", ""))
        out.append(GoldAttribution(cue=cue[1], content=content[1],
                                   source=source[1] if source else None,
                                   no_source=trigger == "Attribution-no-source"))
    return out


def split_dir(root: Path | str, split: str) -> Path:
    path = Path(root) / split
    if not (path / "text").is_dir() or not (path / "attributions").is_dir():
        raise NarrascopeError(Errors.E040.format(path=path, what="text/ and attributions/ folders"))
    return path


def article_names(root: Path | str, split: str) -> list[str]:
    return sorted(p.stem for p in (split_dir(root, split) / "text").glob("*.txt"))


def read_text(root: Path | str, split: str, name: str) -> str:
    # newline="" keeps \r\n as two code points, as brat counts them
    with open(split_dir(root, split) / "text" / f"{name}.txt", encoding="utf-8", newline="") as fh:
        return fh.read()


def annotation_files(root: Path | str, split: str, name: str) -> list[Path]:
    folder = split_dir(root, split) / "attributions"
    return sorted(p for p in folder.glob(f"{name}_*.ann") if p.stem.rsplit("_", 1)[0] == name)


def iter_articles(root: Path | str, split: str, names: list[str] | None = None,
                  one_annotator: bool = False) -> Iterator[AnnotatedArticle]:
    """Every (article, annotator) pair of a split; with `one_annotator`, the first file only."""
    for name in names if names is not None else article_names(root, split):
        text = read_text(root, split, name)
        files = annotation_files(root, split, name)
        if one_annotator:
            files = files[:1]
        for ann in files:
            yield AnnotatedArticle(name=name, annotator=ann.stem.rsplit("_", 1)[1], text=text,
                                   attributions=parse_ann(ann.read_text(encoding="utf-8")))

"""Reading KB files (YAML or JSON Lines) with the line of every entry, for error messages.

A YAML file is either a list of actor entries or a mapping with `actors:`, `roles:` and/or
`credits:` lists (`credits`: names a wire credit gives an actor that are not running-text
aliases, `{credit, actor, provenance}`). A `.jsonl` file holds one actor entry per line (lines
starting with `#` are comments).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from narrascope.errors import Errors, KBError

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineDict(dict):
    line = 0


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    out = _LineDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}' in one entry", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class RawEntry:
    data: Any
    path: str
    line: int
    section: str = "actors"


def _line_of(item: Any, fallback: int) -> int:
    return getattr(item, "line", fallback) or fallback


def read_kb_file(path: Path) -> Iterator[RawEntry]:
    if not path.exists():
        raise KBError(Errors.E021.format(path=path, line=0, reason="file not found"))
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        yield from _read_jsonl(path, text)
        return
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - safe loader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 0
        reason = getattr(exc, "problem", None) or str(exc)
        raise KBError(Errors.E021.format(path=path, line=line, reason=f"YAML syntax error: {reason}")) from None
    if doc is None:
        return
    sections: list[tuple[str, Any]]
    if isinstance(doc, list):
        sections = [("actors", doc)]
    elif isinstance(doc, dict) and set(doc) <= {"actors", "roles", "credits"}:
        sections = [(k, doc[k] or []) for k in ("roles", "actors", "credits") if k in doc]
    else:
        raise KBError(Errors.E021.format(path=path, line=_line_of(doc, 1),
                                         reason="expected a list of entries or a mapping with 'actors'/'roles'/'credits'"))
    for section, items in sections:
        if not isinstance(items, list):
            raise KBError(Errors.E021.format(path=path, line=_line_of(doc, 1), reason=f"'{section}' must be a list"))
        for item in items:
            yield RawEntry(item, str(path), _line_of(item, 0), section)


def _read_jsonl(path: Path, text: str) -> Iterator[RawEntry]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KBError(Errors.E021.format(path=path, line=number, reason=f"JSON syntax error: {exc.msg}")) from None
        yield RawEntry(data, str(path), number)

"""Reader for the MUC-3/4 terrorism corpus: texts and answer-key templates.

The corpus (research use; read in place, never copied into the repository) is laid out as
`<root>/<split>/` with text files (`dev-muc3-0001-0100`, `tst1-muc3`, `tst2-muc4`, ...) and
answer keys whose names start with `key-` (`key-dev-0001.muc4`, `key-tst1.v7`, ...).

API
---
`load_split(root, split, limit=None) -> list[MucExample]`
    All documents of a split (`dev`, `tst1`, `tst2`, `tst3`, `tst4`) in file order, each with
    its gold templates. `root` is the `muc34` folder. Raises `FileNotFoundError` when the split
    folder is absent. `limit` keeps the first N documents.
`read_texts(path) -> list[MucDocument]` and `read_keys(path) -> list[dict]`
    The two file readers, for one file each.
`MucDocument`
    `id` ("DEV-MUC3-0001"), `source` (the tag after the id, e.g. "NOSC"), `dateline` (the
    line before "--", e.g. "SAN SALVADOR, 3 JAN 90 (ACAN-EFE)"), `place` ("SAN SALVADOR"),
    `country` (from "CITY (COUNTRY)" when given, else None), `date` (ISO date of the dateline or
    None for "NO DATE"), `header` (dateline plus the bracketed header up to and including
    [TEXT]/[SUMMARY]/[EXCERPT(S)]), `text` (the body after the header, whitespace as in the
    file), `raw` (everything after the id line). Texts are upper case as distributed; casing is
    left to the caller (see `narrascope.events.truecase`).
Templates (plain dicts)
    `{"doc_id", "number", "optional", "empty", "slots", "comments"}`: `number` is the template
    number (int) or None for a document without incidents (`*`); `optional` is True for
    "1 (OPTIONAL)"; `empty` is True when the document has no template; `comments` are the `;;;`
    lines before the template. `slots` maps each of the 24 slot names as written in the keys
    ("INCIDENT: DATE", "PERP: ORGANIZATION ID", "HUM TGT: NAME", ...) to:
      - `None` for `*` (slot not applicable),
      - `[]` for `-` (no fill),
      - else a list of fills (one per line of the slot), each
        `{"values": [alternatives...], "optional": bool, "refs": [alternatives...] | None, "raw": str}`.
        `values` are the alternatives split on `/` with the quotes of string fills removed
        (`"FMLN"` -> `FMLN`, escaped quotes un-escaped); `optional` is True for fills marked
        `?`; `refs` are the cross-referenced string fills after `:` in set fills
        (`CIVILIAN: "PEASANTS"` -> values ["CIVILIAN"], refs ["PEASANTS"]) or None.
        "INCIDENT: LOCATION" keeps its `:` hierarchy inside each alternative
        ("EL SALVADOR: APOPA (CITY)"); use `parse_location` to split it.
`parse_location(value) -> list[(name, kind)]`
    "EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS (TOWN)" ->
    [("EL SALVADOR", "COUNTRY"), ("SAN MIGUEL", "DEPARTMENT"), ("SAN LUIS", "TOWN")].
`parse_date(value) -> (start_iso | None, end_iso | None)`
    "30 DEC 89" -> ("1989-12-30", "1989-12-30"); "26 DEC 89 - 27 DEC 89" -> a range;
    "- 08 JAN 90" (on or before) -> (None, "1990-01-08"). A value with alternatives ("A / B") reads
    as one range from A's first date to B's last: `date_alternatives` reads each alone.
`date_alternatives(value) -> [(start_iso | None, end_iso | None), ...]`
`role_entities(template) -> dict`
    The five GTT/IterX roles plus the incident type:
    `{"incident_type": str | None, "PerpInd": [[mention, ...], ...], "PerpOrg": ..., "Target": ...,
    "Victim": ..., "Weapon": ...}`; each role is a list of entities, each entity the list of
    its alternative mention strings (an entity matches when a prediction equals any of them).
    Sources: PerpInd <- "PERP: INDIVIDUAL ID", PerpOrg <- "PERP: ORGANIZATION ID", Target <-
    "PHYS TGT: ID", Victim <- "HUM TGT: NAME" and "HUM TGT: DESCRIPTION" (a description that
    cross-references a name is merged into that name's entity), Weapon <- "INCIDENT:
    INSTRUMENT ID". Optional (`?`) fills are kept (GRIT/GTT keep them as ordinary entities).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

SLOT_NAMES = (
    "MESSAGE: ID", "MESSAGE: TEMPLATE", "INCIDENT: DATE", "INCIDENT: LOCATION", "INCIDENT: TYPE",
    "INCIDENT: STAGE OF EXECUTION", "INCIDENT: INSTRUMENT ID", "INCIDENT: INSTRUMENT TYPE",
    "PERP: INCIDENT CATEGORY", "PERP: INDIVIDUAL ID", "PERP: ORGANIZATION ID",
    "PERP: ORGANIZATION CONFIDENCE", "PHYS TGT: ID", "PHYS TGT: TYPE", "PHYS TGT: NUMBER",
    "PHYS TGT: FOREIGN NATION", "PHYS TGT: EFFECT OF INCIDENT", "PHYS TGT: TOTAL NUMBER",
    "HUM TGT: NAME", "HUM TGT: DESCRIPTION", "HUM TGT: TYPE", "HUM TGT: NUMBER",
    "HUM TGT: FOREIGN NATION", "HUM TGT: EFFECT OF INCIDENT", "HUM TGT: TOTAL NUMBER",
)
ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
SPLITS = ("dev", "tst1", "tst2", "tst3", "tst4")

_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}
_DOC_ID = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})(?:\s+\(([^)]*)\))?\s*$", re.M)
_SLOT_LINE = re.compile(r"^(\d+)\.\s+([A-Z ]+:\s[A-Z ]+?)\s{2,}(.*)$|^(\d+)\.\s+([A-Z ]+:\s[A-Z ]+?)\s*$")
_HEADER_END = re.compile(r"\[(?:TEXT|SUMMARY|EXCERPTS?)\]")
_DATE = re.compile(r"(\d{1,2})\s+([A-Z]{3})\s+(\d{2})")


@dataclass
class MucDocument:
    id: str
    source: str | None
    dateline: str
    place: str | None
    country: str | None
    date: str | None
    header: str
    text: str
    raw: str

    @property
    def published_dateline(self) -> str:
        """The dateline as published, up to and including its "--" ("SAN SALVADOR, 3 JAN 90
        (ACAN-EFE) --", whitespace squeezed); "" when the document has none. The bracketed header
        markers after it ("[TEXT]", "[REPORT]") are the corpus's, not the article's, and stay out."""
        body = self.raw.strip("\n")
        dash = body.find("--")
        return " ".join(body[:dash + 2].split()) if dash >= 0 and self.dateline else ""


@dataclass
class MucExample:
    document: MucDocument
    templates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def incidents(self) -> list[dict[str, Any]]:
        """The non-empty templates (documents without incidents have none)."""
        return [t for t in self.templates if not t["empty"]]


def _iso(day: str, mon: str, yy: str) -> str | None:
    month = _MONTHS.get(mon.upper())
    if month is None:
        return None
    year = 1900 + int(yy) if int(yy) > 30 else 2000 + int(yy)
    try:
        return _dt.date(year, month, int(day)).isoformat()
    except ValueError:
        return None


def _split_document(doc_id: str, source: str | None, raw: str) -> MucDocument:
    body = raw.strip("\n")
    dash = body.find("--")
    dateline = " ".join(body[:dash].split()) if dash >= 0 else ""
    rest_start = dash + 2 if dash >= 0 else 0
    m = _HEADER_END.search(body, rest_start)
    if m and m.start() - rest_start < 600:
        header_end = m.end()
    else:
        header_end = rest_start
    header = body[:header_end]
    text = body[header_end:].lstrip(" ")
    place = country = date = None
    if dateline:
        dm = _DATE.search(dateline)
        if dm:
            date = _iso(*dm.groups())
        head = dateline.split(",")[0].strip()
        cm = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", head)
        if cm:
            place, country = cm.group(1).strip() or None, cm.group(2).strip() or None
        else:
            place = head or None
        if place in ("CLANDESTINE", "NO CITY"):
            place = None
    return MucDocument(doc_id, source, dateline, place, country, date, header, text, body)


def read_texts(path: str | Path) -> list[MucDocument]:
    """Documents of one MUC text file, in file order."""
    data = Path(path).read_text(encoding="latin-1")
    marks = list(_DOC_ID.finditer(data))
    docs = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(data)
        docs.append(_split_document(m.group(1), m.group(2), data[m.end():end]))
    return docs


def _split_alternatives(value: str) -> list[str]:
    """Split on ` / ` outside double quotes (escaped quotes stay inside strings)."""
    parts, buf, in_q, i = [], [], False, 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            buf.append(value[i:i + 2])
            i += 2
            continue
        if ch == '"':
            in_q = not in_q
        if ch == "/" and not in_q:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return [p.strip() for p in parts if p.strip()]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        value = value[1:-1]
    return value.replace('\\"', '"').strip()


def _colon_outside_quotes(value: str) -> int:
    in_q = False
    for i, ch in enumerate(value):
        if ch == '"' and (i == 0 or value[i - 1] != "\\"):
            in_q = not in_q
        elif ch == ":" and not in_q:
            return i
    return -1


def parse_fill(raw: str, slot: str = "") -> dict[str, Any]:
    """One line of a slot value -> `{values, optional, refs, raw}`."""
    text = raw.strip()
    optional = False
    if text.startswith("?"):
        optional, text = True, text[1:].strip()
    refs = None
    if slot != "INCIDENT: LOCATION":
        cut = _colon_outside_quotes(text)
        if cut >= 0 and '"' in text[cut:]:
            refs = [_unquote(r) for r in _split_alternatives(text[cut + 1:])]
            text = text[:cut].strip()
    values = [_unquote(v) for v in _split_alternatives(text)] if slot != "INCIDENT: DATE" else [text]
    # a `?` may also mark a single alternative ("? TERRORIST ACT" handled above; "X / ? Y" here)
    clean = []
    for v in values:
        if v.startswith("?"):
            optional, v = True, _unquote(v[1:])
        clean.append(v)
    return {"values": clean, "optional": optional, "refs": refs, "raw": raw.strip()}


def _finish(slots_raw: dict[str, list[str]], comments: list[str]) -> dict[str, Any]:
    slots: dict[str, Any] = {}
    for name, lines in slots_raw.items():
        lines = [ln for ln in lines if ln.strip()]
        if not lines or lines == ["*"]:
            slots[name] = None
        elif lines == ["-"]:
            slots[name] = []
        else:
            slots[name] = [parse_fill(ln, name) for ln in lines if ln.strip() not in ("-", "*")]
    ident = (slots_raw.get("MESSAGE: ID") or [""])[0].split()
    tmpl = (slots_raw.get("MESSAGE: TEMPLATE") or ["*"])[0].strip()
    num = re.match(r"(\d+)", tmpl)
    return {
        "doc_id": ident[0] if ident else "",
        "number": int(num.group(1)) if num else None,
        "optional": "OPTIONAL" in tmpl,
        "empty": num is None,
        "slots": slots,
        "comments": comments,
    }


def read_keys(path: str | Path) -> list[dict[str, Any]]:
    """Templates of one answer-key file, in file order."""
    templates: list[dict[str, Any]] = []
    slots_raw: dict[str, list[str]] | None = None
    current: str | None = None
    comments: list[str] = []
    pending: list[str] = []
    for line in Path(path).read_text(encoding="latin-1").splitlines():
        if line.startswith(";"):
            pending.append(line.lstrip("; ").strip())
            continue
        m = _SLOT_LINE.match(line)
        if m:
            name = " ".join((m.group(2) or m.group(5)).split())
            value = (m.group(3) or "").strip()
            if name == "MESSAGE: ID":
                if slots_raw is not None:
                    templates.append(_finish(slots_raw, comments))
                slots_raw, comments, pending = {}, pending, []
            if slots_raw is None:
                continue
            current = name
            slots_raw[current] = [value]
        elif line.strip() and slots_raw is not None and current is not None and line.startswith(" "):
            slots_raw[current].append(line.strip())
    if slots_raw is not None:
        templates.append(_finish(slots_raw, comments))
    return templates


def _split_files(folder: Path, split: str) -> tuple[list[Path], list[Path]]:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    keys = [p for p in files if p.name.startswith("key-")]
    texts = [p for p in files if p.name.lower().startswith(split) and not p.name.startswith("key-")]
    if split == "tst4":  # the upper-case texts were the official test input
        upper = [p for p in texts if "mixed" not in p.name]
        texts = upper or texts
    return texts, keys


def load_split(root: str | Path, split: str, limit: int | None = None,
               mixed_case: bool = False) -> list[MucExample]:
    """Documents of a split with their gold templates (see module docstring).

    `mixed_case=True` reads tst4's original mixed-case texts when present.
    """
    folder = Path(root) / split
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    texts, keys = _split_files(folder, split)
    if mixed_case and split == "tst4":
        texts = [p for p in sorted(folder.iterdir()) if "mixed" in p.name] or texts
    docs: list[MucDocument] = []
    for p in texts:
        docs.extend(read_texts(p))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for p in keys:
        for t in read_keys(p):
            by_doc.setdefault(t["doc_id"], []).append(t)
    out = [MucExample(d, by_doc.get(d.id, [])) for d in docs]
    return out[:limit] if limit is not None else out


def iter_fills(template: dict[str, Any], slot: str) -> Iterator[dict[str, Any]]:
    for fill in template["slots"].get(slot) or []:
        yield fill


def parse_location(value: str) -> list[tuple[str, str]]:
    parts = [p.strip() for p in value.split(":") if p.strip()]
    out = []
    for i, p in enumerate(parts):
        m = re.match(r"^(.*?)\s*\(([A-Z ]+)\)\s*$", p)
        if m:
            out.append((m.group(1).strip(), m.group(2).strip()))
        else:
            out.append((p, "COUNTRY" if i == 0 else "PLACE"))
    return out


def date_alternatives(value: str) -> list[tuple[str | None, str | None]]:
    """A key date with alternatives, "(- 29 MAR 89) / (28 MAR 89 - 29 MAR 89)", -> one range per
    alternative, each as `parse_date` reads it (23 of the 1,094 dev key dates have several)."""
    out = []
    for part in value.split("/"):
        got = parse_date(part.strip().strip("()").strip())
        if got != (None, None):
            out.append(got)
    return out


def parse_date(value: str) -> tuple[str | None, str | None]:
    value = value.strip()
    dates = [_iso(*m.groups()) for m in _DATE.finditer(value)]
    if not dates:
        return None, None
    if value.startswith("-"):
        return None, dates[0]
    if len(dates) == 1:
        return dates[0], dates[0]
    return dates[0], dates[-1]


def role_entities(template: dict[str, Any]) -> dict[str, Any]:
    """The GTT/IterX view of a template (see module docstring)."""
    slots = template["slots"]
    itype = None
    for fill in slots.get("INCIDENT: TYPE") or []:
        itype = fill["values"][0].lower()
        break

    def strings(slot: str) -> list[list[str]]:
        return [list(f["values"]) for f in slots.get(slot) or [] if f["values"]]

    victims = strings("HUM TGT: NAME")
    for fill in slots.get("HUM TGT: DESCRIPTION") or []:
        if fill["refs"]:  # "PRESIDENT": "CEREZO" -> a description of the named victim
            for ent in victims:
                if set(ent) & set(fill["refs"]):
                    ent.extend(v for v in fill["values"] if v not in ent)
                    break
            else:
                victims.append(list(fill["values"]))
        elif fill["values"]:
            victims.append(list(fill["values"]))
    return {
        "incident_type": itype,
        "PerpInd": strings("PERP: INDIVIDUAL ID"),
        "PerpOrg": strings("PERP: ORGANIZATION ID"),
        "Target": strings("PHYS TGT: ID"),
        "Victim": victims,
        "Weapon": strings("INCIDENT: INSTRUMENT ID"),
    }

"""The article text as escaped HTML with one `<span>` per stretch of text covered by the same layer items.

Spans of different layers overlap freely (a claim inside an attribution's content, an entity
inside a rhetoric span), so the text is cut at every span boundary and each piece carries the
classes and item ids of all the spans covering it. Every piece of text is escaped; classes are
reduced to `[a-z0-9_-]` so a hostile label cannot break out of the attribute.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Iterable

from narrascope.spans import pieces

_CLASS_SAFE = re.compile(r"[^a-z0-9_-]+")
_REF_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def slug(value: Any) -> str:
    return _CLASS_SAFE.sub("", str(value or "").lower().replace(" ", "_"))[:40] or "none"


def safe_ref(value: Any) -> str:
    return _REF_SAFE.sub("", str(value or ""))[:20]


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    classes: str  # space-separated, already slugged
    ref: str  # item id (e1, a1, c1, r1, v1) the span belongs to
    title: str = ""


def _span_range(obj: Any, n: int) -> tuple[int, int] | None:
    if not isinstance(obj, dict):
        return None
    try:
        start, end = int(obj["start"]), int(obj["end"])
    except (KeyError, TypeError, ValueError):
        return None
    if 0 <= start < end <= n:
        return start, end
    return None


def document_marks(doc: dict[str, Any]) -> list[Mark]:
    """The highlight marks of every layer of a document-v1 object."""
    n = len(doc.get("text") or "")
    marks: list[Mark] = []

    def add(obj: Any, classes: str, ref: str, title: str = "") -> None:
        rng = _span_range(obj, n)
        if rng:
            marks.append(Mark(rng[0], rng[1], classes, safe_ref(ref), title))

    for e in doc.get("entities") or []:
        label = slug(e.get("label"))
        title = " · ".join(str(x) for x in (e.get("name"), e.get("label"), e.get("type"), e.get("kb_id")) if x)
        add(e, f"L-ent ent-{label}", e.get("id"), title)
    for a in doc.get("attributions") or []:
        ref = a.get("id")
        add(a.get("source"), "L-att att-src", ref, f"source ({a.get('source_type') or 'unknown type'})")
        add(a.get("cue"), "L-att att-cue", ref, f"cue · {a.get('kind') or ''}")
        for s, e in pieces(a.get("content")):
            add({"start": s, "end": e}, "L-att att-content", ref, "content")
    for v in doc.get("events") or []:
        add(v.get("trigger"), f"L-ev ev-{slug(v.get('type'))}", v.get("id"), f"event · {v.get('type')}")
    for c in doc.get("claims") or []:
        add(c, f"L-cl cl-{slug(c.get('status'))}", c.get("id"), f"claim · {c.get('status')}")
    for r in doc.get("rhetoric") or []:
        add(r, f"L-rh rh-{slug(r.get('technique'))}", r.get("id"), f"rhetoric · {r.get('technique')}")
    return marks


def render(text: str, marks: Iterable[Mark], *, id_prefix: str = "") -> str:
    """Escaped HTML of `text` with the marks as nested-free spans.

    The first piece of each item gets `id="{id_prefix}s-{ref}"` so a side panel can link to it."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    seen: set[str] = set()
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        piece = html.escape(text[a:b], quote=False)
        if not active:
            out.append(piece)
            continue
        classes = " ".join(sorted({c for m in active for c in m.classes.split()}))
        refs = " ".join(dict.fromkeys(m.ref for m in active if m.ref))
        titles = "; ".join(dict.fromkeys(m.title for m in active if m.title))
        anchor, extra_anchors = "", ""
        new = list(dict.fromkeys(m.ref for m in active if m.ref and m.ref not in seen and m.start == a))
        if new:
            prefix = html.escape(id_prefix)
            anchor = f' id="{prefix}s-{new[0]}"'
            extra_anchors = "".join(f'<span class="anchor" id="{prefix}s-{r}"></span>' for r in new[1:])
            seen.update(new)
        out.append(f'{extra_anchors}<span class="{classes}" data-ref="{refs}" title="{html.escape(titles)}"{anchor}>{piece}</span>')
    return "".join(out)


def render_document(doc: dict[str, Any], *, id_prefix: str = "", extra: Iterable[Mark] = ()) -> str:
    return render(doc.get("text") or "", [*document_marks(doc), *extra], id_prefix=id_prefix)

"""Jinja2 environment, links and safe data embedding shared by the served pages and the report."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from narrascope.web.highlight import slug

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES = WEB_DIR / "templates"
STATIC = WEB_DIR / "static"
DOC_ID = re.compile(r"^sha256:[0-9a-f]{64}$")
CLUSTER_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def json_for_script(data: Any) -> Markup:
    """JSON safe inside `<script type="application/json">`: no `<`, `>`, `&` or line separators
    survive literally, so no text can close the element or open a comment."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    raw = (raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
           .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return Markup(raw)


def safe_url(url: Any) -> str | None:
    """An http(s) URL to link to, else None (javascript:, data:, relative paths are shown as text)."""
    if isinstance(url, str) and _SAFE_URL.match(url.strip()):
        return url.strip()
    return None


def short_id(doc_id: str) -> str:
    return doc_id.split(":", 1)[-1][:10]


def doc_label(doc: dict[str, Any] | Any) -> str:
    """A title to show: the title, else the first words of the text, else the input name."""
    get = doc.get if isinstance(doc, dict) else lambda k, d=None: getattr(doc, k, d)
    title = get("title")
    if title:
        return str(title)
    text = (get("text") or "").strip()
    if text:
        first = text.splitlines()[0].strip()
        return first[:90] + ("…" if len(first) > 90 else "")
    inp = get("input") or {}
    return str(inp.get("url") or inp.get("path") or get("id") or "document")


class Links:
    """URLs of the served app; `ReportLinks` maps the same calls to anchors in one file."""

    static = False

    def dashboard(self, **filters: Any) -> str:
        clean = {k: v for k, v in filters.items() if v not in (None, "")}
        return "/" + (("?" + urlencode(clean)) if clean else "")

    def doc(self, doc_id: str, hl: tuple[int, int] | None = None) -> str:
        url = "/doc/" + quote(doc_id, safe=":")
        if hl:
            url += f"?hl={int(hl[0])}-{int(hl[1])}#hl"
        return url

    def item(self, doc_id: str, ref: str) -> str:
        return "/doc/" + quote(doc_id, safe=":") + "#s-" + quote(ref)

    def doc_cue_class(self, doc_id: str, cue_class: str | None = None) -> str:
        """The article with only the attributions of one cue class (None: all of them)."""
        return "/doc/" + quote(doc_id, safe=":") + (("?" + urlencode({"cue_class": cue_class})) if cue_class else "")

    def clusters(self) -> str:
        return "/clusters"

    def cluster(self, cluster_id: str) -> str:
        return "/clusters/" + quote(str(cluster_id), safe="")

    def sources(self, key: str | None = None, cue_class: str | None = None) -> str:
        params = {k: v for k, v in (("key", key), ("cue_class", cue_class)) if v}
        return "/sources" + (("?" + urlencode(params)) if params else "")

    def search(self, q: str = "") -> str:
        return "/search" + (("?" + urlencode({"q": q})) if q else "")

    def static_url(self, path: str) -> str:
        return "/static/" + path


class ReportLinks(Links):
    static = True

    def __init__(self, doc_index: dict[str, int]) -> None:
        self.doc_index = doc_index

    def dashboard(self, **filters: Any) -> str:
        return "#dashboard"

    def doc(self, doc_id: str, hl: tuple[int, int] | None = None) -> str:
        n = self.doc_index.get(doc_id)
        if n is None:
            return "#missing"
        return f"#doc-{n}" + (f"~hl={int(hl[0])}-{int(hl[1])}" if hl else "")

    def item(self, doc_id: str, ref: str) -> str:
        n = self.doc_index.get(doc_id)
        return f"#doc-{n}~ref={quote(ref)}" if n is not None else "#missing"

    def clusters(self) -> str:
        return "#clusters"

    def cluster(self, cluster_id: str) -> str:
        return "#cluster-" + re.sub(r"[^A-Za-z0-9_-]", "_", str(cluster_id))

    def doc_cue_class(self, doc_id: str, cue_class: str | None = None) -> str:
        # one file, no server: report.js keeps the class's attributions of the article's section
        n = self.doc_index.get(doc_id)
        if n is None:
            return "#missing"
        return f"#doc-{n}" + (f"~cue={slug(cue_class)}" if cue_class else "")

    def sources(self, key: str | None = None, cue_class: str | None = None) -> str:
        # the per-class sources tables are sections of their own (report.html); a source's
        # citations are its card in the sources section (report_cards), not a URL
        return f"#sources-cue-{slug(cue_class)}" if cue_class else "#sources"

    def search(self, q: str = "") -> str:
        return "#search"


def fmt_count(value: Any) -> str:
    if isinstance(value, dict):
        v = value.get("value")
        if v is None:
            return value.get("text") or "—"
        return str(v) + (f" ({value['text']})" if value.get("text") else "")
    return "—" if value is None else str(value)


def fmt_role(role: dict[str, Any]) -> str:
    """A perpetrator/target/instrument with the hedge its wording carried: "ELN members (alleged)"."""
    label = role.get("name") or role.get("text") or "?"
    qualifier = (role.get("qualifier") or {}).get("text") if isinstance(role.get("qualifier"), dict) else None
    return f"{label} ({qualifier})" if qualifier else label


def fmt_date(value: Any) -> str:
    if isinstance(value, dict):
        v = value.get("value")
        if value.get("end") and value.get("end") != v:
            v = f"{v} – {value['end']}"
        txt = value.get("text")
        if v and txt:
            return f"{v} ({txt})"
        return v or txt or "—"
    return "—" if value in (None, "") else str(value)


def fmt_place(value: Any) -> str:
    if isinstance(value, dict):
        parts = [value.get("name"), value.get("admin1"), value.get("country")]
        out = ", ".join(dict.fromkeys(str(p) for p in parts if p))
        return out or value.get("text") or "—"
    return "—" if value in (None, "") else str(value)


def label(value: Any) -> str:
    return str(value or "—").replace("_", " ")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(tojson_script=json_for_script, safe_url=safe_url, short_id=short_id, doc_label=doc_label,
                       fmt_count=fmt_count, fmt_date=fmt_date, fmt_place=fmt_place, label=label)
    from narrascope.web.timeline import bars_svg

    env.globals.update(bars=bars_svg, dict=dict)
    return env


def render(template: str, **ctx: Any) -> str:
    return environment().get_template(template).render(**ctx)

"""`narrascope report`: the workbench's views in one self-contained HTML file.

Everything is inline (CSS, the same JS files the server serves, the base map, the data as
escaped JSON in `<script type="application/json">` blocks), so the file opens offline. Its
Content-Security-Policy allows exactly the inline scripts and style by their SHA-256 hashes:
an injected `<script>` in article text could not run even if escaping failed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from narrascope import __version__
from narrascope.errors import Errors, StoreError
from narrascope.store import Store
from narrascope.store.search import ensure_index
from narrascope.web import queries
from narrascope.web.corpus_view import CorpusCache, Provider
from narrascope.web.highlight import Mark
from narrascope.web.pages.article import article_context
from narrascope.web.pages.cluster import cluster_context
from narrascope.web.pages.dashboard import dashboard_context
from narrascope.web.pages.sources import source_detail, sources_context
from narrascope.web.render import STATIC, ReportLinks, doc_label, render

SCRIPTS = ("js/reader.js", "js/map.js", "js/graph.js", "js/report.js")


class CollectingLinks(ReportLinks):
    """Report links; a link to a text range becomes a named mark in that article."""

    def __init__(self, doc_index: dict[str, int]) -> None:
        super().__init__(doc_index)
        self.marks: dict[str, list[Mark]] = {}

    def doc(self, doc_id: str, hl: tuple[int, int] | None = None) -> str:
        n = self.doc_index.get(doc_id)
        if n is None:
            return "#missing"
        if not hl:
            return f"#doc-{n}"
        marks = self.marks.setdefault(doc_id, [])
        ref = f"h{len(marks) + 1}"
        marks.append(Mark(int(hl[0]), int(hl[1]), "hl-range", ref, "linked value"))
        return f"#doc-{n}~ref={ref}"


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def build_report(store: Store, *, max_docs: int = 100, corpus_provider: Provider | None = None) -> str:
    ensure_index(store.engine, force=True)
    corpus = CorpusCache(corpus_provider).load(store, wait_s=24 * 3600)  # the report waits
    dash = dashboard_context(store, queries.Filters(), corpus, limit=max_docs)
    docs: dict[str, dict[str, Any]] = {}
    for row in dash["docs"]:
        doc = store.get_document(row["id"])
        if doc is not None:
            docs[doc["id"]] = doc
    for c in corpus.clusters:  # documents of clusters are included even when older
        for doc_id, _ in c["members"]:
            if doc_id not in docs and len(docs) < max_docs * 2:
                doc = store.get_document(doc_id)
                if doc is not None:
                    docs[doc_id] = doc
    index = {doc_id: n for n, doc_id in enumerate(docs, 1)}
    links = CollectingLinks(index)
    clusters = [ctx for ctx in (cluster_context(store, corpus, c["id"], links, docs)
                                for c in corpus.clusters if c["documents"] > 1) if ctx]
    counts = {c["id"]: len(corpus.contradictions.get(c["id"], [])) for c in corpus.clusters}
    src = sources_context(store, corpus)
    src_details = [source_detail(store, s["key"], links, docs) for s in src["sources"][:40]]
    cards = {s["key"]: n for n, s in enumerate(src["sources"][:40], 1)}
    # the sources table of each cue class present: a section of its own, `#sources-cue-speech`,
    # which the class chips above every sources table link to (no server to filter)
    by_class = [dict(sources_context(store, corpus, c["value"]), value=c["value"])
                for c in src["table_cue"]["counts"] if c["n"]]
    articles = [dict(article_context(doc, links, corpus, id_prefix=f"d{index[doc_id]}-"), n=index[doc_id],
                     extra_marks=links.marks.get(doc_id, []))
                for doc_id, doc in docs.items()]
    from narrascope.web.highlight import render_document

    for a in articles:
        if a["extra_marks"]:
            a["text_html"] = render_document(a["doc"], id_prefix=a["prefix"], extra=a["extra_marks"])
    search_index = [{"n": index[d["id"]], "title": doc_label(d), "site": d.get("site"), "published": d.get("published"),
                     "text": d.get("text") or ""} for d in docs.values()]
    css = (STATIC / "css" / "app.css").read_text("utf-8")
    scripts = [(STATIC / p).read_text("utf-8") for p in SCRIPTS]
    # the inline code must not contain a closing tag that would end its element early
    scripts = [re.sub(r"</(script)", r"<\\/\1", s, flags=re.IGNORECASE) for s in scripts]
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    csp = ("default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
           f"style-src {_csp_hash(css)}; script-src {' '.join(_csp_hash(s) for s in scripts)}")
    basemap = (STATIC / "basemap" / "countries-110m.json").read_text("utf-8")
    return render("report.html", title="narrascope report", L=links, report=True, version=__version__,
                  csp=csp, css=Markup(css), scripts=[Markup(s) for s in scripts], basemap=Markup(_json_block(basemap)),
                  cluster_pages=clusters, cluster_counts=counts, articles=articles,
                  search_index=search_index, report_details=src_details, report_cards=cards,
                  sources_by_class=by_class, **src, **dash)


def _json_block(raw: str) -> str:
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_report(db: str | Store, out: Path, *, max_docs: int = 100, corpus_provider: Provider | None = None) -> Path:
    store = db if isinstance(db, Store) else Store(db, create=False)
    from sqlalchemy import inspect

    if not inspect(store.engine).has_table("documents"):
        raise StoreError(Errors.E098.format(url=store.safe_url))
    html = build_report(store, max_docs=max_docs, corpus_provider=corpus_provider)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, "utf-8")
    except OSError as exc:
        raise StoreError(Errors.E099.format(path=out, detail=exc)) from exc
    return out.resolve()

"""The sources table filtered by cue class (session 15): `ns_citations.cue_class`, the upgrade of an
index built before the column, `/sources?cue_class=`, `GET /api/v1/sources?cue_class=` and the
report's per-class links. Every count is checked against an oracle computed from the stored
documents' JSON (the analysed demo articles, the hand-made layers and the hostile document)."""

from __future__ import annotations

import copy
import re
from collections import Counter
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text, inspect, select

from narrascope.attribution.cue_class import CUE_CLASSES
from narrascope.store import search as fts
from narrascope.web import queries

from test_web_pages import _assert_inert, _docs


# ------------------------------------------------------------------------------------ oracle
def _known(value: Any) -> str | None:
    return value if isinstance(value, str) and value in CUE_CLASSES else None


def oracle(docs: list[dict[str, Any]], cue_class: str | None = None) -> dict[str, tuple[int, int, int, int]]:
    """Per source key: (citations, documents, claims backed, events backed), from the JSON."""
    cites: dict[str, list[int]] = {}
    docs_of: dict[str, set[str]] = {}
    for d in docs:
        ents = {e.get("id"): e for e in d.get("entities") or []}
        for a in d.get("attributions") or []:
            if cue_class is not None and _known(a.get("cue_class")) != cue_class:
                continue
            name = fts.source_name(a, ents)
            key = fts.actor_key(name, (ents.get(a.get("source_entity")) or {}).get("kb_id")) or "(unnamed)"
            row = cites.setdefault(key, [0, 0, 0])
            row[0] += 1
            row[1] += sum(1 for c in d.get("claims") or [] if c.get("asserted_by") == a.get("id"))
            row[2] += sum(1 for v in d.get("events") or [] if a.get("id") in (v.get("attribution_ids") or []))
            docs_of.setdefault(key, set()).add(d["id"])
    return {k: (n, len(docs_of[k]), cl, ev) for k, (n, cl, ev) in cites.items()}


def stored(demo_db) -> list[dict[str, Any]]:
    """Every document the shared demo database holds now: other web tests add documents to it
    (an API post, a re-analysed copy), so the fixture's own list is not the oracle's input."""
    from narrascope.store import Store

    return list(Store(demo_db[0], create=False).iter_documents())


def class_counts(docs: list[dict[str, Any]]) -> Counter:
    """Citations per known class over the corpus (None: no class)."""
    return Counter(_known(a.get("cue_class")) for d in docs for a in d.get("attributions") or [])


def observed(store, cue_class: str | None = None) -> dict[str, tuple[int, int, int, int]]:
    with store.session() as s:
        rows = queries.source_table(s, limit=10_000, cue_class=cue_class)
    return {r["key"]: (r["citations"], r["docs"], r["claims"], r["events"]) for r in rows}


def _save(store, docs):
    for d in docs:
        store.save_document(d, run_id=None, key=d["id"], source="t", record=None, fmt="text")


# --------------------------------------------------------------------------------- the store
def test_the_store_copies_the_classes_of_the_pipeline():
    assert fts.CUE_CLASSES == CUE_CLASSES


def test_citation_rows_carry_the_class(store, demo_db):
    """One row per attribution, with the attribution's class; a class outside the six (the hostile
    document's) and a missing one (stored before session 13) are NULL."""
    docs = stored(demo_db)
    _save(store, docs)
    fts.ensure_index(store.engine, force=True)
    with store.engine.connect() as conn:
        got = {(r.doc_id, r.attribution_id): r.cue_class for r in conn.execute(fts.citations.select())}
    want = {(d["id"], a["id"]): _known(a.get("cue_class")) for d in docs for a in d.get("attributions") or []}
    assert got == want
    assert {"speech", "belief", "perception"} <= set(want.values())  # the real pipeline's classes
    hostile = next(d for d in docs if "<script>" in (d["title"] or ""))
    assert [got[(hostile["id"], a)] for a in ("a1", "a2", "a3")] == [None, None, "speech"]
    for klass in (None, *CUE_CLASSES):
        assert observed(store, klass) == oracle(docs, klass), klass
    assert any(observed(store, "speech") != observed(store, k) for k in CUE_CLASSES)


# the table as session 14 created it (no `cue_class`, no class index), and its index
OLD = MetaData()
OLD_CITATIONS = Table(
    "ns_citations", OLD,
    Column("doc_id", String(80), nullable=False, index=True),
    Column("attribution_id", String(20), nullable=False),
    Column("source_key", String(300), nullable=False, index=True),
    Column("source_name", Text),
    Column("source_type", String(40)),
    Column("kind", String(20)),
    Column("claims", Integer, default=0),
    Column("events", Integer, default=0),
    Index("ix_ns_citations_cover", "source_key", "doc_id", "claims", "events"),
    Index("ix_ns_citations_type", "source_type"),
)


def _make_old(store, docs):
    """Turn the store's index into one built before session 15: citation rows of the old shape,
    no `citation_format`; and forget that this process has seen the database."""
    with store.engine.begin() as conn:
        fts.citations.drop(conn)
        OLD_CITATIONS.create(conn)
        rows = [{k: v for k, v in r.items() if k != "cue_class"} for d in docs for r in fts.citation_rows(d)]
        conn.execute(OLD_CITATIONS.insert(), rows)
        conn.execute(fts.state.delete().where(fts.state.c.key == "citation_format"))
    fts._created.discard(str(store.engine.url))
    fts._checked.pop(str(store.engine.url), None)


def test_an_old_index_upgrades_on_open(store, demo_db):
    """An index whose citation table predates the column gains it, and its rows are rebuilt from
    `documents.data`, the first time the index is checked: the filter then answers."""
    docs = [copy.deepcopy(d) for d in demo_db[1]]
    _save(store, docs)
    fts.ensure_index(store.engine, force=True)
    _make_old(store, docs)
    with store.engine.connect() as conn:
        assert "cue_class" not in {c["name"] for c in inspect(conn).get_columns("ns_citations")}
        gen = fts.generation(conn)
    assert fts.ensure_index(store.engine) == 0  # nothing new to index: only the upgrade ran
    with store.engine.connect() as conn:
        assert "cue_class" in {c["name"] for c in inspect(conn).get_columns("ns_citations")}
        assert "ix_ns_citations_class" in {i["name"] for i in inspect(conn).get_indexes("ns_citations")}
        assert fts.generation(conn, "citation_format") == fts.CITATION_FORMAT
        assert fts.generation(conn) == gen + 1  # cached pages keyed on the generation are stale
        n = conn.execute(select(fts.citations.c.cue_class).where(fts.citations.c.cue_class.is_not(None))).all()
    assert len(n) == sum(v for k, v in class_counts(docs).items() if k)
    for klass in (None, *CUE_CLASSES):
        assert observed(store, klass) == oracle(docs, klass), klass
    # once upgraded, a second check changes nothing
    with store.engine.connect() as conn:
        gen = fts.generation(conn)
    fts._created.discard(str(store.engine.url))
    fts.pending(store.engine)
    with store.engine.connect() as conn:
        assert fts.generation(conn) == gen


def test_an_old_index_upgrades_inside_a_replacement(store, demo_db):
    """The first write to an old index may be a re-analysis (`replace_document`): the upgrade runs
    in its transaction, before the replaced document's new rows are written."""
    docs = [copy.deepcopy(d) for d in demo_db[1]]
    _save(store, docs)
    fts.ensure_index(store.engine, force=True)
    _make_old(store, docs)
    new = copy.deepcopy(docs[0])
    for a in new["attributions"]:
        a["cue_class"] = "belief"
    store.replace_document(new)
    docs[0] = new
    for klass in (None, *CUE_CLASSES):
        assert observed(store, klass) == oracle(docs, klass), klass


# --------------------------------------------------------------------------------- the pages
_ROW = re.compile(r'<tr>\s*<td>(?:<a href="([^"]*)">)?(.*?)(?:</a>)?</td>\s*<td>.*?</td>\s*'
                  r'<td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>',
                  re.S)


def page_table(body: str) -> dict[str, tuple[int, int, int, int]]:
    """The served sources table: source key (from its link) -> its four totals."""
    table = body.split('<table class="docs sources-table"', 1)[1].split("</table>", 1)[0]
    out = {}
    for href, _name, *nums in _ROW.findall(table):
        key = parse_qs(urlsplit(unescape(href)).query)["key"][0]
        out[key] = tuple(int(n) for n in nums)
    return out


def table_chips(body: str) -> dict[str, int]:
    chips = body.split('<p class="cue-filter table-cue', 1)[1].split("</p>", 1)[0]
    return {k: int(n) for k, n in re.findall(r'data-cue-class="([a-z]+)"[^>]*>[^<]*<span class="n">(\d+)</span>', chips)}


def test_sources_page_filtered_by_class(client, demo_db):
    docs = stored(demo_db)
    counts = class_counts(docs)
    full = client.get("/sources").text
    assert page_table(full) == oracle(docs)
    want = {"all": sum(counts.values()), **{k: n for k, n in counts.items() if k}}
    if counts[None]:
        want["none"] = counts[None]
    assert table_chips(full) == want
    for klass in CUE_CLASSES:
        r = client.get("/sources", params={"cue_class": klass})
        assert r.status_code == 200
        _assert_inert(r.text)
        assert page_table(r.text) == oracle(docs, klass), klass
        assert table_chips(r.text) == want  # the chips count the corpus, whatever the filter
        if counts[klass]:
            assert f'class="chip cue-{klass} on" data-cue-class="{klass}" href="/sources?cue_class={klass}"' in r.text
            assert f"The table counts {klass} citations only." in r.text
            # a source's link keeps the class
            assert all(parse_qs(urlsplit(unescape(h)).query).get("cue_class") == [klass]
                       for h in re.findall(r'<td><a href="([^"]*)"', r.text))
    # an unknown class, markup or an empty value: the whole table, no error page
    for bad in ("gossip", "SPEECH", "<script>alert(1)</script>", ""):
        r = client.get("/sources", params={"cue_class": bad})
        assert r.status_code == 200 and page_table(r.text) == page_table(full)
        assert "<script>alert(1)" not in r.text and "table-note" not in r.text


def test_a_source_under_the_class_filter(client, demo_db):
    """`?key=...&cue_class=...`: the card lists the source's citations of that class, the table is
    filtered the same way, the chips keep the key."""
    docs = stored(demo_db)
    for key, (n, *_rest) in oracle(docs).items():
        body = client.get("/sources", params={"key": key}).text
        card = body.split('id="source-detail"', 1)[1].split('<table class="docs sources-table"', 1)[0]
        per = Counter(_known(a.get("cue_class")) for d in docs for a in d.get("attributions") or []
                      if key in oracle([dict(d, attributions=[a])]))
        assert card.count('<div class="citation">') == n == sum(per.values())
        for klass in CUE_CLASSES:
            r = client.get("/sources", params={"key": key, "cue_class": klass}).text
            _assert_inert(r)
            card = r.split('id="source-detail"', 1)[1].split('<table class="docs sources-table"', 1)[0]
            assert card.count('<div class="citation">') == per[klass]
            assert page_table(r) == oracle(docs, klass)
            chips = re.findall(r'<a class="chip[^"]*" data-cue-class="([a-z]+)" href="([^"]*)"', r)
            assert chips and all(parse_qs(urlsplit(unescape(h)).query).get("key") == [key] for _, h in chips)


def test_hostile_source_name_in_the_filtered_view(client, demo_db):
    _, hostile = _docs(demo_db)
    r = client.get("/sources", params={"cue_class": "speech"})
    _assert_inert(r.text)
    table = r.text.split('<table class="docs sources-table"', 1)[1]
    assert "&lt;/script&gt;&lt;svg onload=alert(8)&gt;</a>" in table and "<svg onload" not in r.text
    key = fts.actor_key("</script><svg onload=alert(8)>")
    r = client.get("/sources", params={"key": key, "cue_class": "speech"})
    _assert_inert(r.text)
    card = r.text.split('id="source-detail"', 1)[1].split("<table", 1)[0]
    assert card.count('<div class="citation">') == 1 and "<svg onload" not in r.text and "<img src=x" not in r.text


def test_api_sources_accepts_the_class(client, demo_db):
    docs = stored(demo_db)
    full = client.get("/api/v1/sources").json()
    assert full["cue_class"] is None
    for klass in CUE_CLASSES:
        got = client.get("/api/v1/sources", params={"cue_class": klass}).json()
        assert got["cue_class"] == klass
        assert {i["key"]: (i["citations"], i["docs"], i["claims"], i["events"]) for i in got["items"]} == oracle(docs, klass)
        assert sum(t["n"] for t in got["types"]) == class_counts(docs)[klass]
    bogus = client.get("/api/v1/sources", params={"cue_class": "<b>x</b>"})
    assert bogus.status_code == 200 and bogus.json() == full


# -------------------------------------------------------------------------------- the report
def test_report_links_each_class(tmp_path, demo_db, corpus_provider):
    """The report's class chips are in-page links: over a sources table, to that class's own
    table (a section `#sources-cue-<class>`); in an article, to `#doc-N~cue=<class>`."""
    from narrascope.web.report import write_report

    docs = stored(demo_db)
    html = write_report(demo_db[0], tmp_path / "r.html", corpus_provider=corpus_provider).read_text("utf-8")
    counts = class_counts(docs)
    present = [k for k in CUE_CLASSES if counts[k]]
    assert re.findall(r'<section class="rsec" id="sources-cue-([a-z]+)">', html) == present
    names = {}
    for d in docs:
        ents = {e.get("id"): e for e in d.get("entities") or []}
        for a in d.get("attributions") or []:
            name = fts.source_name(a, ents)
            key = fts.actor_key(name, (ents.get(a.get("source_entity")) or {}).get("kb_id")) or "(unnamed)"
            names.setdefault(key, name or "(no source stated)")
    for klass in present:
        sec = html.split(f'<section class="rsec" id="sources-cue-{klass}">', 1)[1].split("</section>", 1)[0]
        assert f'class="chip cue-{klass} on" data-cue-class="{klass}" href="#sources-cue-{klass}"' in sec
        assert 'data-cue-class="all" href="#sources"' in sec
        table = sec.split('<table class="docs sources-table"', 1)[1].split("</table>", 1)[0]
        # report rows carry names, not keys: compare (name, totals)
        got = sorted((unescape(re.sub(r"<[^>]+>", "", n)), tuple(map(int, nums))) for _h, n, *nums in _ROW.findall(table))
        assert got == sorted((names[k], v) for k, v in oracle(docs, klass).items()), klass
    assert "<svg onload" not in html and "<img src=x" not in html
    # article chips: each links to its own section with the class; the counts are the article's
    seen = []
    for n, body in re.findall(r'<section class="rsec" id="doc-(\d+)">(.*?)</section>', html, re.S):
        chips = re.findall(r'<a class="chip[^"]*" data-cue-class="([a-z]+)" href="([^"]*)">[^<]*<span class="n">(\d+)</span>', body)
        if not chips:
            continue
        assert all(h == (f"#doc-{n}" if k == "all" else f"#doc-{n}~cue={k}") for k, h, _ in chips)
        seen.append({k: int(c) for k, h, c in chips if k != "all"})
    want = [{k: v for k, v in Counter(_known(a.get("cue_class")) for a in d["attributions"]).items() if k}
            for d in docs if d.get("attributions")]
    assert sorted(map(sorted, (x.items() for x in seen))) == sorted(map(sorted, (x.items() for x in want)))


@pytest.mark.parametrize("klass", [None, "speech"])
def test_sources_cache_keeps_classes_apart(client, demo_db, klass):
    """The page cache is keyed on the class too: the filtered and the whole table never swap."""
    docs = stored(demo_db)
    for _ in range(2):
        r = client.get("/sources", params={"cue_class": klass} if klass else {})
        assert page_table(r.text) == oracle(docs, klass)

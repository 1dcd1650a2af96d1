"""Served pages and the API on the demo corpus: status codes, escaping, CSP, ids, tokens."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from demo_layers import HOSTILE_AUTHOR, HOSTILE_TITLE, HOSTILE_URL

PAGES = ["/", "/clusters", "/clusters/k1", "/sources", "/search?q=shrine", "/search?q=", "/?type=attack",
         "/?technique=doubt", "/?site=Al-Hadath+(demo)", "/clusters?all=1"]


def _docs(demo_db):
    return [d for d in demo_db[1] if "<script>" not in (d["title"] or "")], \
        next(d for d in demo_db[1] if "<script>" in (d["title"] or ""))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.tags.append((tag, dict(attrs)))


def _assert_inert(body: str) -> None:
    """Parse the page as a browser would: no injected element, handler attribute or javascript: link."""
    parser = _Tags()
    parser.feed(body)
    for tag, attrs in parser.tags:
        assert tag not in ("img", "iframe", "object", "embed", "base", "form") or (tag == "form" and attrs.get("action") == "/search"), (tag, attrs)
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for key in ("href", "src", "action"):
            assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), (tag, attrs)
        if tag == "script":  # only our own files, or inert JSON data
            assert (attrs.get("src") or "").startswith("/static/js/") or attrs.get("type") == "application/json", attrs


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_csp(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    _assert_inert(r.text)


def test_article_pages(client, demo_db):
    docs, hostile = _docs(demo_db)
    for d in docs + [hostile]:
        r = client.get("/doc/" + d["id"])
        assert r.status_code == 200
        _assert_inert(r.text)
        for a in d["attributions"]:
            assert f'data-target="{a["id"]}"' in r.text
    body = client.get("/doc/" + hostile["id"]).text
    assert "&lt;script&gt;window.__pwned=1" in body  # the title is shown as text
    assert HOSTILE_URL not in re.findall(r'href="([^"]*)"', body)
    assert HOSTILE_AUTHOR not in body
    # a perpetrator's hedge ("alleged") is shown beside it, escaped like every article string
    assert "&lt;svg onload=alert(13)&gt; (&lt;img src=x onerror=alert(5)&gt;)" in body
    # what backs a claim is article text too: shown escaped
    assert "backed by &#39;; DROP TABLE documents; --" in body
    # support carried from the claim's context is shown apart from "backed by", escaped too
    assert "source in context: &lt;/script&gt;&lt;svg onload=alert(8)&gt;" in body
    assert "wire credit: &#34;&gt;&lt;img src=x onerror=alert(5)&gt;" in body
    assert "backed by &lt;/script&gt;" not in body
    # the poll a claim's percentages continue (session 19) is named, escaped
    assert "continues the poll: &#39;; DROP TABLE documents; --" in body
    # the attribution's cue class (session 13) is a small tag, its text escaped, its CSS class a slug
    assert 'title="what the cue reports">&#34;&gt;&lt;img src=x onerror=alert(14)&gt;</span>' in body
    assert "cue-img_srcx_onerroralert14" in body and "onerror=alert(14)>" not in body
    # the demo op-ed's author claims with nothing offered for them are marked
    oped = next(d for d in docs if "Reflect" in (d.get("title") or ""))
    flagged = [c for c in oped["claims"] if c.get("unsupported")]
    page = client.get("/doc/" + oped["id"]).text
    assert 'class="tag cue-class cue-speech" title="what the cue reports">speech</span>' in page
    assert 'class="tag cue-class cue-evidence" title="what the cue reports">evidence</span>' in page
    assert flagged and client.get("/doc/" + oped["id"]).text.count("no support given") == len(flagged)
    # linked range highlight
    d = docs[0]
    r = client.get(f"/doc/{d['id']}?hl=0-20")
    assert re.search(r'class="[^"]*hl-target', r.text) and 'id="s-hl"' in r.text


@pytest.mark.parametrize("path", [
    "/doc/sha256:" + "0" * 64, "/doc/not-an-id", "/doc/..%2F..%2Fetc%2Fpasswd", "/doc/sha256:abc'%20OR%201=1",
    "/clusters/nope", "/clusters/%3Cscript%3E", "/static/..%2F..%2Fapp.py", "/nothing/here",
    "/api/v1/documents/sha256:" + "f" * 64, "/api/v1/documents/x' OR '1'='1", "/api/v1/clusters/zzz",
])
def test_wrong_ids_are_404_without_trace(client, path):
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "Traceback" not in r.text and "File \"" not in r.text
    assert "<script>" not in r.text.replace('<script src="/static/js/', "")
    if path.startswith("/api/"):
        assert r.json()["error"].startswith("[E09")


def test_bad_query_parameters(client):
    assert client.get("/?offset=-5").status_code == 400
    assert client.get("/api/v1/documents?limit=100000").status_code == 422
    assert client.get("/api/v1/search?q=%20%20").status_code == 422
    r = client.get("/search?q=" + "x" * 5000)
    assert r.status_code in (200, 400)


def test_api_reads(client, demo_db):
    docs, hostile = _docs(demo_db)
    r = client.get("/api/v1/documents")
    assert r.status_code == 200 and r.json()["total"] == len(demo_db[1])
    bombing = [d["id"] for d in demo_db[1] if any(e["type"] == "bombing" for e in d.get("events") or [])]
    r = client.get("/api/v1/documents", params={"type": "bombing"}).json()
    assert 0 < r["total"] == len(bombing) < len(demo_db[1]) and {i["id"] for i in r["items"]} == set(bombing)
    one = client.get("/api/v1/documents/" + docs[0]["id"]).json()
    assert one["id"] == docs[0]["id"] and one["text"] == docs[0]["text"]
    h = client.get("/api/v1/documents/" + hostile["id"])
    assert h.headers["content-type"].startswith("application/json")
    assert h.json()["title"] == HOSTILE_TITLE  # data returned as data, not markup
    ev = client.get("/api/v1/events?type=bombing").json()["items"]
    assert ev and all(e["type"] == "bombing" for e in ev)
    cl = client.get("/api/v1/clusters").json()
    assert cl["available"] and cl["items"][0]["id"] == "k1"
    k1 = client.get("/api/v1/clusters/k1").json()
    assert len(k1["versions"]) == 2 and k1["contradictions"][0]["slot"] == "fatalities"
    actors = client.get("/api/v1/actors").json()
    assert actors["nodes"] and actors["edges"]
    src = client.get("/api/v1/sources").json()
    assert src["items"] and {t["value"] for t in src["types"]} & {"anonymous", "named_person", "media"}
    s = client.get("/api/v1/search", params={"q": "pilgrims shrine"}).json()
    assert s["total"] >= 1 and "<mark>" in s["items"][0]["snippet_html"]
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/documents", "/api/v1/events", "/api/v1/clusters", "/api/v1/actors", "/api/v1/sources",
            "/api/v1/search"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/v1/documents"]


def test_post_document_needs_token(client, api_token):
    body = {"text": "Gunmen attacked a police station in Zahedan on Friday, killing three officers, officials said."}
    assert client.post("/api/v1/documents", json=body).status_code == 401
    assert client.post("/api/v1/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/v1/documents", json={}, headers={"Authorization": f"Bearer {api_token}"}).status_code == 422


def test_post_hostile_html_is_analysed_and_inert(client, api_token):
    html = ("<html><head><title><script>alert('t')</script>Blast</title></head><body><article>"
            "<h1>\"><img src=x onerror=alert(1)></h1><p>A car bomb exploded in Baghdad on Monday, killing five people, "
            "police said. <script>alert('b')</script> '; DROP TABLE documents; --</p>"
            "<p><a href=\"javascript:alert(2)\">more</a> Witnesses told reporters the blast destroyed shops.</p>"
            "</article></body></html>")
    r = client.post("/api/v1/documents", headers={"Authorization": f"Bearer {api_token}"},
                    json={"html": html, "url": "javascript:alert(3)", "title": "<script>alert(4)</script>",
                          "author": "\"><img src=x onerror=alert(5)>"})
    assert r.status_code == 201, r.text
    doc_id = r.json()["id"]
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", doc_id)
    page = client.get("/doc/" + doc_id)
    assert page.status_code == 200
    _assert_inert(page.text)
    assert client.get("/api/v1/documents").json()["total"] >= 4  # the table is still there
    assert client.get("/api/v1/search", params={"q": "Baghdad"}).json()["total"] >= 1


def test_post_disabled_without_server_token(demo_db, corpus_provider):
    from fastapi.testclient import TestClient

    from narrascope.web.app import create_app

    app = create_app(demo_db[0], corpus_provider=corpus_provider, token="")
    with TestClient(app) as c:
        r = c.post("/api/v1/documents", json={"text": "x"}, headers={"Authorization": "Bearer "})
        assert r.status_code == 403 and "[E092]" in r.json()["error"]


def test_reads_need_token_from_other_hosts(demo_db, corpus_provider, api_token):
    from fastapi.testclient import TestClient

    from narrascope.web.app import create_app

    app = create_app(demo_db[0], corpus_provider=corpus_provider, token=api_token)
    with TestClient(app, client=("203.0.113.9", 5555)) as c:
        assert c.get("/api/v1/documents").status_code == 401
        assert c.get("/").status_code == 401
        assert c.get("/api/v1/documents", headers={"Authorization": f"Bearer {api_token}"}).status_code == 200


def test_corpus_layer_absent_or_broken_shows_empty_state(demo_db):
    from fastapi.testclient import TestClient

    from narrascope.web.app import create_app

    def broken(store):
        raise RuntimeError("boom")

    for provider, marker in ((lambda store: None, "No event clusters yet"), (broken, "[E097]")):
        with TestClient(create_app(demo_db[0], corpus_provider=provider)) as c:
            r = c.get("/clusters")
            assert r.status_code == 200 and marker in r.text
            assert c.get("/").status_code == 200
            assert c.get("/clusters/k1").status_code == 404


def test_json_blocks_cannot_close_their_script(client):
    body = client.get("/").text
    for block in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', body, re.S):
        assert "<" not in block
        json.loads(block)


def test_missing_database_is_an_explained_error(tmp_path):
    from narrascope.errors import StoreError
    from narrascope.web.app import create_app

    with pytest.raises(StoreError, match="E098"):
        create_app(str(tmp_path / "empty.db"))


def test_real_corpus_layer_through_the_adapter(tmp_path, demo_db):
    """The registered `corpus` exporter (narrascope.corpus), when installed, feeds the cluster views."""
    import shutil

    from fastapi.testclient import TestClient

    from narrascope.store import Store
    from narrascope.web.app import create_app
    from narrascope.web.corpus_view import exporter_provider, normalise

    db = tmp_path / "copy.db"
    shutil.copy(demo_db[0], db)
    store = Store(str(db))
    raw = exporter_provider(store)
    if raw is None:
        pytest.skip("no corpus exporter registered in this installation")
    view = normalise(raw)
    assert view.available and view.clusters
    ids = {d["id"] for d in demo_db[1]}
    assert all(doc_id in ids for c in view.clusters for doc_id, _ in c["members"])
    with TestClient(create_app(store)) as c:
        assert c.get("/clusters?all=1").status_code == 200
        for cl in view.clusters[:5]:
            assert c.get("/clusters/" + cl["id"]).status_code == 200
        assert c.get("/").status_code == 200
        assert c.get("/api/v1/actors").status_code == 200


def test_slow_corpus_layer_does_not_block_pages(demo_db, corpus_provider):
    import threading

    from fastapi.testclient import TestClient

    from narrascope.web.app import create_app

    release = threading.Event()

    def slow(store):
        release.wait(30)
        return corpus_provider(store)

    app = create_app(demo_db[0], corpus_provider=slow)
    app.state.ns.corpus.wait_s = 0.2
    with TestClient(app) as c:
        r = c.get("/clusters")
        assert r.status_code == 200 and "being" in r.text  # answered while the corpus view is computed
        release.set()
        for _ in range(50):
            r = c.get("/clusters")
            if "k1" in r.text:
                break
        assert "/clusters/k1" in r.text


# --- session 14: the cue-class filter and the wire credit ------------------------------------

def _side_refs(body: str) -> list[str]:
    return re.findall(r'<a class="item att-item" href="#s-[^"]*" data-target="([^"]*)"', body)


def _layer_refs(body: str, ids: set[str]) -> set[str]:
    """Attribution ids that have a highlighted piece in the text (class L-att)."""
    text = body.split('<div class="doc-text', 1)[1].split("</div>", 1)[0]
    found = set()
    for classes, refs in re.findall(r'<span class="([^"]*)" data-ref="([^"]*)"', text):
        if "L-att" in classes.split():
            found |= set(refs.split()) & ids
    return found


def _chip_counts(body: str) -> dict[str, int]:
    return {k: int(n) for k, n in re.findall(r'data-cue-class="([a-z]+)"[^>]*>[^<]*<span class="n">(\d+)</span>', body)}


def test_cue_class_filter_on_the_article_page(client, demo_db):
    from collections import Counter

    docs, _ = _docs(demo_db)
    doc = next(d for d in docs if "Reflect" in (d.get("title") or ""))
    ids = {a["id"] for a in doc["attributions"]}
    counts = Counter(a["cue_class"] for a in doc["attributions"])
    assert counts["speech"] and len(counts) > 1  # the real pipeline's classes: more than one kind
    full = client.get("/doc/" + doc["id"]).text
    # one link per class present, counts as in the document; "all" counts every attribution
    assert _chip_counts(full) == {"all": len(ids), **counts}
    assert _side_refs(full) == [a["id"] for a in doc["attributions"]]
    speech = [a["id"] for a in doc["attributions"] if a["cue_class"] == "speech"]
    r = client.get(f"/doc/{doc['id']}?cue_class=speech")
    assert r.status_code == 200
    _assert_inert(r.text)
    assert _side_refs(r.text) == speech
    assert _layer_refs(r.text, ids) == set(speech)  # the highlight layer keeps the same ones
    assert _layer_refs(full, ids) == ids
    assert f"of {len(ids)}, speech only" in r.text and _chip_counts(r.text) == _chip_counts(full)
    assert 'class="chip cue-speech on"' in r.text
    # claims still name their (filtered-out) sources
    assert full.split('<h2>Claims')[1] == r.text.split('<h2>Claims')[1]
    # an unknown or hostile class is ignored: the whole list, no error page
    for bad in ("nonsense", "SPEECH", "<script>alert(1)</script>", ""):
        r = client.get("/doc/" + doc["id"], params={"cue_class": bad})
        assert r.status_code == 200 and _side_refs(r.text) == _side_refs(full)
        assert "<script>alert(1)" not in r.text


def test_cue_class_filter_on_a_hostile_document(client, demo_db):
    _, hostile = _docs(demo_db)
    full = client.get("/doc/" + hostile["id"]).text
    # a1's class is hostile text and a2 was stored without one: both count as "no class"
    assert _chip_counts(full) == {"all": 3, "speech": 1, "none": 2}
    r = client.get(f"/doc/{hostile['id']}?cue_class=speech")
    _assert_inert(r.text)
    assert _side_refs(r.text) == ["a3"] and _layer_refs(r.text, {"a1", "a2", "a3"}) == {"a3"}
    side = r.text.split('<aside class="side">')[1]
    assert '<span class="who">&lt;/script&gt;&lt;svg onload=alert(8)&gt;</span>' in side
    assert '<span class="what">&#34;&gt;&lt;img src=x onerror=alert(5)&gt;</span>' in side
    assert "<svg onload" not in side and "<img src=x" not in side


def test_cue_class_filter_on_a_source(client):
    items = client.get("/api/v1/sources").json()["items"]
    for s in items:
        body = client.get("/sources", params={"key": s["key"]}).text
        # the source card's chips (the table's chips above it count the corpus: test_web_cue_sources.py)
        counts = _chip_counts(body.split('id="source-detail"', 1)[1])
        total = counts.pop("all")
        assert total == body.count('<div class="citation">') == sum(counts.values())
        for klass, n in counts.items():
            if klass == "none":
                continue
            r = client.get("/sources", params={"key": s["key"], "cue_class": klass})
            _assert_inert(r.text)
            assert r.text.count('<div class="citation">') == n
            assert r.text.count(f'title="what the cue reports">{klass}</span>') == n
        bogus = client.get("/sources", params={"key": s["key"], "cue_class": "bogus"}).text
        assert bogus.count('<div class="citation">') == total


def test_wire_credit_in_the_header(client, demo_db):
    docs, hostile = _docs(demo_db)
    for d in docs:  # neither demo article credits a wire service
        assert d["profile"]["wire_credit"] is None
        assert "Wire credit:" not in client.get("/doc/" + d["id"]).text
    body = client.get("/doc/" + hostile["id"]).text
    assert ("Wire credit: &#34;&gt;&lt;img src=x onerror=alert(5)&gt; (&lt;svg onload=alert(16)&gt;)</span>"
            in body)
    assert "alert(16)>" not in body


def test_wire_credit_of_an_analysed_wire_story(tmp_path, demo_db, api_token):
    """A dateline article posted to the API: the page header, the report and the JSON carry the credit."""
    import shutil

    from fastapi.testclient import TestClient

    from narrascope.web.app import create_app
    from narrascope.web.report import write_report

    db = tmp_path / "copy.db"
    shutil.copy(demo_db[0], db)
    text = ("TEHRAN (Reuters) - Gunmen killed four pilgrims at a shrine in Shiraz on Wednesday. "
            "The attackers fled on motorbikes before security forces arrived.")
    with TestClient(create_app(str(db), corpus_provider=lambda store: None, token=api_token)) as c:
        r = c.post("/api/v1/documents", json={"text": text, "title": "Shrine attack"},
                   headers={"Authorization": f"Bearer {api_token}"})
        assert r.status_code == 201, r.text
        doc_id = r.json()["id"]
        wc = c.get("/api/v1/documents/" + doc_id).json()["profile"]["wire_credit"]
        assert wc["text"] == "Reuters" and wc["actor"] == "Q130879"
        page = c.get("/doc/" + doc_id).text
        assert '<span class="chip wire-credit"' in page and "Wire credit: Reuters</span>" in page
        assert 'title="the wire service credited in the dateline:' in page
    report = write_report(str(db), tmp_path / "r.html", corpus_provider=lambda store: None).read_text("utf-8")
    assert "Wire credit: Reuters</span>" in report


def test_a_content_broken_by_its_cue_is_shown_without_the_cue(client, demo_db):
    # the op-ed: "that according to state media left 17 killed ...": the side panel shows the
    # content's pieces, not the source and cue between them
    docs, _ = _docs(demo_db)
    doc = next(d for d in docs if "Reflect" in (d.get("title") or ""))
    att = next(a for a in doc["attributions"] if a["cue"]["text"] == "according to")
    assert len(att["content"]["spans"]) == 2 and "state media" in att["content"]["text"]
    body = client.get("/doc/" + doc["id"]).text
    a, b = (doc["text"][s:e].strip() for s, e in att["content"]["spans"])
    assert str(escape(f"{a} … {b}"[:200])) in body

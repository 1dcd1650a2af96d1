"""The workbench in a real browser (Debian chromium driven by Playwright): every page loads on the
demo corpus, layer toggles and the side panel work, nothing hostile executes. Screenshots are
saved under out/screenshots/."""

from __future__ import annotations

import re

import pytest

from demo_layers import hostile_document  # noqa: F401 - documents the fixture used

pytestmark = pytest.mark.browser


def _no_injection(page) -> None:
    assert page.dialogs == [], f"a dialog fired: {page.dialogs}"
    assert page.evaluate("window.__pwned === undefined"), "injected script ran"
    assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload], [onmouseover]').length") == 0
    assert page.evaluate("Array.from(document.scripts).every(s => !s.src || s.src.includes('/static/js/'))")


def _doc_ids(demo_db):
    docs = demo_db[1]
    normal = [d for d in docs if not d["title"] or "<script>" not in d["title"]]
    hostile = [d for d in docs if d["title"] and "<script>" in d["title"]][0]
    return normal, hostile


def test_dashboard(page, server, shots):
    page.goto(server + "/")
    page.wait_for_selector(".map[data-drawn] svg.mapsvg .pt")
    page.wait_for_selector(".graph[data-drawn] svg .node")
    assert page.locator("table.docs tbody tr").count() >= 3
    assert page.locator("svg.mapsvg path.country").count() > 150  # the Natural Earth base map
    assert page.locator("svg.timeline circle").count() >= 1
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    # a facet narrows the document list
    page.locator(".facet").filter(has_text="Event type").locator("li a").first.click()
    page.wait_for_selector(".filters .chip")
    assert "type=" in page.url
    _no_injection(page)
    assert page.errors == []


def test_article_toggles_and_side_panel(page, server, shots, demo_db):
    normal, _ = _doc_ids(demo_db)
    doc = next(d for d in normal if "Rajavi said" in d["text"])
    page.goto(server + "/doc/" + doc["id"])
    text = page.locator(".doc-text")
    assert "show-att" in text.get_attribute("class")
    # layer toggle: rhetoric is off by default; switching it on styles its spans
    rh = page.locator("input[data-layer=rh]")
    assert not rh.is_checked()
    first_rh = page.locator(".doc-text .L-rh").first
    before = first_rh.evaluate("e => getComputedStyle(e).textDecorationLine")
    rh.check()
    assert "show-rh" in text.get_attribute("class")
    after = first_rh.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert before == "none" and "underline" in after
    # and attributions off hides their colouring
    page.locator("input[data-layer=att]").uncheck()
    assert "show-att" not in text.get_attribute("class")
    # clicking an attribution in the side panel switches its layer back on, flashes and scrolls to its span
    attr = doc["attributions"][-1]
    item = page.locator(f".side .att-item[data-target={attr['id']}]")
    item.click()
    assert "show-att" in text.get_attribute("class")
    flashed = page.locator(".doc-text .flash")
    assert flashed.count() >= 1
    shown = "".join(flashed.all_text_contents())
    assert attr["content"]["text"][:20].strip() in re.sub(r"\s+", " ", shown) or attr["cue"]["text"] in shown
    assert flashed.first.is_visible()
    box = flashed.first.bounding_box()
    assert box and 0 <= box["y"] <= 900
    assert "active" in item.get_attribute("class")
    page.screenshot(path=str(shots / "article.png"), full_page=False)
    _no_injection(page)
    assert page.errors == []


def test_cluster_page(page, server, shots):
    page.goto(server + "/clusters")
    page.locator("table.docs a").first.click()
    page.wait_for_selector("table.side-by-side")
    assert page.locator("table.side-by-side thead th").count() == 3  # label column + two versions
    assert page.locator("tr.contra").count() >= 1
    page.screenshot(path=str(shots / "cluster.png"), full_page=True)
    # a value links to the sentence it came from, highlighted in the article
    page.locator("tr.contra a.val").first.click()
    page.wait_for_selector(".doc-text .hl-target")
    assert page.locator(".doc-text .hl-target").first.is_visible()
    _no_injection(page)


def test_sources_and_search(page, server, shots):
    page.goto(server + "/sources")
    assert page.locator(".sources-table tbody tr").count() >= 3
    page.locator(".sources-table tbody a").first.click()
    page.wait_for_selector("#source-detail .citation")
    page.screenshot(path=str(shots / "sources.png"), full_page=False)
    page.goto(server + "/search?q=shrine+pilgrims")
    assert page.locator("ol.results li").count() >= 1
    assert page.locator("ol.results mark").count() >= 1
    page.screenshot(path=str(shots / "search.png"), full_page=False)
    _no_injection(page)


def test_hostile_document_is_inert(page, server, shots, demo_db):
    _, hostile = _doc_ids(demo_db)
    for path in ("/", "/doc/" + hostile["id"], "/sources", "/search?q=blast+market", "/search?q=%3Cscript%3E"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        _no_injection(page)
    page.goto(server + "/doc/" + hostile["id"])
    assert hostile["title"] in page.locator("h1").inner_text()  # shown as text
    assert page.locator("a[href^='javascript']").count() == 0
    for layer in ("ent", "rh"):
        page.locator(f"input[data-layer={layer}]").check()
    page.locator(".side .att-item").first.click()
    page.screenshot(path=str(shots / "hostile.png"), full_page=False)
    _no_injection(page)


def test_report_in_browser(page, shots, tmp_path, demo_db, corpus_provider):
    from narrascope.web.report import write_report

    out = write_report(demo_db[0], tmp_path / "report.html", corpus_provider=corpus_provider)
    page.goto(out.as_uri())
    page.wait_for_selector("#dashboard .map[data-drawn] .pt")
    assert page.locator(".rsec:not(.hidden)").count() == 1
    page.screenshot(path=str(shots / "report-dashboard.png"), full_page=False)
    page.locator("#dashboard table.docs a").first.click()
    reader = page.locator(".rsec:not(.hidden) .reader")
    reader.locator("input[data-layer=rh]").check()
    reader.locator(".side .att-item").first.click()
    assert reader.locator(".doc-text .flash").count() >= 1
    page.screenshot(path=str(shots / "report-article.png"), full_page=False)
    page.goto(out.as_uri() + "#search")
    page.fill("#rsearch", "shrine")
    assert page.locator("#rsearch-results li a").count() >= 1
    page.goto(out.as_uri() + "#cluster-k1")
    assert page.locator(".rsec:not(.hidden) table.side-by-side").count() == 1
    _no_injection_report(page)


def _no_injection_report(page) -> None:
    assert page.dialogs == []
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload], [onmouseover]').length") == 0
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors


def _att_layer_refs(page, ids) -> set:
    refs = page.eval_on_selector_all(".doc-text .L-att", "els => els.map(e => e.getAttribute('data-ref'))")
    return {r for rs in refs for r in rs.split()} & set(ids)


def test_cue_class_filter(page, server, shots, demo_db):
    """Click "speech" on a stored demo article: only its speech attributions stay, in the side
    panel and in the highlight layer; the counts are the document's; "all" brings the rest back."""
    from collections import Counter

    normal, hostile = _doc_ids(demo_db)
    doc = next(d for d in normal if "Rajavi said" in d["text"])
    ids = [a["id"] for a in doc["attributions"]]
    counts = Counter(a["cue_class"] for a in doc["attributions"])
    speech = [a["id"] for a in doc["attributions"] if a["cue_class"] == "speech"]
    assert speech and len(speech) < len(ids)
    page.goto(server + "/doc/" + doc["id"])
    chips = page.locator(".side .cue-filter a.chip")
    shown = {c.get_attribute("data-cue-class"): int(c.locator(".n").inner_text()) for c in chips.all()}
    assert shown == {"all": len(ids), **counts}
    assert page.locator(".side .att-item").count() == len(ids)
    page.locator(".side .cue-filter a[data-cue-class=speech]").click()
    page.wait_for_url("**cue_class=speech")
    items = page.locator(".side .att-item")
    assert [i.get_attribute("data-target") for i in items.all()] == speech
    assert set(items.locator(".cue-class").all_inner_texts()) == {"speech"}
    assert _att_layer_refs(page, ids) == set(speech)
    # the highlight layer is still live: a click on a kept attribution flashes its span
    items.first.click()
    assert page.locator(".doc-text .flash").count() >= 1
    page.screenshot(path=str(shots / "article-speech.png"), full_page=False)
    page.locator(".side .cue-filter a[data-cue-class=all]").click()
    page.wait_for_url(lambda url: "cue_class" not in url)
    assert page.locator(".side .att-item").count() == len(ids) and _att_layer_refs(page, ids) == set(ids)
    # an unknown class shows the whole list
    page.goto(server + "/doc/" + doc["id"] + "?cue_class=gossip")
    assert page.locator(".side .att-item").count() == len(ids)
    _no_injection(page)
    # the hostile document, filtered: its speech attribution's hostile text is shown as text
    page.goto(server + "/doc/" + hostile["id"] + "?cue_class=speech")
    item = page.locator(".side .att-item")
    assert item.count() == 1 and item.locator(".what").inner_text() == '"><img src=x onerror=alert(5)>'
    assert item.locator(".who").inner_text() == "</script><svg onload=alert(8)>"
    assert "Wire credit: \"><img src=x onerror=alert(5)>" in page.locator(".reader-head").inner_text()
    item.click()
    _no_injection(page)
    assert page.errors == []


def _table_totals(page) -> dict:
    """The sources table as shown: source key (from its link) -> (citations, docs, claims, events)."""
    from urllib.parse import parse_qs, urlsplit

    rows = page.eval_on_selector_all(".sources-table tbody tr", """trs => trs.map(tr => [
        (tr.querySelector('td a') || {}).href || '', ...Array.from(tr.querySelectorAll('td.num')).map(td => td.innerText)])""")
    return {parse_qs(urlsplit(h).query)["key"][0]: tuple(int(x) for x in nums) for h, *nums in rows if h}


def test_sources_table_by_cue_class(page, server, shots, demo_db):
    """Session 15: click a class above the sources table; the totals are those of the stored
    documents' attributions of that class; "all" brings the whole table back; an unknown class
    shows the whole table; the hostile source's name is text in the filtered view."""
    from test_web_cue_sources import oracle

    docs = demo_db[1]
    page.goto(server + "/sources")
    assert _table_totals(page) == oracle(docs)
    chips = page.locator(".table-cue a.chip")
    shown = {c.get_attribute("data-cue-class"): int(c.locator(".n").inner_text()) for c in chips.all()}
    assert shown["speech"] and set(shown) - {"all"} <= {"speech", "evidence", "perception", "belief", "intention", "other"}
    for klass in ("belief", "speech"):
        page.locator(f".table-cue a[data-cue-class={klass}]").click()
        page.wait_for_url(f"**cue_class={klass}")
        assert _table_totals(page) == oracle(docs, klass)
        assert page.locator(f".table-cue a.chip.on[data-cue-class={klass}]").count() == 1
    page.screenshot(path=str(shots / "sources-speech.png"), full_page=False)
    # a source opened from the filtered table keeps the class: its card lists speech citations only
    page.locator(".sources-table tbody a").first.click()
    page.wait_for_url(lambda url: "key=" in url and "cue_class=speech" in url)
    tags = page.locator("#source-detail .citation .cue-class").all_inner_texts()
    assert tags and set(tags) == {"speech"}
    assert _table_totals(page) == oracle(docs, "speech")
    page.locator(".table-cue a[data-cue-class=all]").click()
    page.wait_for_url(lambda url: "cue_class" not in url and "key=" in url)
    assert _table_totals(page) == oracle(docs)
    page.goto(server + "/sources?cue_class=gossip")
    assert _table_totals(page) == oracle(docs)
    page.goto(server + "/sources?cue_class=speech")
    names = page.locator(".sources-table tbody td:first-child").all_inner_texts()
    assert "</script><svg onload=alert(8)>" in names
    _no_injection(page)
    assert page.errors == []


def test_report_cue_class_links(page, shots, tmp_path, demo_db, corpus_provider):
    """In the report (no server): a class chip over the sources table opens that class's table;
    an article's class chip keeps its attributions of that class (side panel and highlights)."""
    from collections import Counter

    from narrascope.web.report import write_report
    from test_web_cue_sources import oracle

    docs = demo_db[1]
    out = write_report(demo_db[0], tmp_path / "report.html", corpus_provider=corpus_provider)
    page.goto(out.as_uri() + "#sources")
    sec = page.locator(".rsec:not(.hidden)")
    sec.locator(".table-cue a[data-cue-class=speech]").click()
    page.wait_for_url("**#sources-cue-speech")
    sec = page.locator(".rsec:not(.hidden)")
    assert sec.get_attribute("id") == "sources-cue-speech"
    cites = [int(x) for x in sec.locator(".sources-table tbody td.num:nth-child(3)").all_inner_texts()]
    assert sorted(cites) == sorted(v[0] for v in oracle(docs, "speech").values())
    assert "</script><svg onload=alert(8)>" in sec.locator(".sources-table tbody td:first-child").all_inner_texts()
    page.screenshot(path=str(shots / "report-sources-speech.png"), full_page=False)
    # an article: the op-ed, whose attributions have several classes
    doc = next(d for d in docs if "Rajavi said" in d["text"])
    counts = Counter(a["cue_class"] for a in doc["attributions"])
    ids = [a["id"] for a in doc["attributions"]]
    speech = [a["id"] for a in doc["attributions"] if a["cue_class"] == "speech"]
    assert speech and len(speech) < len(ids)
    art = page.evaluate("""p => Array.from(document.querySelectorAll('section.rsec[id^="doc-"]'))
        .find(s => (s.querySelector('.doc-text') || {}).textContent.startsWith(p)).id""", doc["text"][:80])
    page.goto(out.as_uri() + "#" + art)
    sec = page.locator("#" + art)
    reader = sec.locator(".reader")
    assert [x.get_attribute("data-target") for x in reader.locator(".side .att-item").all()] == ids
    chips = reader.locator(".side .cue-filter a.chip")
    assert {c.get_attribute("data-cue-class"): int(c.locator(".n").inner_text()) for c in chips.all()} == \
        {"all": len(ids), **counts}
    reader.locator(".side .cue-filter a[data-cue-class=speech]").click()
    page.wait_for_url(f"**#{art}~cue=speech")
    visible = [x.get_attribute("data-target") for x in reader.locator(".side .att-item:visible").all()]
    assert visible == speech
    assert reader.locator(".side .cue-filter a.chip.on").get_attribute("data-cue-class") == "speech"
    # highlighted attribution pieces: each carries a kept attribution (a piece shared with a
    # filtered-out one stays marked: the report has one rendering of the text, see docs/web.md)
    pieces = sec.locator(".doc-text .L-att").evaluate_all("els => els.map(e => e.getAttribute('data-ref').split(' '))")
    assert pieces and all(set(p) & set(speech) for p in pieces)
    off = sec.locator(".doc-text [data-att-off]").evaluate_all("els => els.map(e => e.getAttribute('data-ref').split(' '))")
    assert off and all(not set(p) & set(speech) for p in off)
    assert f"Attributions {len(speech)} of {len(ids)}, speech only" in reader.locator(".side h2").first.inner_text()
    page.screenshot(path=str(shots / "report-article-speech.png"), full_page=False)
    reader.locator(".side .cue-filter a[data-cue-class=all]").click()
    page.wait_for_url(f"**#{art}")
    assert reader.locator(".side .att-item:visible").count() == len(ids)
    assert _sec_att_refs(sec, ids) == set(ids) and sec.locator(".doc-text [data-att-off]").count() == 0
    assert reader.locator(".side h2").first.inner_text().split() == ["Attributions", str(len(ids))]
    page.goto(out.as_uri() + f"#{art}~cue=gossip")
    assert reader.locator(".side .att-item:visible").count() == len(ids)
    _no_injection_report(page)
    assert page.errors == []


def _sec_att_refs(section, ids) -> set:
    """Attribution ids still highlighted (class L-att) in one report section's text."""
    refs = section.locator(".doc-text .L-att").evaluate_all("els => els.map(e => e.getAttribute('data-ref'))")
    return {r for rs in refs for r in rs.split()} & set(ids)

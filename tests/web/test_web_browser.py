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

"""Highlighting: overlapping layer spans become flat, escaped pieces with item refs and anchors."""

from __future__ import annotations

import re

from narrascope.web.highlight import Mark, document_marks, render, render_document


def _plain(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html))


def test_overlapping_marks_keep_text_and_refs():
    text = "Officials said the blast killed 9 people."
    marks = [Mark(0, 9, "L-att att-src", "a1"), Mark(10, 14, "L-att att-cue", "a1"),
             Mark(15, 40, "L-att att-content", "a1"), Mark(15, 40, "L-cl cl-reported", "c1"),
             Mark(19, 24, "L-ev ev-bombing", "v1")]
    out = render(text, marks)
    assert _plain(out) == text
    blast = re.search(r'<span class="([^"]+)" data-ref="([^"]+)"[^>]*>blast</span>', out)
    assert blast, out
    assert set(blast.group(1).split()) == {"L-att", "att-content", "L-cl", "cl-reported", "L-ev", "ev-bombing"}
    assert blast.group(2).split() == ["a1", "c1", "v1"]
    # first piece of each item carries its anchor, once
    assert out.count('id="s-a1"') == 1 and out.count('id="s-c1"') == 1 and out.count('id="s-v1"') == 1


def test_hostile_text_and_labels_are_escaped():
    text = '<script>alert(1)</script> and "><img src=x onerror=alert(2)>'
    doc = {"text": text, "entities": [{"id": "e1", "text": text[:25], "start": 0, "end": 25, "label": 'ORG"><script>',
                                       "kb_id": "<b>", "name": "<img src=x onerror=alert(3)>", "type": None}],
           "rhetoric": [{"id": 'r1"><x', "technique": "loaded<script>", "text": text[30:], "start": 30, "end": len(text)}]}
    out = render_document(doc)
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert _plain(out) == text
    classes = re.findall(r'class="([^"]*)"', out)
    assert all(re.fullmatch(r"[a-z0-9_ -]+", c, flags=re.I) for c in classes)
    assert 'data-ref="r1x"' in out  # ids reduced to safe characters


def test_bad_offsets_are_ignored_not_fatal():
    doc = {"text": "short text", "claims": [{"id": "c1", "start": 5, "end": 99, "status": "asserted"},
                                           {"id": "c2", "start": "x", "end": 3}, {"id": "c3", "start": 6, "end": 10,
                                                                                  "status": "hedged"}]}
    marks = document_marks(doc)
    assert [m.ref for m in marks] == ["c3"]
    assert _plain(render_document(doc)) == "short text"


def test_split_attribution_content_uses_its_spans():
    text = "“We will respond,” the minister said, “with force.”"
    doc = {"text": text, "attributions": [{"id": "a1", "kind": "direct", "source": {"text": "the minister", "start": 19, "end": 31},
                                          "cue": {"text": "said", "start": 32, "end": 36},
                                          "content": {"text": text[0:50], "start": 0, "end": 50, "spans": [[0, 18], [38, 50]]}}]}
    content = [m for m in document_marks(doc) if "att-content" in m.classes]
    assert [(m.start, m.end) for m in content] == [(0, 18), (38, 50)]

"""The per-cue stage: windows, features relative to the cue, gold labels, the shipped model."""

from __future__ import annotations

from dataclasses import replace

import pytest

from narrascope.attribution.features import decode
from narrascope.attribution.percue import CueContext, cue_features, gold_labels, load_percue, refine
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.rules import RuleExtractor

TEXT = ("A heading\n\nThe mayor said on Monday that the bridge would reopen soon. "
        "Critics disagreed.\n\n“We will not wait,” Ms. Lee, a local activist, told reporters. "
        "“The city has failed us.”\n\nAnother paragraph follows here.")


def _tok(doc, word, start=0):
    return next(t.i for t in doc if t.text == word and t.i >= start)


def _ctx(doc):
    quotes = find_quotes(doc.text)
    return CueContext(doc, token_quote_ids(doc, quotes))


def test_window_stays_in_the_cue_paragraph(doc):
    ctx = _ctx(doc)
    said = _tok(doc, "said")
    ws, we = ctx.window((said, said + 1))
    assert doc[ws].text == "The" and "heading" not in doc[ws:we].text
    assert "Critics disagreed" in doc[ws:we].text and "We will" not in doc[ws:we].text
    told = _tok(doc, "told")
    ws, we = ctx.window((told, told + 1))
    assert doc[ws:we].text.startswith("“We will") and "Another" not in doc[ws:we].text


def test_features_are_relative_to_the_cue(doc):
    ctx = _ctx(doc)
    said = _tok(doc, "said")
    (ws, we), feats = cue_features(ctx, (said, said + 1), None)
    assert len(feats) == we - ws
    by_word = {doc[ws + k].text: f for k, f in enumerate(feats)}
    assert "path=u:nsubj" in by_word["mayor"] and "side=L" in by_word["mayor"]
    assert "path=u:ccomp" in by_word["bridge"] and "side=R" in by_word["bridge"]
    assert "path=cue" in by_word["said"] and "side=C" in by_word["said"]
    # the quotation right before "told" is marked as the cue's adjacent quote
    told = _tok(doc, "told")
    (ws, _), feats = cue_features(ctx, (told, told + 1), None)
    wait = _tok(doc, "wait") - ws
    assert "qf=qL" in feats[wait]


def test_gold_labels_split_content_around_the_cue():
    labels = gold_labels((0, 10), (0, 2), [(3, 9)], (5, 6))
    assert decode(labels) == [("SRC", 0, 2), ("CNT", 3, 5), ("CNT", 6, 9)]
    # spans outside the window are clipped to it
    assert decode(gold_labels((2, 6), (0, 1), [(3, 12)], (2, 3))) == [("CNT", 1, 4)]


def test_shipped_model_reads_source_and_content(doc):
    tagger = load_percue()
    if tagger is None:
        pytest.skip("per-cue model or python-crfsuite not available")
    quotes = find_quotes(doc.text)
    qids = token_quote_ids(doc, quotes)
    rules = RuleExtractor().extract(doc, quotes, qids)
    said = next(c for c in rules if doc[c.cue[0]].text == "said")
    # a first-stage cue whose content is wrong (the whole paragraph) and whose source is missing
    para = (said.cue[0] - 2, _tok(doc, "disagreed") + 2)
    first = replace(said, origin="model", source=None, content=[(said.cue[1], para[1])])
    out = refine(doc, [first, said], rules, tagger, qids)
    assert out[1] is said  # strong rule readings kept by the first stage stay as they were
    assert out[0] is not first and first.content == [(said.cue[1], para[1])]
    assert doc[out[0].source[0]:out[0].source[1]].text == "The mayor"
    content = " ".join(doc[s:e].text for s, e in out[0].content)
    assert "the bridge would reopen soon" in content and "Critics" not in content


def test_refine_with_no_candidates_and_no_tagger_input(doc):
    tagger = load_percue()
    if tagger is None:
        pytest.skip("per-cue model or python-crfsuite not available")
    assert refine(doc, [], [], tagger, [-1] * len(doc)) == []

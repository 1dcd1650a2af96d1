"""Contents carried over the paragraphs of a multi-paragraph quotation (`quote_paragraphs.py`)."""

from __future__ import annotations

import pytest

from narrascope.attribution.quote_paragraphs import carry, carry_quotes, is_run
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok, texts as _texts, frag_texts as _text

TEXT = ("The mayor said on Monday: “We will rebuild the market. It will take a year.\n\n"
        "“Nobody will be left behind. We owe them that.”\n\n"
        "Police said the attack had been planned. “There is no doubt about it.”\n\n"
        "\"WALLACE: Is it true that the market will reopen?\n\n"
        "\"PENCE: It is true, and it will reopen soon.\n\n"
        "The report says: \"The excerpt begins here and runs on.\n\n"
        "“It is over,” she told the crowd.")


def _said(doc, nth=0):
    i = _tok(doc, "said", nth)
    return (i, i + 1)


def test_a_fragment_ending_in_a_run_goes_on_into_its_next_paragraph(doc, qids):
    we = _tok(doc, "We")
    content = [(we, _tok(doc, "market") + 1)]  # "We will rebuild the market", inside paragraph 1
    out = carry(_texts(doc), qids, _said(doc), content)
    assert _text(doc, out) == ["We will rebuild the market. It will take a year.",
                               "“Nobody will be left behind. We owe them that.”"]
    assert content == [(we, _tok(doc, "market") + 1)]  # input left as it was


def test_a_fragment_starting_in_a_run_takes_the_paragraph_before(doc, qids):
    nobody = _tok(doc, "Nobody")
    content = [(nobody, _tok(doc, "that") + 2)]  # "Nobody ... that." without the marks
    out = carry(_texts(doc), qids, _said(doc), content)
    assert _text(doc, out) == ["“We will rebuild the market. It will take a year.",
                               "“Nobody will be left behind. We owe them that."]


def test_cue_in_the_part_added_stops_it(doc, qids):
    we = _tok(doc, "We")
    content = [(we, _tok(doc, "market") + 1)]
    fake_cue = (_tok(doc, "owe"), _tok(doc, "owe") + 1)  # a cue inside the next paragraph
    assert carry(_texts(doc), qids, fake_cue, content) == content


def test_the_part_added_never_reaches_the_next_fragment(doc, qids):
    we, nobody = _tok(doc, "We"), _tok(doc, "Nobody")
    frags = [(we, _tok(doc, "market") + 1), (nobody, nobody + 3)]
    out = carry(_texts(doc), qids, _said(doc), frags)
    # neither the end side of the first nor the start side of the second may cross the other
    assert out == frags


def test_quotations_in_one_paragraph_and_other_text_are_unchanged(doc, qids):
    there = _tok(doc, "There")
    cue = _said(doc, 1)
    for content in ([(there, there + 5)], [(_tok(doc, "the", 1), _tok(doc, "planned") + 1)]):
        assert carry(_texts(doc), qids, cue, content) == content


def test_a_transcript_and_mixed_quote_marks_are_not_runs(doc, qids):
    text = _texts(doc)
    # the transcript's turns ("WALLACE:", "PENCE:") are one quotation for quotes.py, not a run
    is_ = _tok(doc, "Is")
    content = [(is_, _tok(doc, "reopen") + 1)]
    assert carry(text, qids, _said(doc, 1), content) == content
    # a straight-quoted excerpt followed by a curly quotation is two things
    it = _tok(doc, "It", 2)  # "It is over"
    says = _tok(doc, "says")
    assert carry(text, qids, (says, says + 1), [(it, it + 3)]) == [(it, it + 3)]
    q = qids[_tok(doc, "We")]
    run = [i for i, x in enumerate(qids) if x == q]
    assert is_run(text, run[0], run[-1] + 1)
    q = qids[is_]
    turns = [i for i, x in enumerate(qids) if x == q]
    assert not is_run(text, turns[0], turns[-1] + 1)


def test_only_per_cue_contents_are_carried(doc, qids):
    we = _tok(doc, "We")
    frag = (we, _tok(doc, "market") + 1)
    cands = [Candidate(cue=_said(doc), content=[frag], origin="model"),
             Candidate(cue=_said(doc), content=[frag], origin="rule"),
             Candidate(cue=_said(doc), content=[frag], origin="model", inherited_from=0)]
    out = carry_quotes(doc, cands, qids)
    assert len(out[0].content) == 2
    assert [c.content for c in out[1:]] == [[frag], [frag]]
    assert cands[0].content == [frag]


def test_polnear_dev_article_with_a_run(bare, datasets_dir):
    """A PolNeAR dev article (read in place): the component with the step carries the content
    of "... reports:" over the quotation's second paragraph, as the annotators mark it; without
    it the content stops at the first paragraph."""
    pytest.importorskip("pycrfsuite")
    import narrascope.pipeline  # noqa: F401
    from spacy.lang.en import English

    from narrascope.pipeline.attribution import AttributionComponent

    name = "breitbart_2016-09-21_only-percent-of-hillary-clinton-.txt"
    path = datasets_dir / "polnear" / "dev" / "text" / name
    if not path.exists():
        pytest.skip("PolNeAR dev article not found")
    doc = bare(path.read_text(encoding="utf-8"))
    text = doc.text

    def contents(on):
        comp = AttributionComponent(English(), "a", resolve=False, use_quote_paragraphs=on)
        atts = comp.extract(doc)
        return {a["cue"]["text"]: [text[s:e] for s, e in a["content"]["spans"]] for a in atts}

    on, off = contents(True), contents(False)
    # (no text of the article is copied here: the assertions read its shape)
    first, second = on["reports:"]
    assert second.startswith('"') and "\n" in text[text.index(first) + len(first):text.index(second)]
    assert len(off["reports:"]) == 1 and first.startswith(off["reports:"][0])

"""Content fragments completed to the quotation they lie in (`quote_edges.py`)."""

from __future__ import annotations

from narrascope.attribution.quote_edges import complete, complete_quotes
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok, texts as _texts, frag_texts as _text

TEXT = ("Smith said the plan was “a disaster. It will cost us a fortune.”\n\n"
        "“We can’t wait,” Lopez said. “Repairs will take a decade.”\n\n"
        "Jones added: “The money is gone.\n\n"
        "“Nobody knows where,” she said.")


def test_end_inside_a_quotation_goes_to_its_closing_mark(doc, qids):
    said = _tok(doc, "said")
    content = [(_tok(doc, "the"), _tok(doc, "disaster") + 2)]  # ends at "disaster." inside the quote
    out = complete(_texts(doc), qids, (said, said + 1), content)
    assert _text(doc, out) == ["the plan was “a disaster. It will cost us a fortune.”"]
    assert content == [(_tok(doc, "the"), _tok(doc, "disaster") + 2)]  # input left as it was


def test_start_inside_a_quotation_goes_to_its_opening_mark(doc, qids):
    said = _tok(doc, "said", 1)
    content = [(_tok(doc, "Repairs"), _tok(doc, "decade") + 2)]  # "Repairs ... decade." without the marks
    out = complete(_texts(doc), qids, (said, said + 1), content)
    assert _text(doc, out) == ["“Repairs will take a decade.”"]


def test_cue_inside_the_quotation_part_stops_it(doc, qids):
    # a content inside the first quotation of paragraph 2 whose cue ("said") lies after it:
    # completing "We can’t" to the closing mark is fine (the cue is outside the quotation) ...
    said = _tok(doc, "said", 1)
    we = _tok(doc, "We")
    out = complete(_texts(doc), qids, (said, said + 1), [(we, we + 2)])
    assert _text(doc, out) == ["“We can’t wait,”"]
    # ... but a cue lying in the part to add keeps the fragment where it was
    fake_cue = (_tok(doc, "wait"), _tok(doc, "wait") + 1)
    assert complete(_texts(doc), qids, fake_cue, [(we, we + 2)]) == [(we - 1, we + 2)]


def test_no_completion_across_a_paragraph_break_or_into_the_next_fragment(doc, qids):
    added = _tok(doc, "added")
    money = _tok(doc, "money")
    # "“The money is gone." is left open at its paragraph's end and goes on in the next one
    # (which opens with a quote mark): the closing mark lies past a line break
    out = complete(_texts(doc), qids, (added, added + 1), [(money - 2, money + 1)])
    assert out == [(money - 2, money + 1)]
    # two fragments of one quotation: neither is stretched over the other
    a, it = _tok(doc, "a"), _tok(doc, "It")
    frags = [(a, a + 2), (it, _tok(doc, "fortune") + 2)]  # "a disaster" + "It will ... fortune."
    said = _tok(doc, "said")
    out = complete(_texts(doc), qids, (said, said + 1), frags)
    assert _text(doc, out) == ["“a disaster", "It will cost us a fortune.”"]


def test_fragments_outside_quotations_are_unchanged(doc, qids):
    said = _tok(doc, "said")
    content = [(_tok(doc, "the"), _tok(doc, "was") + 1)]
    assert complete(_texts(doc), qids, (said, said + 1), content) == content


def test_only_per_cue_contents_are_completed(doc, qids):
    said = _tok(doc, "said")
    frag = (_tok(doc, "the"), _tok(doc, "disaster") + 2)
    cands = [Candidate(cue=(said, said + 1), content=[frag], origin="model"),
             Candidate(cue=(said, said + 1), content=[frag], origin="rule"),
             Candidate(cue=(said, said + 1), content=[frag], origin="model", inherited_from=0),
             Candidate(cue=(said, said + 1), content=[], origin="model")]
    out = complete_quotes(doc, cands, qids)
    assert _text(doc, out[0].content) == ["the plan was “a disaster. It will cost us a fortune.”"]
    assert [c.content for c in out[1:]] == [[frag], [frag], []]
    assert cands[0].content == [frag]  # the input candidates are not changed


def test_component_only_widens_contents(with_without):
    _, _, a, b = with_without("use_quote_edges")
    assert [x["source"] for x in a] == [x["source"] for x in b]
    for x, y in zip(a, b):
        for s, e in y["content"]["spans"]:
            assert any(s2 <= s and e <= e2 for s2, e2 in x["content"]["spans"])

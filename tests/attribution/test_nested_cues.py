"""An attribution whose cue lies inside another attribution's content is dropped (`nested_cues.py`,
switch `use_nested_cue_drop`, default "quoted_or_rule" since the lead's review, session 19)."""

from __future__ import annotations

import pytest

from narrascope.attribution.nested_cues import drop_nested_cues
from narrascope.attribution.quotes import find_quotes, token_quote_ids
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok

QUOTED = '"I can promise you that the ferry will run again," the engineer Tom Hale said.'
PLAIN = "Voss said she suspected that the council had ignored the warnings."


@pytest.fixture(scope="module")
def quoted(nlp):
    return nlp(QUOTED)


@pytest.fixture(scope="module")
def plain(nlp):
    return nlp(PLAIN)


def _qids(doc):
    return token_quote_ids(doc, find_quotes(doc.text))


def _quoted_cands(doc):
    promise, said = _tok(doc, "promise"), _tok(doc, "said")
    outer = Candidate(cue=(said, said + 1), content=[(1, said - 5)], source=(said - 4, said),
                      origin="model")
    inner = Candidate(cue=(promise - 1, promise + 1), content=[(promise + 2, said - 5)], source=(1, 2),
                      origin="rule", extra={"strong": True})
    return outer, inner


def _plain_cands(doc, origin="model", extra=None):
    said, suspected = _tok(doc, "said"), _tok(doc, "suspected")
    outer = Candidate(cue=(said, said + 1), content=[(said + 1, len(doc) - 1)], source=(0, 1),
                      origin="model")
    inner = Candidate(cue=(suspected, suspected + 1), content=[(suspected + 1, len(doc) - 1)],
                      source=(suspected - 1, suspected), origin=origin, extra=extra or {})
    return outer, inner


@pytest.mark.parametrize("mode", ["all", "quoted", "quoted_or_rule"])
def test_a_cue_inside_a_quoted_content_goes_in_every_mode(quoted, mode):
    outer, inner = _quoted_cands(quoted)
    assert drop_nested_cues(quoted, [inner, outer], _qids(quoted), mode) == [outer]


def test_an_unquoted_model_cue_goes_only_with_mode_all(plain):
    outer, inner = _plain_cands(plain)
    qids = _qids(plain)
    assert drop_nested_cues(plain, [outer, inner], qids, "all") == [outer]
    assert drop_nested_cues(plain, [outer, inner], qids, "quoted") == [outer, inner]
    assert drop_nested_cues(plain, [outer, inner], qids, "quoted_or_rule") == [outer, inner]


def test_an_unquoted_strong_rule_reading_goes_with_quoted_or_rule(plain):
    outer, inner = _plain_cands(plain, origin="rule", extra={"strong": True})
    qids = _qids(plain)
    assert drop_nested_cues(plain, [outer, inner], qids, "quoted_or_rule") == [outer]
    assert drop_nested_cues(plain, [outer, inner], qids, "quoted") == [outer, inner]


def test_floating_quotes_and_mutual_nesting_stay(plain):
    outer, inner = _plain_cands(plain)
    floating = Candidate(cue=inner.cue, content=inner.content, inherited_from=0)
    assert drop_nested_cues(plain, [outer, floating], None, "all") == [outer, floating]
    # each holds the other's cue: neither goes
    a = Candidate(cue=(1, 2), content=[(3, 6)])
    b = Candidate(cue=(4, 5), content=[(0, 3)])
    assert drop_nested_cues(plain, [a, b], None, "all") == [a, b]
    with pytest.raises(ValueError):
        drop_nested_cues(plain, [a], None, "some")


def test_component_switch(nlp):
    """On by default ("quoted_or_rule", the lead's review): without it the quotation's "can promise"
    (the speaker's own words) is read as a second attribution inside the first one's content."""
    from narrascope.pipeline.attribution import AttributionComponent

    doc = nlp(QUOTED)
    off = AttributionComponent(nlp, "off", resolve=False, use_nested_cue_drop=False)
    on = AttributionComponent(nlp, "on", resolve=False)
    if off.tagger is None:
        pytest.skip("attribution model not found")
    assert off.nested_cue_drop is False and on.nested_cue_drop == "quoted_or_rule"
    assert [a["cue"]["text"] for a in off.extract(doc)] == ["can promise", "said"]
    assert [a["cue"]["text"] for a in on.extract(doc)] == ["said"]
    assert AttributionComponent(nlp, "all", resolve=False, use_nested_cue_drop=True).nested_cue_drop == "all"


def test_an_unknown_mode_is_a_numbered_error(nlp):
    from narrascope.pipeline.attribution import AttributionComponent

    with pytest.raises(ValueError, match=r"\[E048\]"):
        AttributionComponent(nlp, "bad", resolve=False, use_nested_cue_drop="nested")
    with pytest.raises(ValueError, match=r"\[E048\]"):
        drop_nested_cues(nlp("Hale said it."), [], None, "nested")


# the opt-in mode "dependency" (session 19, track A4): any nested attribution goes unless its cue is a conjunct or
# an adverbial clause
EMBEDDED = "Voss said the council, which rejected the plan, had ignored the warnings."
COORDINATED = "Voss said the ferry would run again and warned that the bridge was unsafe."


@pytest.fixture(scope="module")
def embedded(nlp):
    return nlp(EMBEDDED)


@pytest.fixture(scope="module")
def coordinated(nlp):
    return nlp(COORDINATED)


def _dep_pair(doc, inner_word, origin="model"):
    said, inner = _tok(doc, "said"), _tok(doc, inner_word)
    outer = Candidate(cue=(said, said + 1), content=[(said + 1, len(doc) - 1)], source=(0, 1), origin="model")
    nested = Candidate(cue=(inner, inner + 1), content=[(inner + 1, inner + 3)], origin=origin)
    return outer, nested


def test_a_nested_relative_clause_cue_goes(embedded):
    outer, inner = _dep_pair(embedded, "rejected")
    assert embedded[inner.cue[0]].dep_ not in ("conj", "advcl")
    assert drop_nested_cues(embedded, [outer, inner], None, "dependency") == [outer]


def test_a_conjunct_cue_stays(coordinated):
    outer, inner = _dep_pair(coordinated, "warned")
    assert coordinated[inner.cue[0]].dep_ == "conj"
    assert drop_nested_cues(coordinated, [outer, inner], None, "dependency") == [outer, inner]


def test_floating_quotes_and_mutual_holders_stay(embedded):
    outer, inner = _dep_pair(embedded, "rejected")
    floating = Candidate(cue=inner.cue, content=inner.content, origin="model", inherited_from=0)
    assert drop_nested_cues(embedded, [outer, floating], None, "dependency") == [outer, floating]
    mutual = Candidate(cue=inner.cue, content=[(0, len(embedded) - 1)], origin="model")
    assert drop_nested_cues(embedded, [outer, mutual], None, "dependency") == [outer, mutual]


def test_the_dependency_mode_is_a_component_setting(nlp):
    from narrascope.pipeline.attribution import AttributionComponent

    assert AttributionComponent(nlp, "dep", resolve=False, use_nested_cue_drop="dependency").nested_cue_drop == "dependency"

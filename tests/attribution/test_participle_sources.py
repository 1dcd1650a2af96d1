"""A source-less participle cue takes the noun it modifies as source (`participle_sources.py`)."""

from __future__ import annotations

from narrascope.attribution.participle_sources import modified_noun, participle_sources
from narrascope.attribution.rules import Candidate

from attribution_testkit import tok as _tok, span_text as _text

TEXT = ("There are also voices heard arguing that the two sides had a secret deal.\n\n"
        "Two senior officials speaking on condition of anonymity described the talks as tense.\n\n"
        "Officials said the talks had failed.\n\n"
        "The ministry released a statement saying the talks had failed.\n\n"
        "She spoke at a news conference announcing the plan.")


def _cand(doc, cue, content_from, source=None):
    return Candidate(cue=cue, content=[(content_from, content_from + 3)], source=source, origin="model")


def test_voices_heard_arguing(doc):
    heard = _tok(doc, "heard")
    cand = _cand(doc, (heard, heard + 2), _tok(doc, "that"))
    (out,) = participle_sources(doc, [cand])
    assert _text(doc, out.source) == "voices"


def test_the_noun_takes_its_left_modifiers_not_the_participle(doc):
    speaking = _tok(doc, "speaking")
    cand = _cand(doc, (speaking, speaking + 1), _tok(doc, "on"))
    assert _text(doc, modified_noun(doc, cand)) == "Two senior officials"


def test_a_statement_saying(doc):
    saying = _tok(doc, "saying")
    cand = _cand(doc, (saying, saying + 1), saying + 1)
    assert _text(doc, participle_sources(doc, [cand])[0].source) == "a statement"


def test_a_cue_with_a_source_or_a_finite_verb_is_left_alone(doc):
    said = _tok(doc, "said")
    officials = _tok(doc, "Officials")
    # a finite cue verb: no participle, nothing to add
    bare = _cand(doc, (said, said + 1), said + 1)
    assert participle_sources(doc, [bare])[0].source is None
    # a source already read is never replaced
    saying = _tok(doc, "saying")
    read = _cand(doc, (saying, saying + 1), saying + 1, source=(officials, officials + 1))
    assert participle_sources(doc, [read])[0] is read


def test_a_noun_that_cannot_speak_is_no_source(doc):
    # the gate: on PolNeAR dev the ungated rule read "a news conference announcing" as a
    # source and gold never agreed
    announcing = _tok(doc, "announcing")
    cand = _cand(doc, (announcing, announcing + 1), announcing + 1)
    assert participle_sources(doc, [cand])[0].source is None

"""Fuzzing the whole analysis on hostile Unicode: right-to-left scripts and bidi controls,
zero-width characters, combining marks, odd whitespace. No exception escapes, no stage
fails, every span satisfies `text[start:end] == span.text` and every document is
schema-valid.

Bounded for CI: NARRASCOPE_FUZZ_EXAMPLES examples per test (default 30; the whole file takes
well under a minute once the model is loaded). Set it higher for a longer local run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrascope.analysis import analyse_records, run_pipeline
from narrascope.document import base_document
from narrascope.ingest.record import Record
from narrascope.schema import validation_errors

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402

EXAMPLES = int(os.environ.get("NARRASCOPE_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("NARRASCOPE_FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
POOL = synth.sentences()

TRICKY = (
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space / non-joiner / joiner, word joiner, BOM
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi marks, embeddings, isolates
    "\u0301\u0308\u0327\u0651\u064b\u05b7\u20dd\u0489"  # combining marks (Latin, Arabic, Hebrew, enclosing)
    "\u00a0\u2009\u3000\u2028\u2029\r\t\x0b\x0c\x85"  # odd spaces and line breaks
    "\u00ad\u0640\ufffd\u2026\u201c\u201d\u00ab\u00bb"  # soft hyphen, tatweel, replacement char, quotes
)
RTL_WORDS = ["داعش", "إيران", "ההתקפה", "طهران", "كرمان", "\u0627\u0644\u0644\u0651\u0647"]

tricky_char = st.sampled_from(TRICKY)
any_char = st.characters(blacklist_categories=("Cs",))  # every code point a str can hold
noise = st.lists(st.one_of(tricky_char, any_char, st.sampled_from(RTL_WORDS)), min_size=1, max_size=8).map("".join)


@st.composite
def noisy_article(draw) -> str:
    """English prose (so language detection keeps it) with hostile Unicode spliced in."""
    seed = draw(st.integers(0, 10_000))
    text = synth.article(seed, words=draw(st.integers(20, 160)), pool=POOL)
    for _ in range(draw(st.integers(1, 25))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(noise) + text[at:]
    return text


def check_document(doc: dict) -> None:
    assert validation_errors(doc) == []
    failed = [e for e in doc["errors"] if "[E022]" in e["message"]]
    assert failed == [], failed


@FUZZ
@given(st.lists(noisy_article(), min_size=1, max_size=3))
def test_analyse_records_survives_hostile_unicode(texts):
    records = [Record(source=f"fuzz-{i}", format="text", text=t) for i, t in enumerate(texts)]
    outcomes = analyse_records(records)
    assert [o.key for o in outcomes] == [r.key for r in records]
    for out in outcomes:
        if out.document is None:  # only an input with no text left may fail
            assert out.stage == "clean" and "[E002]" in (out.error or ""), out.error
        else:
            check_document(out.document)


@FUZZ
@given(st.lists(st.lists(st.one_of(tricky_char, any_char, st.sampled_from(RTL_WORDS + [" ", ". ", "\n", "ISIS"])),
                         min_size=1, max_size=120).map("".join), min_size=1, max_size=4))
def test_pipeline_on_random_unicode(nlp, texts):
    """Straight into the spaCy pipeline and the components (no cleaning, no language gate)."""
    documents = [base_document(text=t, input_obj={"format": "text", "record": None, "path": f"fuzz-{i}"},
                               language="en") for i, t in enumerate(texts)]
    for doc in run_pipeline(nlp, documents):
        check_document(doc)

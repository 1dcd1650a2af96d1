"""Support carried from a claim's context (session 13): the source of the reporting just before an
author claim (`context_attribution`, opt-in) and the article's wire credit (`dateline`), on
sentences written for these tests and on the demo articles."""

from __future__ import annotations

import time

import pytest
from spacy.tokens import Doc

from narrascope.claims.context import ContextSupport, context_lexicon, wire_credit
from narrascope.claims.extract import ClaimExtractor
from narrascope.spans import check_span

SAID = "The interior ministry said gunmen attacked the shrine in Shiraz at dawn."
AFTER = "The attackers fled the shrine on motorbikes after the attack."


@pytest.fixture(scope="module")
def carry(nlp):
    return ClaimExtractor(nlp, context_support=True)


def _claims(nlp, extractor, text):
    doc = nlp(text)
    assert not doc._.errors
    claims = extractor(doc, doc._.attributions or [])
    for c in claims:
        assert all(check_span(doc.text, s) for s in c["support"])
        assert c["support_in_claim"] == any(not s.get("carried") for s in c["support"])
    return doc, claims


def _with(claims, start):
    found = [c for c in claims if c["text"].startswith(start)]
    assert len(found) == 1, [c["text"] for c in claims]
    return found[0]


def _carried(claim):
    return [(s["kind"], s["text"]) for s in claim["support"] if s.get("carried")]


def test_claim_after_said_gets_the_source_from_context(nlp, carry):
    doc, claims = _claims(nlp, carry, f"{SAID} {AFTER}")
    claim = _with(claims, "The attackers fled")
    assert claim["asserted_by"] == "author"
    assert _carried(claim) == [("context_attribution", "The interior ministry")]
    item = claim["support"][0]
    assert item["carried"] is True and item["link"] == "topic"
    assert item["attribution_id"] == doc._.attributions[0]["id"]
    # carried support is listed, not counted: the claim still offers nothing in its own words
    assert claim["support_in_claim"] is False and claim["unsupported"] is True


def test_default_component_does_not_carry(nlp):
    doc = nlp(f"{SAID} {AFTER}")
    claim = _with(doc._.claims, "The attackers fled")
    assert claim["support"] == [] and claim["unsupported"] is True and claim["support_in_claim"] is False


def test_a_paragraph_break_stops_the_carry(nlp, carry):
    _doc, claims = _claims(nlp, carry, f"{SAID}\n\n{AFTER}")
    assert _carried(_with(claims, "The attackers fled")) == []


def test_a_claim_with_its_own_attribution_is_unchanged(nlp, carry):
    text = f"{SAID} Police said the attackers fled the shrine on motorbikes after the attack."
    doc = nlp(text)
    on = carry(doc, doc._.attributions)
    off = ClaimExtractor(nlp)(doc, doc._.attributions)
    assert on == off
    claim = _with(on, "Police said")
    assert [s["kind"] for s in claim["support"]] == ["attribution"] and claim["support_in_claim"] is True


def test_a_claim_far_from_any_attribution_stays_unsupported(nlp, carry):
    text = (f"{SAID} Prices of bread rose in Tehran markets this month. Farmers in the north harvested a "
            "record wheat crop in June. The shrine reopened to pilgrims in Shiraz on Friday.")
    _doc, claims = _claims(nlp, carry, text)
    far = _with(claims, "The shrine reopened")  # shares "shrine" and "Shiraz", but three sentences on
    assert far["support"] == [] and far["unsupported"] is True
    assert _with(claims, "Prices of bread")["support"] == []  # next sentence, but no shared topic


def test_only_a_reporting_frame_with_a_source_carries(nlp, carry):
    # a belief is no report
    _doc, claims = _claims(nlp, carry, "Rajavi believed the regime had planned the attack on the shrine. "
                                       "The attack on the shrine killed four pilgrims in Shiraz.")
    assert _carried(_with(claims, "The attack on the shrine")) == []
    # a report without a source stops the search
    _doc, claims = _claims(nlp, carry, f"It is reported that gunmen attacked the shrine in Shiraz at dawn. {AFTER}")
    assert _carried(_with(claims, "The attackers fled")) == []


def test_a_pointer_links_the_claim(nlp, carry):
    _doc, claims = _claims(nlp, carry, "The governor told reporters that gunmen attacked the shrine in Shiraz at dawn. "
                                       "They killed four pilgrims before the police arrived.")
    claim = _with(claims, "They killed four pilgrims")
    assert _carried(claim) == [("context_attribution", "The governor")]
    assert claim["support"][0]["link"] == "pointer"


@pytest.mark.parametrize("text, agency", [
    ("TEHRAN (Reuters) - Gunmen killed four people at a shrine in Shiraz on Wednesday.", "Reuters"),
    ("Shrine attack\n\nSHIRAZ, Iran, Oct. 26 (AP) — Gunmen killed four people at a shrine in Shiraz on Wednesday.", "AP"),
    ("Gunmen killed four people at a shrine in Shiraz on Wednesday.\n— IRNA", "IRNA"),
])
def test_dateline_names_the_wire_service(nlp, text, agency):
    doc = nlp(text)  # the default component: the wire credit does not need `context_support`
    claim = next(c for c in doc._.claims if "Gunmen killed" in c["text"])
    assert _carried(claim) == [("dateline", agency)]
    # the agency is the article's author: whose voice, not a backing
    assert claim["unsupported"] is True and claim["support_in_claim"] is False


def test_place_only_dateline_and_own_support(nlp):
    assert wire_credit("SHIRAZ, Iran - Gunmen killed four people at a shrine in Shiraz on Wednesday.") is None
    assert wire_credit("The AP reported the attack on Wednesday.") is None
    doc = nlp("TEHRAN (Reuters) - Gunmen killed four people at a shrine in Shiraz on Wednesday, according to state media.")
    claim = doc._.claims[0]
    assert "source_cue" in [s["kind"] for s in claim["support"]] and not _carried(claim)  # its own support
    assert claim["unsupported"] is False


def test_demo_articles(nlp, oped, shops, carry):
    """Default output is session 12's (but since session 14 the shops piece's "changed its strategy
    according to political positions" reports nothing, and its "Iran witnessed a terrorist incident
    ..." and the op-ed's "The Iranian regime will now seek to justify ..." are the author's: a
    perception or an intention frames no claim; since session 15 the op-ed's "It is worth noting that
    ..." is the author's too: an aside frames no claim; since session 16 the op-ed's "It is to no surprise
    at all, considering ..." is the author's, and flagged: a belief with no source frames no claim); with
    the carry on, only author claims without support change, `unsupported` and the profile's author
    share do not move."""
    flagged = {"oped": 12, "shops": 12}
    for name, doc in (("oped", oped), ("shops", shops)):
        default = doc._.claims
        assert sum(c["unsupported"] for c in default) == flagged[name]
        assert not any(s.get("carried") for c in default for s in c["support"])  # no wire credit, carry off
        on = carry(doc, doc._.attributions or [])
        assert [(c["start"], c["asserted_by"], c["status"], c["unsupported"]) for c in on] == \
               [(c["start"], c["asserted_by"], c["status"], c["unsupported"]) for c in default]
        for before, after in zip(default, on):
            if before["support"]:
                assert after["support"] == before["support"]
    # "Sources told Al-Arabiya Al-Hadath that ..." frames the next sentence, which shares "ISIS"
    claim = _with(carry(shops, shops._.attributions), "What is notable about ISIS")
    assert _carried(claim) == [("context_attribution", "Sources")]


def test_every_context_cue_has_a_provenance():
    from narrascope.claims.cues import read_tsv

    rows = read_tsv("context_cues.tsv")
    assert rows and all(len(r) == 3 and r[2] == "narrascope" for r in rows)
    lexicon = context_lexicon()
    assert {"Reuters", "AP", "IRNA"} <= set(lexicon["agency"]) and "he" in lexicon["pointer"]
    assert set(lexicon) == {"pointer", "agency"}  # which frames report: the attributions' cue_class


def test_the_frame_reports_by_its_cue_class(nlp, carry):
    """`_reports` reads `cue_class` (speech, evidence frame; a perception does not), and classes
    an attribution stored without the key from its cue."""
    doc = nlp(f"{SAID} {AFTER}")
    (a,) = [x for x in doc._.attributions if x["cue"]["text"] == "said"]
    assert a["cue_class"] == "speech"
    ctx = ContextSupport(doc, doc.text, doc._.attributions)
    assert ctx._reports(a) and ctx._reports({k: v for k, v in a.items() if k != "cue_class"})
    assert ctx._reports({**a, "cue_class": "evidence"})
    assert not ctx._reports({**a, "cue_class": "perception"}) and not ctx._reports({**a, "cue_class": "other"})
    # the same frame carries when the residents say it, not when they see it
    for cue, carried in (("said", [("context_attribution", "Residents")]), ("saw", [])):
        _doc, claims = _claims(nlp, carry, f"Residents {cue} that gunmen had stormed the shrine in Shiraz at dawn. {AFTER}")
        assert _carried(_with(claims, "The attackers fled")) == carried, cue


def test_bad_input_with_the_carry_on(nlp, carry, examples_dir):
    doc, claims = _claims(nlp, carry, "GUNMEN KILLED FOUR PILGRIMS AT THE SHRINE IN SHIRAZ, OFFICIALS SAID. "
                                      "THE ATTACKERS FLED THE SHRINE ON MOTORBIKES AFTER THE ATTACK.")
    assert all(isinstance(c["unsupported"], bool) for c in claims)
    _doc, claims = _claims(nlp, carry, "Officials said the shrine was attacked:\n\n  • Gunmen killed four pilgrims "
                                       "at the shrine.\n  • The attackers fled the shrine on motorbikes.\n")
    assert all(not _carried(c) for c in claims if c["text"].startswith(("Gunmen", "The attackers")))  # line breaks
    # 100k words built from parsed copies (with their attributions, offsets shifted): linear time
    one = nlp((examples_dir / "isis-attacks-on-iran-regime-reflect.txt").read_text(encoding="utf-8"))
    copies = 100_000 // len(one) + 1
    big = Doc.from_docs([one] * copies, exclude=["user_data"])
    shift = len(one.text) + 1  # from_docs joins with a space
    assert big.text[shift:shift + 40] == one.text[:40]
    attrs = []
    for k in range(copies):
        for a in one._.attributions:
            moved = {"id": f"{a['id']}-{k}"}
            for key in ("source", "cue", "content"):
                if isinstance(a.get(key), dict):
                    moved[key] = {**a[key], "start": a[key]["start"] + k * shift, "end": a[key]["end"] + k * shift}
                    moved[key].pop("spans", None)
            attrs.append(moved)
    small = Doc.from_docs([one] * (copies // 10), exclude=["user_data"])
    t = time.process_time()
    small_claims = carry(small, [a for a in attrs if a["cue"]["end"] <= len(small.text)])
    t_small = time.process_time() - t
    t = time.process_time()
    big_claims = carry(big, attrs)
    t_big = time.process_time() - t
    assert len(big) >= 100_000 and len(big_claims) > 9 * len(small_claims)
    assert any(s["kind"] == "context_attribution" for c in big_claims for s in c["support"])
    assert t_big < 20 * t_small + 1.0, (t_small, t_big)  # ~10x the words: linear, not quadratic


def test_malformed_attributions_are_skipped(nlp, carry):
    """Attributions read back from a store may miss spans or carry odd values: no exception."""
    doc = nlp(f"{SAID} {AFTER}")
    odd = [{"id": "a1", "source": {"start": "x", "end": 3}, "cue": None, "content": {"start": 0}},
           {"id": "a2", "source": {"start": 0, "end": 21}, "cue": {"start": 22, "end": "26"},
            "content": {"start": 27, "end": 72, "spans": [[27, "72"], [1]]}},
           {"id": "a4", "content": {"start": 0}, "source": [1, 2]}, {"id": "a3"}, {}]
    frames = ContextSupport(doc, doc.text, odd)
    assert all(frames(unit) == [] for unit in doc.sents)
    # through the extractor: a source without an end, no cue
    claims = carry(doc, [{"id": "a1", "source": {"start": 0}, "cue": None, "content": {"start": 27, "end": 72}},
                         {"id": "a3"}, {}])
    assert [c["asserted_by"] for c in claims].count("author") >= 1
    assert all(check_span(doc.text, s) for c in claims for s in c["support"])

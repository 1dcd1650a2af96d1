"""What backs a claim (session 12): `support` and `unsupported` on sentences written for these tests."""

from __future__ import annotations

from narrascope.claims.support import support_lexicon
from narrascope.spans import check_span


def _claim(nlp, text):
    doc = nlp(text)
    assert not doc._.errors
    assert len(doc._.claims) == 1, [c["text"] for c in doc._.claims]
    claim = doc._.claims[0]
    assert all(check_span(doc.text, s) for s in claim["support"])
    return doc, claim


def _kinds(claim):
    return [(s["kind"], s["text"]) for s in claim["support"]]


def test_author_claim_with_nothing_is_unsupported(nlp):
    _doc, claim = _claim(nlp, "Gunmen killed four people at the shrine in Shiraz on Wednesday.")
    assert claim["asserted_by"] == "author" and claim["status"] == "asserted"
    assert claim["support"] == [] and claim["unsupported"] is True


def test_according_to_names_its_source(nlp):
    doc, claim = _claim(nlp, "Gunmen killed four people at the shrine in Shiraz on Wednesday, according to state media.")
    cues = [s for s in claim["support"] if s["kind"] == "source_cue"]
    assert [s["text"] for s in cues] == ["according to state media"]
    assert claim["unsupported"] is False
    ids = {a["id"] for a in doc._.attributions}
    assert all(s["attribution_id"] in ids for s in claim["support"] if "attribution_id" in s)


def test_according_to_without_a_source_is_not_support(nlp):
    _doc, claim = _claim(nlp, "The regime changed its strategy in Syria according to its interests in the region.")
    assert not [s for s in claim["support"] if s["kind"] == "source_cue"]
    _doc, claim = _claim(nlp, "The ministry closed the shrine in Shiraz for a week, citing security concerns.")
    assert not [s for s in claim["support"] if s["kind"] == "source_cue"]


def test_according_to_without_a_source_reports_nothing(nlp):
    # "in accordance with" is no reporting cue: the author asserts it, with nothing offered
    _doc, claim = _claim(nlp, "Iran has previously changed its strategy according to political positions.")
    assert claim["asserted_by"] == "author" and claim["status"] == "asserted"
    assert claim["cues"] == [] and claim["unsupported"] is True
    # with a source it still reports
    _doc, claim = _claim(nlp, "Iran changed its strategy in Syria, according to state media.")
    assert claim["status"] == "reported" and [c["text"] for c in claim["cues"]] == ["according to"]


def test_a_long_source_is_cut_at_its_head_noun(nlp):
    _doc, claim = _claim(nlp, "Gunmen killed four people at the shrine in Shiraz, according to the governor, "
                              "who visited the shrine with the families of the victims on Friday morning.")
    cues = [s["text"] for s in claim["support"] if s["kind"] == "source_cue"]
    assert cues == ["according to the governor"]


def test_attribution_is_support(nlp):
    doc, claim = _claim(nlp, "The interior ministry said that gunmen killed four people at the shrine in Shiraz.")
    assert claim["asserted_by"] != "author"
    first = claim["support"][0]
    assert first["kind"] == "attribution" and first["attribution_id"] == claim["asserted_by"]
    assert first["text"] == "The interior ministry"
    assert claim["unsupported"] is False


def test_video_and_url_are_evidence(nlp):
    _doc, claim = _claim(nlp, "A video posted online shows gunmen firing at worshippers inside the shrine in Shiraz.")
    assert ("evidence", "video") in _kinds(claim) and claim["unsupported"] is False
    _doc, claim = _claim(nlp, "The ministry published the names of the four victims at https://example.org/victims on Friday.")
    assert ("evidence", "https://example.org/victims") in _kinds(claim)


def test_source_cues_from_the_data_file(nlp):
    _doc, claim = _claim(nlp, "Hospital records show that 17 people were killed in the two attacks in Tehran.")
    assert ("source_cue", "records show") in _kinds(claim)
    _doc, claim = _claim(nlp, "Gunmen killed four people at the shrine, citing a report by the local governor.")
    assert [k for k, _t in _kinds(claim)].count("source_cue") >= 1


def test_negated_evidence_is_not_support(nlp):
    _doc, claim = _claim(nlp, "There is no evidence of foreign involvement in the attack on the shrine in Shiraz.")
    assert claim["support"] == [] and claim["unsupported"] is True
    _doc, claim = _claim(nlp, "Officials accused the group of the attack on the shrine without any evidence.")
    assert not [s for s in claim["support"] if s["kind"] == "evidence"]


def test_hedged_or_denied_claims_are_not_flagged(nlp):
    _doc, claim = _claim(nlp, "The attackers may belong to a group based in Afghanistan, far from Shiraz.")
    assert claim["status"] == "hedged" and claim["unsupported"] is False


def test_figures_alone_are_not_evidence(nlp):
    _doc, claim = _claim(nlp, "Key figures of the regime met the commanders of the militia in Damascus on Monday.")
    assert not [s for s in claim["support"] if s["kind"] == "evidence"]


def test_every_cue_has_a_provenance():
    from narrascope.claims.cues import read_tsv

    rows = read_tsv("support_cues.tsv")
    assert rows and all(len(r) == 3 and r[2] == "narrascope" for r in rows)
    kinds = support_lexicon()
    assert "according to" in kinds["source_cue_named"] and "video" in kinds["evidence"]

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


# --- session 19: the source a `reported` author claim's own reporting verb names -----------------------------


def _sources(claim):
    return [s["text"] for s in claim["support"] if s["kind"] == "source"]


def test_a_reporting_verb_names_the_source_of_an_author_claim(nlp):
    # no attribution asserts these claims (its content covers too little of the clause, or it is another verb's),
    # so the claim is the author's and `reported`; the verb's subject is what backs it
    for text, source in (
            ("The army closed the roads after the blast, and a spokesman for the ministry said nine people died.",
             "a spokesman for the ministry"),
            ("The opposition group condemned the attack and warned of more violence by the militia.",
             "The opposition group")):
        doc = nlp(text)
        claim = next(c for c in doc._.claims if c["status"] == "reported")
        assert claim["asserted_by"] == "author", claim
        assert _sources(claim) == [source], claim["support"]
        assert claim["support_in_claim"] is True and claim["unsupported"] is False
        assert all(check_span(doc.text, s) for s in claim["support"])


def test_a_passive_report_names_its_agent(nlp):
    _doc, claim = _claim(nlp, "Conflicting reports were issued by official sources regarding the number of attackers.")
    assert claim["asserted_by"] == "author" and claim["status"] == "reported"
    assert _sources(claim) == ["official sources"]


def test_a_subject_that_names_no_source_is_no_source(nlp):
    # a leading adverb is not part of the source; a reporting verb whose subject names no one gives nothing
    _doc, claim = _claim(nlp, "Even the head of the local council in Shiraz says it should reopen.")
    assert _sources(claim) == ["the head of the local council in Shiraz"]
    doc = nlp("The blast claimed the lives of 12 people, and the roads were closed.")
    assert not [s for c in doc._.claims for s in c["support"] if s["kind"] == "source"]


def test_the_reporting_source_switch(nlp, monkeypatch):
    from narrascope.claims import support
    monkeypatch.setattr(support, "REPORTING_SOURCE", False)
    doc = nlp("The opposition group condemned the attack and warned of more violence by the militia.")
    assert not [s for c in doc._.claims for s in c["support"] if s["kind"] == "source"]


# --- session 19: evidence judged to establish the point; numbers that continue a poll ------------------------


def test_evidence_said_to_be_clear_is_evidence(nlp):
    for text in ("The evidence is clear: the militia planned the attack for months.",
                 "The evidence is overwhelming that the militia planned the attack."):
        _doc, claim = _claim(nlp, text)
        assert claim["asserted_by"] == "author"
        assert [s["text"] for s in claim["support"] if s["kind"] == "evidence"] == ["evidence"], claim["support"]
        assert claim["unsupported"] is False
    # a judged statement stays what the claim is about (session 18), and a negated judgement backs nothing
    doc = nlp("The evidence is not clear that the militia planned the attack.")
    assert not [s for c in doc._.claims for s in c["support"] if s["kind"] == "evidence"]
    assert "clear" in support_lexicon()["backing_adjective"]


def test_percentages_that_continue_a_poll_are_backed_by_it(nlp):
    doc = nlp("A new survey of 1,000 voters in the region was published by the university on Monday. "
              "It found that 52 percent of voters support the curfew. Another 30 percent oppose it. "
              "The rest were undecided. The army closed 40 percent of the roads on Friday.")
    by_text = {c["text"]: c for c in doc._.claims}
    claim = by_text["Another 30 percent oppose it."]
    assert claim["asserted_by"] == "author" and claim["status"] == "asserted"
    assert [(s["kind"], s["text"], s.get("carried"), s.get("link")) for s in claim["support"]] == [
        ("evidence", "A new survey of 1,000 voters in the region", True, "continues")]
    assert all(check_span(doc.text, s) for s in claim["support"])
    assert claim["unsupported"] is False and claim["support_in_claim"] is False
    # a sentence without a percentage ends the run: the roads are not the survey's finding
    roads = by_text["The army closed 40 percent of the roads on Friday."]
    assert roads["support"] == [] and roads["unsupported"] is True


def test_polls_where_people_vote_back_no_number(nlp):
    for text in ("Voters headed to the polls on Sunday in the northern province. Turnout reached 62 percent by noon.",
                 "Turnout was high when voters showed up at the polls in the north. Some 62 percent of them backed "
                 "the governor."):
        doc = nlp(text)
        assert not [s for c in doc._.claims for s in c["support"] if s.get("link") == "continues"], text


def test_an_earlier_poll_is_passed_over(nlp):
    # the numbers go on from the new survey; the earlier one the text sets against it is not their source
    doc = nlp("A new survey found that 52 percent of voters back the curfew. In the earlier survey, 41 percent "
              "backed it. Another 30 percent oppose it now.")
    claim = next(c for c in doc._.claims if c["text"] == "Another 30 percent oppose it now.")
    assert [(s["text"], s.get("link")) for s in claim["support"]] == [("A new survey", "continues")]

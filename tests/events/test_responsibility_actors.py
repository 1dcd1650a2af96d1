"""Session 17: responsibility and perpetrators an analyst would reject. Invented text.

- a name on a credit, byline or citation line (`units.citation_lines`) is no perpetrator, claimant or accused;
- a claimant that names an incident ("after the attack claimed responsibility") is refused in every pattern, "blame X
  on Y" accuses Y, and the accuser of a passive "blamed" is its "by" agent, never the incident.
"""

from __future__ import annotations

from spacy.tokens import Doc

from narrascope.events import responsibility, units
from narrascope.events.responsibility import find_statements
from narrascope.events.units import citation_lines, in_citation


def _credit_line_doc():
    """The parse the small model gave a real article: a wire-photo credit line glued to the next sentence, the
    photographer its passive subject ("<AGENCY>/<Name>\\nA dealer ... has been charged")."""
    from narrascope.loader import load_pipeline

    vocab = load_pipeline(components=()).vocab
    words = ["REUTERS", "/", "Jo", "Sample", "\n", "A", "dealer", "has", "been", "charged", "."]
    spaces = [False, False, True, False, False, True, True, True, True, False, False]
    heads = [9, 0, 3, 9, 3, 6, 3, 9, 9, 9, 9]
    deps = ["nsubjpass", "punct", "compound", "nsubjpass", "dep", "det", "appos", "aux", "auxpass", "ROOT", "punct"]
    pos = ["PROPN", "SYM", "PROPN", "PROPN", "SPACE", "DET", "NOUN", "AUX", "AUX", "VERB", "PUNCT"]
    lemmas = ["REUTERS", "/", "Jo", "Sample", "\n", "a", "dealer", "have", "be", "charge", "."]
    tags = ["NNP", "SYM", "NNP", "NNP", "_SP", "DT", "NN", "VBZ", "VBN", "VBN", "."]
    sent_starts = [True] + [False] * (len(words) - 1)
    return Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags,
               sent_starts=sent_starts)


def test_a_photographer_on_a_credit_line_is_not_accused(monkeypatch):
    doc = _credit_line_doc()
    assert in_citation(citation_lines(doc.text), doc.text.index("Jo Sample"))  # the credit line is one
    claimants = [s["claimant"] for s in find_statements(doc, [], lambda t: None)]
    assert "Jo Sample" not in claimants and "REUTERS" not in claimants
    monkeypatch.setattr(units, "CREDIT_ACTORS", False)  # before session 17: the photographer was accused
    assert "Sample" in " ".join(s["claimant"] for s in find_statements(doc, [], lambda t: None))


def _records(nlp, text):
    return nlp(text)._.events


def test_a_byline_name_is_no_perpetrator(nlp):
    text = ("Police identify suspect in the shooting of two officers by ANN EXAMPLE, WXYZ News Saturday, March 9th "
            "2019 PORT JESSUP - Police have identified the gunman who shot two officers on Friday.\n")
    recs = _records(nlp, text)
    assert recs
    for r in recs:
        assert "ANN EXAMPLE" not in [p["text"] for p in r["perpetrators"]]
        assert "ANN EXAMPLE" not in [x["claimant"] for x in r["responsibility"]]


def test_an_incident_is_no_claimant(nlp):
    text = ("Three guards were killed when gunmen attacked a depot in Port Jessup on Monday. After the attack claimed "
            "responsibility in a video, the Red Hand Brigade warned of more attacks.\n")
    resp = [x for r in _records(nlp, text) for x in r["responsibility"]]
    assert "attack" not in [x["claimant"] for x in resp]
    assert ("claimed", "Red Hand Brigade") in [(x["status"], x["claimant"]) for x in resp]


def test_blamed_on_accuses_the_on_object(nlp):
    text = "A bomb exploded at a market in Port Jessup on Monday, killing four people. The bombing was blamed on the Red Hand Brigade.\n"
    resp = [x for r in _records(nlp, text) for x in r["responsibility"]]
    assert [(x["status"], x["claimant"]) for x in resp] == [("accused", "Red Hand Brigade")]
    assert resp[0]["attributed_by"] != "bombing"  # the incident is no accuser


def test_the_accuser_of_a_passive_blame_is_its_agent(nlp):
    text = ("Four people were killed in a bombing at a market in Port Jessup on Monday. The bombing was blamed on "
            "the Red Hand Brigade by the governor.\n")
    resp = [x for r in _records(nlp, text) for x in r["responsibility"]]
    assert [(x["status"], x["claimant"], x["attributed_by"]) for x in resp] == [("accused", "Red Hand Brigade", "governor")]


def test_incident_claimants_switched_off(nlp, monkeypatch):
    monkeypatch.setattr(responsibility, "INCIDENT_CLAIMANTS", False)  # before session 17
    text = "A bomb exploded at a market in Port Jessup on Monday, killing four people. The bombing was blamed on the Red Hand Brigade.\n"
    resp = [x for r in _records(nlp, text) for x in r["responsibility"]]
    assert [(x["claimant"], x["attributed_by"]) for x in resp] == [("bombing", "bombing")]

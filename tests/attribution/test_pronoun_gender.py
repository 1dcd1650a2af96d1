"""A gendered pronoun source given a person the text calls by an honorific of the other gender takes the nearest
person before it that the text gives its gender (resolve.py step 2; session 18, round 3). Invented text, through
the full pipeline."""

from __future__ import annotations

from narrascope.attribution.resolve import surname_genders

TEXT = ("Ms. Okafor, who chairs the harbour board, said the dredging contract was signed too early. "
        "Daniel Brightwater, the board's treasurer, said the money had been set aside in March. "
        "She said the board would vote on the contract again next week. "
        "Mr. Brightwater said he welcomed the vote.")


def _by_cue_sentence(doc, start_words):
    for att in doc._.attributions:
        if (att.get("source") or {}).get("text") == start_words:
            return att
    raise AssertionError(f"no attribution with source {start_words!r}")


def test_surname_genders_from_honorifics():
    genders = surname_genders("Mr. Lind said so. Ms. Varga agreed, and Mrs Lind did not. Miss Holm left.")
    assert genders == {"Varga": "f"}  # "Lind" is given both: unknown; "Miss" is not read


def test_she_skips_the_man_the_text_calls_mr(nlp):
    doc = nlp(TEXT)
    ents = {e["id"]: e["text"] for e in doc._.entities if isinstance(e, dict)}
    she = _by_cue_sentence(doc, "She")
    assert she["source_type"] == "named_person"
    assert ents.get(she["source_entity"], "").endswith("Okafor")


def test_he_still_takes_the_last_man(nlp):
    doc = nlp(TEXT)
    ents = {e["id"]: e["text"] for e in doc._.entities if isinstance(e, dict)}
    atts = [a for a in doc._.attributions if (a.get("source") or {}).get("text") == "he"]
    for att in atts:  # "he welcomed" may or may not be read as an attribution; when it is, it is Brightwater
        assert ents.get(att["source_entity"], "").endswith("Brightwater")

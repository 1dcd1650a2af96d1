"""profile.wire_credit (session 15): every agency a credit may name resolves to a KB actor, the
ambiguous short forms resolve from a credit only, and credits outside the dateline (a byline line,
the `author` metadata, a "Reporting by ..." line with Reuters named) count. Texts are invented."""

from __future__ import annotations

import time

import pytest

from narrascope.clean import clean_record
from narrascope.dateline import agencies, byline_credit, find_credit, wire_credit
from narrascope.ingest.record import Record
from narrascope.profile.wire import credit_metadata, wire_credit_item

BODY = "Gunmen killed four pilgrims at a shrine on Wednesday. The attackers fled on motorbikes."

# the agency rows that resolved to no actor before session 15, and their KB entries now
NEWLY_RESOLVED = {
    "UPI": "upi", "United Press International": "upi", "dpa": "dpa", "DPA": "dpa",
    "Deutsche Presse-Agentur": "dpa", "ANSA": "ansa", "EFE": "efe", "RIA Novosti": "ria-novosti",
    "Interfax": "interfax", "Fars": "fars-news", "MENA": "mena-agency", "KUNA": "kuna", "Yonhap": "yonhap",
    "Yonhap News Agency": "yonhap", "KCNA": "kcna", "Kyodo": "kyodo", "Kyodo News": "kyodo",
    "PTI": "pti-agency", "Press Trust of India": "pti-agency", "IANS": "ians", "Bernama": "bernama",
    "ITAR-TASS": "tass",
}


def _item(text, metadata=None):
    return wire_credit_item(text, [], metadata)


# --- every agency row resolves --------------------------------------------------------------

@pytest.mark.parametrize("agency", agencies())
def test_every_agency_row_resolves_from_a_dateline(agency):
    from narrascope.actors.kb import load_kb

    text = f"CITY, Nov. 27 ({agency}) — {BODY}"
    wc = _item(text)
    assert wc["text"] == agency and text[wc["start"]:wc["end"]] == agency and wc["where"] == "dateline"
    assert wc["actor"] is not None, agency
    actor = load_kb().get(wc["actor"])
    assert actor.type == "media" and wc["name"] == actor.name
    if agency in NEWLY_RESOLVED:
        assert wc["actor"] == NEWLY_RESOLVED[agency]


@pytest.mark.parametrize("text, agency, actor", [
    (f"SHIRAZ, Iran (Fars) — {BODY}", "Fars", "fars-news"),
    (f"CAIRO (MENA) — {BODY}", "MENA", "mena-agency"),
    (f"NEW DELHI, Nov. 27 (PTI) — {BODY}", "PTI", "pti-agency"),
    (f"BOGOTA, 6 APR 90 (DPA) -- {BODY.upper()}", "DPA", "dpa"),  # all-caps wire copy
    (f"{BODY}\n— Kyodo", "Kyodo", "kyodo"),
])
def test_ambiguous_short_forms_resolve_from_a_credit(text, agency, actor):
    wc = _item(text)
    assert (wc["text"], wc["actor"]) == (agency, actor)


def test_ambiguous_short_forms_are_not_kb_aliases():
    """Looked up as a name (what the linker does with an NER mention) they name nothing."""
    from narrascope.actors.kb import load_kb

    kb = load_kb()
    for form in ("Fars", "MENA", "PTI", "DPA", "dpa", "RIA"):
        assert kb.lookup(form) is None, form
    assert kb.lookup("German news agency dpa").id == "dpa" and kb.lookup("Fars News").id == "fars-news"


def test_running_text_links(nlp):
    """The new agencies link in running text under their usual names; the ambiguous short forms
    (a province, a region, a party, an act) and a person named like an agency do not."""
    doc = nlp("Yonhap reported that the North fired two missiles, and KCNA said the test was a success. "
              "A police spokesman told EFE that three officers were wounded; Interfax and Kyodo carried the "
              "same figure. The German news agency dpa said the embassy was closed.")
    linked = {e["text"]: e["kb_id"] for e in doc._.entities if e.get("kb_id")}
    assert {"Yonhap": "yonhap", "KCNA": "kcna", "EFE": "efe", "Interfax": "interfax",
            "Kyodo": "kyodo"}.items() <= linked.items()
    assert "dpa" in {linked.get(t) for t in linked if t.endswith("dpa")}
    doc = nlp("Gunmen attacked a shrine in Fars on Wednesday, the provincial governor said. Investors across "
              "MENA pulled money out of regional funds. PTI supporters marched in Lahore to demand new elections. "
              "The president invoked the DPA to speed up production of armoured vehicles. Farah Mehr, a lawyer "
              "in Karachi, said the police had detained her client. Mehr said she would appeal.")
    agencies = {"fars-news", "mena-agency", "pti-agency", "dpa", "mehr-news"}
    assert not [e for e in doc._.entities if e.get("kb_id") in agencies]


# --- bylines --------------------------------------------------------------------------------

@pytest.mark.parametrize("line, agency", [
    ("By Jane Doe, Reuters", "Reuters"), ("By Jane Doe | AP", "AP"), ("By Jane Doe (AFP)", "AFP"),
    ("By JANE DOE, Associated Press Writer", "Associated Press"), ("By JANE DOE Associated Press", "Associated Press"),
    ("By Jane Doe AP Diplomatic Writer", "AP"), ("By The Associated Press", "Associated Press"),
    ("By Reuters Staff", "Reuters"), ("By Jane Doe and John Roe, United Press International", "United Press International"),
    ("By: Jane Doe / dpa", "dpa"),
])
def test_byline_lines_naming_an_agency(line, agency):
    at = byline_credit(line)
    assert at is not None and line[at[0]:at[1]] == agency


@pytest.mark.parametrize("line", [
    "By Jane Doe", "By Jane Doe and John Roe", "By Jane Doe, Staff Writer", "By Farah Mehr",  # persons only
    "By Jane Doe, The Daily Courier",  # a newspaper is no wire credit
    "By Jane Doe, AP Photo", "By noon the AP had confirmed it.", "By contrast, the AP",  # not bylines
    "Photo by Jane Doe / AP", "(AP Photo/Jane Doe)",  # photo credits
])
def test_bylines_without_an_agency(line):
    assert byline_credit(line) is None


def test_byline_left_in_the_text():
    """The cleaner keeps "By The Associated Press" (no person's name) in the text: a span there."""
    text = f"By The Associated Press\n{BODY}"
    wc = _item(text)
    assert wc["where"] == "byline" and text[wc["start"]:wc["end"]] == "Associated Press" and wc["actor"] == "Q40469"
    assert wire_credit(text) is None  # the claims' `dateline` items stay datelines only


@pytest.mark.parametrize("byline, agency, actor", [
    ("By Jane Doe, Reuters", "Reuters", "Q130879"),
    ("By Jane Doe | AP", "AP", "Q40469"),
    ("By Jane Doe, Yonhap", "Yonhap", "yonhap"),
])
def test_byline_cut_by_the_cleaner(byline, agency, actor):
    """A plain-text article: the cleaner cuts the byline line (`removed`, reason `byline`) and keeps
    the person as `author`; the agency only survives in the cut line."""
    cleaned = clean_record(Record(source="wire.txt", format="text",
                                  text=f"Gunmen kill four pilgrims at shrine\n{byline}\n\n{BODY}\n"))
    assert cleaned.author == "Jane Doe" and byline not in cleaned.text
    meta = credit_metadata({"removed": cleaned.removed, "author": cleaned.author})
    assert meta["lines"] == [byline]
    wc = _item(cleaned.text, meta)
    assert wc == {"text": agency, "start": None, "end": None, "actor": actor, "name": wc["name"], "entity": None,
                  "where": "byline"}
    assert find_credit(cleaned.text) is None


@pytest.mark.parametrize("author, agency, actor", [
    ("Reuters", "Reuters", "Q130879"), ("The Associated Press", "Associated Press", "Q40469"),
    ("Jane Doe; Reuters", "Reuters", "Q130879"), ("Jane Doe; Ap Auto Writer", "Ap", "Q40469"),  # title-cased
    ("PTI", "PTI", "pti-agency"),
])
def test_author_metadata_naming_an_agency(author, agency, actor):
    """HTML, JSONL and feed metadata give the byline as `author` only."""
    cleaned = clean_record(Record(source="wire.jsonl", format="jsonl", text=BODY, author=author))
    wc = _item(cleaned.text, credit_metadata({"removed": cleaned.removed, "author": cleaned.author}))
    assert (wc["text"], wc["actor"], wc["where"], wc["start"]) == (agency, actor, "author", None)


def test_person_only_byline_is_no_credit():
    for author in ("Jane Doe", "Jane Doe; John Roe", "Farah Mehr", "Jane Doe; Staff Writer"):
        assert _item(BODY, {"lines": [], "author": author}) is None, author
    cleaned = clean_record(Record(source="a.txt", format="text", text=f"Gunmen kill four pilgrims\nBy Jane Doe\n\n{BODY}\n"))
    assert cleaned.author == "Jane Doe"
    assert _item(cleaned.text, credit_metadata({"removed": cleaned.removed, "author": cleaned.author})) is None


def test_the_dateline_wins_over_the_byline():
    wc = _item(f"TEHRAN (Reuters) - {BODY}", {"lines": ["By Jane Doe, AFP"], "author": "AP"})
    assert (wc["text"], wc["where"]) == ("Reuters", "dateline")


# --- "Reporting by ...; Editing by ..." -----------------------------------------------------

REPORTING = "(Reporting by Jane Doe in Tehran and John Roe in Dubai; Editing by Ann Lee)"


def test_reporting_line_alone_is_no_credit():
    """It names people; other outlets write "Additional reporting by" too."""
    assert _item(f"{BODY}\n{REPORTING}") is None
    assert _item(BODY, {"lines": ["Additional reporting by Jane Doe"], "author": None}) is None


def test_reporting_line_with_reuters_named():
    text = f"{BODY} A police officer told Reuters the gunmen escaped.\n{REPORTING}"
    wc = _item(text)
    assert (wc["text"], wc["actor"], wc["where"]) == ("Reuters", "Q130879", "reporting")
    assert text[wc["start"]:wc["end"]] == "Reuters"
    # the parenthesised credit first; the line cut by the cleaner counts the same
    text = f"Four killed at shrine, police say.\n{BODY} (Reuters)\nMore details followed."
    wc = _item(text, {"lines": ["Reporting by Jane Doe; Editing by Ann Lee"], "author": None})
    assert text[wc["start"] - 1:wc["end"] + 1] == "(Reuters)" and wc["where"] == "reporting"


def test_closing_credit_before_a_reporting_line():
    text = f"{BODY}\n— AFP\n{REPORTING}"
    wc = _item(text)
    assert (wc["text"], wc["where"]) == ("AFP", "closing")
    assert wire_credit(text) == (wc["start"], wc["end"])  # the claims read the same span


# --- the demo and hostile input -------------------------------------------------------------

def test_demo_articles_have_no_credit(examples_dir):
    for path in sorted(examples_dir.glob("*.txt")):
        cleaned = clean_record(Record(source=path.name, format="text", text=path.read_text("utf-8")))
        meta = credit_metadata({"removed": cleaned.removed, "author": cleaned.author})
        assert _item(cleaned.text, meta) is None, path.name


def test_hostile_metadata():
    # markup is not a person's name: no byline, no credit (the credit is only ever an agency's name)
    assert _item(BODY, {"lines": [None, 7, "By <script>alert(1)</script>, Reuters"],
                        "author": '"><img src=x onerror=alert(5)>; Reuters'}) is None
    wc = _item(BODY, {"lines": [None, 7, "By Jane Doe, Reuters"], "author": '"><img src=x onerror=alert(5)>'})
    assert (wc["text"], wc["where"]) == ("Reuters", "byline")
    assert _item(BODY, {"lines": "not a list", "author": ["AP"]}) is None
    assert credit_metadata({"removed": [None, {"reason": "byline"}, {"text": "By AP", "reason": "byline"}],
                            "author": 5}) == {"lines": ["By AP"], "author": None}
    started = time.perf_counter()
    assert _item("By " + "Aa " * 5000 + "\n" + BODY, {"lines": ["By " + "Jane " * 10000], "author": "A" * 100000}) is None
    assert time.perf_counter() - started < 1.0

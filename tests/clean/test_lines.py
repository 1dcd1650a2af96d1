"""The line filter: boilerplate from the data file, titles, bylines, datelines."""

from __future__ import annotations

import re

import pytest

from narrascope.clean import clean_record
from narrascope.clean.byline import byline_author
from narrascope.clean.dates import dateline, iso_date
from narrascope.clean.lines import filter_lines
from narrascope.clean.rules import boilerplate_rules, match_boilerplate, role_titles
from narrascope.ingest.record import Record

BODY = ("Security forces fired tear gas at protesters gathered outside the governor's office on Friday, "
        "witnesses said, and at least a dozen people were detained.")


@pytest.mark.parametrize("line", [
    "Show More", "Related Articles", "Back to top button", "Verified by MonsterInsights", "Font Size:",
    "Font Size: A A A", "Read more", "Read More »", "Read more: Tehran responds to sanctions",
    "Share this article", "Share on Facebook", "Facebook Twitter Email Print", "Tweet",
    "Sign up for our daily newsletter to get the latest news", "Subscribe to our newsletter",
    "Related: Iran vows revenge", "Advertisement", "Skip to content", "Leave a comment", "12 Comments",
    "Follow us on Twitter", "Click here to subscribe to The Paradigm Newsletter", "You may also like...",
])
def test_boilerplate_lines_removed(line):
    f = filter_lines(f"{BODY}\n\n{line}\n\n{BODY} More.")
    assert {"text": line, "reason": "boilerplate"} in f.removed
    assert line not in f.text.split("\n")
    assert f.text.count("Security forces") == 2


@pytest.mark.parametrize("line", [
    "Read more about the attack in our earlier report, which documented the casualties in detail and named the victims.",
    "He said the attackers wanted to share more of the blame with the government.",
    "The newsletter editor was arrested on Monday.",
    "Comments made by the minister drew criticism.",
    "Show more restraint, the UN urged both sides.",
])
def test_article_sentences_kept(line):
    assert match_boilerplate(line) is None
    assert line in filter_lines(f"{BODY}\n{line}").text


def test_data_file_rows_are_valid():
    rules = boilerplate_rules()
    assert len(rules) >= 20
    for rule in rules:
        assert rule.reason in {"boilerplate", "byline", "title", "duplicate"}
        assert rule.provenance, rule.pattern.pattern
    assert "Policy Analyst" in role_titles()


@pytest.mark.parametrize("line,author", [
    ("Shahriar Kia Policy Analyst", "Shahriar Kia"),
    ("By Jane Doe", "Jane Doe"),
    ("By JOHN SMITH and Mary Jones", "JOHN SMITH and Mary Jones"),
    ("By the way", None),
    ("By Mary Jones and Ali Reza", "Mary Jones and Ali Reza"),
    ("Jane Doe, Staff Writer", "Jane Doe"),
    ("Ahmad al-Hassan Senior Correspondent", "Ahmad al-Hassan"),
    ("The Policy Analyst", None),
    ("Why The Analyst", None),
    ("By the end of the day, the streets were empty", None),
    ("Iran relies on the ISIS organization in its narratives about targeting shops", None),
])
def test_byline(line, author):
    assert byline_author(line) == author


def test_byline_only_near_the_top():
    text = "\n\n".join([BODY] * 8 + ["By Jane Doe"])
    f = filter_lines(text)
    assert f.author is None and "By Jane Doe" in f.text


def test_title_repeated_in_html_body_removed():
    html = ("<html><head><title>Drone strike hits convoy near Erbil</title></head><body><article>"
            "<p>Drone strike hits convoy near Erbil</p>" + f"<p>{BODY}</p>" * 3 + "</article></body></html>")
    c = clean_record(Record(source="t.html", format="html", html=html))
    assert c.title == "Drone strike hits convoy near Erbil"
    assert {"text": "Drone strike hits convoy near Erbil", "reason": "title"} in c.removed
    assert not c.text.startswith("Drone strike")


def test_plain_text_title_dateline_and_paragraphs():
    text = f"Protesters Clash With Police In Zahedan\n\nPublished: September 30, 2022\n\n{BODY}\n\n\n\n{BODY} Again."
    c = clean_record(Record(source="p.txt", format="text", text=text))
    assert c.title == "Protesters Clash With Police In Zahedan"
    assert c.published == "2022-09-30"
    assert {"text": "Published: September 30, 2022", "reason": "byline"} in c.removed
    assert c.text == f"{BODY}\n\n{BODY} Again."


def test_plain_text_without_headline_keeps_first_line():
    text = f"{BODY}\n\n{BODY} Again."
    c = clean_record(Record(source="p.txt", format="text", text=text))
    assert c.title is None and c.text == text and c.removed == []


def test_repeated_paragraph_removed_as_duplicate():
    f = filter_lines(f"{BODY}\n\n{BODY}\n\nAnother paragraph follows here with other words in it.")
    assert f.removed == [{"text": BODY, "reason": "duplicate"}]
    assert f.text.count(BODY) == 1


@pytest.mark.parametrize("value,iso", [("2023-08-13T10:00:00Z", "2023-08-13"), ("2017-06-07", "2017-06-07"),
                                       ("June 8, 2017", "2017-06-08"), ("not a date", None), (None, None)])
def test_iso_date(value, iso):
    assert iso_date(value) == iso


def test_dateline_requires_a_whole_date_line():
    assert dateline("Posted on Wednesday, June 7, 2017 at 10:30 AM") == "2017-06-07"
    assert dateline("On June 7, 2017, gunmen attacked the parliament.") is None


def test_record_metadata_wins_over_inference():
    text = f"A Headline Here\n\nBy Jane Doe\n\n{BODY}"
    c = clean_record(Record(source="j", format="jsonl", text=text, title="Real Title", author="Someone Else",
                            published="2020-01-02"))
    assert (c.title, c.author, c.published) == ("Real Title", "Someone Else", "2020-01-02")
    assert {"text": "By Jane Doe", "reason": "byline"} in c.removed
    assert re.match(r"A Headline Here", c.text)  # not the known title: stays


@pytest.mark.parametrize("line", ["Reporting by " + "Aand" * 55 + "!", "By " + "Aand" * 30 + "!",
                                  "Reporting by " + "Ab Cd, " * 30 + "!", "Editing by " + "A " * 100 + "!"])
def test_no_catastrophic_backtracking(line):
    """Name lists need spaces around 'and': these once took exponential time (a hang here is the failure)."""
    assert match_boilerplate(line) is None
    assert byline_author(line) is None


def test_agency_credit_lines_are_bylines():
    for line in ("(Reporting by Parisa Hafezi in Dubai; Editing by Alex Richardson)",
                 "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly and Saqib Iqbal Ahmed"):
        rule = match_boilerplate(line)
        assert rule is not None and rule.reason == "byline"
    assert match_boilerplate("Reporting by a team of journalists revealed the scandal.") is None


def test_site_name_stripped_from_html_title():
    from narrascope.clean import strip_site

    assert strip_site("Bike review | MoreBikes", "MoreBikes") == "Bike review"
    assert strip_site("LinkNaija | Actress looks stunning", "LinkNaija") == "Actress looks stunning"
    assert strip_site("Iran - Iraq border clash", "Reuters") == "Iran - Iraq border clash"
    assert strip_site("Title", None) == "Title"

"""Source resolution without the actor KB: entities from doc._.entities only."""

from __future__ import annotations

import pytest

from narrascope.pipeline.attribution import AttributionComponent


@pytest.fixture(scope="module")
def bare():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=())


def _run(bare, text, entities):
    doc = bare(text)
    doc._.entities = entities
    comp = AttributionComponent(bare, "narrascope_attribution", use_model=False)
    comp.resolver.kb = None  # the KB may be absent: entities alone must do
    return comp.extract(doc)


def _ent(text, sub, eid, label, etype=None, last=False):
    """The entity dict of `sub` in `text` (its first occurrence, or its last with `last`)."""
    start = text.rindex(sub) if last else text.index(sub)
    return {"id": eid, "text": sub, "start": start, "end": start + len(sub), "label": label,
            "kb_id": None, "name": None, "type": etype}


def test_pronoun_takes_the_last_named_speaker(bare):
    text = ("Maryam Rajavi said that the regime was behind the attack. "
            "She added that the people would not be fooled.")
    atts = _run(bare, text, [_ent(text, "Maryam Rajavi", "e1", "PERSON")])
    said, added = atts[0], atts[1]
    assert said["source_entity"] == "e1" and said["source_type"] == "named_person"
    assert added["source"]["text"] == "She"
    assert added["source_entity"] == "e1" and added["source_type"] == "named_person"
    assert added["source_refers_to"] == said["id"]


def test_kb_type_media_and_unnamed_types(bare):
    text = ("Al Arabiya reported that two people died. Officials said that the road was closed. "
            "A statement said that the group was responsible.")
    atts = _run(bare, text, [_ent(text, "Al Arabiya", "e1", "ORG", "media")])
    types = {a["source"]["text"]: a["source_type"] for a in atts if a["source"]}
    assert types == {"Al Arabiya": "media", "Officials": "official_anonymous", "A statement": "document"}


def test_definite_description_takes_an_earlier_person(bare):
    text = "Ali Rezaei visited the site. The minister said that the attackers had been arrested."
    atts = _run(bare, text, [_ent(text, "Ali Rezaei", "e1", "PERSON", "person")])
    assert atts[0]["source"]["text"] == "The minister"
    assert atts[0]["source_entity"] == "e1" and atts[0]["source_type"] == "named_person"


def test_a_relative_pronoun_source_stands_for_the_noun_its_clause_modifies(bare):
    # the span stays "who" (PolNeAR's convention); the antecedent decides entity and type
    text = "Hillary Clinton, who said she was not aware of the emails, left the hearing early."
    doc = bare(text)
    doc._.entities = [_ent(text, "Hillary Clinton", "e1", "PERSON")]
    comp = AttributionComponent(bare, "narrascope_attribution", use_model=False)
    comp.resolver.kb = None
    who = doc[[t.text for t in doc].index("who")]
    att = {"id": "a1", "kind": "indirect", "source": {"text": "who", "start": who.idx, "end": who.idx + 3}}
    comp.resolver.resolve(doc, [att])
    assert att["source_antecedent"] == {"text": "Hillary Clinton", "start": 0, "end": 15}
    assert att["source_entity"] == "e1" and att["source_type"] == "named_person"


def test_an_unnamed_antecedent_gives_its_type_and_a_plain_source_has_none(bare):
    text = "They doubted claims made by various MPs who claimed the sessions continued. Officials said it was calm."
    doc = bare(text)
    doc._.entities = []
    comp = AttributionComponent(bare, "narrascope_attribution", use_model=False)
    comp.resolver.kb = None
    who = text.index("who")
    off = text.index("Officials")
    atts = [{"id": "a1", "kind": "indirect", "source": {"text": "who", "start": who, "end": who + 3}},
            {"id": "a2", "kind": "indirect", "source": {"text": "Officials", "start": off, "end": off + 9}}]
    comp.resolver.resolve(doc, atts)
    assert atts[0]["source_antecedent"]["text"] == "various MPs"
    assert atts[0]["source_type"] == "vague" and atts[0]["source_entity"] is None
    assert atts[1]["source_antecedent"] is None


def test_unnamed_sources_typed_by_their_head_and_its_modifiers_only(bare):
    # session 15: artefacts are documents, a bare demonstrative is a fact (vague), and words after the
    # head ("in the ad") do not type the source; before, all three were `anonymous`-or-document guesses
    text = ("A campaign video said that the senator had voted twice. "
            "A narrator in the advertisement said that the bill would fail. "
            "This goes beyond party lines, signaling that the deal is dead.")
    atts = _run(bare, text, [])
    types = {a["source"]["text"]: a["source_type"] for a in atts if a["source"]}
    assert types == {"A campaign video": "document", "A narrator in the advertisement": "anonymous",
                     "This": "vague"}


def test_petitions_and_timelines_are_documents(bare):
    # session 16: "the online petition says" and "the revised timeline shows" were `anonymous`
    # (unnamed people); both are texts that speak
    text = ("Her online petition says that the guard was hurt on patrol. "
            "The revised timeline shows that the police arrived late.")
    atts = _run(bare, text, [])
    types = {a["source"]["text"]: a["source_type"] for a in atts if a["source"]}
    assert types == {"Her online petition": "document", "The revised timeline": "document"}


def test_a_name_in_apposition_to_the_head_is_the_source(bare):
    # session 16: "X's attorney, <name>," was an anonymous attorney; the name beside the head is the speaker
    text = ("The gun seller's attorney, Mark Jones, told reporters that his client had no comment. "
            "The lawyer for Anna Berg said that the charges were baseless.")
    ents = [_ent(text, "Mark Jones", "e1", "PERSON"), _ent(text, "Anna Berg", "e2", "PERSON")]
    atts = {a["source"]["text"]: a for a in _run(bare, text, ents) if a["source"]}
    jones = atts["The gun seller's attorney, Mark Jones,"]
    assert jones["source_entity"] == "e1" and jones["source_type"] == "named_person"
    # the name in a prepositional phrase is the client, not the speaker
    berg = atts["The lawyer for Anna Berg"]
    assert berg["source_entity"] is None and berg["source_type"] == "anonymous"


# session 16 (defects round): a definite description's head word keeps its media type when the
# description is taken to an earlier organisation; records are documents
def test_the_newspaper_taken_to_an_organisation_is_media(bare):
    # "the newspaper" resolves to the last ORG named; that ORG's name ("Dayton Ledger-Star") carries no
    # media word, so the type came from the entity: `named_organization`
    text = ("A judge sealed the file requested by the Dayton Ledger-Star. "
            "The newspaper said that the sheriff had been told in advance.")
    atts = _run(bare, text, [_ent(text, "Dayton Ledger-Star", "e1", "ORG")])
    paper = next(a for a in atts if a["source"] and a["source"]["text"] == "The newspaper")
    assert paper["source_entity"] == "e1"
    assert paper["source_type"] == "media"


def test_an_organisation_noun_taken_to_an_organisation_stays_an_organisation(bare):
    text = ("Reporters visited the offices of Northfield Mining. "
            "The company said that the guards had not been armed.")
    atts = _run(bare, text, [_ent(text, "Northfield Mining", "e1", "ORG")])
    company = next(a for a in atts if a["source"] and a["source"]["text"] == "The company")
    assert company["source_entity"] == "e1" and company["source_type"] == "named_organization"


def test_records_are_documents(bare):
    text = "Records show that the dealer bought the shop in 2009."
    atts = _run(bare, text, [])
    types = {a["source"]["text"]: a["source_type"] for a in atts if a["source"]}
    assert types == {"Records": "document"}


# session 16 (defects round 2; written as test_resolve_official_plurals.py): unnamed emergency and
# law-enforcement services as sources are `official_anonymous`, not `vague`: by their head ("responders",
# "law enforcement") or by an official modifier before an untyped head ("federal", "emergency")
def _types(bare, text):
    return {a["source"]["text"]: a["source_type"] for a in _run(bare, text, []) if a["source"]}


@pytest.mark.parametrize("text, source", [
    ("First responders said that the fire had spread to the second floor.", "First responders"),
    ("Law enforcement said that the suspect had been detained near the border.", "Law enforcement"),
    ("Federal examiners said that the bank had hidden the losses.", "Federal examiners"),
    ("Emergency crews said that the bridge was closed to traffic.", "Emergency crews"),
])
def test_unnamed_official_services_are_official_anonymous(bare, text, source):
    assert _types(bare, text).get(source) == "official_anonymous"


def test_an_untyped_plural_without_an_official_modifier_stays_vague(bare):
    text = "Local shopkeepers said that the market had been closed for a week."
    assert _types(bare, text).get("Local shopkeepers") == "vague"


# session 17 (defects round): the word lists resolution reads are data files with a provenance per row
def test_resolution_word_lists_are_data_with_provenance():
    from narrascope.attribution.lexicon import DATA
    from narrascope.attribution.lexicon import media_name_words, name_titles, official_modifiers, role_synonyms

    for name in ("official_modifiers.tsv", "role_synonyms.tsv", "name_titles.tsv", "media_name_words.tsv",
                 "source_type_heads.tsv"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                cols = line.split("\t")
                assert len(cols) >= 2 and cols[-1].strip() and " " in cols[-1], line
    # the list that was OFFICIAL_MODIFIERS in resolve.py, unchanged
    assert official_modifiers() == {"federal", "enforcement", "emergency"}
    assert role_synonyms()["attorney"] == role_synonyms()["lawyer"] == role_synonyms()["counsel"]
    assert role_synonyms()["spokesman"] == role_synonyms()["spokeswoman"] != role_synonyms()["lawyer"]
    assert "chief" in name_titles() and "sen" in name_titles() and "news" in media_name_words()


def _by_source(bare, text, ents):
    return {a["source"]["text"]: a for a in _run(bare, text, ents) if a["source"]}


def test_the_lawyer_repeats_the_attorney_named_before(bare):
    # "the lawyer" did not repeat "the ... attorney, <name>," ("lawyer" != "attorney") and stayed an
    # anonymous nobody; a role noun of the same class now repeats the earlier source
    text = ("The gun seller's attorney, Mark Jones, told reporters that his client had no comment. "
            "Police said that the shop was closed. The lawyer said that his client would cooperate.")
    atts = _by_source(bare, text, [_ent(text, "Mark Jones", "e1", "PERSON")])
    first, lawyer = atts["The gun seller's attorney, Mark Jones,"], atts["The lawyer"]
    assert lawyer["source_entity"] == "e1" and lawyer["source_type"] == "named_person"
    assert lawyer["source_refers_to"] == first["id"]


def test_a_role_noun_of_another_class_is_not_a_repeat(bare):
    text = ("The family's doctor, Mark Jones, said that the boy had been beaten. "
            "The lawyer said that the family would sue.")
    lawyer = _by_source(bare, text, [_ent(text, "Mark Jones", "e1", "PERSON")])["The lawyer"]
    assert lawyer["source_entity"] is None and lawyer["source_refers_to"] is None


def test_an_unnamed_spokeswoman_repeated_as_the_spokesperson(bare):
    text = ("A spokeswoman said that the road would stay closed. "
            "The spokesperson said that it would reopen on Monday.")
    atts = _by_source(bare, text, [])
    assert atts["The spokesperson"]["source_refers_to"] == atts["A spokeswoman"]["id"]


def test_a_name_after_a_title_is_a_person_when_the_ner_missed_it(bare):
    # the first mention holds no entity (the actor layer missed the name): it had none, so "She" went to
    # the last linked person before it, the writer; in the PTC article read, the name was also typed an
    # organisation by its proper-noun head
    text = ("Ann Berg wrote that the delay raised questions. "
            "Police Chief Lena Reyes said that the officer had been fired. "
            "She said that the case was closed. Reyes said that the review had ended.")
    ents = [_ent(text, "Ann Berg", "e1", "PERSON"), _ent(text, "Reyes", "e2", "PERSON", last=True)]
    atts = _by_source(bare, text, ents)
    chief = atts["Police Chief Lena Reyes"]
    assert chief["source_type"] == "named_person" and chief["source_entity"] == "e2"
    assert atts["She"]["source_entity"] == "e2"


def test_an_outlet_named_news_is_media_whatever_its_label():
    from narrascope.attribution.resolve import type_of_entity

    assert type_of_entity({"text": "Riverton Evening News", "label": "EVENT"}) == "media"
    assert type_of_entity({"text": "Riverton Evening News", "label": "ORG"}) == "media"
    assert type_of_entity({"text": "Northfield Mining", "label": "ORG"}) == "named_organization"
    assert type_of_entity({"text": "Riverton Fair", "label": "EVENT"}) is None


def test_a_station_called_an_affiliate_is_media(bare):
    # the station's call letters are an ORG with no media word in them; the noun before them says what it is
    text = "NBC affiliate WKRQ reported that the bridge had collapsed."
    station = _by_source(bare, text, [_ent(text, "NBC", "e0", "ORG"), _ent(text, "WKRQ", "e1", "ORG")])[
        "NBC affiliate WKRQ"]
    assert station["source_entity"] == "e1" and station["source_type"] == "media"


def test_the_department_is_the_organisation_whose_name_holds_the_word(bare):
    # "department" was no organisation noun (anonymous); the last organisation named before it is a
    # company, the department is the police's
    text = ("Officers of the Riverton Police Department arrested two guards of Northfield Mining on Monday. "
            "The department said that the guards had been armed.")
    ents = [_ent(text, "the Riverton Police Department", "e1", "ORG"), _ent(text, "Northfield Mining", "e2", "ORG")]
    dept = _by_source(bare, text, ents)["The department"]
    assert dept["source_entity"] == "e1" and dept["source_type"] == "named_organization"


@pytest.mark.parametrize("text, source, kind", [
    ("The hospital's evaluation found that the driver had not been drinking.", "The hospital's evaluation",
     "document"),
    ("The sheriff said that the road had been closed since Friday.", "The sheriff", "official_anonymous"),
    ("A county judge said that the records would stay sealed.", "A county judge", "official_anonymous"),
])
def test_evaluations_are_documents_and_sheriffs_and_judges_officials(bare, text, source, kind):
    assert _types(bare, text).get(source) == kind


# session 17, round 2 (defects): the writer's own "we", possessive descriptions, a chief named later
def test_the_writers_we_is_the_author_not_the_last_organisation(bare):
    # "We" took the organisation quoted before it (it was the last non-person source)
    text = ("Northfield Mining said that the mine was safe. "
            "We believe that the inspectors will find otherwise.")
    atts = _by_source(bare, text, [_ent(text, "Northfield Mining", "e1", "ORG")])
    we = atts["We"]
    assert we["source_entity"] is None and we["source_refers_to"] is None
    assert we["source_type"] == "anonymous"


def test_a_quoted_speakers_we_still_takes_the_speaker(bare):
    text = ('Northfield Mining said that the mine was safe.\n'
            '"The inspectors came twice.\n'
            'We believe that they will find nothing," the company said.')
    # the second line of the quotation opens with no mark: quotes.find_quotes does not cover it
    we = _by_source(bare, text, [_ent(text, "Northfield Mining", "e1", "ORG")])["We"]
    assert we["source_entity"] == "e1"


def test_his_attorneys_repeat_the_attorneys_named_before(bare):
    text = ("The seller's attorneys, Mark Jones and Ana Ruiz, told reporters that their client had no comment. "
            "His attorneys said that he would cooperate with investigators.")
    atts = _by_source(bare, text, [_ent(text, "Mark Jones", "e1", "PERSON"), _ent(text, "Ana Ruiz", "e2", "PERSON")])
    first = next(a for s, a in atts.items() if s.startswith("The seller's attorneys"))
    his = atts["His attorneys"]
    assert his["source_refers_to"] == first["id"]
    assert his["source_entity"] == first["source_entity"]


def test_a_possessive_description_is_no_repeat_when_two_speakers_compete(bare):
    text = ("The seller's attorney, Mark Jones, said that his client had no comment. "
            "The buyer's attorney, Ana Ruiz, said that her client was shocked. "
            "His attorney said that the sale had been legal.")
    ents = [_ent(text, "Mark Jones", "e1", "PERSON"), _ent(text, "Ana Ruiz", "e2", "PERSON")]
    his = _by_source(bare, text, ents)["His attorney"]
    assert his["source_refers_to"] is None and his["source_entity"] is None


def test_the_police_chief_named_later_is_not_the_victim(bare):
    # "the police chief" took the last PERSON entity before it: the man who was shot
    text = ("An officer shot Sam Lee in his apartment on Monday. "
            "The police chief said that the officer had been placed on leave. "
            "Police Chief Lena Reyes told reporters on Tuesday that the officer had been fired. "
            "Reyes said that the review was closed.")
    ents = [_ent(text, "Sam Lee", "e1", "PERSON"), _ent(text, "Reyes", "e2", "PERSON", last=True)]
    chief = _by_source(bare, text, ents)["The police chief"]
    assert chief["source_entity"] == "e2" and chief["source_type"] == "named_person"


def test_the_chief_without_a_titled_name_later_keeps_the_last_person(bare):
    text = ("Mayor Sam Lee opened the hearing on Monday. "
            "The police chief said that the officer had been placed on leave.")
    chief = _by_source(bare, text, [_ent(text, "Sam Lee", "e1", "PERSON")])["The police chief"]
    assert chief["source_entity"] == "e1"


# session 19: "it" / "they" / "them" sources by the nearest agreeing subject or earlier source (behind the resolver's
# `group_antecedents` switch, on by default by the lead's decision: the fresh-sample bar was missed, 75 % against 80 %,
# where the choice it replaces was right on 1 of the same 50 sources). The session `nlp` fixture parses;
# each test resolves the pipeline's attributions again with the switch on and off
def _group_resolve(nlp, text, on):
    import copy

    from narrascope.attribution.resolve import SourceResolver

    doc = nlp(text)
    atts = copy.deepcopy(doc._.attributions)
    for a in atts:
        for key in ("source_entity", "source_type", "source_refers_to", "source_antecedent"):
            a.pop(key, None)
    SourceResolver(group_antecedents=on).resolve(doc, atts)
    names = {e["id"]: e["text"] for e in doc._.entities}
    return [(a, names.get(a["source_entity"])) for a in atts if a["source"]], doc


def _pronoun(nlp, text, word, on):
    atts, _ = _group_resolve(nlp, text, on)
    return next((a, name) for a, name in atts if a["source"]["text"] == word)


def test_group_antecedents_are_on_by_default(nlp):
    from narrascope.attribution.resolve import GROUP_ANTECEDENTS, SourceResolver

    assert GROUP_ANTECEDENTS is True
    assert SourceResolver(use_kb=False).group_antecedents is True
    # the pipeline's own resolution: "They" are the protesters, not the ministry quoted before
    text = ("The Interior Ministry said that the roads were closed. Protesters gathered outside the parliament on "
            "Sunday. They said that the election had been stolen.")
    doc = nlp(text)
    they = next(a for a in doc._.attributions if a["source"] and a["source"]["text"] == "They")
    assert they["source_entity"] is None and they["source_antecedent"]["text"] == "Protesters"


def test_they_takes_the_protesters_of_the_sentence_before_not_the_ministry_quoted_earlier(nlp):
    text = ("The Interior Ministry said that the roads were closed. Protesters gathered outside the parliament on "
            "Sunday. They said that the election had been stolen.")
    they, name = _pronoun(nlp, text, "They", True)
    assert name is None and they["source_refers_to"] is None
    assert they["source_antecedent"]["text"] == "Protesters" and they["source_type"] == "vague"
    assert _pronoun(nlp, text, "They", False)[1] == "Interior Ministry"  # session 18: the last organisation


def test_it_takes_the_report_not_the_police_department_named_before(nlp):
    text = ("The Riverton Police Department arrested two men on Monday. A report on the raid was published on "
            "Tuesday. It said that the men had been armed.")
    it, name = _pronoun(nlp, text, "It", True)
    assert name is None and it["source_antecedent"]["text"] == "A report on the raid"
    assert _pronoun(nlp, text, "It", False)[1] == "Riverton Police Department"


@pytest.mark.parametrize("text, word, entity", [
    ("The Interior Ministry condemned the attack on Tuesday. It said that the attackers had crossed the border.",
     "It", "Interior Ministry"),
    ("Jaish al-Adl attacked a border post on Monday. They claimed that twelve guards had been killed.",
     "They", "Jaish al-Adl"),
    ("The Times reported that the minister had resigned. It said that he had been warned twice.", "It", "Times"),
    # "it said nothing about" is a referring "it", not an expletive one
    ("The Interior Ministry closed the border. The ministry released a statement on Monday. "
     "It said nothing about the prisoners.", "It", "Interior Ministry"),
])
def test_a_ministry_a_group_and_a_newspaper_are_taken_by_it_and_they(nlp, text, word, entity):
    atts, _ = _group_resolve(nlp, text, True)
    first = atts[0][0]
    pronoun, name = next((a, n) for a, n in atts if a["source"]["text"] == word)
    assert name == entity and pronoun["source_refers_to"] == first["id"]


def test_they_for_people_in_general_takes_the_people_not_an_organisation(nlp):
    text = ("The Interior Ministry closed the border. People in the town are afraid. "
            "They say that the militia returns at night.")
    they, name = _pronoun(nlp, text, "They", True)
    assert name is None and they["source_antecedent"]["text"] == "People in the town"


def test_as_they_say_stands_for_nobody(nlp):
    text = ("The Interior Ministry closed the border. The rebels took the town in May. "
            "As they say, the first casualty of war is truth.")
    they, name = _pronoun(nlp, text, "they", True)
    assert name is None and they["source_antecedent"] is None and they["source_type"] == "anonymous"
    assert _pronoun(nlp, text, "they", False)[1] == "Interior Ministry"


def test_an_expletive_it_stands_for_nobody(nlp):
    from narrascope.attribution.resolve import SourceResolver

    text = "The Interior Ministry closed the border. It is said that the rebels will return."
    doc = nlp(text)
    start = text.index("It ")
    att = {"id": "a1", "kind": "indirect", "source": {"text": "It", "start": start, "end": start + 2}}
    SourceResolver(group_antecedents=True).resolve(doc, [att])
    assert att["source_entity"] is None and att["source_refers_to"] is None and att["source_type"] == "anonymous"
    off = {"id": "a1", "kind": "indirect", "source": {"text": "It", "start": start, "end": start + 2}}
    SourceResolver(group_antecedents=False).resolve(doc, [off])
    assert off["source_entity"] is not None  # session 18: the ministry

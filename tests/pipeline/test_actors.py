"""narrascope_actors on the demo articles: linking, corrections, roles, propagation, user KB."""

from __future__ import annotations

import pytest

from narrascope.analysis import make_doc
from narrascope.spans import check_span


@pytest.fixture(scope="module")
def actors_nlp():
    from narrascope.loader import load_pipeline

    return load_pipeline(components=("narrascope_actors",))


def _analyse(nlp, path, published=None):
    return nlp(make_doc(nlp, {"text": path.read_text(encoding="utf-8"), "published": published}))


@pytest.fixture(scope="module")
def shops(actors_nlp, examples_dir):
    return _analyse(actors_nlp, examples_dir / "iran-isis-narratives-shops.txt")


@pytest.fixture(scope="module")
def reflect(actors_nlp, examples_dir):
    return _analyse(actors_nlp, examples_dir / "isis-attacks-on-iran-regime-reflect.txt", "2017-06-09")


def _by_text(doc, text):
    return [e for e in doc._.entities if e["text"] == text]


def test_entities_shape(shops, reflect):
    for doc in (shops, reflect):
        ents = doc._.entities
        assert [e["id"] for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]
        assert [e["start"] for e in ents] == sorted(e["start"] for e in ents)
        for e in ents:
            assert check_span(doc.text, e)
            assert set(e) >= {"id", "text", "start", "end", "label", "kb_id", "name", "type"}
        assert len(doc.ents) == len(ents)
        assert not doc._.errors


def test_isis_aliases_link_to_islamic_state(shops, reflect):
    for doc in (shops, reflect):
        isis = _by_text(doc, "ISIS")
        assert isis and all(e["name"] == "Islamic State" and e["type"] == "armed_group" for e in isis)
    assert any(e["text"] == "al-Qaeda" and e["type"] == "armed_group" for e in reflect._.entities)


def test_rajavi_alone_is_maryam_rajavi(reflect):
    full = _by_text(reflect, "Maryam Rajavi")[0]
    alone = _by_text(reflect, "Rajavi")
    assert len(alone) == 2  # the statistical model labels both ORG
    assert all(e["label"] == "PERSON" and e["kb_id"] == full["kb_id"] is not None for e in alone)


def test_khamenei_not_org_supreme(reflect):
    assert not _by_text(reflect, "Supreme"), "a title is not an ORG"
    khamenei = [e for e in reflect._.entities if e["name"] == "Ali Khamenei"]
    assert {e["text"] for e in khamenei} == {"Khamenei", "Ali Khamenei"}
    assert all(e["label"] == "PERSON" and e["type"] == "person" for e in khamenei)


def test_role_mention_links_holder_without_date(shops):
    leaders = _by_text(shops, "Supreme Leader")
    assert leaders, "'the Supreme Leader' should be an entity for attribution"
    assert all(e["name"] == "Ali Khamenei" and e["role"] == "Supreme Leader of Iran" for e in leaders)


def test_role_mention_at_article_date(actors_nlp):
    def first_role(text, published):
        doc = actors_nlp.make_doc(text)
        doc._.published = published
        for _, proc in actors_nlp.pipeline:
            doc = proc(doc)
        return [e for e in doc._.entities if e["role"]][0]

    text = "Iran's president said the attack would be avenged."
    assert first_role(text, "2017-06-07")["name"] == "Hassan Rouhani"
    assert first_role(text, "2022-10-27")["name"] == "Ebrahim Raisi"
    assert first_role("The Supreme Leader spoke.", "1988-01-01")["name"] == "Ruhollah Khomeini"


def test_places_and_corrections(shops, reflect):
    shrine = _by_text(shops, "Shah Cheragh")[0]  # NER: WORK_OF_ART
    assert shrine["type"] == "place" and shrine["label"] == "FAC" and shrine["kb_id"] == "shah-cheragh"
    assert _by_text(shops, "Shiraz")[0]["type"] == "place"
    assert _by_text(shops, "Guiran Prison")[0]["kb_id"] == "ghwayran-prison"
    reza = _by_text(reflect, "Imam Reza Shrine")[0]  # NER: ORG
    assert reza["label"] == "FAC" and reza["type"] == "place"
    assert all(e["label"] == "GPE" for e in _by_text(reflect, "Mashhad"))  # NER: one PERSON


def test_organisations_and_media(shops, reflect):
    sohr = _by_text(shops, "Syrian Observatory for Human Rights")[0]
    assert sohr["kb_id"] == "sohr" and sohr["type"] == "ngo"
    hadath = _by_text(shops, "Al-Arabiya Al-Hadath")[0]  # NER: WORK_OF_ART
    assert hadath["type"] == "media" and hadath["label"] == "ORG"
    assert _by_text(shops, "official Iranian television")[0]["type"] == "media"
    assert {e["name"] for e in reflect._.entities if e["text"] in ("PMOI", "PMOI/MEK")} == {
        "People's Mojahedin Organization of Iran"}
    assert _by_text(reflect, "IRGC")[0]["type"] == "security_force"


def test_unknown_mentions_kept(reflect):
    summit = _by_text(reflect, "Riyadh Summit")  # not in the KB: kept, typed by NER
    assert summit and summit[0]["kb_id"] is None and summit[0]["label"] == "ORG" and summit[0]["type"] is None
    assert _by_text(reflect, "June 20th, 1994")[0]["label"] == "DATE"


def test_span_extensions(reflect):
    ent = [s for s in reflect.ents if s.text == "Maryam Rajavi"][0]
    assert ent._.kb_id == "maryam-rajavi" and ent._.canonical == "Maryam Rajavi" and ent._.actor_type == "person"


def test_user_kb_overrides(tmp_path, examples_dir):
    from narrascope.loader import load_pipeline

    user = tmp_path / "my-actors.yaml"
    user.write_text("- {id: my-telegram, name: Telegram Messenger, type: media, aliases: [Telegram], provenance: test}\n"
                    "- {id: riyadh-summit-2017, name: Riyadh Summit 2017, type: place, aliases: [Riyadh Summit], provenance: test}\n"
                    "- {id: maryam-rajavi, name: Maryam Rajavi (user), type: person, aliases: [Maryam Rajavi], provenance: test}\n")
    nlp = load_pipeline(components=("narrascope_actors",), kb=(str(user),))
    doc = _analyse(nlp, examples_dir / "isis-attacks-on-iran-regime-reflect.txt")
    assert _by_text(doc, "Telegram")[0]["kb_id"] == "my-telegram"  # overrides the shipped alias
    assert _by_text(doc, "Riyadh Summit")[0]["kb_id"] == "riyadh-summit-2017"
    assert _by_text(doc, "Maryam Rajavi")[0]["name"] == "Maryam Rajavi (user)"


def test_bad_user_kb_fails_at_load(tmp_path):
    from narrascope.errors import KBError
    from narrascope.loader import load_pipeline

    user = tmp_path / "dup.yaml"
    user.write_text("- {id: a, name: A, type: ngo}\n- {id: a, name: B, type: ngo}\n")
    with pytest.raises(KBError, match=r"dup\.yaml, line 2"):
        load_pipeline(components=("narrascope_actors",), kb=(str(user),))

"""The actor KB: lookups, roles at a date, places, bad files, user overrides."""

from __future__ import annotations

import pytest

from narrascope.actors.kb import ACTOR_TYPES, load_kb, read_actors
from narrascope.errors import KBError


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_kb_size_and_types(kb):
    counts = kb.by_type()
    assert len(kb) >= 400
    assert set(counts) <= set(ACTOR_TYPES)
    assert counts["state"] >= 190 and counts["person"] >= 100 and counts["media"] >= 50
    assert all(actor.provenance for actor in kb), "every entry needs a provenance line"


@pytest.mark.parametrize("alias", ["ISIS", "ISIL", "IS", "Islamic State", "Daesh", "Da’esh", "ISIS’s"])
def test_islamic_state_aliases(kb, alias):
    assert kb.lookup(alias).name == "Islamic State"


@pytest.mark.parametrize("alias,name", [
    ("Pasdaran", "Islamic Revolutionary Guard Corps"), ("Revolutionary Guards", "Islamic Revolutionary Guard Corps"),
    ("PMOI", "People's Mojahedin Organization of Iran"), ("People’s Mojahedin", "People's Mojahedin Organization of Iran"),
    ("Ansar Allah", "Houthis"), ("al Qaeda", "al-Qaeda"), ("SOHR", "Syrian Observatory for Human Rights"),
    ("Khamene'i", "Ali Khamenei"), ("khamenei", "Ali Khamenei"), ("Hizbullah", "Hezbollah"),
])
def test_variants(kb, alias, name):
    assert kb.lookup(alias).name == name


def test_fuzzy_transliteration(kb):
    assert kb.lookup("Shah Cheraq").id == "shah-cheragh"  # listed variant
    assert kb.fuzzy("Shah Cheraqh").id == "shah-cheragh"  # unlisted: rapidfuzz
    assert kb.fuzzy("Khameneii").name == "Ali Khamenei"
    assert kb.fuzzy("Completely Unknown Body") is None


def test_holder_at_date(kb):
    assert kb.holder("Supreme Leader of Iran", "2017-06-07").name == "Ali Khamenei"
    assert kb.holder("Supreme Leader of Iran", "1985-01-01").name == "Ruhollah Khomeini"
    assert kb.holder("Supreme Leader of Iran").name == "Ali Khamenei"
    assert kb.holder("President of Iran", "2017-06-07").name == "Hassan Rouhani"
    assert kb.holder("Iran's president", "2022-10-26").name == "Ebrahim Raisi"
    assert kb.holder("President of the United States", "2016-09-12").name == "Barack Obama"
    assert kb.holder("President of Iran", "1950-01-01") is None


def test_media_owner_and_places(kb):
    press_tv = kb.lookup("Press TV")
    assert press_tv.type == "media" and press_tv.country_iso == "IR" and kb.get(press_tv.owner).name.startswith("Islamic Republic")
    shrine = kb.lookup("Shah Cheragh")
    assert shrine.type == "place" and shrine.admin1 == "Fars" and 29 < shrine.lat < 30 and shrine.ner_label == "FAC"
    places = {p.id for p in kb.places()}
    assert {"evin-prison", "al-hol-camp", "ghwayran-prison", "imam-reza-shrine", "Q3616"} <= places


def test_duplicate_id_names_file_and_line(tmp_path):
    bad = tmp_path / "dup.yaml"
    bad.write_text("- {id: x1, name: A, type: ngo, provenance: t}\n- {id: x1, name: B, type: ngo, provenance: t}\n")
    with pytest.raises(KBError, match=r"E023.*dup\.yaml, line 2: duplicate id 'x1'"):
        read_actors([bad])


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("actors:\n- id: x1\n  name: A\n  type: ngo\n  aliases: [unclosed\n- id: x2\n")
    with pytest.raises(KBError, match=r"E021.*broken\.yaml, line \d+: YAML syntax error"):
        load_kb([str(bad)])


def test_unknown_type_and_field(tmp_path):
    bad = tmp_path / "types.yaml"
    bad.write_text("- {id: x1, name: A, type: militia}\n")
    with pytest.raises(KBError, match=r"E025.*types\.yaml, line 1: unknown actor type 'militia'"):
        read_actors([bad])
    bad.write_text("- {id: x1, name: A, type: ngo, colour: red}\n")
    with pytest.raises(KBError, match=r"E024.*line 1.*colour"):
        read_actors([bad])


def test_user_file_overrides_ours(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "actors:\n"
        "- {id: sohr, name: SOHR (my name), type: media, aliases: [Observatory], provenance: mine}\n"
        "- {id: my-group, name: My Brigade, type: armed_group, aliases: [Daesh], provenance: mine}\n")
    kb = load_kb([str(user)])
    assert kb.get("sohr").name == "SOHR (my name)" and kb.get("sohr").type == "media"
    assert kb.lookup("Observatory").id == "sohr"
    assert kb.lookup("Daesh").id == "my-group"     # the user's alias wins
    assert kb.lookup("ISIS").name == "Islamic State"
    assert load_kb().lookup("Daesh").name == "Islamic State"  # the shipped KB is untouched


def test_entries_well_formed(kb):
    import re

    for actor in kb:
        assert actor.qid is None or re.fullmatch(r"Q\d+", actor.qid), actor.id
        assert actor.qid is None or actor.id == actor.qid, actor.id
        if actor.type == "place" and actor.subtype not in ("territory", "region", "sea", "strait"):
            assert actor.lat is not None and actor.lon is not None, actor.id
        for role in actor.roles:
            assert role["start"] is None or role["end"] is None or role["start"] <= role["end"], actor.id


def test_jsonl_user_file(tmp_path):
    user = tmp_path / "mine.jsonl"
    user.write_text('# my actors\n{"id": "x-media", "name": "X Media", "type": "media", "aliases": ["XM"], "provenance": "t"}\n'
                    '{"id": "x-media", "name": broken}\n')
    with pytest.raises(KBError, match=r"E021.*mine\.jsonl, line 3: JSON syntax error"):
        load_kb([str(user)])
    user.write_text('{"id": "x-media", "name": "X Media", "type": "media", "aliases": ["XM"], "provenance": "t"}\n')
    assert load_kb([str(user)]).lookup("XM").id == "x-media"


def test_fuzzy_does_not_overreach(kb):
    from narrascope.actors.linker import FUZZY_CUTOFF

    assert kb.fuzzy("Middle West", cutoff=FUZZY_CUTOFF) is None
    assert kb.fuzzy("Khamenehi", cutoff=FUZZY_CUTOFF).name == "Ali Khamenei"


def test_derived_role_forms(kb):
    assert kb.role_name("the Iranian president") == "President of Iran"
    assert kb.role_name("Israel's prime minister") == "Prime Minister of Israel"
    assert kb.holder("Israeli Prime Minister", "2021-12-01").name == "Naftali Bennett"

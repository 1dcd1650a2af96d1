"""Credit-only names (session 15): what a wire credit calls an agency when that word is no alias
("Fars" is also a province, "MENA" a region, "PTI" a Pakistani party, "DPA" an act)."""

from __future__ import annotations

import pytest

from narrascope.actors.kb import load_kb, read_entries
from narrascope.errors import KBError


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize("credit, actor", [
    ("Fars", "fars-news"), ("MENA", "mena-agency"), ("PTI", "pti-agency"), ("DPA", "dpa"), ("dpa", "dpa"),
    ("Dpa", "dpa"),  # metadata comes title-cased
    ("AP", "Q40469"), ("Yonhap", "yonhap"), ("KCNA", "kcna"),  # plain aliases: the alias lookup
])
def test_credit_resolves(kb, credit, actor):
    assert kb.credit(credit).id == actor


def test_credit_only_names_are_no_aliases(kb):
    for name in ("Fars", "MENA", "PTI", "DPA", "dpa"):
        assert kb.lookup(name) is None and kb.fuzzy(name) is None, name
    assert kb.credit("Nowhere Wire Service") is None
    # the shipped credits all name media actors
    assert {kb.get(a).type for a in kb.credits.values()} == {"media"}


def test_user_file_adds_a_credit(tmp_path):
    user = tmp_path / "wire.yaml"
    user.write_text("actors:\n- {id: my-wire, name: My Wire Service, type: media, aliases: [My Wire], provenance: t}\n"
                    "credits:\n- {credit: MW, actor: my-wire, provenance: t}\n- {credit: Fars, actor: my-wire}\n")
    kb = load_kb([str(user)])
    assert kb.credit("MW").id == "my-wire" and kb.lookup("MW") is None
    assert kb.credit("Fars").id == "my-wire"  # a user's credit wins over ours


@pytest.mark.parametrize("body, message", [
    ("credits:\n- {credit: XYZ}\n", r"E024.*line 2.*needs 'credit' and 'actor'"),
    ("credits:\n- {credit: XYZ, actor: fars-news, colour: red}\n", r"E024.*line 2"),
    ("credits:\n- {credit: XYZ, actor: no-such-actor}\n", r"E024.*line 2: .*unknown actor 'no-such-actor'"),
    ("credit:\n- {credit: XYZ, actor: fars-news}\n", r"E021.*'actors'/'roles'/'credits'"),
])
def test_bad_credit_entries(tmp_path, body, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(body)
    with pytest.raises(KBError, match=message):
        load_kb([str(bad)])


def test_read_entries_returns_credits(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("credits:\n- {credit: XYZ, actor: fars-news, provenance: t}\n")
    actors, roles, credits = read_entries([path])
    assert actors == [] and roles == [] and [(c.credit, c.actor, c.provenance) for c in credits] == [("XYZ", "fars-news", "t")]

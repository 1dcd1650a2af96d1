"""All-caps input -> mixed case, offsets unchanged."""

from narrascope.events.truecase import is_all_caps, truecase


def test_truecase_restores_names_and_keeps_length():
    text = ("THE REGIONAL POLICE CHIEF SAID THAT 12 FARMERS WERE ABDUCTED BY A UNIT OF THE "
            "FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] NEAR SAN SALVADOR ON 14 MARCH.")
    out = truecase(text)
    assert len(out) == len(text)
    assert "farmers were abducted by a unit" in out
    assert "San Salvador" in out and "[FMLN]" in out and "March" in out
    assert out.startswith("The ")
    assert "Farabundo Marti National Liberation Front" in out


def test_is_all_caps():
    assert is_all_caps("GUERRILLAS ATTACKED THE TOWN LAST NIGHT, OFFICIALS SAID.")
    assert not is_all_caps("Guerrillas attacked the town last night, officials said.")
    assert not is_all_caps("OK")

"""All-caps input -> mixed case, offsets unchanged."""

from narrascope.events.truecase import is_all_caps, truecase


def test_truecase_restores_names_and_keeps_length():
    text = ("THE ARCE BATTALION REPORTED THAT 50 PEASANTS WERE KIDNAPPED BY TERRORISTS OF THE "
            "FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] IN SAN SALVADOR ON 30 DECEMBER.")
    out = truecase(text)
    assert len(out) == len(text)
    assert "peasants were kidnapped by terrorists" in out
    assert "San Salvador" in out and "[FMLN]" in out and "December" in out
    assert out.startswith("The ")
    assert "Farabundo Marti National Liberation Front" in out


def test_is_all_caps():
    assert is_all_caps("GUERRILLAS ATTACKED THE TOWN LAST NIGHT, OFFICIALS SAID.")
    assert not is_all_caps("Guerrillas attacked the town last night, officials said.")
    assert not is_all_caps("OK")

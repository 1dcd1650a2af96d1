"""MUC-3/4 reader, the GTT/IterX template metric, and the evaluation gate (data read in place)."""

from __future__ import annotations

import pytest

from narrascope.eval import events as ev_eval
from narrascope.eval import muc


# ---------------------------------------------------------------- metric on synthetic templates

def tmpl(itype, **roles):
    t = {"incident_type": itype}
    for r in muc.ROLES:
        t[r] = [[m] if isinstance(m, str) else list(m) for m in roles.get(r, [])]
    return ev_eval._norm_roles(t)


def test_perfect_and_alternative_mentions():
    gold = [tmpl("attack", PerpOrg=[("Farabundo Marti National Liberation Front", "FMLN")], Victim=["peasants"])]
    pred = [tmpl("attack", PerpOrg=["the FMLN"], Victim=["Peasants"])]
    mapping, counts = ev_eval.align(pred, gold)
    assert mapping == [(0, 0)]
    micro = [sum(c[i] for c in counts.values()) for i in range(4)]
    assert micro == [3, 3, 3, 3]


def test_type_mismatch_scores_nothing_but_counts_denominators():
    gold = [tmpl("bombing", Target=["bridge"])]
    pred = [tmpl("kidnapping", Target=["bridge"])]
    _, counts = ev_eval.align(pred, gold)
    assert counts["Target"] == [0, 1, 0, 1]
    assert counts["incident_type"] == [0, 1, 0, 1]


def test_attack_matches_bombing_slash_attack_gold():
    gold = [tmpl("bombing / attack")]
    _, counts = ev_eval.align([tmpl("attack")], gold)
    assert counts["incident_type"] == [1, 1, 1, 1]


def test_alignment_picks_best_pairing():
    gold = [tmpl("attack", Victim=["mayor"]), tmpl("attack", Victim=["priests"])]
    pred = [tmpl("attack", Victim=["priests"]), tmpl("attack", Victim=["mayor"])]
    mapping, counts = ev_eval.align(pred, gold)
    assert sorted(mapping) == [(0, 1), (1, 0)]
    assert counts["Victim"] == [2, 2, 2, 2]


def test_spurious_and_missing_templates():
    gold = [tmpl("attack", PerpInd=["gunmen"])]
    pred = [tmpl("attack", PerpInd=["gunmen"]), tmpl("arson", Target=["house"])]
    _, counts = ev_eval.align(pred, gold)
    assert counts["incident_type"] == [1, 2, 1, 1]
    assert counts["Target"] == [0, 1, 0, 0]


def test_normalize():
    assert ev_eval.normalize("The \u201cSan Jose\u201d farm.") == "san jose farm"


# ---------------------------------------------------------------- reader on the real files

def test_reader(datasets_dir):
    root = datasets_dir / "muc34"
    if not root.exists():
        pytest.skip("muc34 not present")
    ex = muc.load_split(root, "dev", limit=8)
    assert [e.document.id for e in ex[:2]] == ["DEV-MUC3-0001", "DEV-MUC3-0002"]
    d = ex[0].document
    assert d.date == "1990-01-03" and d.place == "SAN SALVADOR"
    # the body starts after the "[TEXT]" marker, which stays in the header (no corpus words quoted here)
    assert "[TEXT]" in d.header and "[TEXT]" not in d.text and d.text[:1].isalpha() and d.text.isupper()
    t = ex[0].incidents[0]
    assert t["number"] == 1 and not t["optional"]
    org = t["slots"]["PERP: ORGANIZATION ID"][0]
    assert org["values"] == ["FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"]
    num = t["slots"]["HUM TGT: NUMBER"][0]
    assert num["values"] == ["50"] and num["refs"] == ["PEASANTS"]
    assert t["slots"]["PHYS TGT: ID"] is None and t["slots"]["HUM TGT: NAME"] == []
    perp = ex[0].incidents[1]["slots"]["PERP: INDIVIDUAL ID"][0]
    assert perp["optional"] is True and perp["values"] == ["TERRORIST"]
    assert ex[1].incidents == [] and ex[1].templates[0]["empty"]
    assert ex[3].incidents[0]["optional"] is True
    assert muc.parse_date("- 08 JAN 90") == (None, "1990-01-08")
    # a key date with alternatives: one range each (session 16; before, one range from the first
    # alternative's first date to the last one's last date)
    assert muc.date_alternatives("26 FEB 90 / - 26 FEB 90") == [("1990-02-26", "1990-02-26"), (None, "1990-02-26")]
    assert muc.date_alternatives("(- 12 NOV 89) / (- 18 NOV 89)") == [(None, "1989-11-12"), (None, "1989-11-18")]
    assert muc.date_alternatives("30 DEC 89") == [("1989-12-30", "1989-12-30")]
    assert muc.parse_location("EL SALVADOR: APOPA (CITY)") == [("EL SALVADOR", "COUNTRY"), ("APOPA", "CITY")]
    roles = muc.role_entities(ex[3].incidents[0])
    assert ["ARNULFO ROMERO", "MONSIGNOR"] in roles["Victim"]


def test_with_dateline_feeds_the_dateline_as_published(datasets_dir):
    """`with_dateline`: the dateline up to its dash, a space, the body; the corpus's bracketed markers stay out
    and the dateline span the event reader masks (`dateline.dateline_span`) is exactly that prefix."""
    from narrascope.dateline import dateline_span
    from narrascope.events.truecase import truecase

    root = datasets_dir / "muc34"
    if not root.exists():
        pytest.skip("muc34 not present")
    for e in muc.load_split(root, "dev", limit=8):
        d = e.document
        line = d.published_dateline
        assert line.endswith("--") and (d.place or "") in line and "[" not in line
        fed = ev_eval.analysis_text(d, with_dateline=True)
        assert fed == line + " " + d.text and ev_eval.analysis_text(d) == d.text
        assert dateline_span(truecase(fed)) == (0, len(line))


def test_missing_split_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        muc.load_split(tmp_path, "tst3")


# ---------------------------------------------------------------- evaluation gate

GATE_DOCS = 30
# measured on dev docs 1-30 (docs/events.md): 62.6 with the shipped role tagger and incident
# scorer (a training score: both were fit on dev; session 5 second round, with the MUC relevance
# rules MAX_AGE_DAYS / COMBAT_OUT; 61.5 without them), 43.1 with the rules alone (session 5; 55.5 /
# 41.5 before); floors a little below
GATE_FLOOR_MODELS = 56.0
GATE_FLOOR_RULES = 40.0


def test_gate_dev_slice(datasets_dir):
    root = datasets_dir / "muc34"
    if not (root / "dev").exists():
        pytest.skip("muc34/dev not present")
    result = ev_eval.evaluate(str(root), "dev", limit=GATE_DOCS)
    assert result["documents"] == GATE_DOCS
    from narrascope.events import role_tagger

    floor = GATE_FLOOR_MODELS if role_tagger.available() else GATE_FLOOR_RULES
    assert result["template"]["micro"]["f1"] > floor, result["template"]["micro"]


def _record_with_accusation() -> dict:
    return {"type": "bombing", "perpetrators": [{"text": "guerrillas", "kind": "individual", "name": None}],
            "targets": [], "instruments": [],
            "responsibility": [{"claimant": "Shining Path", "status": "accused"},
                               {"claimant": "guerrillas", "status": "reported_as_fact"}]}


def test_claimants_join_perporg_only_when_asked():
    ev = _record_with_accusation()
    (with_claimants,) = ev_eval.to_templates([ev])             # default: as the scorer fit and linking read it
    assert with_claimants["PerpOrg"] == [["Shining Path"]]
    (without,) = ev_eval.to_templates([ev], claimants=False)
    assert without["PerpOrg"] == []
    assert without["PerpInd"] == [["guerrillas"]]
    assert ev_eval.CLAIMANTS_TO_PERPORG is False               # what `evaluate` passes (session 5 choice)


def _dated_record(value: str, precision: str, text: str) -> dict:
    return {"type": "bombing", "perpetrators": [], "targets": [], "instruments": [], "responsibility": [],
            "date": {"value": value, "end": value, "precision": precision, "text": text}}


def test_old_incidents_left_out_only_when_asked():
    old = _dated_record("1982-01-01", "year", "1982")                       # history told in passing
    recent = _dated_record("1989-11-20", "day", "20 November 1989")
    yearless = _dated_record("1988-11-25", "day", "25 November")            # year guessed from the article date
    undated = {**_dated_record("1989-11-20", "day", "x"), "date": None}
    events = [old, recent, yearless, undated]
    assert len(ev_eval.to_templates(events)) == 4                          # default: every record, as before
    kept = ev_eval.to_templates(events, published="1989-11-24", max_age_days=180)
    assert [t["_event"] for t in kept] == [recent, yearless, undated]
    assert len(ev_eval.to_templates(events, published=None, max_age_days=180)) == 4   # no article date: no age
    assert ev_eval._age_days(old, "1989-11-24") == 2884
    assert ev_eval._age_days(yearless, "1989-11-24") is None
    assert ev_eval._age_days(_dated_record("1982-01-01", "year", "1982"), "not a date") is None
    assert ev_eval.MAX_AGE_DAYS == 180                                      # what `evaluate` passes (session 5)


def _targeted(*texts: str) -> dict:
    return {"type": "attack", "perpetrators": [{"text": "guerrillas", "kind": "individual", "name": None}],
            "targets": [{"text": t, "kind": "human"} for t in texts], "instruments": [], "responsibility": []}


def test_combat_between_armed_parties_left_out_only_when_asked():
    combat = _targeted("soldiers", "an army patrol")           # every target an armed party
    mixed = _targeted("soldiers", "peasants")
    civilians = _targeted("Jesuit priests")
    untargeted = _targeted()
    assert ev_eval.combat_only(combat) and ev_eval.combat_only(_targeted("Salvadoran Armed Forces"))
    assert not any(ev_eval.combat_only(e) for e in (mixed, civilians, untargeted, _targeted("the armory")))
    events = [combat, mixed, civilians, untargeted]
    assert len(ev_eval.to_templates(events)) == 4              # default: every record, as before
    kept = ev_eval.to_templates(events, drop_combat=True)
    assert [t["_event"] for t in kept] == [mixed, civilians, untargeted]
    assert ev_eval.COMBAT_OUT is True                          # what `evaluate` passes (session 5)


# ---------------------------------------------------------------- GTT/IterX gold view (session 7)

def _gold(victims, names, **roles):
    g = {"incident_type": "attack", "PerpInd": [], "PerpOrg": [], "Target": [], "Weapon": [], **roles,
         "Victim": victims}
    g["_template"] = {"slots": {"HUM TGT: NAME": [{"values": n, "refs": []} for n in names]}}
    return g


def test_gtt_view_reads_victims_from_names_only_and_drops_absent_mentions():
    text = "GUERRILLAS KILLED A PEASANT ON THE FARM. PRESIDENT MORALES WAS UNHARMED."
    golds = [
        _gold([["PEASANT"]], [], PerpInd=[["GUERRILLAS"], ["ARMED MEN"]]),  # a description only: no Victim
        _gold([["MORALES", "PRESIDENT"]], [["MORALES"]], Target=[["FARM", "SAN JOSE FARM"]]),
        _gold([["PEASANT"]], [], PerpInd=[["GUERRILLAS"]]),  # the first again once "ARMED MEN" is gone
    ]
    out = ev_eval.gtt_view(golds, text)
    assert len(out) == 2
    assert out[0]["Victim"] == [] and out[0]["PerpInd"] == [["GUERRILLAS"]]
    assert out[1]["Victim"] == [["MORALES"]]
    assert out[1]["Target"] == [["FARM"]]  # "SAN JOSE FARM" is not in the text
    assert golds[0]["Victim"] == [["PEASANT"]]  # the raw view is not changed


def test_gtt_view_on_the_keys(datasets_dir):
    root = datasets_dir / "muc34"
    if not (root / "tst1").exists():
        pytest.skip("muc34/tst1 not present")
    examples = muc.load_split(root, "tst1")[:20]
    raw = [g for e in examples for g in ev_eval.gold_templates(e)]
    gtt = [g for e in examples for g in ev_eval.gold_templates(e, "gtt")]
    assert 0 < len(gtt) <= len(raw)
    desc_only = [g for g in raw if g["Victim"] and not g["_template"]["slots"].get("HUM TGT: NAME")]
    assert desc_only  # the keys name many victims by description only
    assert sum(len(g["Victim"]) for g in gtt) < sum(len(g["Victim"]) for g in raw)


def test_unknown_gold_view_is_refused(tmp_path):
    with pytest.raises(ValueError, match="E067"):
        ev_eval.evaluate(str(tmp_path), "tst1", gold_view="names")
    from typer.testing import CliRunner

    from narrascope.cli.app import app

    result = CliRunner().invoke(app, ["eval", "events", "--muc", str(tmp_path), "--gold", "names"])
    assert result.exit_code == 2 and "[E067]" in result.output


def test_named_victims_only_for_the_gtt_view():
    rec = {"type": "attack", "perpetrators": [], "instruments": [], "responsibility": [],
           "targets": [{"text": "peasant", "kind": "human", "name": None},
                       {"text": "Father Mateo Garcia", "kind": "human", "name": None},
                       {"text": "farm", "kind": "physical", "name": None}]}
    assert ev_eval.to_templates([rec])[0]["Victim"] == [["peasant"], ["Father Mateo Garcia"]]
    t = ev_eval.to_templates([rec], named_victims=True)[0]
    assert t["Victim"] == [["Father Mateo Garcia"]] and t["Target"] == [["farm"]]


def test_named_victims_by_person_spans_when_given():
    text = "Policemen said gunmen killed Father Mateo Garcia and a peasant."
    rec = {"type": "attack", "perpetrators": [], "instruments": [], "responsibility": [],
           "targets": [{"text": "Policemen", "start": 0, "end": 9, "kind": "human", "name": None},
                       {"text": "Father Mateo Garcia", "start": 29, "end": 48, "kind": "human", "name": None},
                       {"text": "peasant", "start": 55, "end": 62, "kind": "human", "name": None}]}
    assert all(text[t["start"]:t["end"]] == t["text"] for t in rec["targets"])
    # without spans: a capitalised word is a name, so the sentence-initial "Policemen" passes
    assert ev_eval.to_templates([rec], named_victims=True)[0]["Victim"] == [["Policemen"], ["Father Mateo Garcia"]]
    # with spans: only targets overlapping a PERSON entity ("Mateo Garcia") are Victims
    assert ev_eval.to_templates([rec], named_victims=True, persons=[(36, 48)])[0]["Victim"] == [["Father Mateo Garcia"]]
    assert ev_eval.to_templates([rec], named_victims=True, persons=[])[0]["Victim"] == []
    # the raw view ignores the spans
    assert len(ev_eval.to_templates([rec], persons=[])[0]["Victim"]) == 3


def test_named_victims_on_a_parsed_key_document(datasets_dir):
    root = datasets_dir / "muc34"
    if not (root / "dev").exists():
        pytest.skip("muc34/dev not present")
    ex = muc.load_split(root, "dev")[1045]  # a report of the Jesuit killings (read in place)
    ((doc, events),) = list(ev_eval.analyse_docs([(ex.document.text, ex.document.date)]))
    assert list(ev_eval.analyse([(ex.document.text, ex.document.date)])) == [events]  # linking's API
    persons = ev_eval.person_spans(doc)
    assert persons and all(doc.text[s:e].strip() for s, e in persons)
    by_span = [v[0] for t in ev_eval.to_templates(events, named_victims=True, persons=persons) for v in t["Victim"]]
    by_caps = [v[0] for t in ev_eval.to_templates(events, named_victims=True) for v in t["Victim"]]
    assert any(len(v.split()) >= 2 for v in by_span)  # a victim's full name is kept (no text of the key copied here)
    assert "Women" in by_caps and "Women" not in by_span  # a capital from the sentence start is no name
    assert set(by_span) <= set(by_caps)


def test_slot_date_with_a_gold_date_without_year_is_false_not_none():
    # a key date the reader cannot parse ("11 NOV", no year) against a dated record: a miss, not a crash
    tmpl = {"slots": {"INCIDENT: DATE": [muc.parse_fill("11 NOV", "INCIDENT: DATE")]}}
    pred = {"incident_type": "attack", "_event": {"date": {"value": "1989-11-11", "end": "1989-11-11",
                                                            "precision": "day"},
                                                   "perpetrators": [], "targets": [], "responsibility": []}}
    got = ev_eval.slot_pairs(pred, {"incident_type": "attack", "_template": tmpl})["date"]
    assert got[2] is False


@pytest.mark.parametrize("day,correct", [("1990-02-26", True), ("1990-02-20", True), ("1990-02-27", False)])
def test_slot_date_meets_any_alternative_of_the_key(day, correct):
    # "26 FEB 90 / - 26 FEB 90": that day, or any day on or before it
    tmpl = {"slots": {"INCIDENT: DATE": [muc.parse_fill("26 FEB 90 / - 26 FEB 90", "INCIDENT: DATE")]}}
    pred = {"incident_type": "attack", "_event": {"date": {"value": day, "end": day, "precision": "day"},
                                                   "perpetrators": [], "targets": [], "responsibility": []}}
    assert ev_eval.slot_pairs(pred, {"incident_type": "attack", "_template": tmpl})["date"][2] is correct

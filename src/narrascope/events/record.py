"""An incident with its slots -> the spec `events[]` dict."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from narrascope.events import lexicon, stage
from narrascope.events.doccache import doc_text
from narrascope.events.merge import Incident


def build_record(n: int, b: dict[str, Any], doc: Doc, attributions: list[dict[str, Any]],
            units: list[Span]) -> dict[str, Any]:
    inc: Incident = b["inc"]
    text = doc_text(doc)
    etype = inc.type
    subtype = None
    if etype == "robbery":
        etype, subtype = "other_violence", "robbery"
    elif etype == "air_strike":  # ACLED's event type of air strikes is that of bombings (Explosions/Remote violence)
        etype, subtype = "bombing", "air_strike"
    table = lexicon.event_types().get(subtype or etype) or lexicon.event_types()["other_violence"]
    trig = inc.trigger.token
    gtd = table["gtd"]
    if etype == "attack" and gtd == "Unknown" and b["instruments"]:
        classes = {lexicon.instruments().get(doc[i["start"]:i["end"]].text.lower()) for i in b["instruments"]}
        if "explosive" in classes:
            gtd = "Bombing/Explosion"
    evidence, ev_ids = [], []
    for s in sorted(inc.sents):
        sent = units[s]
        evidence.append({"text": text[sent.start_char:sent.end_char], "start": sent.start_char, "end": sent.end_char})
    for a in attributions:
        c = a.get("content") or {}
        if not c:
            continue
        if any(c.get("start", 0) < e["end"] and c.get("end", 0) > e["start"] for e in evidence):
            ev_ids.append(a.get("id"))
    for r in b["responsibility"]:
        if r.get("attribution_id") and r["attribution_id"] not in ev_ids:
            ev_ids.append(r["attribution_id"])
    date = None
    if inc.date:
        date = {k: inc.date.get(k) for k in ("value", "end", "precision", "text")}
    loc = None
    if inc.location:
        loc = {k: inc.location.get(k) for k in ("name", "admin1", "country", "country_iso", "lat", "lon",
                                                 "precision", "text")}
        if inc.location.get("city"):
            loc["city"] = inc.location["city"]
    rec = {
        "id": f"v{n}",
        "type": etype,
        "acled": {"event_type": table["acled_event_type"], "sub_event_type": table["acled_sub_event_type"]},
        "gtd_attacktype": gtd,
        "trigger": {"text": trig.text, "start": trig.idx, "end": trig.idx + len(trig.text)},
        "date": date,
        "location": loc,
        "perpetrators": b["perpetrators"],
        "targets": b["targets"],
        "instruments": b["instruments"],
        "fatalities": b["fatalities"],
        "injuries": b["injuries"],
        "responsibility": b["responsibility"],
        "evidence": evidence,
        "attribution_ids": [i for i in ev_ids if i],
        # every mention tried, failed or foiled (events.stage; GTD success = 0, MUC-4 ATTEMPTED)
        "stage": stage.record_stage(inc.mentions),
    }
    if subtype:
        rec["subtype"] = subtype
    if b["not_claimed_by"]:
        rec["not_claimed_by"] = b["not_claimed_by"]
    return rec

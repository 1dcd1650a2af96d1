"""Hand-made, spec-valid analysis layers over real spans of the two demo articles.

The web views are tested on the real analysed demo corpus. While the analysis layers are still
being built, layers the pipeline left empty are filled here (each span located in the real text,
so `text[start:end] == span.text`); a layer the pipeline filled is kept as it is. Also: a
hand-made corpus view (clusters, contradictions, actors, sources) in the spec's corpus shape,
and a hostile document for the security tests.
"""

from __future__ import annotations

from typing import Any

from narrascope.spans import span_dict

REFLECT = "Rajavi said"  # in one demo text
SHOPS = "Shah Cheragh"  # in the other


def which(doc: dict[str, Any]) -> str | None:
    text = doc.get("text") or ""
    if REFLECT in text:
        return "reflect"
    if SHOPS in text and "Syrian Observatory" in text:
        return "shops"
    return None


class Text:
    def __init__(self, text: str) -> None:
        self.text = text

    def span(self, phrase: str, after: str | None = None, **extra: Any) -> dict[str, Any]:
        base = self.text.index(after) if after else 0
        start = self.text.index(phrase, base)
        return span_dict(self.text, start, start + len(phrase), **extra)

    def sentence(self, phrase: str) -> dict[str, Any]:
        i = self.text.index(phrase)
        start = max(self.text.rfind(". ", 0, i) + 2, self.text.rfind("\n", 0, i) + 1, 0)
        end = min([j for j in (self.text.find(". ", i), self.text.find("\n", i)) if j >= 0] or [len(self.text)])
        end = end + 1 if self.text[end:end + 1] == "." else end
        return span_dict(self.text, start, end)


def _entity_id(doc: dict[str, Any], span: dict[str, Any]) -> str | None:
    for e in doc.get("entities") or []:
        if e["start"] <= span["start"] and span["end"] <= e["end"]:
            return e["id"]
    return None


def _role(t: Text, doc: dict[str, Any], phrase: str, kind: str, name: str | None = None, after: str | None = None):
    s = t.span(phrase, after)
    return dict(s, entity=_entity_id(doc, s), name=name, kind=kind)


def _count(value: int | None, text: str, low: int | None = None, high: int | None = None) -> dict[str, Any]:
    return {"value": value, "low": low if low is not None else value, "high": high if high is not None else value, "text": text}


def _event(eid: str, etype: str, acled: tuple[str, str], gtd: str | None, trigger: dict, **kw: Any) -> dict[str, Any]:
    ev = {"id": eid, "type": etype, "acled": {"event_type": acled[0], "sub_event_type": acled[1]}, "gtd_attacktype": gtd,
          "trigger": trigger, "date": None, "location": None, "perpetrators": [], "targets": [], "instruments": [],
          "fatalities": None, "injuries": None, "responsibility": [], "evidence": [], "attribution_ids": []}
    ev.update(kw)
    return ev


def _loc(name: str, admin1: str | None, country: str, iso: str, lat: float, lon: float, text: str, precision: str = "city"):
    return {"name": name, "admin1": admin1, "country": country, "country_iso": iso, "lat": lat, "lon": lon,
            "precision": precision, "text": text}


def reflect_layers(doc: dict[str, Any]) -> dict[str, Any]:
    t = Text(doc["text"])
    rajavi = t.span("Rajavi", after="as a victim,”")
    quote_start = t.text.index("“ISIS’s conduct")
    quote_end = t.text.index(",” Rajavi said") + 2
    a1 = {"id": "a1", "kind": "direct", "source": rajavi, "cue": t.span("said", after="as a victim,”"),
          "content": span_dict(t.text, quote_start, quote_end), "source_entity": _entity_id(doc, rajavi),
          "source_type": "named_person", "cue_class": "speech"}
    a2 = {"id": "a2", "kind": "according_to", "source": t.span("state media"), "cue": t.span("according to", after="described this attack"),
          "content": t.span("left 17 killed and dozens of others injured"), "source_entity": None, "source_type": "media"}
    a3 = {"id": "a3", "kind": "indirect", "source": t.span("Reports and evidence"), "cue": t.span("show", after="Reports and evidence"),
          "content": t.span("the presence and crimes committed by ISIS in Iraq and Syria were to the sole benefit of Iran"),
          "source_entity": None, "source_type": "vague", "cue_class": "evidence"}
    khamenei = t.span("Iranian Supreme Leader Ali Khamenei")
    a4 = {"id": "a4", "kind": "mixed", "source": khamenei, "cue": t.span("described", after="Ali Khamenei"),
          "content": t.span("“playing with firecrackers.”"), "source_entity": _entity_id(doc, t.span("Ali Khamenei")),
          "source_type": "named_person"}
    afjo = t.span("Iran’s Armed Forces Judiciary Organization")
    a5 = {"id": "a5", "kind": "indirect", "source": afjo, "cue": t.span("issued a statement"),
          "content": t.span("accusing Saeid Emami, then Iranian deputy minister of intelligence under Ali Fallahian"),
          "source_entity": _entity_id(doc, afjo), "source_type": "document"}
    tehran = _event(
        "v1", "armed_assault", ("Violence against civilians", "Attack"), "Armed Assault",
        t.span("attacks", after="two unexpected"),
        location=_loc("Tehran", "Tehran", "Iran", "IR", 35.6892, 51.389, "Tehran"),
        perpetrators=[_role(t, doc, "ISIS", "organization", "Islamic State", after="two unexpected attacks by")],
        targets=[_role(t, doc, "the parliament", "physical", after="penetrate into")],
        fatalities=_count(17, "17 killed"), injuries=_count(12, "dozens of others injured", 24, 99),
        responsibility=[{"claimant": "Islamic State", "status": "claimed", "announced_by": None, "attributed_by": "author",
                         "attribution_id": None}],
        evidence=[t.sentence("marking the first such attack"), t.sentence("according to state media left 17 killed")],
        attribution_ids=["a2"])
    mashhad = _event(
        "v2", "bombing", ("Explosions/Remote violence", "Remote explosive/landmine/IED"), "Bombing/Explosion",
        t.span("bombing", after="a powerful"),
        date={"value": "1994-06-20", "end": None, "precision": "day", "text": "June 20th, 1994"},
        location=_loc("Mashhad", "Razavi Khorasan", "Iran", "IR", 36.2605, 59.6168, "Mashhad"),
        targets=[_role(t, doc, "pilgrims", "human", after="dozens of"), _role(t, doc, "the Imam Reza Shrine", "physical")],
        fatalities=_count(12, "dozens of pilgrims killed", 24, 99), injuries=_count(100, "hundreds wounded", 200, 999),
        responsibility=[{"claimant": "People’s Mojahedin Organization of Iran", "status": "accused", "announced_by": None,
                         "attributed_by": "The Iranian regime", "attribution_id": None},
                        {"claimant": "Ministry of Intelligence", "status": "accused", "announced_by": None,
                         "attributed_by": "Armed Forces Judiciary Organization", "attribution_id": "a5"}],
        evidence=[t.sentence("a powerful bombing left dozens"), t.sentence("The Iranian regime raised allegations")],
        attribution_ids=["a5"])
    claims = [
        dict(t.span("This could not have been a mere coincidence."), id="c1", asserted_by="author", status="speculative",
             cues=[t.span("could not have been")], checkworthy=0.4),
        dict(t.span("all signs indicate Iran actually welcomed this incident"), id="c2", asserted_by="author", status="hedged",
             cues=[t.span("all signs indicate")], checkworthy=0.7),
        dict(t.span("Maybe he witnessed a potential in this turn of events"), id="c3", asserted_by="author", status="hedged",
             cues=[t.span("Maybe")], checkworthy=0.3),
        dict(t.span("ISIS’s conduct clearly benefits the Iranian regime’s Supreme Leader Khamenei"), id="c4", asserted_by="a1",
             status="reported", cues=[t.span("said", after="as a victim,”")], checkworthy=0.6),
        dict(t.span("Iran, in contrast to other countries of the Middle East, has been the only country where ISIS and al-Qaeda had not conducted a terror attack."),
             id="c5", asserted_by="author", status="asserted", cues=[], checkworthy=0.9),
        dict(t.span("claims made by various MPs who claimed the parliament’s sessions continued despite attackers entering the building"),
             id="c6", asserted_by="author", status="questioned", cues=[t.span("doubting")], checkworthy=0.6),
        dict(t.span("left 17 killed and dozens of others injured"), id="c7", asserted_by="a2", status="reported",
             cues=[t.span("according to", after="described this attack")], checkworthy=0.95),
    ]
    rhetoric = [
        dict(t.span("its godfather in Tehran"), id="r1", technique="name_calling_labeling", score=0.81),
        dict(t.span("the central banker of terrorism"), id="r2", technique="name_calling_labeling", score=0.77),
        dict(t.span("outrageously"), id="r3", technique="loaded_language", score=0.72),
        dict(t.span("Khamenei caliphate"), id="r4", technique="name_calling_labeling", score=0.69),
        dict(t.span("religious fascism"), id="r5", technique="loaded_language", score=0.74),
        dict(t.span("This could not have been a mere coincidence."), id="r6", technique="doubt", score=0.55),
    ]
    profile = {"genre": {"label": "opinion", "score": 0.86},
               "sourcing": {"named_person": 2, "media": 1, "vague": 1, "document": 1, "author_share": 0.57},
               "rhetoric_density": round(6 / len(t.text.split()) * 1000, 2),
               "actors": [{"name": "Islamic State", "mentions": 9, "tone": -0.4}, {"name": "Iran", "mentions": 14, "tone": -0.8}]}
    return {"attributions": [a1, a2, a3, a4, a5], "events": [tehran, mashhad], "claims": claims, "rhetoric": rhetoric,
            "profile": profile}


def shops_layers(doc: dict[str, Any]) -> dict[str, Any]:
    t = Text(doc["text"])
    soh = t.span("The Syrian Observatory for Human Rights")
    a1 = {"id": "a1", "kind": "indirect", "source": soh, "cue": t.span("revealed", after="based in London"),
          "content": t.span("the presence of a hidden and undisclosed alliance between ISIS and Iran"),
          "source_entity": _entity_id(doc, soh), "source_type": "named_organization"}
    a2 = {"id": "a2", "kind": "indirect", "source": t.span("Sources", after="protect it."), "cue": t.span("told", after="protect it."),
          "content": t.span("the relationship between ISIS and the Iranian regime is surrounded by deep suspicions"),
          "source_entity": None, "source_type": "anonymous"}
    tv = t.span("the official Iranian television")
    a3 = {"id": "a3", "kind": "indirect", "source": tv, "cue": t.span("announcing"),
          "content": t.span("ISIS had claimed responsibility for the terrorist attack that targeted the Shah Cheragh shrine"),
          "source_entity": None, "source_type": "media"}
    a4 = {"id": "a4", "kind": "indirect", "source": t.span("The source"), "cue": t.span("pointed out"),
          "content": t.span("both Iran and ISIS used the terrorist incident in an attempt to quell the daily protests taking place in Iran"),
          "source_entity": None, "source_type": "anonymous"}
    a5 = {"id": "a5", "kind": "indirect", "source": t.span("Iranian sources"), "cue": t.span("confirm"),
          "content": t.span("Iranian security agencies and the Revolutionary Guard have prepared comprehensive security plans"),
          "source_entity": None, "source_type": "official_anonymous"}
    a6 = {"id": "a6", "kind": "indirect", "source": t.span("Activists on social media"), "cue": t.span("assert"),
          "content": t.span("new uprisings will take place in Iranian provinces on this occasion"),
          "source_entity": None, "source_type": "vague"}
    shrine = _event(
        "v1", "armed_assault", ("Violence against civilians", "Attack"), "Armed Assault",
        t.span("terrorist attack", after="killing of four people, following a"),
        location=_loc("Shiraz", "Fars", "Iran", "IR", 29.6100, 52.5425, "the city of Shiraz, southern Iran"),
        perpetrators=[_role(t, doc, "An armed individual", "individual")],
        targets=[_role(t, doc, "four people", "human"), _role(t, doc, "the shrine of “Shah Cheragh”", "physical")],
        fatalities=_count(4, "four people"),
        responsibility=[{"claimant": "Islamic State", "status": "claimed", "announced_by": "the official Iranian television",
                         "attributed_by": "Iranian officials", "attribution_id": "a3"}],
        evidence=[t.sentence("Iran witnessed a terrorist incident"), t.sentence("An armed individual attempted")],
        attribution_ids=["a3"])
    prison = _event(
        "v2", "attack", ("Violence against civilians", "Attack"), "Armed Assault", t.span("attack", after="the organization carried out an"),
        date={"value": "2022-09-01", "end": "2022-12-31", "precision": "season", "text": "late 2022"},
        location=_loc("Guiran Prison", "Al-Hasakah", "Syria", "SY", 36.4878, 40.7476, "“Guiran Prison,”", "site"),
        perpetrators=[_role(t, doc, "the organization", "organization", "Islamic State", after="In late 2022,")],
        targets=[_role(t, doc, "six security personnel", "human")], fatalities=_count(6, "six security personnel"),
        evidence=[t.sentence("In late 2022, the organization"), t.sentence("This attack resulted in the killing of six")])
    tehran = _event(
        "v3", "armed_assault", ("Violence against civilians", "Attack"), "Armed Assault",
        t.span("operations", after="including the"),
        date={"value": "2017-01-01", "end": "2017-12-31", "precision": "year", "text": "2017"},
        location=_loc("Tehran", "Tehran", "Iran", "IR", 35.6892, 51.389, "the Iranian parliament"),
        perpetrators=[_role(t, doc, "ISIS", "organization", "Islamic State", after="It should be noted that")],
        targets=[_role(t, doc, "the Iranian parliament", "physical"),
                 _role(t, doc, "the mausoleum of the Islamic Republic’s founder, Khomeini", "physical")],
        responsibility=[{"claimant": "Islamic State", "status": "claimed", "announced_by": None, "attributed_by": "author",
                         "attribution_id": None}],
        evidence=[t.sentence("ISIS had previously claimed responsibility")])
    claims = [
        dict(t.span("the presence of a hidden and undisclosed alliance between ISIS and Iran"), id="c1", asserted_by="a1",
             status="reported", cues=[t.span("revealed", after="based in London")], checkworthy=0.9),
        dict(t.span("There is close cooperation between Hezbollah, the Iranian Revolutionary Guard, and the terrorist organization ISIS on Syrian territory."),
             id="c2", asserted_by="author", status="asserted", cues=[], checkworthy=0.85),
        dict(t.span("the organization did not claim responsibility for it"), id="c3", asserted_by="author", status="asserted",
             cues=[], checkworthy=0.8),
        dict(t.span("ISIS had claimed responsibility for the terrorist attack that targeted the Shah Cheragh shrine"), id="c4",
             asserted_by="a3", status="reported", cues=[t.span("announcing")], checkworthy=0.9),
        dict(t.span("new uprisings will take place in Iranian provinces on this occasion"), id="c5", asserted_by="a6",
             status="speculative", cues=[t.span("will take place")], checkworthy=0.3),
    ]
    rhetoric = [
        dict(t.span("the murderous regime of the Mullahs"), id="r1", technique="name_calling_labeling", score=0.83),
        dict(t.span("surrounded by deep suspicions"), id="r2", technique="doubt", score=0.6),
        dict(t.span("the terrorist organization ISIS"), id="r3", technique="loaded_language", score=0.41),
    ]
    profile = {"genre": {"label": "reporting", "score": 0.58},
               "sourcing": {"named_organization": 1, "media": 1, "anonymous": 2, "official_anonymous": 1, "vague": 1,
                            "author_share": 0.4},
               "rhetoric_density": round(3 / len(t.text.split()) * 1000, 2), "actors": []}
    return {"attributions": [a1, a2, a3, a4, a5, a6], "events": [shrine, prison, tehran], "claims": claims,
            "rhetoric": rhetoric, "profile": profile}


def enrich(doc: dict[str, Any]) -> dict[str, Any]:
    """Fill the layers the pipeline left empty with the hand-made ones (real spans of the text)."""
    kind = which(doc)
    if kind is None:
        return doc
    layers = reflect_layers(doc) if kind == "reflect" else shops_layers(doc)
    out = dict(doc)
    for key, value in layers.items():
        if key == "profile":
            if not (doc.get("profile") or {}).get("genre"):
                out["profile"] = value
        elif not doc.get(key):
            out[key] = value
    if not doc.get("site"):
        out["site"] = "Iran News Update (demo)" if kind == "reflect" else "Al-Hadath (demo)"
    if not doc.get("published"):
        out["published"] = "2017-06-12" if kind == "reflect" else "2023-09-14"
    return out


def corpus_for(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """A corpus view in the spec's shape over the fixture documents (stand-in for narrascope.corpus)."""
    by = {which(d): d for d in docs if which(d)}
    r, s = by.get("reflect"), by.get("shops")
    if not r or not s:
        return {"event_clusters": [], "contradictions": [], "actors": [], "sources": []}

    def ev(doc, words):
        for e in doc["events"]:
            if any(w in (x.get("text") or "") for x in e.get("evidence") or [] for w in words):
                return e
        return doc["events"][0]

    rv, sv = ev(r, ("two unexpected attacks",)), ev(s, ("Iranian parliament",))
    clusters = [{"id": "k1", "events": [[r["id"], rv["id"]], [s["id"], sv["id"]]], "type": "armed_assault",
                 "date": {"value": "2017-06-07", "end": None, "precision": "day", "text": None},
                 "location": {"name": "Tehran", "country": "Iran", "country_iso": "IR"}}]
    contradictions = [{"cluster_id": "k1", "slot": "fatalities", "values": [
        {"doc_id": r["id"], "event_id": rv["id"], "value": (rv.get("fatalities") or {}).get("value"), "asserted_by": "a2"},
        {"doc_id": s["id"], "event_id": sv["id"], "value": (sv.get("fatalities") or {}).get("value"), "asserted_by": "author"}]},
]
    actors = [
        {"id": "Q2429253", "name": "Islamic State", "type": "armed_group", "mentions": {r["id"]: 9, s["id"]: 12},
         "relations": [{"relation": "attacks", "target": "Iran", "evidence": ["two unexpected attacks by ISIS against its godfather in Tehran"]},
                       {"relation": "cooperates_with", "target": "Iran", "evidence": ["a hidden and undisclosed alliance between ISIS and Iran"]}]},
        {"id": "Q794", "name": "Iran", "type": "state", "mentions": {r["id"]: 14, s["id"]: 15}, "relations": []},
        {"id": "ncri", "name": "National Council of Resistance of Iran", "type": "opposition_group", "mentions": {r["id"]: 2},
         "relations": [{"relation": "accuses", "target": "Iran", "evidence": ["warned of Tehran taking advantage of such a development"]}]},
        {"id": "Q57336", "name": "Ali Khamenei", "type": "person", "mentions": {r["id"]: 4}, "relations": []},
    ]
    sources = [{"name": "state media", "type": "media", "claims": [[r["id"], "c7"]], "events": [[r["id"], rv["id"]]]},
               {"name": "Maryam Rajavi", "type": "named_person", "claims": [[r["id"], "c4"]], "events": []}]
    return {"event_clusters": clusters, "contradictions": contradictions, "actors": actors, "sources": sources}


HOSTILE_TITLE = '<script>window.__pwned=1;alert("title")</script>'
HOSTILE_AUTHOR = '"><img src=x onerror="window.__pwned=2;alert(2)">'
HOSTILE_URL = "javascript:window.__pwned=3;alert(3)"
HOSTILE_BODY = (
    "Officials said the blast near the market killed 9 people.\n\n"
    "<script>window.__pwned=4;alert('body')</script> A witness told reporters: \"><img src=x onerror=alert(5)> "
    "and then [click](javascript:alert(6)) <a href=\"javascript:alert(7)\">here</a>.\n\n"
    "'; DROP TABLE documents; -- and \" OR 1=1 -- were also in the text, with </script><svg onload=alert(8)>."
)


def hostile_document(base: dict[str, Any]) -> dict[str, Any]:
    """A document whose metadata, text and layer labels carry script, HTML and SQL payloads."""
    from narrascope.document import content_id

    text = HOSTILE_BODY
    doc = dict(base)
    doc.update(id=content_id(text), text=text, title=HOSTILE_TITLE, author=HOSTILE_AUTHOR, site='<b onmouseover=alert(9)>x</b>',
               published="2024-01-02", input={"format": "html", "url": HOSTILE_URL, "record": None, "path": None},
               removed=[], errors=[{"stage": "clean", "message": "<img src=x onerror=alert(10)>"}])
    t = Text(text)
    img = t.span('"><img src=x onerror=alert(5)>')
    doc["entities"] = [dict(t.span("<script>window.__pwned=4;alert('body')</script>"), id="e1", label='ORG"><script>',
                            kb_id="<script>", name="<img src=x onerror=alert(11)>", type=None)]
    doc["attributions"] = [{"id": "a1", "kind": "direct", "source": t.span("A witness"), "cue": t.span("told"),
                            "content": img, "source_entity": None, "source_type": "anonymous",
                            "cue_class": '"><img src=x onerror=alert(14)>'},
                           # stored before session 13: no `cue_class` (listed under "all" only)
                           {"id": "a2", "kind": "indirect", "source": t.span("Officials"), "cue": t.span("said"),
                            "content": t.span("the blast near the market killed 9 people"), "source_entity": None,
                            "source_type": "official_anonymous"},
                           # a known class over hostile source and content: kept by the `speech` filter
                           {"id": "a3", "kind": "direct", "source": t.span("</script><svg onload=alert(8)>"),
                            "cue": t.span("told"), "content": img, "source_entity": None, "source_type": "anonymous",
                            "cue_class": "speech"}]
    doc["events"] = [_event("v1", "bombing", ("Explosions/Remote violence", "Remote explosive/landmine/IED"), None,
                            t.span("blast"), location=_loc('<script>alert(12)</script>', None, "Iraq", "IQ", 33.3, 44.4, "x"),
                            fatalities=_count(9, "9 people"), evidence=[t.sentence("Officials said")], attribution_ids=["a2"],
                            perpetrators=[dict(t.span("</script><svg onload=alert(8)>"), entity=None, name="<svg onload=alert(13)>",
                                               kind="individual", qualifier=t.span("<img src=x onerror=alert(5)>"))])]
    doc["claims"] = [dict(t.span("'; DROP TABLE documents; --"), id="c1", asserted_by="author", status="asserted",
                          cues=[], checkworthy=0.1,
                          support=[dict(t.span("'; DROP TABLE documents; --"), kind="evidence")], unsupported=False),
                     # support carried from context (session 13): a source the attributions do not
                     # know (shown by its own words) and a wire credit, both hostile text
                     dict(t.span('" OR 1=1 --'), id="c2", asserted_by="author", status="asserted", cues=[], checkworthy=0.1,
                          support=[dict(t.span("</script><svg onload=alert(8)>"), kind="context_attribution",
                                        attribution_id="a404", carried=True, link="topic"),
                                   dict(t.span('"><img src=x onerror=alert(5)>'), kind="dateline", carried=True)],
                          unsupported=True, support_in_claim=False),
                     # session 19: the poll a claim's percentages continue, carried from a sentence before
                     dict(t.span('" OR 1=1 --'), id="c3", asserted_by="author", status="asserted", cues=[], checkworthy=0.1,
                          support=[dict(t.span("'; DROP TABLE documents; --"), kind="evidence", carried=True,
                                        link="continues")],
                          unsupported=False, support_in_claim=False)]
    doc["rhetoric"] = [dict(t.span('" OR 1=1 --'), id="r1", technique="loaded_language", score=0.5)]
    doc["profile"] = {"genre": {"label": "<script>alert(14)</script>", "score": 0.5}, "sourcing": None,
                      "rhetoric_density": None, "actors": [],
                      # session 14: the wire credit shown in the header, text and name hostile
                      "wire_credit": dict(t.span('"><img src=x onerror=alert(5)>'), actor="<script>",
                                          name="<svg onload=alert(16)>", entity=None)}
    return doc

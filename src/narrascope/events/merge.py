"""Mentions -> incidents: one record per real incident.

A mention joins an earlier incident when (in this order):
- it is in a sentence the incident already occupies and the types are compatible;
- it is anaphoric ("the attack", "this incident", "the operation") and the incident is the most
  recent compatible one; a person's possessive ("his kidnapping", "Vasko's murder") is anaphoric for
  an incident that names a victim;
- it names the same place (site or city) as the incident and the dates do not conflict; a named site
  the geocoder places in a city ("the Grand Palm Hotel" in Denver) is the same place as that city.
Distinct places or distinct dates keep incidents apart, and so do two different specific acts
(bombing, kidnapping, arson, robbery: `DISTINCT`) told in different sentences. The incident type is the most specific
of its mentions' types (TYPE_PRIORITY); a bare killing yields to any other violent type.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from narrascope.events.triggers import Mention
from narrascope.events.verbs import verb_in

TYPE_PRIORITY = ["killing_in_custody", "assassination", "air_strike", "bombing", "kidnapping", "arson", "armed_assault",
                 "execution", "crackdown", "riot", "protest", "arrest", "robbery", "attack", "armed_clash"]
VIOLENT = {"attack", "bombing", "armed_assault", "assassination", "arson", "execution", "killing_in_custody",
           "armed_clash", "robbery", "kidnapping", "crackdown"}
PROTESTS = {"protest", "riot"}
# specific types that name different acts: mentions of two of them in different sentences stay apart
# (chosen on MUC dev docs 1001-1300, docs/events.md: 38.0 -> 38.5 with the CRF)
DISTINCT = {"bombing", "kidnapping", "arson", "robbery"}
# an air strike merges as a bombing does (the incidents are those of HEAD before session 15's air-strike type)
MERGES_AS = {"air_strike": "bombing"}
KILL_LEMMAS = {"kill", "killing", "murder", "massacre", "slay"}
ANAPHOR_DETS = {"the", "this", "that", "these", "those", "such"}
# session 17, round 2: "his kidnapping" refers back to an incident that names a victim (`_person_possessive`).
# Only a person's possessive and only for such an incident: any possessive as a determiner ("the Left's
# attacks", "2001's attacks", "yesterday's attack") joined other incidents too. A harness can switch it off.
PERSON_POSSESSIVES = True
PERSON_POSS_PRONOUNS = {"his", "her", "their"}


@dataclass
class Incident:
    mentions: list[Mention] = field(default_factory=list)
    sents: set[int] = field(default_factory=set)   # text unit indices (see events.units)
    date: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    named_victims: set[str] = field(default_factory=set)
    target_heads: set[str] = field(default_factory=set)

    @property
    def type(self) -> str:
        types = [m.type for m in self.mentions if not _is_bare_kill(m)] or [m.type for m in self.mentions]
        return min(types, key=lambda t: TYPE_PRIORITY.index(t) if t in TYPE_PRIORITY else 99)

    @property
    def trigger(self) -> Mention:
        t = self.type
        for m in self.mentions:
            if m.type == t and not m.weak:
                return m
        return self.mentions[0]


def _is_bare_kill(m: Mention) -> bool:
    return m.type == "attack" and verb_in(m.token, KILL_LEMMAS)


def compatible(a: str, b: str, same_sentence: bool) -> bool:
    a, b = MERGES_AS.get(a, a), MERGES_AS.get(b, b)
    if a == b:
        return True
    if a in PROTESTS and b in PROTESTS:
        return True
    if a in VIOLENT and b in VIOLENT:
        if a in DISTINCT and b in DISTINCT and not same_sentence:
            return False  # a bombing and a kidnapping reported in different sentences are two incidents
        if "kidnapping" in (a, b) and not same_sentence:
            return False
        if "armed_clash" in (a, b) and "attack" not in (a, b):
            return False
        if "crackdown" in (a, b):
            return False
        return True
    return False


def anaphoric(m: Mention) -> bool:
    tok = m.token
    if tok.pos_ == "VERB":
        return False
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    return bool(dets & ANAPHOR_DETS)


def _person_possessive(m: Mention, inc: Incident) -> bool:
    """`m` is a noun whose possessor is a person pronoun ("his kidnapping") or the surname of a victim the
    incident names ("Vasko's kidnapping"), and `inc` names a victim."""
    if not PERSON_POSSESSIVES or not inc.named_victims or m.token.pos_ == "VERB":
        return False
    for c in m.token.children:
        if c.dep_ != "poss":
            continue
        if c.lower_ in PERSON_POSS_PRONOUNS:
            return True
        if c.pos_ == "PROPN" and any(g.dep_ == "case" for g in c.children) and c.lower_ in inc.named_victims:
            return True
    return False


def _loc_key(loc: dict[str, Any] | None) -> str | None:
    if not loc or not loc.get("name"):
        return None
    return loc["name"].lower()


def _same_place(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """The same name, or a site and the city `places.best_location` put it in (its `city` key).

    Session 17: before, a site and its city were two places, so "killed 14 people at the Grand Palm
    Hotel in Denver" and a later "shot concertgoers in Denver" opened two records of one incident."""
    ka, kb = _loc_key(a), _loc_key(b)
    if not ka or not kb:
        return False
    return ka == kb or (a.get("city") or "").lower() == kb or (b.get("city") or "").lower() == ka


def _conflict(inc: Incident, date: dict[str, Any] | None, loc: dict[str, Any] | None) -> bool:
    if date and inc.date and date.get("value") and inc.date.get("value"):
        a0, a1 = inc.date["value"], inc.date.get("end") or inc.date["value"]
        b0, b1 = date["value"], date.get("end") or date["value"]
        if a1 < b0 or b1 < a0:
            return True
    ka, kb = _loc_key(inc.location), _loc_key(loc)
    if ka and kb and ka != kb and inc.location.get("lat") is not None and loc.get("lat") is not None:
        ca, cb = inc.location.get("country_iso"), loc.get("country_iso")
        return (ca and cb and ca != cb) or _km(inc.location, loc) > 50
    if ka and kb and ka != kb:
        ca, cb = inc.location.get("country_iso"), loc.get("country_iso")
        if (ca and cb and ca != cb) or (inc.location.get("precision") in ("site", "city")
                                         and loc.get("precision") in ("site", "city")):
            return True
    return False


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def merge(mentions: list[Mention], info: dict[int, dict[str, Any]]) -> list[Incident]:
    """`info[token.i]` holds the mention's own `date` and `location` (or None)."""
    incidents: list[Incident] = []
    for m in sorted(mentions, key=lambda x: x.token.i):
        own = info.get(m.token.i, {})
        date, loc = own.get("date"), own.get("location")
        sent = m.unit
        target = None
        victims = {t.lower() for t in own.get("named_victims", ())}
        if victims:  # a named victim identifies the incident ("the killing of Mahsa Amini")
            for inc in incidents:
                if victims & inc.named_victims and compatible(inc.type, m.type, True):
                    target = inc
                    break
        for inc in reversed(incidents if target is None else []):
            same = sent in inc.sents
            if not compatible(inc.type, m.type, same) and not (same and _is_bare_kill(m)):
                continue
            if _conflict(inc, date, loc):
                if same:
                    continue
                break  # a conflicting date/place: a different incident, not an older one
            if same:
                target = inc
                break
            if victims and inc.named_victims and not (victims & inc.named_victims):
                break
            heads = set(own.get("definite_targets", ()))
            if heads & inc.target_heads and max(inc.sents) >= sent - 2:  # "... storm the shrine"
                target = inc
                break
            if (m.type in PROTESTS and inc.type in PROTESTS) or m.type == inc.type == "crackdown":  # one protest wave per article unless dated apart
                target = inc
                break
            if (anaphoric(m) or _person_possessive(m, inc)) and not (date and date.get("value")) and not loc:
                target = inc
                break
            if loc and _same_place(loc, inc.location) and loc.get("precision") in ("site", "city"):
                target = inc
                break
            if anaphoric(m) or _person_possessive(m, inc) or own.get("bare"):  # nothing new to tell it apart: the same incident
                target = inc
                break
            # only the most recent compatible incident is a candidate for anaphora
            break
        if target is None:
            target = Incident()
            incidents.append(target)
        target.mentions.append(m)
        target.sents.add(sent)
        target.named_victims |= victims
        target.target_heads |= set(own.get("target_heads", ()))
        if date and date.get("value") and not (target.date and target.date.get("value")):
            target.date = date
        elif date and target.date is None:
            target.date = date
        if loc and (target.location is None or _more_specific(loc, target.location)):
            target.location = loc
    return incidents


_RANK = {"site": 0, "city": 1, "admin1": 2, "region": 3, "country": 4, None: 5}


def _more_specific(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _RANK.get(a.get("precision"), 5) < _RANK.get(b.get("precision"), 5)

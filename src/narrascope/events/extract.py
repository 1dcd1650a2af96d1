"""The whole doc -> spec `events[]`: mentions, their slots, incidents, responsibility."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from narrascope.dateline import dateline_span
from narrascope.events import casualties, dates, incident_score, places, roles
from narrascope.events import units as units_mod  # `units` is the text units' name in `_extract`
from narrascope.events.doccache import cached, doc_ents, doc_text, token_table
from narrascope.events.filler_spans import normalize_fillers
from narrascope.events.learned_roles import ATTACK_LIKE, add_learned_roles
from narrascope.events.merge import Incident, anaphoric, merge
from narrascope.events.names import Resolver
from narrascope.events.record import build_record
from narrascope.events.responsibility import find_statements
from narrascope.events.triggers import Mention, find_mentions
from narrascope.events.units import cut_out, doc_citation_lines, in_citation, is_heading, text_units, unit_index

FACILITY_WORDS = {"prison", "shrine", "mausoleum", "mosque", "church", "camp", "embassy", "consulate", "farm",
                  "bridge", "hospital", "university", "airport", "base", "barracks", "station", "hotel",
                  "parliament", "school", "market", "square", "building", "palace", "cathedral", "tower"}
# session 14: a place an attacker forced their way into (`roles.entered`, "assailants were able to
# penetrate into the parliament") is a physical target of the attack its unit reports; a harness can
# switch it off
ENTRY_TARGETS = True
# session 15: the dateline ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --", "TEHRAN (Reuters) -") is no story
# text: no trigger, filler, date or place is read from inside it (`_story_units`, `_clip_to_story`); the
# component setting `dateline_story` (default on), a harness can switch the default off
DATELINE_STORY = True
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{2,60})[\"\u201d]")


# "X-based", "X-backed", "X-led": the place names where a person or group is based or who backs or leads
# it, not where the event happened ("a Virginia-based columnist was killed in Istanbul")
RELATION_PARTICIPLES = frozenset({"based", "born", "headquartered", "backed", "led", "funded", "sponsored",
                                  "allied", "aligned", "linked", "supported", "made", "trained", "bred", "raised"})


def _relation_modifier(ent: Span) -> bool:
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and not doc[ent.end - 1].whitespace_ \
        and doc[ent.end + 1].lower_ in RELATION_PARTICIPLES


ORIGIN_ADVERBS = frozenset({"originally", "formerly"})


def _origin_of_person(ent: Span) -> bool:
    """A place that says where a person comes from: "a man originally from India", "a native of
    Syria". It tells who the person is, not where the incident happened
    (session 16: an attack at a US air base was placed in India, the driver's country of birth).
    Only these explicit origin phrases: a bare "from" is often the victim's town or office (a
    councilman "from" a town, shot in it), the incident's place in MUC's keys; "born in" is also said
    of movements ("the city where the party was born") and was left out for that."""
    root = ent.root
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    word, holder = prep.lower_, prep.head
    if word == "from":  # the adverb heads the phrase or modifies the preposition, as the parser reads it
        return holder.lower_ in ORIGIN_ADVERBS or any(c.dep_ == "advmod" and c.lower_ in ORIGIN_ADVERBS
                                                      for c in prep.children)
    if word == "of":
        return holder.lemma_.lower() == "native" and holder.pos_ in ("NOUN", "ADJ")
    return False


def _place_candidates(sent: Span) -> list[tuple[str, int, int, str]]:
    doc = sent.doc
    out: list[tuple[str, int, int, str]] = []
    for ent in doc_ents(doc):  # = sent.ents, without rebuilding the doc's entity spans
        if ent.start < sent.start or ent.end > sent.end:
            continue
        if ent.label_ in ("GPE", "LOC"):
            if _relation_modifier(ent):  # "a Virginia-based columnist", "Iran-backed militias"
                continue
            if _origin_of_person(ent):  # "a man originally from India"
                continue
            s = ent.start
            # keep "northern Syria" together
            if s > sent.start and doc[s - 1].lower_ in ("northern", "southern", "eastern", "western", "central",
                                                         "northeastern", "northwestern", "southeastern", "southwestern"):
                s -= 1
            out.append((doc[s:ent.end].text, doc[s].idx, ent.end_char, "place"))
        elif ent.label_ == "FAC":
            out.append((ent.text, ent.start_char, ent.end_char, "facility"))
    # named facilities: "Guiran Prison", "the Imam Reza Shrine", "shrine of Shah Cheragh"
    tab = token_table(doc)
    for i in range(sent.start, sent.end):
        if tab.lemma_l[i] in FACILITY_WORDS and tab.pos[i] in ("NOUN", "PROPN"):
            tok = doc[i]
            span = roles.np_span(tok)
            has_name = any(t.pos_ == "PROPN" for t in span if t.i != tok.i) or tok.pos_ == "PROPN"
            of_name = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
            if of_name and not has_name:
                name_span = roles.np_span(of_name[0])
                out.append((name_span.text + " " + tok.text.lower(), name_span.start_char, name_span.end_char, "facility"))
            elif has_name:
                out.append((span.text.strip("\u201c\u201d\" "), span.start_char, span.end_char, "facility"))
    return out


def _countries_named(doc: Doc, skip: range | None = None) -> frozenset[str]:
    """ISO codes of the countries the article names (to resolve ambiguous city names); `skip`: the
    dateline's tokens, whose place is not the story's."""
    out = set()
    for ent in doc_ents(doc):
        if ent.label_ == "GPE" and not (skip and ent.start in skip):
            loc = places.geocode(ent.text, cities=False)
            if loc and loc["precision"] == "country":
                out.add(loc["country_iso"])
    return frozenset(out)


def _clause_head(tok: Token) -> Token:
    node = tok
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            return node
        node = node.head
    return node


def _dates_clause(doc: Doc, start: int, end: int, trigger: Token) -> bool:
    """A date phrase dates a trigger in its own clause, or one inside the trigger's phrase."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    root = span.root
    if trigger.left_edge.i <= root.i <= trigger.right_edge.i and trigger.pos_ != "VERB":
        return True
    return _clause_head(root) == _clause_head(trigger)


def _nearest_incident(i: int, unit: int, incidents: list[Incident],
                      types: set[str] | None = None) -> Incident | None:
    """The incident (of one of `types`, when given) whose mention in `unit` is nearest token `i`: the
    owner of a count's cue, or of the verb by which attackers entered a place."""
    best = None
    for inc in incidents:
        if unit not in inc.sents or (types is not None and inc.type not in types):
            continue
        for m in inc.mentions:
            if m.unit != unit:
                continue
            d = abs(m.token.i - i)
            if best is None or d < best[0]:
                best = (d, inc)
    return best[1] if best else None


def _generic(m) -> bool:
    """'bombings', 'attacks' without determiner or number: talk about a kind of event."""
    tok = m.token
    return tok.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "poss") for c in tok.children)


def _specific(inc: Incident, info: dict[str, Any]) -> bool:
    """An incident must be anchored: a date, a place, a toll, a named role, or a past-tense report."""
    if all(_generic(m) for m in inc.mentions) and not (info["fatalities"] or (inc.date and inc.date.get("value"))
                                                       or info["targets"]):
        return False
    if all(m.weak for m in inc.mentions):
        loc = inc.location or {}
        return bool(info["fatalities"] or info["injuries"] or loc.get("precision") in ("site", "city")
                    or (inc.date and inc.date.get("value")))
    if inc.date and inc.date.get("value") or inc.location or info["fatalities"] or info["injuries"]:
        return True
    if info["perpetrators"] or info["targets"]:
        return True
    return any(m.token.tag_ in ("VBD", "VBN") for m in inc.mentions)


def _needs_anchor(kind: str, ref: Any) -> bool:
    """Whether `dates.resolve` reads the anchor (nearest earlier explicit date) for this kind:
    the whole-text scan for anchors is skipped for every other phrase (same result, less CPU)."""
    return kind in ("later", "anniversary") or (ref is None and kind in ("dm", "md", "part_month"))


def extract(doc: Doc, published: str | None = None, entities: list[dict[str, Any]] | None = None,
            attributions: list[dict[str, Any]] | None = None, role_backend: str = "crf",
            dateline_story: bool | None = None) -> list[dict[str, Any]]:
    """`role_backend`: the learned role tagger, "crf" (default) or "encoder" (opt-in, slower);
    `dateline_story`: read nothing from inside the dateline (`DATELINE_STORY` when None)."""
    with cached(doc):
        return _extract(doc, published, entities or [], attributions or [], role_backend,
                        DATELINE_STORY if dateline_story is None else dateline_story)


def _dateline_tokens(doc: Doc, span: tuple[int, int] | None) -> range | None:
    """The token indices of the dateline's character range (`dateline.dateline_span`), or None."""
    if span is None:
        return None
    toks = doc.char_span(span[0], span[1], alignment_mode="expand")
    return range(toks.start, toks.end) if toks is not None and len(toks) else None


def _story_units(doc: Doc, units: list[Span], mask: range) -> list[Span]:
    """`units` with the dateline's tokens cut out (`units.cut_out`): a unit that holds the dateline keeps
    what is before it (a title glued to it) and after it (the first sentence, read from after the dash),
    unless that part is only white space. The doc is parsed once for every component, so the dateline
    cannot be cut from the text before parsing; every phrase the event reader proposes comes from a
    unit, so this is where it stops being read."""
    text = doc_text(doc)
    return [part for part in cut_out(units, mask) if text[part.start_char:part.end_char].strip()]


def _clip_to_story(built: list[dict[str, Any]], text: str, span: tuple[int, int]) -> None:
    """A filler span that reaches into the dateline (the parse may hang the dateline on the first
    sentence's subject) keeps only its story part; one wholly inside it is dropped."""
    a, b = span
    for bi in built:
        for key in ("perpetrators", "targets", "instruments"):
            kept = []
            for x in bi[key]:
                if x["end"] <= a or x["start"] >= b:
                    kept.append(x)
                    continue
                start, end = (x["start"], a) if x["start"] < a else (b, x["end"])
                piece = text[start:end]
                start, end = start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())
                if end <= start:
                    continue
                if x.get("name") == x["text"]:
                    x["name"] = text[start:end]
                x.update({"text": text[start:end], "start": start, "end": end})
                kept.append(x)
            bi[key] = kept


def _story_positions(rec: dict[str, Any], span: tuple[int, int]) -> dict[str, Any]:
    """`rec` as the incident scorer reads it without the dateline: evidence offsets after it
    moved back by its width (the scorer's position features were fit on bodies without one)."""
    width = span[1] - span[0]
    evidence = [{**e, "start": e["start"] - width if e["start"] >= span[1] else e["start"]}
                for e in rec.get("evidence", [])]
    return {**rec, "evidence": evidence}


def _extract(doc: Doc, published: str | None, entities: list[dict[str, Any]],
             attributions: list[dict[str, Any]], role_backend: str = "crf",
             dateline_story: bool = False) -> list[dict[str, Any]]:
    text = doc_text(doc)
    ref = dates.parse_iso(published)
    resolve = Resolver(doc, entities)

    masked = dateline_span(text) if dateline_story else None
    mask = _dateline_tokens(doc, masked)
    masked = masked if mask is not None else None
    units = text_units(doc)
    if mask is not None:
        units = _story_units(doc, units, mask)
    uidx = unit_index(doc, units)
    headings = {n for n, u in enumerate(units) if is_heading(u)}
    mentions = []
    for m in find_mentions(doc):
        m.unit = uidx[m.token.i]
        if not m.negated and m.unit >= 0 and m.unit not in headings:
            mentions.append(m)
    # explicit dates in text order, for "five years later" anchors; read only when a mention's
    # unit holds a date phrase (a scan of the whole text costs more than the rest of the doc)
    explicit_cache: list[list[tuple[int, Any]]] = []

    def explicit_dates() -> list[tuple[int, Any]]:
        if not explicit_cache:
            found = []
            for kind, s, e, m in dates.find_dates(text):
                if kind in dates.EXPLICIT and not (masked and masked[0] <= s < masked[1]):
                    r = dates.resolve(kind, m, ref)
                    if r["value"]:
                        found.append((s, dates.parse_iso(r["value"])))
            explicit_cache.append(found)
        return explicit_cache[0]

    sent_cache: dict[int, dict[str, Any]] = {}

    def sent_info(u: int) -> dict[str, Any]:
        sent = units[u]
        if u not in sent_cache:
            found = dates.find_dates(text, sent.start_char, sent.end_char)
            if found:  # a date on a citation, caption or credit line dates a report or a photo (units.py)
                cited = doc_citation_lines(doc)
                found = [d for d in found if not in_citation(cited, d[1])]
            sent_cache[u] = {
                "dates": found,
                "places": _place_candidates(sent),
                "counts": casualties.find_counts(sent),
            }
        return sent_cache[u]

    roles_cache: dict[int, dict[str, list[tuple[Token, str]]]] = {}

    def parse_roles(m: Mention) -> dict[str, list[tuple[Token, str]]]:
        """`roles.parse_roles`, read once per trigger (the result is only read, never changed)."""
        if m.token.i not in roles_cache:
            found = roles.parse_roles(m.token, m.type in ATTACK_LIKE)
            if mask is not None:  # the parse may hang the dateline's words on the first sentence's verb
                found = {k: [(t, kind) for t, kind in v if t.i not in mask] for k, v in found.items()}
            roles_cache[m.token.i] = found
        return roles_cache[m.token.i]

    info: dict[int, dict[str, Any]] = {}
    fallback: dict[int, dict[str, Any]] = {}
    doc_countries = _countries_named(doc, mask)
    for m in mentions:
        si = sent_info(m.unit)
        date = None
        if si["dates"]:
            # "the anniversary of the killing of X" dates something else, never X itself
            candidates = [d for d in si["dates"] if not (d[0] == "anniversary" and 0 <= m.token.idx - d[2] <= 60)]
            usable = [d for d in candidates if _dates_clause(doc, d[1], d[2], m.token)]
            if not usable and not anaphoric(m) and len(candidates) == 1:
                # no date in the trigger's clause: the unit's only date, used after merging only
                kind, s, e, match = candidates[0]
                prior = [d for pos, d in explicit_dates() if pos < s] if _needs_anchor(kind, ref) else []
                fb = dates.resolve(kind, match, ref, prior[-1] if prior else None)
                fb["text"] = text[s:e]
                fallback[m.token.i] = fb
            if anaphoric(m):  # "the attack" refers back: only a date inside its own phrase is its date
                lo, hi = m.token.left_edge.idx, m.token.right_edge.idx + len(m.token.right_edge.text)
                usable = [d for d in usable if lo <= d[1] and d[2] <= hi]
        if si["dates"] and usable:
            kind, s, e, match = min(usable, key=lambda d: abs(d[1] - m.token.idx))
            anchor = None
            prior = [d for pos, d in explicit_dates() if pos < s] if _needs_anchor(kind, ref) else []
            if prior:
                anchor = prior[-1]
            if kind == "anniversary":
                anchor = None  # resolved later against the anchored incident
            date = dates.resolve(kind, match, ref, anchor)
            date["text"] = text[s:e]
            date["_start"] = s
        cands = si["places"]
        if anaphoric(m):
            lo, hi = m.token.left_edge.idx, m.token.right_edge.idx + len(m.token.right_edge.text)
            cands = [c for c in cands if lo <= c[1] and c[2] <= hi]
        loc = places.best_location(cands, text, doc_countries) if cands else None
        victims, heads, definite = [], [], []
        r = parse_roles(m)
        for tok, kind in r["target"]:
            ent = roles._entity_at(tok)
            if kind == "human" and ent is not None and ent.label_ == "PERSON":
                victims.append(ent.text.split()[-1])
            if kind == "physical":
                heads.append(tok.lemma_.lower())
                if any(c.lower_ in ("the", "this", "that") for c in tok.children):
                    definite.append(tok.lemma_.lower())
        bare = not (date and date.get("value")) and loc is None and not r["perp"] and not r["target"]
        info[m.token.i] = {"date": date, "location": loc, "named_victims": victims, "target_heads": heads,
                           "definite_targets": definite, "bare": bare}

    incidents = merge(mentions, info)
    for inc in incidents:
        if not (inc.date and inc.date.get("value")):
            for m in inc.mentions:
                if m.token.i in fallback and fallback[m.token.i].get("value"):
                    inc.date = fallback[m.token.i]
                    break

    # roles, casualties per incident
    built: list[dict[str, Any]] = []
    counts_by_inc: dict[int, dict[str, list]] = {id(i): {"fatalities": [], "injuries": []} for i in incidents}
    seen_counts: set[tuple[int, int]] = set()
    for inc in incidents:
        for sent_start in sorted(inc.sents):
            for c in sent_cache.get(sent_start, {}).get("counts", []):
                key = (c["start"], c["end"])
                if key in seen_counts:
                    continue
                owner = _nearest_incident(c["cue_i"], sent_start, incidents)
                if owner is not None:
                    seen_counts.add(key)
                    counts_by_inc[id(owner)][c["kind"]].append(c)

    for inc in incidents:
        perps: list[dict[str, Any]] = []
        targets: list[dict[str, Any]] = []
        seen: set[tuple[int, int]] = set()

        def add_target(tok, kind: str, targets=targets, seen=seen) -> None:
            ent = roles._entity_at(tok)
            span = ent if (ent is not None and ent.label_ == "PERSON") else roles.np_span(tok)
            if (span.start_char, span.end_char) in seen or any(t["text"].lower() == span.text.lower() for t in targets):
                return
            seen.add((span.start_char, span.end_char))
            targets.append(roles.role_dict(doc, span, kind, entities, resolve(tok) if kind == "human" else None))

        for m in inc.mentions:
            r = parse_roles(m)
            for tok, kind in r["perp"]:
                span = roles.np_span(tok, keep_number=True) if kind == "individual" else roles._org_name(tok)
                if (span.start_char, span.end_char) in seen:
                    continue
                name = resolve(tok)
                if name and any(p["name"] == name for p in perps):
                    continue
                seen.add((span.start_char, span.end_char))
                perps.append(roles.role_dict(doc, span, kind, entities, resolve(tok)))
            for tok, kind in r["target"]:
                add_target(tok, kind)
        for sent_start in sorted(inc.sents):
            for tok, kind in roles.harmed(units[sent_start]):
                add_target(tok, kind)
        if ENTRY_TARGETS and inc.type in ATTACK_LIKE:
            for sent_start in sorted(inc.sents):
                for tok, kind, verb in roles.entered(units[sent_start]):
                    if _nearest_incident(verb.i, sent_start, incidents, ATTACK_LIKE) is inc:
                        add_target(tok, kind)
        for p in list(perps):
            if p["kind"] != "individual":
                continue
            tok = doc.char_span(p["start"], p["end"], alignment_mode="expand").root
            for o in roles.org_modifiers(tok):
                span = roles.acronym_pair(roles._org_name(o))
                name = resolve(o)
                if (span.start_char, span.end_char) in seen or (name and any(x["name"] == name for x in perps)):
                    continue
                seen.add((span.start_char, span.end_char))
                perps.append(roles.role_dict(doc, span, "organization", entities, name))
                # the individual span drops the organisation modifier ("ELN guerrillas" -> "guerrillas")
        if not perps:
            for sent_start in sorted(inc.sents):
                for tok, kind in roles.sentence_perpetrators(units[sent_start]):
                    span = roles.np_span(tok, keep_number=True)
                    if (span.start_char, span.end_char) not in seen:
                        seen.add((span.start_char, span.end_char))
                        perps.append(roles.role_dict(doc, span, kind, entities, None))
        instruments = []
        for sent_start in sorted(inc.sents):
            for span in roles.instruments(units[sent_start]):
                if (span.start_char, span.end_char) not in seen:
                    seen.add((span.start_char, span.end_char))
                    instruments.append({"text": span.text, "start": span.start_char, "end": span.end_char})
        # one filler per wording: the same phrase twice, or a perpetrator repeated as a target, adds nothing
        perp_texts = {p["text"].lower() for p in perps}
        targets = [t for t in targets if t["text"].lower() not in perp_texts]
        instruments = [x for i, x in enumerate(instruments)
                       if x["text"].lower() not in {y["text"].lower() for y in instruments[:i]}]
        cs = counts_by_inc[id(inc)]
        built.append({"inc": inc, "perpetrators": perps, "targets": targets, "instruments": instruments,
                      "fatalities": casualties.combine(casualties.own_victims(cs["fatalities"], inc.type, targets)),
                      "injuries": casualties.combine(cs["injuries"])})

    built = [b for b in built if _specific(b["inc"], b)]
    built = _merge_leftovers(built)
    relevance = add_learned_roles(built, doc, entities, resolve, uidx, role_backend, mask)
    normalize_fillers(built, doc)
    if masked is not None:
        _clip_to_story(built, text, masked)
    _resolve_anniversaries(built, doc, text)
    if units_mod.CREDIT_ACTORS and any(b["perpetrators"] for b in built):
        # a photographer, reporter or outlet on a credit, byline or citation line is no perpetrator (session 17;
        # the parse hangs a byline pasted into the first line on the story's verbs: "... by <NAME>, <outlet> ...")
        cited = doc_citation_lines(doc)
        for b in built:
            b["perpetrators"] = [p for p in b["perpetrators"] if not in_citation(cited, p["start"])]
    _attach_responsibility(built, doc, attributions, resolve, uidx)
    records = [build_record(i, b, doc, attributions, units) for i, b in enumerate(built, 1)]
    for rec, b in zip(records, built):
        if b["inc"].type in SCORED_TYPES:
            if masked is None:
                rec["score"] = incident_score.score(rec, len(text))
            else:
                rec["score"] = incident_score.score(_story_positions(rec, masked), len(text) - masked[1] + masked[0])
            if relevance is not None:  # encoder backend: how sure it is the article reports any filler
                rec["relevance"] = round(relevance, 3)
    return records


SCORED_TYPES = {"attack", "bombing", "air_strike", "armed_assault", "assassination", "kidnapping", "arson", "robbery",
                "other_violence"}
LEFTOVER_TYPES = {"attack", "bombing", "air_strike", "armed_assault", "assassination", "kidnapping", "arson", "robbery"}


def _merge_leftovers(built: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An attack-like record with neither date nor place joins the nearest earlier record of the
    same type (or a generic attack): it adds no anchor that would tell two incidents apart."""
    out: list[dict[str, Any]] = []
    for b in built:
        inc = b["inc"]
        host = None
        bare = not (inc.date and inc.date.get("value")) and not inc.location and not inc.named_victims
        if inc.type in LEFTOVER_TYPES:
            for prev in reversed(out):
                pt = prev["inc"].type
                if pt not in LEFTOVER_TYPES:
                    continue
                if bare and (pt == inc.type or "attack" in (pt, inc.type)):
                    host = prev
                    break

        if host is None:
            out.append(b)
            continue
        host["inc"].mentions.extend(inc.mentions)
        host["inc"].sents |= inc.sents
        for key in ("perpetrators", "targets", "instruments"):
            have = {(x["start"], x["end"]) for x in host[key]}
            host[key].extend(x for x in b[key] if (x["start"], x["end"]) not in have)
        for key in ("fatalities", "injuries"):
            if host[key] is None:
                host[key] = b[key]
        if not (host["inc"].date and host["inc"].date.get("value")) and inc.date:
            host["inc"].date = inc.date
        if host["inc"].location is None and inc.location:
            host["inc"].location = inc.location
        host["inc"].named_victims |= inc.named_victims
    return out


def _resolve_anniversaries(built: list[dict[str, Any]], doc: Doc, text: str) -> None:
    """'the first anniversary of the killing of X': date = anchor incident's date + N years."""
    for b in built:
        d = b["inc"].date
        if not d or not d.get("text") or "anniversary" not in d["text"].lower() or d.get("value"):
            continue
        start = d.get("_start", 0)
        for other in built:
            if other is b:
                continue
            if any(0 <= m.token.idx - start <= 80 for m in other["inc"].mentions):
                od = other["inc"].date
                if od and od.get("value"):
                    match = re.search(r"(?:(\w+)\s+)?anniversary", d["text"], re.I)
                    n = dates._ORD.get((match.group(1) or "").lower(), 1) if match else 1
                    value = dates._add_years(dates.parse_iso(od["value"]), n).isoformat()
                    d.update({"value": value, "end": value, "precision": od.get("precision", "day")})


def _attach_responsibility(built: list[dict[str, Any]], doc: Doc, attributions: list[dict[str, Any]],
                           resolve: Resolver, uidx: list[int]) -> None:
    statements = find_statements(doc, attributions, resolve)
    for b in built:
        b["responsibility"] = []
        b["not_claimed_by"] = []
    for st in statements:
        owner = None
        if st["about"] is not None:
            for b in built:
                if any(m.token.i == st["about"].i for m in b["inc"].mentions):
                    owner = b
                    break
        if owner is None:
            same = [b for b in built if uidx[st["token"].i] in b["inc"].sents]
            if same:
                owner = same[0]
            else:
                before = [b for b in built if min(m.token.i for m in b["inc"].mentions) < st["token"].i
                          and b["inc"].type not in ("protest", "riot", "arrest", "crackdown")]
                owner = before[-1] if before else None
        if owner is None:
            continue
        if st["negated"]:
            if st["claimant"] and st["claimant"] not in owner["not_claimed_by"]:
                owner["not_claimed_by"].append(st["claimant"])
            continue
        entry = {k: st[k] for k in ("claimant", "status", "announced_by", "attributed_by", "attribution_id")}
        if entry not in owner["responsibility"]:
            owner["responsibility"].append(entry)
    # perpetrator organisations read from the parse, stated in the article's voice or a source's
    for b in built:
        claimed = {r["claimant"] for r in b["responsibility"]}
        if b["inc"].type in ("protest", "riot", "arrest", "crackdown"):
            continue
        for p in b["perpetrators"]:
            if p["kind"] != "organization" or not p.get("name") or p["name"] in claimed:
                continue
            att = None
            for a in attributions:
                c = a.get("content") or {}
                if c and c.get("start", -1) <= p["start"] and p["end"] <= c.get("end", -1):
                    att = a
            entry = {"claimant": p["name"], "status": "reported_as_fact", "announced_by": None,
                     "attributed_by": ((att.get("source") or {}).get("text") if att else None) or "author",
                     "attribution_id": att.get("id") if att else None}
            if entry not in b["responsibility"]:
                b["responsibility"].append(entry)
                claimed.add(p["name"])

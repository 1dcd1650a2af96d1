"""Evaluate `narrascope_events` on MUC-3/4 (read in place, never copied).

Two tracks:
(a) `template`: the document-level template-filling metric of GTT (Du et al., 2021) and IterX
    (Chen et al., 2023): per document, predicted incidents are aligned to gold templates by the
    alignment that maximises the document's micro F1 (exhaustive search when small, else the
    Hungarian assignment on per-pair precision+recall); a pair counts only when the predicted
    incident type is contained in the gold one; role fillers are compared after normalisation
    (lower case, punctuation and articles removed, spaces squeezed) and a predicted filler is
    correct when it equals any alternative mention of a gold entity; micro P/R/F1 over incident
    type plus the five roles PerpInd, PerpOrg, Target, Victim, Weapon. Gold entities come from
    `muc.role_entities` (all templates, optional ones included).
(b) `slots`: our own analyst track on the same alignment: date (exact day, or inside the gold
    range), location country and city, incident type, perpetrator organisation with confidence,
    fatalities and injuries (numbers from HUM TGT: NUMBER of victims whose effect is DEATH /
    INJURY).

Records whose incident `score` (events/incident_score.py, when its weights are installed) is
below `incident_score.THRESHOLD` are not turned into templates (`evaluate`), nor (encoder role
backend) records whose document `relevance` is below `incident_score.RELEVANCE_THRESHOLD`, nor
(MUC relevance conventions, session 5) records dated more than `MAX_AGE_DAYS` before the article
and records whose targets are all armed combatants (`COMBAT_OUT`, `combat_only`).

Casing: MUC texts are upper case; `narrascope.events.truecase` restores mixed case before the
parse when a text is all caps (`is_all_caps`). This happens in this reader, not in the analysis
code, and the same truecaser serves any all-caps input.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
import string
import time
from typing import Any, Iterable

from narrascope.eval import muc

ROLES = muc.ROLES
MUC_TYPES = {"attack", "bombing", "kidnapping", "arson", "robbery", "forced work stoppage"}
CONFIDENCE = {"claimed": "CLAIMED OR ADMITTED", "reported_as_fact": "REPORTED AS FACT",
              "accused": "SUSPECTED OR ACCUSED", "suspected": "SUSPECTED OR ACCUSED",
              "denied": "POSSIBLE"}
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize(s: str) -> str:
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation) | {"\u201c", "\u201d", "\u2019", "\u2018"})
    s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


# ---------------------------------------------------------------- predictions

def muc_type(event: dict[str, Any]) -> str | None:
    from narrascope.events import lexicon

    etype = event.get("subtype") or event["type"]
    row = lexicon.event_types().get(etype)
    if etype == "armed_clash":
        return None  # combat between armed forces is outside MUC-4's terrorist incidents
    return row["muc"] if row else None


# the template metric (`evaluate`) does not add the organisations a record's `responsibility` says
# claimed, were accused of or are suspected of the attack to its PerpOrg fillers (MUC dev docs
# 1001-1300, session 5: CRF 41.67 vs 41.15 with them, encoder backend 42.95 vs 42.50; dev 1-1000
# 50.08 vs 49.43: most such claimants were not key fillers). `to_templates` adds them unless told
# not to, as before (the incident scorer's fit and the linking evaluation read it that way).
CLAIMANTS_TO_PERPORG = False

# MUC-3/4 keys are about incidents the article reports as news: a record dated more than this many
# days before the article date (history told in passing: "the 1982 kidnapping", "in March 1980") is
# not turned into a template by the template metric (`evaluate`). A day or month named without a
# year ("on 12 November") gets its year from the article date, so its age is not trusted (no age).
# Chosen on MUC dev docs 1001-1300, session 5 second round: CRF 41.60 -> 42.19, encoder backend
# 43.33 -> 44.04 (60 / 90 / 365 days: CRF 42.14 / 42.12 / 42.06); dev 1-1000 (training score)
# 53.21 -> 53.17. The analysis records are unchanged.
MAX_AGE_DAYS = 180
_YEAR_NAMED = re.compile(r"\d{4}|\byears?\b|\bago\b", re.I)


def _age_days(event: dict[str, Any], published: str | None) -> int | None:
    """Days from the record's date to the article date; None when either is missing or unreadable,
    or when the record's day/month phrase names no year."""
    date = event.get("date") or {}
    value = date.get("value")
    if not value or not published:
        return None
    if date.get("precision") in ("day", "month") and not _YEAR_NAMED.search(date.get("text") or ""):
        return None
    try:
        return (datetime.date.fromisoformat(published[:10]) - datetime.date.fromisoformat(value[:10])).days
    except ValueError:
        return None


# Combat between armed parties is not a MUC-3/4 terrorist incident (as `muc_type` leaves out
# `armed_clash` records): the template metric (`evaluate`) leaves out a record all of whose targets
# are named as combatants ("soldiers", "an army patrol", "guerrillas"; `data/events/combatants.tsv`).
# Chosen on MUC dev docs 1001-1300, session 5 second round (with MAX_AGE_DAYS): CRF 42.19 -> 42.77,
# encoder backend 44.04 -> 44.31; dev 1-1000 (training score) 53.17 -> 53.54. The analysis records
# are unchanged.
COMBAT_OUT = True


@functools.lru_cache(maxsize=1)
def _combatant_rx() -> re.Pattern[str]:
    from narrascope.events import lexicon

    words = sorted(lexicon.combatant_words(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def combat_only(event: dict[str, Any]) -> bool:
    """Every target of the record is named as an armed combatant (and it has one)."""
    texts = [t["text"] for t in event.get("targets", [])]
    return bool(texts) and all(_combatant_rx().search(t) for t in texts)


def to_templates(events: list[dict[str, Any]], min_score: float | None = None,
                 min_relevance: float | None = None, claimants: bool = True,
                 published: str | None = None, max_age_days: int | None = None,
                 drop_combat: bool = False, named_victims: bool = False,
                 persons: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """MUC templates from records of MUC incident types; with `min_score`, records whose `score`
    (the incident scorer's, when it ran) is below it are left out (`evaluate` passes
    `incident_score.THRESHOLD`; records without a score are kept); with `min_relevance`, records
    whose `relevance` (the encoder backend's document relevance) is below it are left out
    (`evaluate` passes `incident_score.RELEVANCE_THRESHOLD`; records without one are kept); with
    `claimants`, the organisations the record's `responsibility` names as claiming, accused or
    suspected join its PerpOrg fillers (`evaluate` passes `CLAIMANTS_TO_PERPORG`); with `published`
    and `max_age_days`, records dated more than that many days before `published` are left out
    (`evaluate` passes the article date and `MAX_AGE_DAYS`); with `drop_combat`, records whose
    targets are all combatants (`combat_only`) are left out (`evaluate` passes `COMBAT_OUT`); with
    `named_victims` (the GTT gold view, `gold_templates`; GTT's Victim is HUM TGT: NAME only, so
    "peasant" is no Victim there), a human target is a Victim filler only when it names a person:
    with `persons` (the document's PERSON entity character spans; `evaluate` passes the parse's),
    when its span overlaps one of them (session 7 follow-up: "Policemen", "Salvadoran political
    leader" are descriptions although capitalised); without, when its wording has a capitalised
    word (the MUC texts are truecased)."""
    floor = min_score if min_score is not None else float("-inf")
    rel_floor = min_relevance if min_relevance is not None else float("-inf")
    out = []
    for ev in events:
        itype = muc_type(ev)
        if itype not in MUC_TYPES:
            continue
        if ev.get("score") is not None and ev["score"] < floor:
            continue
        if ev.get("relevance") is not None and ev["relevance"] < rel_floor:
            continue
        if max_age_days is not None and (_age_days(ev, published) or 0) > max_age_days:
            continue
        if drop_combat and combat_only(ev):
            continue
        t: dict[str, Any] = {"incident_type": itype}
        t["PerpInd"] = [[p["text"]] for p in ev["perpetrators"] if p["kind"] == "individual"]
        t["PerpOrg"] = [[p["text"]] for p in ev["perpetrators"] if p["kind"] == "organization"]
        have = {normalize(x[0]) for x in t["PerpOrg"]} | {normalize(p.get("name") or "") for p in ev["perpetrators"]}
        for r in ev.get("responsibility", []) if claimants else []:  # said to be behind it
            c = r.get("claimant")
            if c and normalize(c) not in have and r["status"] != "reported_as_fact":
                t["PerpOrg"].append([c])
                have.add(normalize(c))
        t["Target"] = [[x["text"]] for x in ev["targets"] if x["kind"] == "physical"]
        t["Victim"] = [[x["text"]] for x in ev["targets"] if x["kind"] == "human"
                       and (not named_victims or _names_person(x, persons))]
        t["Weapon"] = [[x["text"]] for x in ev["instruments"]]
        t["_event"] = ev
        out.append(t)
    return out


def _has_name(text: str) -> bool:
    return any(w[:1].isupper() for w in re.findall(r"[^\W\d_][\w'-]*", text))


def _names_person(target: dict[str, Any], persons: list[tuple[int, int]] | None) -> bool:
    if persons is None or "start" not in target:
        return _has_name(target["text"])
    return any(s < target["end"] and target["start"] < e for s, e in persons)


def person_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans of the parse's PERSON entities (`to_templates(persons=...)`)."""
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]


GOLD_VIEWS = ("raw", "gtt")


def check_gold_view(view: str) -> None:
    """Raise ValueError (E067) unless `view` is one of GOLD_VIEWS."""
    if view not in GOLD_VIEWS:
        from narrascope.errors import Errors

        raise ValueError(Errors.E067.format(view=view))


def gold_templates(example: muc.MucExample, view: str = "raw") -> list[dict[str, Any]]:
    """The example's templates as the metric reads them. `view="raw"` (default): `muc.role_entities`
    of every template with an incident type (Victim = HUM TGT: NAME plus DESCRIPTION). `view="gtt"`:
    as GTT's preprocessed keys (xinyadu/gtt `data/muc/scripts/preprocess.py` and `eval.py`, which
    IterX reuses) have them (`gtt_view`)."""
    check_gold_view(view)
    out = []
    for tmpl in example.incidents:
        g = muc.role_entities(tmpl)
        if not g["incident_type"]:
            continue
        raw_type = " / ".join(v.lower() for f in tmpl["slots"].get("INCIDENT: TYPE") or [] for v in f["values"])
        g["incident_type"] = raw_type or g["incident_type"]
        g["_template"] = tmpl
        out.append(g)
    return gtt_view(out, example.document.text) if view == "gtt" else out


def gtt_view(golds: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """GTT's reading of the keys (session 7, docs/history/events.md): Victim is HUM TGT: NAME only (GTT maps
    `hum_tgt_name` alone to Victim; a description such as "PEASANT" is no Victim filler); a mention
    not found in the document text is dropped, and an entity left with none; a template identical
    to an earlier one of the same document is counted once. Like ours, GTT keeps optional templates
    and every STAGE OF EXECUTION (THREATENED included: the stage is never read)."""
    body = " " + normalize(text) + " "
    out: list[dict[str, Any]] = []
    seen: list[tuple] = []
    for g in golds:
        g = dict(g)
        slots = g["_template"]["slots"]
        g["Victim"] = [list(f["values"]) for f in slots.get("HUM TGT: NAME") or [] if f["values"]]
        for r in ROLES:
            ents = [[m for m in ent if normalize(m) and " " + normalize(m) + " " in body] for ent in g[r]]
            g[r] = [e for e in ents if e]
        key = (g["incident_type"], tuple(tuple(tuple(sorted(normalize(m) for m in e)) for e in g[r]) for r in ROLES))
        if key in seen:
            continue
        seen.append(key)
        out.append(g)
    return out


# ---------------------------------------------------------------- template metric

def _norm_roles(t: dict[str, Any]) -> dict[str, Any]:
    out = {"incident_type": t["incident_type"]}
    for r in ROLES:
        ents = []
        for ent in t.get(r, []):
            ms = [normalize(m) for m in ent if normalize(m)]
            if ms and ms not in ents:
                ents.append(ms)
        out[r] = ents
    return out


def _pair_counts(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, list[int]] | None:
    """Per role [p_num, r_num] for a matched pair, or None when the types do not match."""
    if pred["incident_type"] not in gold["incident_type"]:
        return None
    out = {"incident_type": [1, 1]}
    for r in ROLES:
        p = sum(1 for ep in pred[r] if any(all(m in eg for m in ep) for eg in gold[r]))
        rc = sum(1 for eg in gold[r] if any(all(m in eg for m in ep) for ep in pred[r]))
        out[r] = [p, rc]
    return out


def _dens(preds: list[dict], golds: list[dict]) -> dict[str, list[int]]:
    d = {"incident_type": [len(preds), len(golds)]}
    for r in ROLES:
        d[r] = [sum(len(p[r]) for p in preds), sum(len(g[r]) for g in golds)]
    return d


def _f1(pn: float, pd: float, rn: float, rd: float) -> float:
    p = pn / pd if pd else 0.0
    r = rn / rd if rd else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def align(preds: list[dict[str, Any]], golds: list[dict[str, Any]]) -> tuple[list[tuple[int, int]], dict[str, list[int]]]:
    """Best alignment for one document: (pairs, {role: [p_num, p_den, r_num, r_den]})."""
    dens = _dens(preds, golds)
    pair = {(i, j): _pair_counts(p, g) for i, p in enumerate(preds) for j, g in enumerate(golds)}
    pd = sum(v[0] for v in dens.values())
    rd = sum(v[1] for v in dens.values())

    def total(mapping: list[tuple[int, int]]) -> tuple[float, dict[str, list[int]]]:
        nums = {k: [0, 0] for k in dens}
        for i, j in mapping:
            c = pair[(i, j)]
            if c is None:
                continue
            for k, (a, b) in c.items():
                nums[k][0] += a
                nums[k][1] += b
        pn = sum(v[0] for v in nums.values())
        rn = sum(v[1] for v in nums.values())
        return _f1(pn, pd, rn, rd), nums

    best: tuple[float, list[tuple[int, int]], dict[str, list[int]]] | None = None
    k, g = len(preds), len(golds)
    if (g + 1) ** k <= 20000:
        for assign in itertools.product(range(-1, g), repeat=k):
            used = [a for a in assign if a >= 0]
            if len(used) != len(set(used)):
                continue
            mapping = [(i, a) for i, a in enumerate(assign) if a >= 0]
            score, nums = total(mapping)
            if best is None or score > best[0]:
                best = (score, mapping, nums)
    else:
        import numpy as np
        from scipy.optimize import linear_sum_assignment

        w = np.zeros((k, g))
        for (i, j), c in pair.items():
            if c is not None:
                w[i, j] = sum(a for a, _ in c.values()) / max(pd, 1) + sum(b for _, b in c.values()) / max(rd, 1)
        rows, cols = linear_sum_assignment(-w)
        mapping = [(int(i), int(j)) for i, j in zip(rows, cols) if pair[(int(i), int(j))] is not None]
        score, nums = total(mapping)
        best = (score, mapping, nums)
    assert best is not None
    _, mapping, nums = best
    counts = {r: [nums[r][0], dens[r][0], nums[r][1], dens[r][1]] for r in dens}
    return mapping, counts


def prf(c: list[int]) -> dict[str, float]:
    pn, pd, rn, rd = c
    p = pn / pd if pd else 0.0
    r = rn / rd if rd else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * _f1(pn, pd, rn, rd), 2),
            "p_num": pn, "p_den": pd, "r_num": rn, "r_den": rd}


# ---------------------------------------------------------------- slot track

def _gold_counts(tmpl: dict[str, Any], effect: str) -> int | None:
    slots = tmpl["slots"]
    victims_with = set()
    for f in slots.get("HUM TGT: EFFECT OF INCIDENT") or []:
        if any(effect in v for v in f["values"]) and f["refs"]:
            victims_with.update(f["refs"])
    if not victims_with:
        return None
    total, found = 0, False
    for f in slots.get("HUM TGT: NUMBER") or []:
        if f["refs"] and set(f["refs"]) & victims_with:
            v = f["values"][0].split("-")[0].strip()
            if v.isdigit():
                total += int(v)
                found = True
    return total if found else None


def slot_pairs(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, tuple[Any, Any, bool]]:
    """slot -> (predicted, gold, correct) for one aligned pair."""
    ev, tmpl = pred["_event"], gold["_template"]
    s = tmpl["slots"]
    out: dict[str, tuple[Any, Any, bool]] = {}
    gdate = (s.get("INCIDENT: DATE") or [{}])[0].get("values", [None])[0] if s.get("INCIDENT: DATE") else None
    pdate = (ev.get("date") or {}).get("value")
    pend = (ev.get("date") or {}).get("end")
    if pdate and (ev["date"].get("precision") != "day"):
        pdate = None
    # a key with alternatives ("26 FEB 90 / - 26 FEB 90") is met by a day any of them allows
    ok = bool(pdate) and any((g0 and g1 and g0 <= pdate <= g1) or (not g0 and g1 and pdate <= g1)
                             for g0, g1 in (muc.date_alternatives(gdate) if gdate else []))
    out["date"] = (pdate, gdate, bool(ok and pend == pdate))
    gloc = (s.get("INCIDENT: LOCATION") or [{}])[0].get("values", [None]) if s.get("INCIDENT: LOCATION") else []
    parts = [p for v in gloc if v for p in muc.parse_location(v)]
    gcountry = parts[0][0] if parts else None
    gplaces = {normalize(n) for n, kind in parts[1:]}
    loc = ev.get("location") or {}
    pc = loc.get("country")
    out["country"] = (pc, gcountry, bool(pc and gcountry and normalize(pc) == normalize(gcountry)))
    pcity = loc.get("name") if loc.get("precision") in ("city", "site", "admin1") else None
    names = {normalize(x) for x in (pcity, loc.get("city")) if x}
    out["city"] = (pcity, sorted(gplaces) or None, bool(names & gplaces))
    out["type"] = (pred["incident_type"], gold["incident_type"], pred["incident_type"] in gold["incident_type"])
    gorgs = [f for f in s.get("PERP: ORGANIZATION CONFIDENCE") or []]
    resp = [r for r in ev.get("responsibility", []) if r.get("claimant")]
    porg = (resp[0]["claimant"], CONFIDENCE.get(resp[0]["status"])) if resp else None
    gorg = None
    if gorgs:
        gorg = (gorgs[0]["refs"] or [None], gorgs[0]["values"])
    okorg = False
    if porg and gorg:
        names = {normalize(x) for f in gorgs for x in (f["refs"] or [])}
        confs = {v for f in gorgs for v in f["values"]}
        ptexts = {normalize(p["text"]) for p in ev["perpetrators"] if p["kind"] == "organization"} | {normalize(porg[0])}
        okorg = bool(names & ptexts) and porg[1] in confs
    out["perp_org_confidence"] = (porg, gorg, okorg)
    for key, effect in (("fatalities", "DEATH"), ("injuries", "INJURY")):
        pv = (ev.get(key) or {}).get("value")
        gv = _gold_counts(tmpl, effect)
        out[key] = (pv, gv, pv is not None and gv is not None and pv == gv)
    return out


# ---------------------------------------------------------------- runner

_WRAP = re.compile(r"(?<=\S)[ \t]*\n(?![ \t]*\n)(?=[ \t]*\S)")


def unwrap(text: str) -> str:
    """Hard-wrapped lines -> one line per paragraph (same length: each wrap newline becomes a space)."""
    return _WRAP.sub(lambda m: " " * len(m.group(0)), text)

def analyse(texts: Iterable[tuple[str, str | None]], batch_size: int = 16,
            role_backend: str = "crf") -> Iterable[list[dict[str, Any]]]:
    """(text, published) -> events, with the bare spaCy model + our extractor (truecasing all-caps
    text); `role_backend`: the learned role tagger ("crf" or "encoder")."""
    for _, events in analyse_docs(texts, batch_size, role_backend):
        yield events


def analyse_docs(texts: Iterable[tuple[str, str | None]], batch_size: int = 16,
                 role_backend: str = "crf") -> Iterable[tuple[Any, list[dict[str, Any]]]]:
    """As `analyse`, yielding (parsed Doc, events)."""
    from narrascope.events.extract import extract
    from narrascope.events.truecase import is_all_caps, truecase
    from narrascope.loader import load_pipeline

    nlp = load_pipeline(components=())
    items = list(texts)
    prepared = [(unwrap(truecase(t) if is_all_caps(t) else t), pub) for t, pub in items]
    for doc, (_, pub) in zip(nlp.pipe((t for t, _ in prepared), batch_size=batch_size), prepared):
        yield doc, extract(doc, pub, [], [], role_backend)


WITH_DATELINE = False


def analysis_text(document: muc.MucDocument, with_dateline: bool = WITH_DATELINE) -> str:
    """The text the analysis reads: the body, or with `with_dateline` the dateline as published,
    a space and the body (as the wire copy ran: "SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- THE ...")."""
    if with_dateline and document.published_dateline:
        return document.published_dateline + " " + document.text
    return document.text


def evaluate(root: str, split: str, limit: int | None = None, offset: int = 0,
             role_backend: str = "crf", gold_view: str = "raw", with_dateline: bool = WITH_DATELINE) -> dict[str, Any]:
    """Both tracks over a split; `gold_view`: "raw" (default) or "gtt" (`gold_templates`);
    `with_dateline`: the analysis reads the document's dateline as published in front of its body
    (`analysis_text`); the gold's reading of the text (`gtt_view`) stays the body's."""
    check_gold_view(gold_view)
    from narrascope.events.incident_score import RELEVANCE_THRESHOLD, THRESHOLD

    t0 = time.time()
    examples = muc.load_split(root, split)
    examples = examples[offset:offset + limit] if limit is not None else examples[offset:]
    texts = [(analysis_text(e.document, with_dateline), e.document.date) for e in examples]
    tmpl_totals = {k: [0, 0, 0, 0] for k in ["incident_type", *ROLES]}
    slot_totals: dict[str, list[int]] = {}
    n_pred = n_gold = 0
    for ex, (doc, events) in zip(examples, analyse_docs(texts, role_backend=role_backend)):
        preds = to_templates(events, THRESHOLD, RELEVANCE_THRESHOLD, claimants=CLAIMANTS_TO_PERPORG,
                             published=ex.document.date, max_age_days=MAX_AGE_DAYS, drop_combat=COMBAT_OUT,
                             named_victims=gold_view == "gtt", persons=person_spans(doc))
        golds = gold_templates(ex, gold_view)
        n_pred += len(preds)
        n_gold += len(golds)
        np_ = [_norm_roles(p) for p in preds]
        ng = [_norm_roles(g) for g in golds]
        mapping, counts = align(np_, ng)
        for k, c in counts.items():
            for i in range(4):
                tmpl_totals[k][i] += c[i]
        # slot track: [correct, predicted, gold]
        matched_p = {i for i, _ in mapping}
        matched_g = {j for _, j in mapping}
        for i, j in mapping:
            for slot, (pv, gv, ok) in slot_pairs(preds[i], golds[j]).items():
                t = slot_totals.setdefault(slot, [0, 0, 0])
                t[0] += int(ok)
                t[1] += int(pv is not None)
                t[2] += int(gv is not None and gv != [] and gv != ([None], []))
        for i, p in enumerate(preds):
            if i not in matched_p:
                for slot, (pv, _, _) in slot_pairs(p, {"incident_type": "", "_template": {"slots": {}}}).items():
                    slot_totals.setdefault(slot, [0, 0, 0])[1] += int(pv is not None)
        for j, g in enumerate(golds):
            if j not in matched_g:
                dummy = {"incident_type": "", "_event": {"perpetrators": [], "responsibility": []}}
                for slot, (_, gv, _) in slot_pairs(dummy, g).items():
                    slot_totals.setdefault(slot, [0, 0, 0])[2] += int(gv is not None and gv != [])
    micro = [sum(c[i] for c in tmpl_totals.values()) for i in range(4)]
    result = {
        "split": split, "documents": len(examples), "offset": offset, "role_backend": role_backend,
        "gold_view": gold_view,
        "predicted_incidents": n_pred,
        "gold_incidents": n_gold,
        "template": {"micro": prf(micro), **{k: prf(v) for k, v in tmpl_totals.items()}},
        "slots": {k: prf([c, p, c, g]) for k, (c, p, g) in slot_totals.items()},
        "seconds": round(time.time() - t0, 1),
    }
    return result

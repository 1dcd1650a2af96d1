"""Evaluate event linking on MUC-3/4: gold clusters from the answer keys, pairwise and B-cubed.

Gold rule (documented in docs/corpus.md): two incident templates from *different* texts are
the same real-world incident when they have the same INCIDENT: TYPE, the same INCIDENT: DATE
(parsed to a (start, end) pair; "- 08 JAN 90" is (None, 1990-01-08)) and the same INCIDENT:
LOCATION (any `/` alternative, compared as the full normalised hierarchy). Templates without a
date or a location are gold singletons. When one text has several templates with the same key
the key is ambiguous (two incidents the key cannot tell apart): those templates, and the other
texts' templates with that key, are left out of the scores (counted in `excluded`).

The adapter `template_to_event` turns a template into a document-v1 event so that the linker
is measured in isolation from extraction ("gold-key events"). It reads the templates through
`narrascope.eval.muc` (the shared MUC reader).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable

from narrascope.eval import muc

TYPE_MAP = {"attack": "attack", "bombing": "bombing", "kidnapping": "kidnapping", "arson": "arson",
            "robbery": "other_violence", "forced work stoppage": "other_violence"}
CONFIDENCE = {"REPORTED AS FACT": "reported_as_fact", "CLAIMED OR ADMITTED": "claimed",
              "SUSPECTED OR ACCUSED": "accused", "SUSPECTED OR ACCUSED BY AUTHORITIES": "accused",
              "POSSIBLE": "suspected"}


@lru_cache(maxsize=256)
def _country_iso(name: str) -> str | None:
    import pycountry

    try:
        return pycountry.countries.lookup(name.title()).alpha_2
    except LookupError:
        return None


def _first(template: dict[str, Any], slot: str) -> str | None:
    fills = template["slots"].get(slot) or []
    for fill in fills:
        if fill["values"]:
            return fill["values"][0]
    return None


def _location(value: str | None) -> dict[str, Any] | None:
    if not value:
        return None
    parts = muc.parse_location(value.strip("() "))
    if not parts:
        return None
    country = parts[0][0].title() if parts[0][1] == "COUNTRY" else None
    admin1 = next((n.title() for n, kind in parts[1:] if kind == "DEPARTMENT"), None)
    name = parts[-1][0].title() if len(parts) > 1 or country is None else None
    return {"name": name, "admin1": admin1 if admin1 != name else None, "country": country,
            "country_iso": _country_iso(country) if country else None, "lat": None, "lon": None,
            "precision": (parts[-1][1].lower() if name else "country"), "text": value}


def _date(value: str | None) -> dict[str, Any] | None:
    if not value:
        return None
    start, end = muc.parse_date(value)
    if start is None and end is None:
        return None
    if start is not None and start == end:
        return {"value": start, "end": None, "precision": "day", "text": value}
    return {"value": start, "end": end, "precision": "range", "text": value}


def _role(text: str, kind: str) -> dict[str, Any]:
    return {"text": text, "start": None, "end": None, "entity": None, "name": text.title(), "kind": kind}


def _fatalities(template: dict[str, Any]) -> dict[str, Any] | None:
    slots = template["slots"]
    dead = {r for f in slots.get("HUM TGT: EFFECT OF INCIDENT") or [] if "DEATH" in f["values"]
            and "NO" not in f["values"][0] for r in (f["refs"] or [])}
    total = 0
    for fill in slots.get("HUM TGT: NUMBER") or []:
        if fill["refs"] and set(fill["refs"]) & dead and fill["values"][0].isdigit():
            total += int(fill["values"][0])
    return {"value": total, "low": total, "high": total, "text": None} if total else None


def template_to_event(template: dict[str, Any], number: int) -> dict[str, Any] | None:
    """A document-v1 event from one incident template (None for an unknown incident type)."""
    roles = muc.role_entities(template)
    etype = TYPE_MAP.get((roles["incident_type"] or "").strip())
    if etype is None:
        return None
    perps = [_role(ent[0], "organization") for ent in roles["PerpOrg"]]
    perps += [_role(ent[0], "individual") for ent in roles["PerpInd"]]
    targets = [_role(ent[0], "physical") for ent in roles["Target"]]
    targets += [_role(ent[0], "human") for ent in roles["Victim"]]
    responsibility = []
    for fill in template["slots"].get("PERP: ORGANIZATION CONFIDENCE") or []:
        status = CONFIDENCE.get(fill["values"][0].strip("( "))
        if status and fill["refs"]:
            responsibility.append({"claimant": fill["refs"][0].title(), "status": status, "announced_by": None,
                                   "attributed_by": None, "attribution_id": None})
    return {
        "id": f"v{number}", "type": etype, "acled": {"event_type": None, "sub_event_type": None},
        "gtd_attacktype": None, "trigger": None,
        "date": _date(_first(template, "INCIDENT: DATE")),
        "location": _location(_first(template, "INCIDENT: LOCATION")),
        "perpetrators": perps, "targets": targets, "instruments": [],
        "fatalities": _fatalities(template), "injuries": None, "responsibility": responsibility,
        "evidence": [], "attribution_ids": [],
    }


def _victim_keys(template: dict[str, Any]) -> list[tuple]:
    """("named", type, victim name) for each named human target (HUM TGT: NAME)."""
    itype = _first(template, "INCIDENT: TYPE")
    return [("named", itype, " ".join(v.split())) for fill in template["slots"].get("HUM TGT: NAME") or []
            for v in fill["values"] if itype and len(v.split()) >= 2]


def _gold_keys(template: dict[str, Any]) -> list[tuple]:
    itype = _first(template, "INCIDENT: TYPE")
    date = _first(template, "INCIDENT: DATE")
    if not itype or not date:
        return []
    parsed = muc.parse_date(date)
    if parsed == (None, None):
        return []
    out = []
    for fill in template["slots"].get("INCIDENT: LOCATION") or []:
        for alt in fill["values"]:
            path = tuple(" ".join(n.split()) for n, _k in muc.parse_location(alt.strip("() ")))
            if path:
                out.append((itype, parsed, path))
    return out


def gold_documents(examples: Iterable[muc.MucExample], rule: str = "strict") -> tuple[list[dict[str, Any]], dict[tuple[str, str], int], set]:
    """Documents of gold-key events, the gold cluster of every event, and the excluded events."""
    docs, keys_of = [], {}
    for ex in examples:
        events = []
        for template in ex.incidents:
            event = template_to_event(template, len(events) + 1)
            if event is None:
                continue
            event["_template"] = id(template)  # private: lets predicted events find their gold cluster
            events.append(event)
            keys = _gold_keys(template)
            if rule == "named":
                keys += _victim_keys(template)
            keys_of[(ex.document.id, event["id"])] = keys
        docs.append({"id": ex.document.id, "text": ex.document.text, "events": events})
    by_key: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for ev, keys in keys_of.items():
        for k in set(keys):
            by_key[k].append(ev)
    excluded: set[tuple[str, str]] = set()
    for members in by_key.values():
        per_doc = defaultdict(int)
        for doc_id, _e in members:
            per_doc[doc_id] += 1
        if any(n > 1 for n in per_doc.values()) and len(per_doc) > 1:
            excluded.update(members)
    parent = {ev: ev for ev in keys_of}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for members in by_key.values():
        members = [m for m in members if m not in excluded]
        for a, b in zip(members, members[1:]):
            if a[0] != b[0]:
                parent[find(a)] = find(b)
    roots: dict[tuple[str, str], int] = {}
    gold = {ev: roots.setdefault(find(ev), len(roots)) for ev in keys_of if ev not in excluded}
    return docs, gold, excluded


def scores(gold: dict[Any, Any], pred: dict[Any, Any]) -> dict[str, float]:
    """Pairwise and B-cubed precision/recall/F1 over the items in `gold`."""
    items = list(gold)
    g_sets, p_sets = defaultdict(set), defaultdict(set)
    for it in items:
        g_sets[gold[it]].add(it)
        p_sets[pred[it]].add(it)
    bp = sum(len(g_sets[gold[i]] & p_sets[pred[i]]) / len(p_sets[pred[i]]) for i in items) / max(1, len(items))
    br = sum(len(g_sets[gold[i]] & p_sets[pred[i]]) / len(g_sets[gold[i]]) for i in items) / max(1, len(items))

    def pairs(sets):
        return {tuple(sorted(p)) for s in sets.values() for p in itertools.combinations(sorted(s), 2)}
    gp, pp = pairs(g_sets), pairs(p_sets)
    tp = len(gp & pp)
    pw_p = tp / len(pp) if pp else 1.0
    pw_r = tp / len(gp) if gp else 1.0

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0
    return {"bcubed_p": bp, "bcubed_r": br, "bcubed_f1": f1(bp, br),
            "pairwise_p": pw_p, "pairwise_r": pw_r, "pairwise_f1": f1(pw_p, pw_r),
            "gold_pairs": len(gp), "pred_pairs": len(pp), "true_pairs": tp}


def evaluate_gold_events(root: str, split: str, limit: int | None = None, rule: str = "strict",
                         threshold: float | None = None) -> dict[str, Any]:
    """Link the gold-key events of a split and score the clusters against the gold rule."""
    from narrascope.corpus.linking import link_documents

    examples = muc.load_split(root, split, limit=limit)
    docs, gold, excluded = gold_documents(examples, rule)
    linker = link_documents(docs) if threshold is None else link_documents(docs, threshold)
    assigned = linker.assignments()
    pred = {ev: assigned[ev] for ev in gold}
    result = scores(gold, pred)
    multi = defaultdict(int)
    for c in gold.values():
        multi[c] += 1
    result.update({"split": split, "gold_rule": rule, "documents": len(docs), "events": len(gold), "excluded": len(excluded),
                   "gold_clusters": len(set(gold.values())),
                   "gold_multi_clusters": sum(1 for n in multi.values() if n > 1),
                   "pred_clusters": len(set(pred.values()))})
    return result


def evaluate_predicted(root: str, split: str, limit: int | None = None, rule: str = "strict") -> dict[str, Any]:
    """Link the events the events component predicts on the MUC texts.

    Each predicted event is aligned to a gold template of its text with the events evaluation's
    template alignment (`narrascope.eval.events.align`); aligned events are scored against the
    gold cluster of their template, and predicted events with no gold counterpart are counted
    (`unaligned`), not scored: this measures linking on extracted events, not extraction.
    """
    from narrascope.corpus.linking import link_documents
    from narrascope.eval import events as ev_eval

    examples = muc.load_split(root, split, limit=limit)
    gold_docs, gold, _excluded = gold_documents(examples, rule)
    cluster_of_template = {e["_template"]: gold[(d["id"], e["id"])] for d in gold_docs for e in d["events"]
                           if (d["id"], e["id"]) in gold}
    docs, truth, unaligned = [], {}, 0
    texts = [(ex.document.text, ex.document.date) for ex in examples]
    for ex, events in zip(examples, ev_eval.analyse(texts)):
        preds = ev_eval.to_templates(events)
        golds = ev_eval.gold_templates(ex)
        mapping, _counts = ev_eval.align([ev_eval._norm_roles(p) for p in preds],
                                         [ev_eval._norm_roles(g) for g in golds])
        matched = dict(mapping)
        kept = []
        for i, tmpl in enumerate(preds):
            event = tmpl["_event"]
            kept.append(event)
            j = matched.get(i)
            cid = cluster_of_template.get(id(golds[j]["_template"])) if j is not None else None
            if cid is None:
                unaligned += 1
            else:
                truth[(ex.document.id, event["id"])] = cid
        docs.append({"id": ex.document.id, "text": ex.document.text, "events": kept})
    linker = link_documents(docs)
    assigned = linker.assignments()
    result = scores(truth, {k: assigned[k] for k in truth})
    result.update({"split": split, "gold_rule": rule, "documents": len(docs), "events": len(truth),
                   "unaligned": unaligned, "predicted_events": sum(len(d["events"]) for d in docs),
                   "gold_events": len(gold)})
    return result

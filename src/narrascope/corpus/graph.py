"""The actor graph: canonical actors across documents and the relations the corpus asserts.

Actors are the documents' entities of an actor type (state, armed group, person, ...; places
are not actors), merged across documents by knowledge-base id, else by canonical name.
Relations, each with its evidence spans and the sources that assert it:

- `attacks`: an event's perpetrator organisation -> its targets that are actors;
- `claims_responsibility_for`: a group said to have claimed an event -> the event's cluster;
- `accuses`: who attributes an event to a group (`responsibility.attributed_by` with status
  `accused`/`suspected`) -> that group; and sentence cues ("raised allegations against");
- `cooperates_with`, `condemns`: sentence cues (`data/corpus/relation_cues.tsv`); a
  condemnation with no actor after the cue targets the event the sentence reports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable

from narrascope.actors.kinds import can_act
from narrascope.corpus.assertion import asserted_by, asserted_label, speaker_at
from narrascope.corpus.features import norm_name
from narrascope.corpus.relation_cues import Mention, find_relations

EVENT_TARGETS = {"claims_responsibility_for"}
RELATIONS = ("accuses", "attacks", "cooperates_with", "claims_responsibility_for", "condemns")


def actor_key(entity: dict[str, Any]) -> str | None:
    if entity.get("kb_id"):
        return str(entity["kb_id"])
    name = norm_name(entity.get("name") or entity.get("text"))
    return f"name:{name}" if name else None


def is_actor(entity: dict[str, Any]) -> bool:
    # a NORP ("Iranian", "Sunni") is an actor here only through the KB (actors/kinds.py)
    return can_act(entity, norp=False)


class ActorGraph:
    def __init__(self) -> None:
        self.actors: dict[str, dict[str, Any]] = {}
        self.names: dict[str, str] = {}  # normalised name -> actor key
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    # actors -------------------------------------------------------------------------------
    def _actor(self, key: str, name: str, etype: str | None, kb_id: str | None) -> dict[str, Any]:
        actor = self.actors.get(key)
        if actor is None:
            actor = self.actors[key] = {"id": key, "name": name, "type": etype, "kb_id": kb_id,
                                        "mentions": Counter()}
        elif actor["type"] is None and etype:
            actor["type"] = etype
        return actor

    def actor_for_name(self, name: str | None, doc_keys: dict[str, str] | None = None,
                       create: bool = True) -> str | None:
        """An actor key for a role filler or claimant string (`ISIS` -> the Islamic State's key);
        with `create=False` only a known actor."""
        n = norm_name(name)
        if not n:
            return None
        if doc_keys and n in doc_keys:
            return doc_keys[n]
        if n in self.names:
            return self.names[n]
        if not create:
            return None
        key = f"name:{n}"
        self._actor(key, name, None, None)
        self.names[n] = key
        return key

    # relations ----------------------------------------------------------------------------
    def relate(self, relation: str, source: str, target: str, target_kind: str, doc: dict[str, Any],
               start: int | None, end: int | None, asserted: dict[str, Any], symmetric: bool = False) -> None:
        if source == target:
            return
        if symmetric and target_kind == "actor" and target < source:
            source, target = target, source
        edge = self.edges.setdefault((relation, source, target), {
            "relation": relation, "source": source, "target": target, "target_kind": target_kind,
            "symmetric": symmetric, "evidence": [], "asserted_by": []})
        text = doc.get("text") or ""
        if start is not None and end is not None and 0 <= start < end <= len(text):
            ev = {"doc_id": doc["id"], "text": text[start:end], "start": start, "end": end}
            if ev not in edge["evidence"]:
                edge["evidence"].append(ev)
        who = {"doc_id": doc["id"], "source": asserted_label(asserted), "site": doc.get("site")}
        if who not in edge["asserted_by"]:
            edge["asserted_by"].append(who)

    def add_document(self, doc: dict[str, Any], cluster_of: dict[tuple[str, str], str]) -> None:
        doc_keys: dict[str, str] = {}
        by_id: dict[str, str] = {}
        mentions: list[Mention] = []
        for ent in doc.get("entities") or []:
            if not is_actor(ent):
                continue
            key = actor_key(ent)
            if key is None:
                continue
            actor = self._actor(key, ent.get("name") or ent.get("text"), ent.get("type"), ent.get("kb_id"))
            actor["mentions"][doc["id"]] += 1
            by_id[ent["id"]] = key
            for label in (ent.get("name"), ent.get("text")):
                if norm_name(label):
                    doc_keys[norm_name(label)] = key
                    self.names.setdefault(norm_name(label), key)
            if ent.get("start") is not None and ent.get("end") is not None:
                mentions.append(Mention(ent["start"], ent["end"], key))
        events = doc.get("events") or []
        for event in events:
            self._event_relations(doc, event, doc_keys, by_id, cluster_of.get((doc["id"], event["id"])))
        for rel in find_relations(doc.get("text") or "", mentions):
            target, kind = rel["target"], "actor"
            if rel["relation"] in EVENT_TARGETS:  # one claims responsibility for an event, not a country
                target = None
            if target is None:
                cid = self._event_in(doc, events, rel["start"], rel["end"], cluster_of)
                if cid is None or rel["relation"] not in ("condemns", "accuses", "claims_responsibility_for"):
                    continue
                target, kind = cid, "event"
            self.relate(rel["relation"], rel["source"], target, kind, doc, rel["start"], rel["end"],
                        speaker_at(doc, rel["cue_start"]), rel["symmetric"])

    @staticmethod
    def _event_in(doc: dict[str, Any], events: list[dict[str, Any]], start: int, end: int,
                  cluster_of: dict[tuple[str, str], str]) -> str | None:
        """The cluster of the event a sentence speaks of: one whose evidence overlaps it, else the
        last event reported before it."""
        best = None
        for event in events:
            spans = list(event.get("evidence") or []) + ([event["trigger"]] if event.get("trigger") else [])
            if any(s.get("start") is not None and s["start"] < end and s["end"] > start for s in spans):
                return cluster_of.get((doc["id"], event["id"]))
            trig = event.get("trigger") or {}
            if trig.get("start") is not None and trig["start"] < start:
                best = event
        return cluster_of.get((doc["id"], best["id"])) if best else None

    def _event_relations(self, doc: dict[str, Any], event: dict[str, Any], doc_keys: dict[str, str],
                         by_id: dict[str, str], cluster_id: str | None) -> None:
        ev_span = (event.get("evidence") or [None])[0] or event.get("trigger") or {}
        start, end = ev_span.get("start"), ev_span.get("end")

        def role_actor(role: dict[str, Any]) -> str | None:
            # role fillers are actors only when they resolve to one ("gunmen", "protesters" are not)
            if role.get("entity") in by_id:
                return by_id[role["entity"]]
            return (self.actor_for_name(role.get("name"), doc_keys, create=False)
                    or self.actor_for_name(role.get("text"), doc_keys, create=False))
        perps = [a for p in event.get("perpetrators") or [] if p.get("kind") == "organization"
                 for a in [role_actor(p)] if a]
        targets = [a for t in event.get("targets") or [] for a in [role_actor(t)] if a]
        source = asserted_by(doc, event)
        for p in perps:
            for t in targets:
                self.relate("attacks", p, t, "actor", doc, start, end, source)
        for r in event.get("responsibility") or []:
            claimant = self.actor_for_name(r.get("claimant"), doc_keys)
            if claimant is None:
                continue
            who = asserted_by(doc, event, None, r.get("attribution_id"))
            if r.get("status") == "claimed" and cluster_id:
                self.relate("claims_responsibility_for", claimant, cluster_id, "event", doc, start, end, who)
            elif r.get("status") in ("accused", "suspected") and r.get("attributed_by"):
                accuser = self.actor_for_name(r["attributed_by"], doc_keys, create=False)
                if accuser:
                    self.relate("accuses", accuser, claimant, "actor", doc, start, end, who)

    # output -------------------------------------------------------------------------------
    def to_list(self) -> list[dict[str, Any]]:
        """Actors in the corpus object's shape: each with mentions per document and its relations."""
        outgoing: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for edge in self.edges.values():
            outgoing[edge["source"]].append({k: v for k, v in edge.items() if k != "source"})
        used = {e["source"] for e in self.edges.values()} | {e["target"] for e in self.edges.values()}
        out = []
        for key, actor in sorted(self.actors.items()):
            if not actor["mentions"] and key not in used:
                continue
            out.append({"id": key, "name": actor["name"], "type": actor["type"], "kb_id": actor["kb_id"],
                        "mentions": dict(actor["mentions"]), "relations": outgoing.get(key, [])})
        return out


def build_graph(documents: Iterable[dict[str, Any]], cluster_of: dict[tuple[str, str], str]) -> ActorGraph:
    graph = ActorGraph()
    for doc in documents:
        graph.add_document(doc, cluster_of)
    return graph

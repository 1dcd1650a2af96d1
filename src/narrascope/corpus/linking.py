"""Event linking: reports of the same real-world incident in different documents, one cluster.

The linker is incremental and greedy. Each new event is compared with the indexed events that
share a block with it (`blocking.BlockIndex`), scored pairwise (`scoring.pair_score`), and
joins the cluster of its best-scoring partner when

- the score reaches the threshold,
- the cluster holds no other event of the same document (a document reports an incident once;
  its events are distinct incidents), and
- the event agrees with the cluster as a whole: its date overlaps the intersection of the
  members' dates and its place nests with the cluster's most specific place, so a vague report
  ("in 2017, in Iran") cannot chain two precise but different incidents together.

Otherwise it starts a new cluster. Adding documents later links only their events; existing
clusters grow but are never recomputed (`Linker.load` resumes from stored state).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from narrascope.corpus.blocking import MAX_CANDIDATES, BlockIndex
from narrascope.corpus.features import EventKey, from_event, place_path
from narrascope.corpus.scoring import LINK_THRESHOLD, RARE_ACTOR, compatible, date_score, pair_score, place_score, type_score

# a more specific type names the cluster when members disagree ("bombing" over "attack")
COHESION_SAMPLE = 50
_GENERIC = {"other_violence": 0, "attack": 1}


@dataclass
class Cluster:
    id: str
    members: list[int] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    interval: tuple[int, int] | None = None
    place: tuple[str, ...] = ()
    has_country: bool = False
    location: dict[str, Any] | None = None
    types: Counter = field(default_factory=Counter)

    @property
    def type(self) -> str:
        if not self.types:
            return "other_violence"
        return max(self.types, key=lambda t: (_GENERIC.get(t, 2), self.types[t], t))

    def date(self) -> dict[str, Any] | None:
        if self.interval is None:
            return None
        first, last = (dt.date.fromordinal(o) for o in self.interval)
        lo, hi = first.isoformat(), last.isoformat()
        return {"value": lo, "end": hi if hi != lo else None, "precision": interval_precision(first, last),
                "text": None}

    def summary(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "date": self.date(), "location": self.location}


def interval_precision(first: dt.date, last: dt.date) -> str:
    """The spec's precision of a cluster's date interval: `day`, a whole calendar `month` or
    `year`, else `range` ("late 2022", Sep 1 - Dec 31, is a range, not a year)."""
    if first == last:
        return "day"
    nxt = last + dt.timedelta(days=1)
    if first.day == 1 and nxt.day == 1:
        if (first.year, first.month) == (last.year, last.month):
            return "month"
        if first.month == 1 and nxt.month == 1 and first.year == last.year:
            return "year"
    return "range"


def _merge_interval(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None:
        return b
    if b is None:
        return a
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if lo > hi:  # within the one-day tolerance: keep the narrower
        return a if a[1] - a[0] <= b[1] - b[0] else b
    return lo, hi


class Linker:
    def __init__(self, threshold: float = LINK_THRESHOLD, max_candidates: int = MAX_CANDIDATES,
                 id_prefix: str = "k") -> None:
        self.threshold = threshold
        self.index = BlockIndex(max_candidates)
        self.clusters: dict[str, Cluster] = {}
        self.cluster_of: list[str] = []   # slot -> cluster id
        self.scores: list[float | None] = []  # slot -> score with which it joined (None: founder)
        self.slot_of: dict[tuple[str, str], int] = {}
        self.changed: set[str] = set()
        self.prefix = id_prefix
        self._next = 1
        self.duplicates: dict[str, str] = {}  # doc id -> the doc it repeats

    # state --------------------------------------------------------------------------------
    def _new_cluster(self, cluster_id: str | None = None) -> Cluster:
        if cluster_id is None:
            cluster_id = f"{self.prefix}{self._next}"
            self._next += 1
        else:
            num = cluster_id[len(self.prefix):]
            if num.isdigit():
                self._next = max(self._next, int(num) + 1)
        cluster = Cluster(cluster_id)
        self.clusters[cluster_id] = cluster
        return cluster

    def _attach(self, cluster: Cluster, slot: int, key: EventKey, location: dict[str, Any] | None,
                score: float | None) -> None:
        cluster.members.append(slot)
        if key.dup_of:
            self.duplicates.setdefault(key.doc_id, key.dup_of)
        cluster.docs.add(key.doc_id)
        cluster.types[key.type] += 1
        cluster.interval = _merge_interval(cluster.interval, key.interval)
        if len(key.place) > len(cluster.place):
            cluster.place, cluster.has_country = key.place, key.has_country
            cluster.location = location if location is not None else cluster.location
        elif cluster.location is None and location is not None:
            cluster.location = location
        while len(self.cluster_of) <= slot:
            self.cluster_of.append("")
            self.scores.append(None)
        self.cluster_of[slot] = cluster.id
        self.scores[slot] = score
        self.slot_of[(key.doc_id, key.event_id)] = slot
        self.changed.add(cluster.id)

    def load(self, rows: Iterable[tuple[EventKey, str, float | None, dict[str, Any] | None]]) -> None:
        """Resume: stored events with their cluster id, score and location, in linking order."""
        for key, cluster_id, score, location in rows:
            cluster = self.clusters.get(cluster_id) or self._new_cluster(cluster_id)
            slot = self.index.add(key)
            self._attach(cluster, slot, key, location, score)
        self.changed.clear()

    # linking ------------------------------------------------------------------------------
    def _fits(self, cluster: Cluster, key: EventKey) -> bool:
        if key.doc_id in cluster.docs:
            return False
        if any(type_score(key.type, t) <= 0 for t in cluster.types):
            return False
        if date_score(key.interval, cluster.interval) is None:
            return False
        probe = EventKey("", "", key.type, cluster.interval, cluster.place, cluster.has_country)
        if place_score(key, probe) is None:
            return False
        # most members must be compatible with it too (a vague report cannot bridge two incidents)
        recent = cluster.members[-COHESION_SAMPLE:]
        ok = sum(compatible(key, self.index.keys[s]) for s in recent)
        return ok * 2 >= len(recent)

    def _rare_actors(self, key: EventKey) -> set[str]:
        """The event's perpetrator organisations with few indexed events in its area."""
        rare = set()
        area = key.place[0] if key.place else None
        for actor in key.perp_orgs:
            slots = self.index.actor_slots(actor)
            if len(slots) > 20 * RARE_ACTOR:
                continue
            same = sum(1 for s in slots if area is None or (self.index.keys[s].place[:1] == (area,)))
            if same <= RARE_ACTOR:
                rare.add(actor)
        return rare

    def add(self, key: EventKey, location: dict[str, Any] | None = None) -> tuple[str, float | None]:
        """Link one event; returns its cluster id and its link score (None: a new cluster)."""
        if (key.doc_id, key.event_id) in self.slot_of:
            slot = self.slot_of[(key.doc_id, key.event_id)]
            return self.cluster_of[slot], self.scores[slot]
        best: dict[str, float] = {}
        rare = self._rare_actors(key)
        for cand in self.index.candidates(key):
            other = self.index.keys[cand]
            score = pair_score(key, other, bool(rare & other.perp_orgs))
            if score is None or score < self.threshold:
                continue
            cid = self.cluster_of[cand]
            if score > best.get(cid, 0.0):
                best[cid] = score
        chosen, chosen_score = None, None
        for cid, score in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])):
            if self._fits(self.clusters[cid], key):
                chosen, chosen_score = self.clusters[cid], score
                break
        if chosen is None:
            chosen = self._new_cluster()
        slot = self.index.add(key)
        self._attach(chosen, slot, key, location, chosen_score)
        return chosen.id, chosen_score

    def add_document(self, document: dict[str, Any], dup_of: str | None = None) -> list[tuple[str, str, float | None]]:
        out = []
        if dup_of:
            self.duplicates[document["id"]] = dup_of
        for event in document.get("events") or []:
            key = from_event(document["id"], event, dup_of)
            loc = event.get("location") if place_path(event.get("location")) else None
            cid, score = self.add(key, loc)
            out.append((event["id"], cid, score))
        return out

    # views --------------------------------------------------------------------------------
    def members(self, cluster_id: str) -> list[EventKey]:
        return [self.index.keys[s] for s in self.clusters[cluster_id].members]

    def assignments(self) -> dict[tuple[str, str], str]:
        return {k: self.cluster_of[s] for k, s in self.slot_of.items()}

    def cluster_dicts(self, min_size: int = 1) -> list[dict[str, Any]]:
        """Clusters in the spec's corpus shape (plus `duplicates` and `score`)."""
        out = []
        for cluster in self.clusters.values():
            if len(cluster.members) < min_size:
                continue
            keys = [self.index.keys[s] for s in cluster.members]
            doc = cluster.summary()
            doc["events"] = [[k.doc_id, k.event_id] for k in keys]
            scores = [self.scores[s] for s in cluster.members if self.scores[s] is not None]
            doc["score"] = round(min(scores), 3) if scores else None
            doc["documents"] = len(cluster.docs)
            doc["duplicates"] = sorted({(k.doc_id, k.dup_of) for k in keys if k.dup_of and k.dup_of in cluster.docs})
            doc["duplicates"] = [list(d) for d in doc["duplicates"]]
            out.append(doc)
        return out


def link_documents(documents: Iterable[dict[str, Any]], threshold: float = LINK_THRESHOLD) -> Linker:
    """Link the events of in-memory documents (document-v1 dicts), marking repeated texts."""
    from narrascope.corpus.duplicates import DuplicateFinder

    linker = Linker(threshold)
    dups = DuplicateFinder()
    for document in documents:
        linker.add_document(document, dups.check(document))
    return linker

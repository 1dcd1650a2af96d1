"""The actor knowledge base: states, armed groups, media, persons with dated roles, places.

Data lives in YAML files under `narrascope/data/kb/` (one provenance line per entry); users
add their own files (`--kb my-actors.yaml`) whose entries override ours by id.

    from narrascope.actors.kb import load_kb
    kb = load_kb()
    kb.lookup("Daesh").name                              # 'Islamic State'
    kb.holder("Supreme Leader of Iran", "2017-06-07").name  # 'Ali Khamenei'
    kb.credit("Fars").name                               # 'Fars News Agency' (a wire credit only)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from narrascope.actors.kb_files import RawEntry, read_kb_file
from narrascope.actors.normalize import norm
from narrascope.errors import Errors, KBError

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"

ACTOR_TYPES = ("state", "government_body", "security_force", "armed_group", "political_party",
               "opposition_group", "media", "ngo", "person", "place")

# NER label a linked mention gets (places refine by subtype, see `Actor.ner_label`).
TYPE_LABELS = {"state": "GPE", "person": "PERSON", "place": "GPE"}
FACILITY_SUBTYPES = {"shrine", "prison", "camp", "building", "mosque", "cemetery", "airport",
                     "base", "facility", "mausoleum", "parliament", "site"}
LOCATION_SUBTYPES = {"region", "river", "sea", "mountain", "desert", "border", "strait"}


@dataclass
class Actor:
    id: str
    name: str
    type: str
    qid: str | None = None
    aliases: list[str] = field(default_factory=list)
    country_iso: str | None = None
    roles: list[dict[str, Any]] = field(default_factory=list)  # {role, start, end}
    owner: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    provenance: str | None = None
    subtype: str | None = None        # places: city, shrine, prison, camp, country...
    demonyms: list[str] = field(default_factory=list)  # states: "Iranian"
    match: str | None = None          # "ner": link only mentions NER found (ambiguous names)
    source: str | None = None         # file:line the entry was read from

    @property
    def ner_label(self) -> str:
        if self.type == "place":
            if self.subtype in FACILITY_SUBTYPES:
                return "FAC"
            if self.subtype in LOCATION_SUBTYPES:
                return "LOC"
            return "GPE"
        return TYPE_LABELS.get(self.type, "ORG")

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class Role:
    """A public office: canonical name ("President of Iran"), its country and text forms."""

    name: str
    country_iso: str | None = None
    aliases: list[str] = field(default_factory=list)  # text forms that name the holder
    provenance: str | None = None


_FIELDS = {f for f in Actor.__dataclass_fields__ if f != "source"}
_ROLE_FIELDS = {"role", "country_iso", "aliases", "provenance"}
_CREDIT_FIELDS = {"credit", "actor", "provenance"}


@dataclass
class Credit:
    """A name under which a wire credit ("SHIRAZ (Fars) —", "By Jane Doe, PTI") names an actor
    but which is no alias: it would link in running text to a place, a region, a party or an
    acronym ("Fars", "MENA", "PTI", "DPA"). Only `KnowledgeBase.credit` reads it."""

    credit: str
    actor: str
    provenance: str | None = None
    source: str | None = None


def _date_key(value: str | None, end: bool = False) -> str | None:
    """ISO date (or year / year-month) as a comparable 'YYYY-MM-DD' string."""
    if value is None:
        return None
    value = str(value)
    if len(value) == 4:
        return value + ("-12-31" if end else "-01-01")
    if len(value) == 7:
        return value + ("-31" if end else "-01")
    return value[:10]


def _actor_from(raw: RawEntry) -> Actor:
    data, where = raw.data, f"{raw.path}:{raw.line}"
    if not isinstance(data, dict):
        raise KBError(Errors.E024.format(path=raw.path, line=raw.line, reason="an entry must be a mapping"))
    unknown = set(data) - _FIELDS
    if unknown:
        raise KBError(Errors.E024.format(path=raw.path, line=raw.line,
                                         reason=f"unknown field(s) {sorted(unknown)}"))
    for key in ("id", "name", "type"):
        if not data.get(key) or not isinstance(data[key], str):
            raise KBError(Errors.E024.format(path=raw.path, line=raw.line,
                                             reason=f"field '{key}' is missing or not a string"))
    if data["type"] not in ACTOR_TYPES:
        raise KBError(Errors.E025.format(path=raw.path, line=raw.line, type=data["type"],
                                         types=", ".join(ACTOR_TYPES)))
    aliases = data.get("aliases") or []
    roles = data.get("roles") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise KBError(Errors.E024.format(path=raw.path, line=raw.line, reason="'aliases' must be a list of strings"))
    if not isinstance(roles, list) or not all(isinstance(r, dict) and r.get("role") for r in roles):
        raise KBError(Errors.E024.format(path=raw.path, line=raw.line,
                                         reason="'roles' must be a list of {role, start, end}"))
    kwargs = dict(data)
    kwargs["aliases"] = list(aliases)
    kwargs["roles"] = [{"role": r["role"], "start": _str_or_none(r.get("start")),
                        "end": _str_or_none(r.get("end"))} for r in roles]
    kwargs["demonyms"] = list(data.get("demonyms") or [])
    return Actor(source=where, **kwargs)


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _credit_from(raw: RawEntry) -> Credit:
    data = raw.data
    if not isinstance(data, dict) or set(data) - _CREDIT_FIELDS or not all(
            isinstance(data.get(k), str) and data[k] for k in ("credit", "actor")):
        raise KBError(Errors.E024.format(path=raw.path, line=raw.line,
                                         reason=f"a credit entry needs 'credit' and 'actor' and only {sorted(_CREDIT_FIELDS)}"))
    return Credit(data["credit"], data["actor"], data.get("provenance"), f"{raw.path}:{raw.line}")


def _role_from(raw: RawEntry) -> Role:
    data = raw.data
    if not isinstance(data, dict) or not data.get("role") or set(data) - _ROLE_FIELDS:
        raise KBError(Errors.E024.format(path=raw.path, line=raw.line,
                                         reason=f"a role entry needs 'role' and only {sorted(_ROLE_FIELDS)}"))
    return Role(name=data["role"], country_iso=data.get("country_iso"),
                aliases=list(data.get("aliases") or []), provenance=data.get("provenance"))


class KnowledgeBase:
    def __init__(self, actors: Iterable[Actor], roles: Iterable[Role] = (), credits: Iterable[Credit] = ()) -> None:
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self.actors[actor.id] = actor
        self.credits: dict[str, str] = {}  # credit as written -> actor id
        self.add_credits(credits)
        self.roles: dict[str, Role] = {}
        self._role_index: dict[str, str] = {}
        for role in roles:
            self.add_role(role)
        self._alias_index: dict[str, str] = {}
        for actor in self.actors.values():
            self._index(actor)
        self._fuzzy_keys: list[str] | None = None
        self.derive_roles()

    def derive_roles(self) -> None:
        """Text forms of state offices held by KB persons: "President of Iran" gives
        "Iran's president", "Iranian president", "President of the Islamic Republic of Iran"."""
        for actor in list(self.actors.values()):
            for r in actor.roles:
                title, sep, place = r["role"].partition(" of ")
                state = self.lookup(place) if sep else None
                if state is None or state.type != "state":
                    if r["role"] not in self.roles:
                        self.add_role(Role(name=r["role"]))
                    continue
                role = self.roles.get(r["role"]) or Role(name=r["role"], country_iso=state.country_iso)
                forms = set(role.aliases)
                for country in state.names:
                    forms.update({f"{country}'s {title}", f"{title} of {country}", f"{country} {title}"})
                for demonym in state.demonyms:
                    forms.add(f"{demonym} {title}")
                role.aliases = sorted(forms)
                self.roles[role.name] = role
                for alias in (role.name, *role.aliases):
                    self._role_index.setdefault(norm(alias), role.name)

    # -- building -------------------------------------------------------------------------
    def _index(self, actor: Actor, override: bool = False) -> None:
        for alias in actor.names:
            key = norm(alias)
            if key and (override or key not in self._alias_index):
                self._alias_index[key] = actor.id

    def add_role(self, role: Role) -> None:
        self.roles[role.name] = role
        for alias in (role.name, *role.aliases):
            self._role_index.setdefault(norm(alias), role.name)

    def add_credits(self, credits: Iterable[Credit]) -> None:
        """Credit-only names (later ones win); each must name a known actor."""
        for credit in credits:
            if credit.actor not in self.actors:
                path, _, line = (credit.source or "?:0").rpartition(":")
                raise KBError(Errors.E024.format(path=path, line=line,
                                                 reason=f"credit '{credit.credit}' names unknown actor '{credit.actor}'"))
            self.credits[credit.credit] = credit.actor

    def override(self, actors: Iterable[Actor]) -> None:
        """Replace or add entries (a user's file): their aliases win over ours."""
        for actor in actors:
            old = self.actors.get(actor.id)
            if old is not None:
                for alias in old.names:
                    if self._alias_index.get(norm(alias)) == old.id:
                        del self._alias_index[norm(alias)]
            self.actors[actor.id] = actor
            self._index(actor, override=True)
        self._fuzzy_keys = None

    # -- queries --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def lookup(self, text: str) -> Actor | None:
        """Exact alias match, insensitive to case, diacritics, apostrophes, hyphens, 'the'."""
        actor_id = self._alias_index.get(norm(text))
        return self.actors.get(actor_id) if actor_id else None

    def credit(self, text: str) -> Actor | None:
        """The actor a wire credit names ("(Fars)", "By Jane Doe, AP"): a credit-only name (as
        written, else ignoring case: metadata comes title-cased), else the exact alias lookup."""
        actor_id = self.credits.get(text.strip())
        if actor_id is None:
            folded = text.strip().casefold()
            actor_id = next((a for c, a in self.credits.items() if c.casefold() == folded), None)
        return self.actors.get(actor_id) if actor_id else self.lookup(text)

    def fuzzy(self, text: str, cutoff: float = 90) -> Actor | None:
        """Closest alias by rapidfuzz ratio (transliteration variants: Khamenei/Khamenehi)."""
        exact = self.lookup(text)
        if exact is not None:
            return exact
        key = norm(text)
        if len(key) < 5:
            return None
        from rapidfuzz import fuzz, process

        if self._fuzzy_keys is None:  # curated entries only: generated city names are too many
            self._fuzzy_keys = [k for k, v in self._alias_index.items()
                                if len(k) >= 5 and "generated_" not in (self.actors[v].source or "")]
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        return self.actors[self._alias_index[best[0]]] if best else None

    def role_name(self, text: str) -> str | None:
        """The canonical role a text form names ("Iran's Supreme Leader" -> "Supreme Leader of Iran")."""
        return self._role_index.get(norm(text))

    def holder(self, role: str, on_date: str | None = None) -> Actor | None:
        """Who held `role` on `on_date` (ISO); without a date, the latest holder."""
        name = self.roles[role].name if role in self.roles else self.role_name(role) or role
        day = _date_key(on_date)
        best: tuple[str, Actor] | None = None
        for actor in self.actors.values():
            for r in actor.roles:
                if r["role"] != name:
                    continue
                start = _date_key(r["start"]) or "0000-00-00"
                end = _date_key(r["end"], end=True)
                if day is not None and not (start <= day and (end is None or day <= end)):
                    continue
                if best is None or start > best[0]:
                    best = (start, actor)
        return best[1] if best else None

    def places(self) -> Iterable[Actor]:
        return (a for a in self.actors.values() if a.type == "place")

    def by_type(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for actor in self.actors.values():
            counts[actor.type] = counts.get(actor.type, 0) + 1
        return dict(sorted(counts.items()))


def shipped_files() -> list[Path]:
    """Curated files first (their aliases win), generated ones last."""
    return sorted(DATA_DIR.glob("*.yaml"), key=lambda p: (p.name.startswith("generated_"), p.name))


def read_actors(paths: Iterable[Path | str]) -> tuple[list[Actor], list[Role]]:
    """Entries of the given files; a duplicate id across these files is an error."""
    actors, roles, _ = read_entries(paths)
    return actors, roles


def read_entries(paths: Iterable[Path | str]) -> tuple[list[Actor], list[Role], list[Credit]]:
    """Actors, roles and credit-only names of the given files (duplicate ids are an error)."""
    actors: list[Actor] = []
    roles: list[Role] = []
    credits: list[Credit] = []
    seen: dict[str, str] = {}
    for path in paths:
        for raw in read_kb_file(Path(path)):
            if raw.section == "roles":
                roles.append(_role_from(raw))
                continue
            if raw.section == "credits":
                credits.append(_credit_from(raw))
                continue
            actor = _actor_from(raw)
            if actor.id in seen:
                raise KBError(Errors.E023.format(path=raw.path, line=raw.line, id=actor.id, first=seen[actor.id]))
            seen[actor.id] = actor.source or "?"
            actors.append(actor)
    return actors, roles, credits


@functools.lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> KnowledgeBase:
    actors, roles, credits = read_entries(shipped_files())
    kb = KnowledgeBase(actors, roles, credits)
    for path in extra:
        user_actors, user_roles, user_credits = read_entries([path])
        kb.override(user_actors)
        for role in user_roles:
            kb.add_role(role)
        kb.add_credits(user_credits)
    return kb


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped KB plus user files (later files override earlier ones by id). Cached."""
    return _load(tuple(str(p) for p in extra))

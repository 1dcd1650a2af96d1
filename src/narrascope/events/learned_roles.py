"""Join the role tagger's fillers (`role_tagger.tag`) to the incidents read by the rules.

A filler goes to the incident read from its own text unit (the one whose trigger is nearest
when several are). A filler in a unit without an incident goes to the incident of the unit right
before it, else of the unit right after it (`MODE = "adjacent"`, the shipped choice for the CRF
since session 5); `"unit"` does not use it, `"next"` uses only the unit before, `"nearest"` gives
it to the nearest earlier attack-like incident, `"any"` also to the first one when none is
earlier (per role when `MODE` is a dict), `"replace"` drops the rule roles first, `"off"`
disables the tagger. A filler whose wording the incident already has,
or that overlaps a rule filler, adds nothing: rule spans win. A filler the parse rules out
(`implausible`: the subject of "witnessed" as perpetrator, a bystander group as victim) is not joined.
"""

from __future__ import annotations

from typing import Any, Callable

from spacy.tokens import Doc, Span, Token

from narrascope.events import lexicon, role_tagger, roles
from narrascope.events.units import cut_out, is_heading
from narrascope.events.verbs import verb_in

ATTACK_LIKE = {"attack", "bombing", "air_strike", "armed_assault", "assassination", "kidnapping", "arson", "robbery",
               "other_violence", "killing_in_custody", "execution"}
_KIND = {"PerpInd": ("perpetrators", "individual"), "PerpOrg": ("perpetrators", "organization"),
         "Target": ("targets", "physical"), "Victim": ("targets", "human"), "Weapon": ("instruments", None)}
# "adjacent": fillers in an incident's own text units, or in the unit right before/after one (MUC dev
# docs 1001-1300, CRF, with the session-5 span edits: 41.15 vs 40.54 for "unit", 40.87 for "next");
# "unit": own units only; "nearest": also to the nearest earlier attack-like incident; "replace":
# learned roles only; "off".
MODE = "adjacent"
# with the encoder backend: the same attachment as the CRF's since session 5 (dev 1001-1300: 43.33; 42.79
# with perpetrator organisations outside an incident's units given to the nearest earlier attack-like
# incident, `{"PerpOrg": "nearest"}`, the session-3 choice (39.6 vs 39.1 for "unit" then)); the encoder
# backend so keeps every CRF-backend filler
ENCODER_MODE: str | dict[str, str] = "adjacent"


def _mode(role: str, mode: str | dict[str, str] | None = None) -> str:
    mode = MODE if mode is None else mode
    return mode.get(role, "unit") if isinstance(mode, dict) else mode


def _in_heading(span: Span, unit: int, uidx: list[int]) -> bool:
    start, end = span.start, span.end
    while start > 0 and uidx[start - 1] == unit:
        start -= 1
    while end < len(uidx) and uidx[end] == unit:
        end += 1
    return is_heading(span.doc[start:end])


def _owner(span: Span, role: str, built: list[dict[str, Any]], uidx: list[int],
           mode_setting: str | dict[str, str] | None = None) -> dict[str, Any] | None:
    unit = uidx[span.root.i]
    same = [b for b in built if unit in b["inc"].sents]
    if same:
        return min(same, key=lambda b: min(abs(m.token.i - span.root.i) for m in b["inc"].mentions))
    mode = _mode(role, mode_setting)
    if mode == "unit":
        return None
    if mode in ("next", "adjacent"):  # the sentence right after (or, "adjacent", before) an incident's own
        if _in_heading(span, unit, uidx):  # "Terrorist Attack Against Sunnis in Iran" names no filler
            return None
        for other in ((unit - 1, unit + 1) if mode == "adjacent" else (unit - 1,)):
            near = [b for b in built if other in b["inc"].sents]
            if near:
                return min(near, key=lambda b: min(abs(m.token.i - span.root.i) for m in b["inc"].mentions))
        return None
    attack = [b for b in built if b["inc"].type in ATTACK_LIKE]
    before = [b for b in attack if min(m.token.i for m in b["inc"].mentions) < span.start]
    if before:
        return max(before, key=lambda b: max(m.token.i for m in b["inc"].mentions if m.token.i < span.start))
    if mode == "any" and attack:
        return min(attack, key=lambda b: min(m.token.i for m in b["inc"].mentions))
    return None


# the parse checks on a learned filler (session 13; `implausible`); a harness can switch one off
CHECKS = frozenset({"reaction", "trigger_object", "bystander"})
# "bystander" only for a generic group (`_generic_group`); False: any human target
BYSTANDER_GENERIC_ONLY = True


def _generic_group(tok: Token) -> bool:
    """A bare plural common noun ("people inside Iran", "residents"): no determiner, possessive,
    number or name on it, so not the mention of a specific person or group named elsewhere (MUC's
    keys take any mention of a victim: "the diplomat was walking when ...", "X said ...")."""
    if tok.tag_ != "NNS" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    return not any(c.dep_ in ("det", "poss", "nummod", "predet") or c.pos_ == "PROPN" for c in tok.lefts)


def implausible(role: str, span: Span, trigger_ids: set[int]) -> bool:
    """A learned filler the parse around it rules out (the tagger reads words and a window, not who
    does what to whom):
    - "reaction": a perpetrator that is the active subject of a verb of perceiving, undergoing or
      judging (`roles.reacting_subject`: "the regime witnessed two attacks by ISIS");
    - "trigger_object": a perpetrator that is the active subject of a verb whose direct object is one
      of its incident's trigger words (`trigger_ids`), when that verb is no verb an attacker does an
      attack with (`roles.LIGHT_VERBS` "carried out", "launched") nor a harm or trigger verb;
    - "bystander": a human target (Victim) that is a generic group (`_generic_group`, with
      `BYSTANDER_GENERIC_ONLY`) and the active subject of a verb that harms no one ("people took to
      social media after the attack"); the subject of a harm or trigger verb ("17 people died") and of
      escape/survive (the target of a failed attack) stays, and so does a named or definite person,
      who may be a victim the article names elsewhere ("the mayor said ...").
    Session 13 (docs/history/events.md): no MUC score change (dev 1001-1300 +0.02 / +0.03), the demo op-ed's
    Tehran record loses the regime as perpetrator and commenters as victims.
    """
    root = span.root
    if role in ("PerpOrg", "PerpInd"):
        if "reaction" in CHECKS and roles.reacting_subject(root):
            return True
        if "trigger_object" in CHECKS:
            verb = roles.active_subject_verb(root)
            if verb is not None and any(c.dep_ == "dobj" and c.i in trigger_ids for c in verb.children):
                return not verb_in(verb, roles.LIGHT_VERBS, roles.HARM_VERBS, lexicon.trigger_verbs())
        return False
    if role == "Victim" and "bystander" in CHECKS:
        verb = roles.active_subject_verb(root)
        if verb is None or verb.pos_ != "VERB":  # "the victims were peasants": a copula says nothing
            return False
        if BYSTANDER_GENERIC_ONLY and not _generic_group(root):
            return False
        return not verb_in(verb, roles.HARM_VERBS, lexicon.trigger_verbs(), lexicon.attempt_cues()["survive_verb"])
    return False


def usable_backend(backend: str) -> str:
    """The backend that will run: "encoder" only when it and its weights load, else "crf" (with
    warning E065 for a requested encoder)."""
    if backend != "encoder":
        return "crf"
    from narrascope.encoder.shipped import runnable
    from narrascope.events import encoder_roles

    if runnable(encoder_roles.MODEL_DIR, encoder_roles.LABELS, encoder_roles.warn_fallback):
        return "encoder"
    return "crf"


def _crf_tag(doc: Doc, keep: Callable | None, mask: range | None = None) -> list[tuple[str, Span]]:
    """`role_tagger.tag`; with `mask` (the dateline's tokens, events/extract.py `DATELINE_STORY`) the
    CRF reads the sentences with the dateline cut off and numbered as if it were absent (a sentence
    that is all dateline is none), as the bodies it was fit on read: its features include the tokens
    around each word and the sentence's number."""
    if mask is None:
        return role_tagger.tag(doc, keep=keep)
    return role_tagger.tag(doc, keep=keep, sentences=cut_out(role_tagger.doc_sentences(doc), mask))


def _tag(doc: Doc, keep: Callable | None, backend: str,
         info: dict[str, Any] | None = None, mask: range | None = None) -> list[tuple[str, Span]]:
    """The chosen tagger's fillers; with the encoder (and `encoder_roles.WITH_CRF`) the CRF's
    spans come first and the encoder's add those that overlap none of them. `mask`: the
    dateline's tokens (`_crf_tag`; the encoder reads the doc as it is, its fillers there are dropped)."""
    if backend == "encoder":
        from narrascope.events import encoder_roles

        found = encoder_roles.tag(doc, keep=keep, info=info)
        if not encoder_roles.WITH_CRF:
            return found
        crf = _crf_tag(doc, keep, mask)  # CRF spans first; encoder spans fill the gaps
        return crf + [(r, s) for r, s in found if not any(s.start < t.end and t.start < s.end for _, t in crf)]
    return _crf_tag(doc, keep, mask)


def add_learned_roles(built: list[dict[str, Any]], doc: Doc, entities: list[dict[str, Any]],
                      resolve: Callable, uidx: list[int], backend: str = "crf",
                      mask: range | None = None) -> float | None:
    """Add the learned fillers (`backend`: "crf", the default, or "encoder") to the incidents.
    Returns the encoder's document relevance (`encoder_roles.tag` `info`), None without it.
    `mask`: the dateline's tokens, read by no tagger as story text (`_crf_tag`)."""
    if not built:
        return None
    backend = usable_backend(backend)
    setting = ENCODER_MODE if backend == "encoder" else MODE
    if setting == "off":
        return None
    info: dict[str, Any] = {}
    keep = None
    if setting in ("unit", "next", "adjacent"):  # only fillers in (or next to) incidents' own units are
        wanted = set().union(*(b["inc"].sents for b in built))  # used: tag only those sentences
        if setting != "unit":
            wanted |= {u + d for u in wanted for d in (-1, 1)}
        keep = lambda sent: not wanted.isdisjoint(uidx[sent.start:sent.end])  # noqa: E731
    tagged = _tag(doc, keep, backend, info, mask)
    relevance = info.get("relevance")
    if not tagged:
        return relevance
    if isinstance(setting, str) and setting.startswith("replace"):
        skip = set(setting.split(":")[1:])
        for b in built:
            for role, (key, kind) in _KIND.items():
                if role in skip:
                    continue
                b[key] = [x for x in b[key] if kind is not None and x.get("kind") != kind]
        tagged = [(r, s) for r, s in tagged if r not in skip]
    for role, span in tagged:
        if uidx[span.root.i] < 0:
            continue
        owner = _owner(span, role, built, uidx, setting)
        if owner is None:
            continue
        if implausible(role, span, {m.token.i for m in owner["inc"].mentions}):
            continue
        key, kind = _KIND[role]
        lower = span.text.lower()
        items = owner[key]
        if any(x["text"].lower() == lower or (x["start"] < span.end_char and span.start_char < x["end"])
               for x in items):
            continue
        if key == "instruments":
            items.append({"text": span.text, "start": span.start_char, "end": span.end_char})
        else:
            name = resolve(span.root) if kind in ("organization", "human") else None
            items.append(roles.role_dict(doc, span, kind, entities, name))
    return relevance

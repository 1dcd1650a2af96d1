"""Speaker turns of a broadcast or interview transcript: "HOST: ..." lines (session 18, defects).

A transcript gives each turn a line-initial speaker label, an upper-case name, optionally a comma
and an upper-case affiliation, then a colon ("HOST:", "JANE DOE, SOME NEWS:"). Inside a turn, the
speaker's "I" is the speaker, not the last person the text named before it (source resolution took
that one, so a host's "I think" went to the guest he had just introduced). A document is read as a
transcript only when at least two lines carry such a label: one "WORD:" line is as likely a heading.

A turn runs from its label's colon to the next label line, a blank line or a line opened by a person's
name and a colon in another case ("Jane Doe:", a turn this shape does not read). The speaker's entity is
a PERSON entity whose last word is the label name's last word (case-insensitive): the first whose first
word is the label's first name when the label has one, else the first full-name mention, else the first
mention; a label of two or three capitals that no name ends with ("JD:") takes the one name of as many
words whose initials spell it. Labels made of line-label words ("UPDATE:",
data/attribution/line_labels.tsv) are no speakers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from narrascope.attribution.lexicon import line_labels
from narrascope.attribution.title_index import is_person

# an upper-case name at a line's start (words of two or more capitals, with . ' ’ -), an optional
# ", AFFILIATION" (capitals, digits and punctuation), then a colon and a space or the line's end
LABEL = re.compile(r"^[ \t]*(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*)"
                   r"(?:, [A-Z][A-Z0-9 ,.'’&/-]*)?:(?=[ \t]|$)", re.MULTILINE)
MIN_LABELS = 2


@dataclass(frozen=True)
class Turn:
    name: str                # the label's name ("JANE DOE")
    label: tuple[int, int]   # character range of the name in the text
    body: tuple[int, int]    # character range of the turn after the colon
    entity: dict[str, Any] | None


def _is_label_name(name: str) -> bool:
    words = name.split()
    if any(sum(ch.isalpha() for ch in w) < 2 for w in words):
        return False
    labels = line_labels()
    return not all(w.lower() in labels or w.lower().rstrip("'’s") in labels for w in words)


def speaker_entity(name: str, entities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The PERSON entity a label's name stands for (see the module doc), or None."""
    words = [w.lower() for w in name.split()]
    people = [e for e in entities if is_person(e) and e.get("text", "").lower().split()[-1:] == words[-1:]]
    if not people:
        return _by_initials(name, entities)
    if len(words) > 1:
        first = [e for e in people if e.get("text", "").lower().split()[:1] == words[:1]]
        if first:
            return first[0]
    full = [e for e in people if len(e.get("text", "").split()) > 1]
    return (full or people)[0]


def _by_initials(name: str, entities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """"JD" -> the first mention of the one PERSON name of two words whose initials are J and D."""
    if " " in name or not (2 <= len(name) <= 3) or not name.isalpha():
        return None
    people = [e for e in entities if is_person(e)
              and "".join(w[:1] for w in e.get("text", "").split()).upper() == name]
    return people[0] if len({e["text"] for e in people}) == 1 else None


def _name_line(text: str, ent: dict[str, Any]) -> int | None:
    """The start of the line `ent` opens when a colon follows it ("Jane Doe: ..."), else None."""
    a, b = ent["start"], ent["end"]
    line = text.rfind("\n", 0, a) + 1
    if text[line:a].strip() or text[b:b + 1] != ":":
        return None
    return line


class Transcript:
    """The speaker turns of one document (empty when it is not a transcript)."""

    def __init__(self, text: str, entities: list[dict[str, Any]]) -> None:
        # (line start, name start, name end, body start) of each label line
        labels = [(m.start(), *m.span("name"), m.end()) for m in LABEL.finditer(text)
                  if _is_label_name(m.group("name"))]
        self.turns: list[Turn] = []
        if len(labels) < MIN_LABELS:
            return
        # a line opened by a person's name and a colon in another case ("Jane Doe: ...") is a turn of its own
        # that the upper-case shape does not read: it ends the turn before it and starts none
        stops = sorted(line for line in (_name_line(text, e) for e in entities if is_person(e)) if line is not None)
        for k, (_, ns, ne, start) in enumerate(labels):
            end = labels[k + 1][0] if k + 1 < len(labels) else len(text)
            stop = bisect.bisect_right(stops, start)
            if stop < len(stops) and stops[stop] < end:
                end = stops[stop]
            blank = text.find("\n\n", start, end)
            if blank >= 0:
                end = blank
            name = text[ns:ne]
            self.turns.append(Turn(name, (ns, ne), (start, end), speaker_entity(name, entities)))
        self._starts = [t.label[0] for t in self.turns]

    def _turn_before(self, pos: int) -> Turn | None:
        if not self.turns:
            return None
        k = bisect.bisect_right(self._starts, pos) - 1
        return self.turns[k] if k >= 0 else None

    def turn_of(self, start: int, end: int) -> Turn | None:
        """The turn whose body holds the character range, else None."""
        turn = self._turn_before(start)
        return turn if turn is not None and turn.body[0] <= start and end <= turn.body[1] else None

    def label_of(self, start: int, end: int) -> Turn | None:
        """The turn whose label's name holds the character range, else None."""
        turn = self._turn_before(start)
        return turn if turn is not None and turn.label[0] <= start and end <= turn.label[1] else None

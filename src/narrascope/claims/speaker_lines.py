"""Questions on the speaker lines of a transcript: whose they are (session 18, claims).

An interview or broadcast printed as speaker lines ("ANCHOR NAME: Why not ...?") puts no quotation
marks around the speakers' words. The attribution component makes the label its source and the colon its
cue, but its content often stops before a question at the end of the turn, and a question that an
attribution holds only through its content and that stands outside every quotation is read as the
writer's own (extract.py `_writers_question`). On a speaker line the question is the speaker's.

A speaker label is one to four capitalised words (a name or a role, "KATE SMITH", "Sen. Smith") and a
colon at a line's start; it counts only when some attribution's source lies inside it. A document is
read as a transcript only when at least two lines carry such a label (a single "Name: ..." line is as
likely a headline naming its subject). `attribution/transcripts.py` finds the turns of a transcript for
source resolution with its own, upper-case-only label shape; here the attribution component's own
sources decide which labels are speakers, so the two agree wherever it found them.
"""

from __future__ import annotations

import re
from typing import Any

LABEL = re.compile(r"[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]")
MIN_LABELS = 2


class SpeakerLines:
    """The labelled speaker lines of one document (none when it is not a transcript)."""

    def __init__(self, text: str, attributions: list[dict[str, Any]]) -> None:
        self.text = text
        # line start -> id of the attribution whose source is the line's label
        lines: dict[int, str] = {}
        for a in attributions:
            src = a.get("source")
            if not isinstance(src, dict) or not isinstance(src.get("start"), int) or not a.get("id"):
                continue
            line = text.rfind("\n", 0, src["start"]) + 1
            if line in lines:
                continue
            m = LABEL.match(text, line)
            if m and m.start(1) <= src["start"] and src["end"] <= m.end(1):
                lines[line] = a["id"]
        self.lines = lines if len(lines) >= MIN_LABELS else {}

    def speaker(self, start: int) -> str | None:
        """The id of the attribution whose source labels the line a claim starting at `start` starts on (the
        claim may hold the label: "Name: You were aware ...?"), else None."""
        if not self.lines:
            return None
        return self.lines.get(self.text.rfind("\n", 0, start) + 1)

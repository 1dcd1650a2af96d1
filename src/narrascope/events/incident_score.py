"""How likely a record is a specific, reportable attack (and not a passing mention): `score` in 0..1.

A logistic regression over what the record holds (its type, trigger, how anchored it is: date,
place, toll, roles, responsibility; where in the article it is first reported; how many text
units report it). The weights live in `models/events/incident_scorer.json` (see MODEL_CARD.md);
without that file no score is given (`None`). Nothing is dropped here: consumers choose a
threshold (the MUC evaluation keeps records scoring at least `THRESHOLD`).
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "events" / "incident_scorer.json"
THRESHOLD = 0.3  # chosen on held-out MUC dev docs 1001-1300 (docs/events.md)
# records carry `relevance` with the encoder role backend: the largest role probability the encoder
# gives any token of the article; below this the article is taken to report no incident
# (the MUC evaluation leaves its records out; chosen on MUC dev docs 1001-1300, docs/events.md)
RELEVANCE_THRESHOLD = 0.8


def features(event: dict[str, Any], text_len: int) -> dict[str, float]:
    f: dict[str, float] = {"bias": 1.0, "type=" + event["type"]: 1.0}
    trig = (event.get("trigger") or {}).get("text", "").lower()
    f["trig=" + trig] = 1.0
    date = event.get("date") or {}
    f["date=" + str(date.get("precision") if date.get("value") else "none")] = 1.0
    loc = event.get("location") or {}
    f["loc=" + str(loc.get("precision") or "none")] = 1.0
    perps, targets = event.get("perpetrators", []), event.get("targets", [])
    for name, items in (("ind", [p for p in perps if p["kind"] == "individual"]),
                        ("org", [p for p in perps if p["kind"] == "organization"]),
                        ("phys", [t for t in targets if t["kind"] == "physical"]),
                        ("hum", [t for t in targets if t["kind"] == "human"]),
                        ("instr", event.get("instruments", []))):
        f["n_" + name] = math.log1p(len(items))
        f["has_" + name] = float(bool(items))
    f["roles_none"] = float(not (perps or targets or event.get("instruments")))
    f["fatal"] = float(bool(event.get("fatalities")))
    f["injur"] = float(bool(event.get("injuries")))
    f["resp"] = float(bool(event.get("responsibility")))
    ev = event.get("evidence", [])
    f["n_units"] = math.log1p(len(ev))
    first = min((s["start"] for s in ev), default=text_len)
    pos = first / max(text_len, 1)
    f["first_pos"] = pos
    f["lead"] = float(first < 400)
    return f


@functools.lru_cache(maxsize=1)
def _weights(path: str) -> dict[str, float] | None:
    p = Path(path)
    if not p.is_file():
        return None
    try:
        return json.loads(p.read_text(encoding="utf-8"))["weights"]
    except (OSError, ValueError, KeyError):
        return None


def score(event: dict[str, Any], text_len: int, path: Path | None = None) -> float | None:
    w = _weights(str(path or MODEL_PATH))
    if w is None:
        return None
    z = sum(w.get(k, 0.0) * v for k, v in features(event, text_len).items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)

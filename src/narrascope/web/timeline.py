"""Server-drawn SVG charts (event timeline, documents per month): no script needed, CSP-clean."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from markupsafe import Markup

TYPE_ORDER = ("attack", "bombing", "armed_assault", "assassination", "kidnapping", "arson", "armed_clash",
              "protest", "riot", "crackdown", "arrest", "killing_in_custody", "execution", "other_violence")


def _frac_year(month: str) -> float | None:
    try:
        y, m = month[:4], month[5:7] if len(month) >= 7 else "06"
        return int(y) + (int(m) - 0.5) / 12
    except ValueError:
        return None


def timeline_svg(rows: list[dict[str, Any]], width: int = 880) -> Markup:
    """Events per month and type: one lane per type, a dot per month sized by the event count."""
    pts = [(r, _frac_year(r["month"])) for r in rows]
    pts = [(r, x) for r, x in pts if x is not None]
    if not pts:
        return Markup('<p class="empty">No dated events yet.</p>')
    types = sorted({r["type"] for r, _ in pts}, key=lambda t: (TYPE_ORDER.index(t) if t in TYPE_ORDER else 99, t))
    lo, hi = min(x for _, x in pts), max(x for _, x in pts)
    lo, hi = math.floor(lo), math.floor(hi) + 1
    if hi - lo < 1:
        hi = lo + 1
    left, right, lane = 130, 20, 26
    height = 30 + lane * len(types)
    nmax = max(r["n"] for r, _ in pts)

    def sx(x: float) -> float:
        return left + (x - lo) / (hi - lo) * (width - left - right)

    out = [f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" aria-label="Event timeline">']
    span = hi - lo
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if span / s <= 10)
    for year in range(lo - lo % step, hi + 1, step):
        if lo <= year <= hi:
            x = sx(year)
            out.append(f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="8" y2="{height - 18}"/>'
                       f'<text class="axis" x="{x:.1f}" y="{height - 4}" text-anchor="middle">{year}</text>')
    for i, t in enumerate(types):
        y = 20 + i * lane
        out.append(f'<text class="lane" x="{left - 10}" y="{y + 4}" text-anchor="end">{escape(t.replace("_", " "))}</text>'
                   f'<line class="laneline" x1="{left}" x2="{width - right}" y1="{y}" y2="{y}"/>')
    for r, x in pts:
        y = 20 + types.index(r["type"]) * lane
        rad = 3 + 8 * math.sqrt(r["n"] / nmax)
        tip = f'{r["month"]}: {r["n"]} {r["type"].replace("_", " ")} event(s), {r["fatalities"]} reported killed'
        out.append(f'<circle class="ev ev-{escape(r["type"])}" cx="{sx(x):.1f}" cy="{y}" r="{rad:.1f}">'
                   f'<title>{escape(tip)}</title></circle>')
    out.append("</svg>")
    return Markup("".join(out))


def bars_svg(rows: list[dict[str, Any]], key: str, width: int = 420, bar: int = 18) -> Markup:
    """Horizontal bars (label, count) as SVG (no inline styles, so the CSP needs no exception)."""
    if not rows:
        return Markup('<p class="empty">Nothing yet.</p>')
    nmax = max(r["n"] for r in rows) or 1
    label_w, num_w = 200, 50
    height = len(rows) * (bar + 6) + 4
    out = [f'<svg class="bars" viewBox="0 0 {width} {height}" role="img">']
    for i, r in enumerate(rows):
        y = 2 + i * (bar + 6)
        w = max(2.0, (width - label_w - num_w) * r["n"] / nmax)
        lab = str(r.get(key) if r.get(key) is not None else "undated")
        short = lab if len(lab) <= 30 else lab[:29] + "…"
        out.append(f'<text class="blabel" x="{label_w - 8}" y="{y + bar - 5}" text-anchor="end">'
                   f'<title>{escape(lab)}</title>{escape(short)}</text>'
                   f'<rect class="bar" x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" rx="2"/>'
                   f'<text class="bnum" x="{label_w + w + 6:.1f}" y="{y + bar - 5}">{r["n"]}</text>')
    out.append("</svg>")
    return Markup("".join(out))

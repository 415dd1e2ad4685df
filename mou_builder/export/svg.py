"""Charts as inline SVG: a timeline (Gantt-like) and horizontal bars.

Plain SVG with classes styled by the page's CSS, so that the charts print in black and
grey when colours are off; every text is escaped.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

LABEL_W, ROW_H, BAR_H, AXIS_H, CHART_W = 260, 20, 12, 22, 900


@dataclass(frozen=True)
class Row:
    label: str
    start: dt.date
    end: dt.date
    kind: str = "action"  # "agreement" or "action"
    state: str = ""


def _x(day: dt.date, first: dt.date, last: dt.date, width: int) -> float:
    span = max((last - first).days, 1)
    return LABEL_W + (day - first).days / span * (width - LABEL_W - 10)


def timeline(rows, today: dt.date, title: str) -> Markup:
    """One bar per row between its start and end; years on the axis; a line for today."""
    if not rows:
        return Markup("")
    first = dt.date(min(r.start for r in rows).year, 1, 1)
    last = dt.date(max(r.end for r in rows).year + 1, 1, 1)
    height = AXIS_H + ROW_H * len(rows) + 6
    out = [f'<svg class="chart timeline" role="img" viewBox="0 0 {CHART_W} {height}" '
           f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for year in range(first.year, last.year + 1):
        x = _x(dt.date(year, 1, 1), first, last, CHART_W)
        out.append(f'<line class="grid" x1="{x:.1f}" y1="{AXIS_H - 4}" x2="{x:.1f}" y2="{height}"/>')
        if year < last.year:
            mid = _x(dt.date(year, 7, 1), first, last, CHART_W)
            out.append(f'<text class="axis" x="{mid:.1f}" y="14" text-anchor="middle">{year}</text>')
    for n, row in enumerate(rows):
        y = AXIS_H + n * ROW_H
        x1, x2 = _x(row.start, first, last, CHART_W), _x(row.end, first, last, CHART_W)
        indent = 0 if row.kind == "agreement" else 14
        out.append(f'<text class="label {row.kind}" x="{indent + 2}" y="{y + 14}">'
                   f'{escape(_clip(row.label, 40 if indent else 42))}</text>')
        out.append(f'<rect class="bar {row.kind} {row.state}" x="{x1:.1f}" y="{y + (ROW_H - BAR_H) / 2:.1f}" '
                   f'width="{max(x2 - x1, 2):.1f}" height="{BAR_H}"><title>{escape(row.label)}: '
                   f'{row.start.isoformat()} – {row.end.isoformat()}</title></rect>')
    if first <= today <= last:
        x = _x(today, first, last, CHART_W)
        out.append(f'<line class="today" x1="{x:.1f}" y1="{AXIS_H - 6}" x2="{x:.1f}" y2="{height}"/>')
    out.append("</svg>")
    return Markup("".join(out))


def bars(items, title: str) -> Markup:
    """Horizontal bars: ``items`` is a list of (label, value, text shown beside the bar)."""
    if not items:
        return Markup("")
    top = max(float(v) for _, v, _ in items) or 1.0
    height = ROW_H * len(items) + 4
    width = 640
    out = [f'<svg class="chart bars" role="img" viewBox="0 0 {width} {height}" width="{width}" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for n, (label, value, text) in enumerate(items):
        y = n * ROW_H + 2
        length = float(value) / top * (width - LABEL_W - 130)
        out.append(f'<text class="label" x="2" y="{y + 14}">{escape(_clip(label, 42))}</text>')
        out.append(f'<rect class="bar" x="{LABEL_W}" y="{y + 4}" width="{max(length, 1):.1f}" height="{BAR_H}"/>')
        out.append(f'<text class="value" x="{LABEL_W + length + 6:.1f}" y="{y + 14}">{escape(text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"

"""RENDER: widths of table columns, from what the columns hold.

No word may break inside a cell: each column is at least as wide as its longest word
(header words are bold, so a little wider; when the words of a table cannot all fit, the
header's words keep their width and the others give way in proportion); the width left over goes to the columns
with the most text (on average per cell), so that long cells take fewer lines. Widths are estimated from
character counts at the table's font size (an average advance of about half an em,
capitals and bold a little wider), which keeps the estimate on the safe side for the
serif fonts of the templates.
"""
from __future__ import annotations

import functools
import math
import re

CELL_PADDING = 2 * 115 + 30  # twips: the cell margins on both sides, and a little air
_EM = 20  # twips per point


def _char(c: str, bold: bool) -> float:
    """Advance of one character, in ems."""
    if c.isupper() or c in "mwMW%@&":
        width = 0.72
    elif c in "ilj.,;:'’|!()[] ":
        width = 0.30
    else:
        width = 0.52
    return width * (1.08 if bold else 1.0)


class _Advances(dict):
    """Character -> advance in ems, worked out the first time a character is seen."""

    def __init__(self, bold: bool):
        super().__init__()
        self.bold = bold

    def __missing__(self, c: str) -> float:
        width = self[c] = _char(c, self.bold)
        return width


_REGULAR, _BOLD = _Advances(False), _Advances(True)


@functools.lru_cache(maxsize=8192)  # a table's cells and words come again and again
def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    return sum(map((_BOLD if bold else _REGULAR).__getitem__, text)) * size_pt * _EM


_PIECE = re.compile(r"[^\s\-–—/]+[\-–—/]?")


@functools.lru_cache(maxsize=8192)
def longest_piece(text: str, size_pt: float, bold: bool) -> float:
    """The widest piece a line cannot break: a word, or the part of a word up to a hyphen,
    dash or slash (where a line may break: "Croissant-|Rouge", "Sousse–|Montpellier")."""
    pieces = _PIECE.findall(str(text))
    return max((text_width(w, size_pt, bold) for w in pieces), default=0.0)


def widths(headers, rows, total: int, size_pt: float = 9.0) -> list[int]:
    """Column widths in twips that add up to ``total``."""
    n = len(headers)
    columns = [[str(headers[i])] + [str(r[i]) for r in rows if i < len(r)] for i in range(n)]
    lines = [[text_width(c, size_pt) for c in col] for col in columns]  # each cell on one line
    floor = [math.ceil(max(longest_piece(headers[i], size_pt, True),
                           max((longest_piece(c, size_pt, False) for c in columns[i][1:]), default=0.0))
                       + CELL_PADDING) for i in range(n)]
    # what a column would like: its longest cell on one line, up to a third of the table
    want = [min(max(lines[i]) + CELL_PADDING, total / 3) for i in range(n)]
    want = [max(w, f) for w, f in zip(want, floor)]
    header = [math.ceil(longest_piece(headers[i], size_pt, True) + CELL_PADDING) for i in range(n)]
    if sum(floor) >= total and sum(header) < total:  # the headers' words stay whole; the rest
        keep = (total - sum(header)) / max(sum(f - h for f, h in zip(floor, header)), 1)
        out = [h + (f - h) * keep for f, h in zip(floor, header)]  # shrinks in proportion
    elif sum(floor) >= total:  # not even the headers fit: shrink everything in proportion
        out = [f * total / sum(floor) for f in floor]
    elif sum(want) <= total:  # everything fits on one line: share the rest in proportion
        out = [w * total / sum(want) for w in want]
    else:  # each column gets its floor, and the rest in proportion to the text it holds
        spare = total - sum(floor)
        mean = [sum(line) / len(line) for line in lines]
        lack = [max(m + CELL_PADDING - f, 0.0) for m, f in zip(mean, floor)]
        if not sum(lack):
            lack = [w - f for w, f in zip(want, floor)]
        out = [f + spare * x / sum(lack) for f, x in zip(floor, lack)]
    result = [int(w) for w in out]
    result[-1] += total - sum(result)
    return result

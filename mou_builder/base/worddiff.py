"""Word-level differences between two texts, readable by a lawyer.

Texts are cut into words, spaces and punctuation; changes separated only by
spaces or a single short word are merged, so that "three (3)" replaced by
"five (5)" reads as one replacement, not as letters or words interleaved.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# a number with its group and decimal separators ("93 000,00") is one token
_TOKEN = re.compile(r"\d+(?:[\u202f\u00a0.,٬٫]\d+)*|\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "delete", "insert"
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _small(chunk: list[str]) -> bool:
    """A run of equal tokens too small to keep two changes apart."""
    words = [t for t in chunk if not t.isspace()]
    return len(words) == 0 or (len(words) == 1 and len(words[0]) <= 3 and not words[0].isalnum()) \
        or (len(words) == 1 and len(words[0]) <= 2)


def diff(old: str, new: str) -> list[Segment]:
    if old == new:  # the tokens cover the whole text: one equal run (none for an empty text)
        return [Segment("equal", old)] if old else []
    a, b = tokens(old), tokens(new)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    # merge changes separated by a small equal run into one replacement
    merged = []
    for op in ops:
        if (merged and op[0] != "equal" and len(merged) >= 2 and merged[-1][0] == "equal"
                and merged[-2][0] != "equal" and _small(a[merged[-1][1]:merged[-1][2]])):
            merged.pop()  # the small equal run joins the replacement
            prev = merged.pop()
            merged.append(("replace", prev[1], op[2], prev[3], op[4]))
        elif merged and op[0] != "equal" and merged[-1][0] != "equal":
            prev = merged.pop()
            merged.append(("replace", prev[1], op[2], prev[3], op[4]))
        else:
            merged.append(op)
    merged = _close_brackets(merged, a)
    out = []
    for tag, i1, i2, j1, j2 in merged:
        if tag == "equal":
            out.append(Segment("equal", "".join(a[i1:i2])))
            continue
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if removed:
            out.append(Segment("delete", removed))
        if added:
            out.append(Segment("insert", added))
    return out


_PAIRS = {")": "(", "]": "[", "»": "«"}


def _close_brackets(ops, a):
    """Take a closing bracket into a change that opened it: "[-three (3)-]", not "[-three (3-])"."""
    ops = list(ops)
    for k in range(len(ops) - 1):
        tag, i1, i2, j1, j2 = ops[k]
        nxt = ops[k + 1]
        if tag == "equal" or nxt[0] != "equal" or nxt[1] >= nxt[2]:
            continue
        closing = a[nxt[1]]
        opening = _PAIRS.get(closing)
        changed = "".join(a[i1:i2])
        if opening and changed.count(opening) > changed.count(closing):
            ops[k] = ("replace", i1, i2 + 1, j1, j2 + 1)
            ops[k + 1] = ("equal", nxt[1] + 1, nxt[2], nxt[3] + 1, nxt[4])
    return [op for op in ops if not (op[0] == "equal" and op[1] >= op[2])]


STYLES = {
    "plain": ("[-", "-]", "{+", "+}"),
    "color": ("\x1b[31m[-", "-]\x1b[0m", "\x1b[32m{+", "+}\x1b[0m"),
    "markdown": ("~~", "~~", "**", "**"),
}


def render(segments, style: str = "plain") -> str:
    d0, d1, i0, i1 = STYLES[style]
    parts = []
    for seg in segments:
        if seg.kind == "equal":
            parts.append(seg.text)
        else:
            lead = seg.text[:len(seg.text) - len(seg.text.lstrip())]
            trail = seg.text[len(seg.text.rstrip()):]
            core = seg.text.strip()
            opening, closing = (d0, d1) if seg.kind == "delete" else (i0, i1)
            parts.append(f"{lead}{opening}{core}{closing}{trail}" if core else seg.text)
    return "".join(parts)


def changed_lines(old: str, new: str, style: str = "plain") -> list[str]:
    """The lines that differ, each with its word-level changes marked."""
    a, b = old.splitlines(), new.splitlines()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            before = olds[k] if k < len(olds) else ""
            after = news[k] if k < len(news) else ""
            out.append(render(diff(before, after), style).strip())
    return [line for line in out if line]

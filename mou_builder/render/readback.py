"""A DOCX as plain text, in reading order: paragraphs, and table rows as cells
separated by " | ". Tracked changes are marked: insertions as {+text+},
deletions as [-text-]; so are the words of a redline (a comparison table):
underlined ones as {+text+}, struck ones as [-text-]. Used by the golden tests, by ``mou docx2text`` and, through
it, by ``git diff`` (a textconv driver) to show Word files as text.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


_MARKS = {qn("w:ins"): ("{+", "+}"), qn("w:del"): ("[-", "-]")}


def _redline(run):
    """The marks of a struck or underlined run, else None."""
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        return None
    if rpr.find(qn("w:strike")) is not None:
        return _MARKS[qn("w:del")]
    u = rpr.find(qn("w:u"))
    return _MARKS[qn("w:ins")] if u is not None and u.get(qn("w:val")) not in (None, "none") else None


def _paragraph_text(p) -> str:
    out = []

    def walk(node):
        for child in node:
            tag = child.tag
            marks = _MARKS.get(tag) or (_redline(child) if tag == qn("w:r") else None)
            if marks:
                out_len = len(out)
                walk(child)
                inner = out[out_len:]
                del out[out_len:]
                if "".join(inner):
                    out.append(marks[0] + "".join(inner) + marks[1])
            elif tag in (qn("w:t"), qn("w:delText")):
                out.append(child.text or "")
            elif tag == qn("w:tab"):
                out.append("\t")
            elif tag in (qn("w:br"), qn("w:cr")):
                out.append("\n")
            elif tag != qn("w:pPr"):
                walk(child)
    walk(p)
    return "".join(out)


def _table_lines(tbl) -> list[str]:
    lines = []
    for tr in tbl.iter(qn("w:tr")):
        cells = []
        for tc in tr.findall(qn("w:tc")):
            cells.append(" / ".join(t for t in (_paragraph_text(p).strip()
                                                for p in tc.findall(qn("w:p"))) if t))
        lines.append(" | ".join(cells))
    return lines


def lines(path: str | Path, headers: bool = True) -> list[str]:
    doc = Document(str(path))
    out = []
    if headers:
        for section in doc.sections:
            for p in section.header.paragraphs:
                if p.text.strip():
                    out.append(f"[header] {p.text.strip()}")
    for child in doc.element.body:
        if child.tag == qn("w:p"):
            text = _paragraph_text(child).strip()
            if text:
                out.append(text)
        elif child.tag == qn("w:tbl"):
            out.extend(_table_lines(child))
    return out


def text(path: str | Path) -> str:
    return "\n".join(lines(path)) + "\n"

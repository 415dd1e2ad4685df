"""A DOCX as plain text, in reading order: paragraphs, then table rows as cells
separated by " | ". Used by the golden tests and to review generated files.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


def _paragraph_text(p) -> str:
    out = []
    for node in p.iter():
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append("\t")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
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

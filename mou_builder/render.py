"""RENDER: lay a :class:`~mou_builder.assemble.Document` out in a DOCX template.

The template (docxtpl) holds the page setup, named styles, header and footer
and the loops; this module hands it plain values through the project's
sandboxed, autoescaping environment, then sets what a template cannot
express: the annex tables' column widths and the document properties.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from lxml import etree
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from . import sandbox
from .assemble import Document
from .errors import LibraryError

SIGNATURES_PER_ROW = 3
_TEXT_WIDTH_TWIPS = 9240  # A4 less margins of the default template; rescaled to the section


def _context(doc: Document) -> dict:
    labels = doc.labels
    return {
        "doc": {
            "title": doc.title,
            "short_title": doc.short_title,
            "opening": doc.opening,
            "recitals": doc.recitals,
            "articles": [{"heading": sandbox.escape(labels["article_heading"]).format(
                n=a.number, title=a.title),
                          "number": a.number, "title": a.title, "blocks": a.blocks}
                         for a in doc.articles],
            "closing": doc.closing,
            "annexes": [{"title": x.title, "tables": [{
                "caption": t.caption, "headers": list(t.headers), "note": t.note,
                "rows": [{"cells": list(r), "strong": i in t.strong} for i, r in enumerate(t.rows)],
            } for t in x.tables]} for x in doc.annexes],
        },
        "signatures": [list(doc.signatures[i:i + SIGNATURES_PER_ROW])
                       for i in range(0, len(doc.signatures), SIGNATURES_PER_ROW)],
        "labels": labels,
        "lang": doc.lang,
    }


def _text_width(docx) -> int:
    section = docx.sections[-1]
    try:
        return int((section.page_width - section.left_margin - section.right_margin) / 635)
    except TypeError:
        return _TEXT_WIDTH_TWIPS


def _align_right(table, columns):
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            if i in columns:
                for paragraph in cell.paragraphs:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _set_widths(table, shares, total):
    """Fixed column widths in proportion to ``shares`` across the text width."""
    widths = [int(total * s / sum(shares)) for s in shares]
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblW")) + tbl_pr.findall(qn("w:tblLayout")):
        tbl_pr.remove(old)
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    # schema order in tblPr: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, …
    tbl_pr.insert_element_before(tbl_w, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                                 "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                 "w:tblCaption", "w:tblDescription")
    tbl_pr.insert_element_before(layout, "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                 "w:tblDescription")
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for w in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(w))
        grid.append(col)
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w * 635


def _annex_tables(docx):
    return [t for t in docx.tables if t.style is not None and t.style.name == "Table Grid"]


def render(doc: Document, template: Path, when: dt.datetime, version: str) -> bytes:
    """The DOCX bytes of ``doc`` laid out with ``template``."""
    try:
        tpl = DocxTemplate(str(template))
        env = sandbox.environment()
        tpl.render(_context(doc), jinja_env=env, autoescape=True)
    except sandbox.SecurityError as exc:
        raise LibraryError(f"{template}: the template tried something not allowed: {exc}") from None
    except sandbox.TemplateError as exc:
        raise LibraryError(f"{template}: template error: {exc}") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise LibraryError(f"{template}: the template cannot be read as a Word document "
                           f"({type(exc).__name__}: {exc})") from None
    docx = tpl.docx
    specs = [t for a in doc.annexes for t in a.tables]
    tables = _annex_tables(docx)
    if len(tables) != len(specs):
        raise LibraryError(f"{template}: expected {len(specs)} annex tables, the template made "
                           f"{len(tables)} (annex tables use the 'Table Grid' style)")
    width = _text_width(docx)
    for table, spec in zip(tables, specs):
        _set_widths(table, spec.widths, width)
        _align_right(table, spec.numeric)
    props = docx.core_properties
    props.title = doc.title
    props.subject = doc.short_title
    props.language = doc.locale.replace("_", "-")
    props.author = props.last_modified_by = f"mou_builder {version}"
    props.created = props.modified = when
    props.revision = 1
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()

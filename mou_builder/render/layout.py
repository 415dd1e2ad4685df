"""RENDER: lay assembled documents out in a DOCX template, in one of three layouts.

- ``separate``: one document per language (``agreement.docx``);
- ``sequential``: one document, each language's full text after the other;
- ``parallel``: one document, each part and article a row of a borderless table
  with one column per language (``parallel.docx``), annexes after it.

The templates (docxtpl) hold page setup, named styles, header, footer and the
loops; this module hands them plain values through the sandboxed, autoescaping
environment, then sets what a template cannot express: annex column widths,
right-to-left text (:mod:`mou_builder.bidi`) and the document properties.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from lxml import etree

from . import bidi, columns, properties, tracked
from ..base.errors import LibraryError
from ..drafting.assemble import Document
from ..library import sandbox

SIGNATURES_PER_ROW = 3
_TEXT_WIDTH_TWIPS = 9240  # A4 less margins of the default template; rescaled to the section
_ARABIC = re.compile("[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def _table(t) -> dict:
    return {"caption": t.caption, "headers": list(t.headers), "note": t.note,
            "rows": [{"cells": list(r), "strong": i in t.strong} for i, r in enumerate(t.rows)]}


def _annexes(docs) -> list:
    return [{"title": x.title, "tables": [_table(t) for t in x.tables]} for doc in docs for x in doc.annexes]


def _signatures(docs) -> list:
    """Rows of signature cells; each cell has a line per language for the party and the title."""
    cells = [{"heads": [d.signatures[i].for_party for d in docs], "name": docs[0].signatures[i].name,
              "titles": list(dict.fromkeys(d.signatures[i].title for d in docs)),
              "places": list(dict.fromkeys(d.signatures[i].place_line for d in docs
                                           if d.signatures[i].place_line))}
             for i in range(len(docs[0].signatures))]
    return [cells[i:i + SIGNATURES_PER_ROW] for i in range(0, len(cells), SIGNATURES_PER_ROW)]


def _single_context(doc: Document) -> dict:
    return {
        "doc": {
            "title": doc.title, "short_title": doc.short_title, "opening": doc.opening,
            "recitals": doc.recitals, "closing": doc.closing, "annexes": _annexes([doc]),
            "tables": [_table(t) for t in doc.tables],
            "articles": [{"heading": a.heading, "number": a.number, "title": a.title, "blocks": a.blocks}
                         for a in doc.articles],
        },
        "signatures": _signatures([doc]),
        "labels": doc.labels,
        "lang": doc.lang,
        "draft": doc.draft,
    }


def _cell(kind, text):
    return {"kind": kind, "text": text}


def _parallel_context(docs) -> dict:
    def column(doc, part):
        if part == "title":
            return [_cell("title", doc.title)]
        if part == "opening":
            return [_cell(b.kind, b.text) for b in doc.opening]
        if part == "recitals":
            return [_cell("intro", doc.labels["recitals_intro"])] + \
                [_cell("recital", b.text) for b in doc.recitals] + [_cell("agreed", doc.labels["agreed"])]
        if part == "closing":
            return [_cell("closing", b.text) for b in doc.closing]
        article = doc.articles[part]
        return [_cell("heading", article.heading)] + [_cell(b.kind, b.text) for b in article.blocks]
    parts = ["title", "opening", "recitals", *range(len(docs[0].articles)), "closing"]
    first = docs[0]
    return {
        "columns": [d.autonym for d in docs],
        "rows": [row for row in ([column(d, part) for d in docs] for part in parts) if any(row)],  # no empty row
        "doc": {"short_title": first.short_title, "annexes": _annexes(docs), "tables": []},
        "signatures": _signatures(docs),
        "labels": first.labels,
        "lang": first.lang,
        "draft": " / ".join(d.draft for d in docs if d.draft),
    }


# docxtpl turns "{_{", "}_}", "{_%" and "%_}" into "{{", "}}", "{%" and "%}" after rendering
_DOCXTPL_MARKS = re.compile(r"(?<=\{)_(?=[{%])|(?<=[}%])_(?=\})")


def _literal(value):
    """A value as escaped XML whose "{_{"-like sequences survive docxtpl: user text appears
    exactly as written (the "_" becomes a character reference)."""
    if not isinstance(value, str):
        return value
    return sandbox.Markup(_DOCXTPL_MARKS.sub("&#95;", str(sandbox.escape(value))))


def _fill(template: Path, context: dict):
    """The template rendered with ``context`` in the sandbox: a python-docx document."""
    try:
        tpl = DocxTemplate(str(template))
        env = sandbox.environment()
        env.finalize = _literal
        tpl.render(context, jinja_env=env, autoescape=True)
    except (sandbox.SecurityError, RecursionError, MemoryError) as exc:
        raise LibraryError(f"{template}: {sandbox.refusal(exc)}") from None
    except sandbox.TemplateError as exc:
        raise LibraryError(f"{template}: template error: {exc}") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise LibraryError(f"{template}: the template cannot be read as a Word document "
                           f"({type(exc).__name__}: {exc})") from None
    return tpl.docx


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


def _annex_tables(docx, docs, template):
    specs = [t for d in docs for t in d.tables] + [t for d in docs for a in d.annexes for t in a.tables]
    tables = [t for t in docx.tables if t.style is not None and t.style.name == "Table Grid"]
    if len(tables) != len(specs):
        raise LibraryError(f"{template}: expected {len(specs)} annex tables, the template made "
                           f"{len(tables)} (annex tables use the 'Table Grid' style)")
    width = _text_width(docx)
    in_body = sum(len(d.tables) for d in docs)
    for n, (table, spec) in enumerate(zip(tables, specs)):
        _set_widths(table, spec.widths or columns.widths(spec.headers, spec.rows, width), width)
        _align_right(table, spec.numeric)
        _shade(table, spec.shaded)
        if n < in_body:  # a comparison table's rows hold whole articles: they may break
            for cant_split in table._tbl.iter(qn("w:cantSplit")):
                cant_split.getparent().remove(cant_split)
        elif spec.note and _short_table(spec):  # the note under a table stays with it
            for paragraph in table._tbl.iter(qn("w:p")):
                Paragraph(paragraph, None).paragraph_format.keep_with_next = True


def _short_table(spec) -> bool:
    """A table that fits well within a page (a timeline, a short list of lines)."""
    return len(spec.rows) <= 12 and sum(len(str(c)) for r in spec.rows for c in r) < 2000


NARROW_MARGIN = 40  # twips on each side of a timeline's cells, so that "Q3 26" fits
SHADE = "8EA9C1"  # the cells of a timeline: dark enough to print, light enough for text


def _narrow_margins(table):
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblCellMar")):
        tbl_pr.remove(old)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):  # CT_TblCellMar: top, left (start), bottom, right (end)
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(NARROW_MARGIN))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _shade(table, cells):
    """Shade body cells (row, column): ``w:shd`` in its place in ``w:tcPr`` (schema order)."""
    if not cells:
        return
    _narrow_margins(table)
    body = table.rows[1:]  # the first row is the header
    for r, c in cells:
        tc_pr = body[r].cells[c]._tc.get_or_add_tcPr()
        for old in tc_pr.findall(qn("w:shd")):
            tc_pr.remove(old)
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), SHADE)
        tc_pr.insert_element_before(shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                                    "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
                                    "w:cellMerge", "w:tcPrChange")


def _lang_tag(doc: Document) -> str:
    return doc.locale.replace("_", "-")


def _property(text: str, limit: int = 255) -> str:
    """A document property holds at most 255 characters: a longer title is shortened there
    (the document's text keeps it whole)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _properties(docx, doc: Document, languages, when: dt.datetime, version: str):
    properties.core(docx, _property(tracked.accepted(doc.title)), _property(doc.short_title), languages,
                    when, version)
    properties.clean_package(docx, version)


def _to_bytes(docx) -> bytes:
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _marks(docx, doc: Document):
    """Changes marked in the texts: tracked changes (a consolidated text), else a redline
    of struck and underlined words (a comparison table)."""
    if doc.tracked:
        tracked.apply(docx, *doc.tracked)
    else:
        tracked.redline(docx)


def single(doc: Document, template: Path):
    """One language's document, right to left when the language is."""
    docx = _fill(template, _single_context(doc))
    properties.document_language(docx, _lang_tag(doc), bidi.is_rtl(doc.lang))
    _annex_tables(docx, [doc], template)
    _marks(docx, doc)
    if bidi.is_rtl(doc.lang):
        bidi.document_rtl(docx, _lang_tag(doc))
    if doc.native_digits:
        properties.page_numbers_in_native_digits(docx)
    return docx


def separate(doc: Document, template: Path, when: dt.datetime, version: str) -> bytes:
    docx = single(doc, template)
    _properties(docx, doc, [_lang_tag(doc)], when, version)
    return _to_bytes(docx)


def sequential(docs, template: Path, when: dt.datetime, version: str) -> bytes:
    """The languages one after the other, each in its own section: it starts on a new page
    and has its header and footer in its own language (right to left for Arabic)."""
    first = single(docs[0], template)
    body = first.element.body
    for doc in docs[1:]:
        part = single(doc, template)
        elements = [el for el in part.element.body if el.tag != qn("w:sectPr")]
        if not bidi.is_rtl(doc.lang):
            properties.runs_language(elements, _lang_tag(doc))
        _own_section(first, part)
        sect_pr = body.find(qn("w:sectPr"))
        for el in elements:
            sect_pr.addprevious(el)
    _properties(first, docs[0], [_lang_tag(d) for d in docs], when, version)
    return _to_bytes(first)


def _rendered(part, section, kind: str):
    """The header or footer of ``section`` as docxtpl rendered it (docxtpl replaces those parts
    after python-docx has cached the originals: reach them through the relationships)."""
    ref = section._sectPr.find(qn(f"w:{kind}Reference"))
    return list(part.part.rels[ref.get(qn("r:id"))].target_part.element)


def _own_section(docx, part) -> None:
    """A new section at the end of ``docx`` with the header, footer and direction of ``part``."""
    section = docx.add_section(WD_SECTION.NEW_PAGE)
    source = part.sections[0]
    for kind in ("header", "footer"):
        target = getattr(section, kind)
        target.is_linked_to_previous = False
        element = target._element
        for child in list(element):
            element.remove(child)
        for child in _rendered(part, source, kind):
            element.append(copy.deepcopy(child))
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:bidi")):
        sect_pr.remove(old)
    if source._sectPr.find(qn("w:bidi")) is not None:
        sect_pr.insert_element_before(OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid",
                                      "w:printerSettings", "w:sectPrChange")
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    for number_type in source._sectPr.findall(qn("w:pgNumType")):  # the part's page digits
        sect_pr.insert_element_before(copy.deepcopy(number_type), "w:cols", "w:formProt", "w:vAlign",
                                      "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                                      "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def parallel(docs, template: Path, when: dt.datetime, version: str) -> bytes:
    """Side by side: the languages in columns, article by article."""
    docx = _fill(template, _parallel_context(docs))
    properties.document_language(docx, _lang_tag(docs[0]), bidi.is_rtl(docs[0].lang))
    _annex_tables(docx, docs, template)
    _marks(docx, docs[0])
    body = docx.element.body
    main = body.find(qn("w:tbl"))
    _set_widths(Table(main, docx._body), [1] * len(docs), _text_width(docx))
    for tr in main.findall(qn("w:tr")):
        for tc, doc in zip(tr.findall(qn("w:tc")), docs):
            if bidi.is_rtl(doc.lang):
                bidi.region_rtl(docx, [tc], _lang_tag(doc), tables=False)
            elif doc is not docs[0]:
                properties.runs_language([tc], _lang_tag(doc))
    rtl = [d for d in docs if bidi.is_rtl(d.lang)]
    if rtl:  # signatures and annexes: each element in the language it is written in
        tag = _lang_tag(rtl[0])
        for el in body:
            if el is main or el.tag == qn("w:sectPr"):
                continue
            if el.tag == qn("w:tbl") and el.find(qn("w:tblPr")).find(qn("w:tblStyle")) is None:
                for p in el.iter(qn("w:p")):  # the signature table: line by line
                    if _ARABIC.search("".join(p.itertext())):
                        bidi.region_rtl(docx, [p], tag, tables=False)
            elif _ARABIC.search("".join(el.itertext())):
                bidi.region_rtl(docx, [el], tag)
    _properties(docx, docs[0], [_lang_tag(d) for d in docs], when, version)
    return _to_bytes(docx)

"""RENDER: lay assembled documents out in a DOCX template, in one of three layouts.

- ``separate``: one document per language (``agreement.docx``);
- ``sequential``: one document, each language's full text after the other;
- ``parallel``: one document, each part and article a row of a borderless table
  with one column per language (``parallel.docx``), annexes after it.

The templates (docxtpl syntax) hold page setup, named styles, header, footer and
the loops; this module hands them plain values through the sandboxed, autoescaping
environment (a template is opened and compiled once per process: :mod:`.package`),
then sets what a template cannot express on the XML: annex column widths,
right-to-left text (:mod:`.bidi`) and the document properties.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
import zipfile
from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from . import bidi, columns, elements, grids, package, properties, tracked
from ..base.errors import LibraryError
from ..drafting.assemble import Document
from ..library import sandbox

SIGNATURES_PER_ROW = 3
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
    kind = type(value)
    escaped = value if kind is sandbox.Markup else sandbox.escaped_text(value) if kind is str \
        else sandbox.escape(value)  # (clause text: escaped already)
    return sandbox.Markup(_DOCXTPL_MARKS.sub("&#95;", escaped)) if "_" in escaped else escaped


def _fill(template: Path, context: dict, regridded=None) -> package.Package:
    """The template rendered with ``context`` in the sandbox (:mod:`.package`); its annex
    tables, and the tables ``regridded(layout, tbl)`` names, get their grids here afterwards."""
    try:
        layout = package.opened(template)
        env = sandbox.environment()
        env.finalize = _literal
        env.autoescape = True
        return layout.render(context, env, regridded or _annex_table)
    except (sandbox.SecurityError, RecursionError, MemoryError) as exc:
        raise LibraryError(f"{template}: {sandbox.refusal(exc)}") from None
    except sandbox.TemplateError as exc:
        raise LibraryError(f"{template}: template error: {exc}") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise LibraryError(f"{template}: the template cannot be read as a Word document "
                           f"({type(exc).__name__}: {exc})") from None


ANNEX_STYLE = "Table Grid"  # the style of the tables whose columns are sized here


def _annex_table(layout: package.Layout, tbl) -> bool:
    """Whether a table of the body is an annex table (:func:`_annex_tables` sets its grid)."""
    return layout.table_style(tbl) == ANNEX_STYLE


def _main_or_annex_table(layout: package.Layout, tbl) -> bool:
    """Whether a table of the body is the parallel layout's table of columns, its first
    (:func:`parallel` sets its grid), or an annex table."""
    return tbl.getparent().find(_TBL) is tbl or _annex_table(layout, tbl)


_TBL = qn("w:tbl")


def _align_right(tbl, columns):
    """The paragraphs of the cells of ``columns`` (counted from 0 in each row) right-aligned."""
    for column in sorted(set(columns)):
        for p in _COLUMN_PARAGRAPHS(tbl, n=column + 1):
            elements.paragraph_property(p, "w:jc", "right")


_COLUMN_PARAGRAPHS = etree.XPath("w:tr/w:tc[$n]/w:p", namespaces=elements.W)


def _annex_tables(docx, docs, template):
    specs = [t for d in docs for t in d.tables] + [t for d in docs for a in d.annexes for t in a.tables]
    tables = [t for t in docx.body.findall(qn("w:tbl")) if _annex_table(docx.layout, t)]
    if len(tables) != len(specs):
        raise LibraryError(f"{template}: expected {len(specs)} annex tables, the template made "
                           f"{len(tables)} (annex tables use the '{ANNEX_STYLE}' style)")
    width = docx.text_width()
    in_body = sum(len(d.tables) for d in docs)
    for n, (table, spec) in enumerate(zip(tables, specs)):
        grids.set_widths(table, spec.widths or columns.widths(spec.headers, spec.rows, width), width)
        _align_right(table, spec.numeric)
        _shade(table, spec.shaded)
        if n < in_body:  # a comparison table's rows hold whole articles: they may break
            for cant_split in table.iter(qn("w:cantSplit")):
                cant_split.getparent().remove(cant_split)
        elif spec.note and _short_table(spec):  # the note under a table stays with it
            for p in table.iter(qn("w:p")):
                elements.paragraph_property(p, "w:keepNext")


def _short_table(spec) -> bool:
    """A table that fits well within a page (a timeline, a short list of lines)."""
    return len(spec.rows) <= 12 and sum(len(str(c)) for r in spec.rows for c in r) < 2000


NARROW_MARGIN = 40  # twips on each side of a timeline's cells, so that "Q3 26" fits
SHADE = "8EA9C1"  # the cells of a timeline: dark enough to print, light enough for text


def _narrow_margins(table):
    tbl_pr = table.tblPr
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
    body = grids.rows(table)[1:]  # the first row is the header
    for r, c in cells:
        tc_pr = grids.cell_properties(body[r][c])
        for old in tc_pr.findall(_SHD):
            tc_pr.remove(old)
        elements.insert_cell_property(tc_pr, tc_pr.makeelement(
            _SHD, {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): SHADE}))


_SHD = qn("w:shd")


def _lang_tag(doc: Document) -> str:
    return doc.locale.replace("_", "-")


def _property(text: str, limit: int = 255) -> str:
    """A document property holds at most 255 characters: a longer title is shortened there
    (the document's text keeps it whole)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _to_bytes(docx: package.Package, doc: Document, languages, when: dt.datetime, version: str) -> bytes:
    """The package, with properties that name the agreement and mou_builder."""
    return docx.to_bytes(when, {"title": _property(tracked.accepted(doc.title)), "subject": _property(doc.short_title),
                                "language": ", ".join(languages)}, version)


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
    return _to_bytes(single(doc, template), doc, [_lang_tag(doc)], when, version)


def sequential(docs, template: Path, when: dt.datetime, version: str) -> bytes:
    """The languages one after the other, each in its own section: it starts on a new page
    and has its header and footer in its own language (right to left for Arabic)."""
    first = single(docs[0], template)
    body = first.body
    for doc in docs[1:]:
        part = single(doc, template)
        elements = [el for el in part.body if el.tag != qn("w:sectPr")]
        if not bidi.is_rtl(doc.lang):
            properties.runs_language(elements, _lang_tag(doc))
        _own_section(first, part)
        sect_pr = body.find(qn("w:sectPr"))
        for el in elements:
            sect_pr.addprevious(el)
    return _to_bytes(first, docs[0], [_lang_tag(d) for d in docs], when, version)


def _own_section(docx, part) -> None:
    """A new section at the end of ``docx`` with the header, footer and direction of ``part``."""
    sect_pr = docx.body.add_section_break()
    sect_pr.start_type = WD_SECTION.NEW_PAGE
    source = part.sections()[0]
    for kind in ("header", "footer"):
        docx.add_header_footer(sect_pr, kind, part, *part.referenced(source, kind))
    for old in sect_pr.findall(qn("w:bidi")):
        sect_pr.remove(old)
    if source.find(qn("w:bidi")) is not None:
        sect_pr.insert_element_before(OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid",
                                      "w:printerSettings", "w:sectPrChange")
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    for number_type in source.findall(qn("w:pgNumType")):  # the part's page digits
        sect_pr.insert_element_before(copy.deepcopy(number_type), "w:cols", "w:formProt", "w:vAlign",
                                      "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                                      "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def parallel(docs, template: Path, when: dt.datetime, version: str) -> bytes:
    """Side by side: the languages in columns, article by article."""
    docx = _fill(template, _parallel_context(docs), _main_or_annex_table)
    properties.document_language(docx, _lang_tag(docs[0]), bidi.is_rtl(docs[0].lang))
    _annex_tables(docx, docs, template)
    _marks(docx, docs[0])
    body = docx.body
    main = body.find(qn("w:tbl"))
    grids.set_widths(main, [1] * len(docs), docx.text_width())
    for tr in main.findall(qn("w:tr")):
        for tc, doc in zip(tr.findall(qn("w:tc")), docs):
            if bidi.is_rtl(doc.lang):
                bidi.region_rtl(docx.rtl_twins, [tc], _lang_tag(doc), tables=False)
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
                    if _ARABIC.search(elements.all_text(p)):
                        bidi.region_rtl(docx.rtl_twins, [p], tag, tables=False)
            elif _ARABIC.search(elements.all_text(el)):
                bidi.region_rtl(docx.rtl_twins, [el], tag)
    return _to_bytes(docx, docs[0], [_lang_tag(d) for d in docs], when, version)

"""Regenerate templates/default/agreement.docx, the built-in layout template.

The template is an ordinary DOCX that a designer may also edit in Word: page
setup, named styles, header and footer, and docxtpl tags ({%p … %}, {%tr … %},
{%tc … %}) that lay out what the engine provides (see docs/templates.md).
This script is how the built-in one is made, so that its XML stays reviewable
and valid against the OOXML schema. Run it from the repository root:

    python templates/make_default.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mou_builder import __version__  # noqa: E402
from mou_builder.render.properties import clean_package  # noqa: E402

OUT = Path(__file__).resolve().parent / "default" / "agreement.docx"
FONT = "Times New Roman"
CS_FONT = "Arial"  # complex scripts (Arabic); LibreOffice substitutes a metric twin


def _fonts(style, size, bold=False, italic=False):
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.cs_bold = bold      # complex scripts (Arabic) have their own bold and italic
    style.font.cs_italic = italic
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    rfonts.set(qn("w:cs"), CS_FONT)
    rpr = style.element.get_or_add_rPr()
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(size_cs)


def paragraph_style(doc, name, size=11.0, bold=False, italic=False, align=None, before=0, after=6,
                    keep_next=False, page_break=False, left=None, hanging=None, base="Normal"):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    _fonts(style, size, bold, italic)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.1
    if align is not None:
        fmt.alignment = align
    fmt.keep_with_next = keep_next
    fmt.widow_control = True  # no line of a paragraph alone at the top or foot of a page
    fmt.page_break_before = page_break
    if left is not None:
        fmt.left_indent = Cm(left)
    if hanging is not None:
        fmt.first_line_indent = Cm(-hanging)
    return style


def tag(doc, text, style="MOU Tag"):
    """A paragraph that only holds a docxtpl tag (removed at render time)."""
    return doc.add_paragraph(text, style=style)


def blocks_loop(doc, source, body_style="MOU Body"):
    """Paragraphs and list items of a block list (opening, article, closing)."""
    tag(doc, "{%p for b in " + source + " %}")
    tag(doc, "{%p if b.kind == 'item' %}")
    doc.add_paragraph("{{ b.text }}", style="MOU List")
    tag(doc, "{%p elif b.kind == 'lead' %}")
    doc.add_paragraph("{{ b.text }}", style="MOU Lead")
    for kind, style in QUOTE_STYLES:
        tag(doc, "{%p elif b.kind == '" + kind + "' %}")
        doc.add_paragraph("{{ b.text }}", style=style)
    tag(doc, "{%p else %}")
    doc.add_paragraph("{{ b.text }}", style=body_style)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def set_cell_text(cell, text, style):
    cell.paragraphs[0].text = text
    cell.paragraphs[0].style = style


def shade(cell, fill):
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    for k, v in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shd.set(qn(k), v)
    tc_pr.append(shd)


def repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                 "w:tblCaption", "w:tblDescription")


def looped_table(doc, header: str, rows: str, cells: str, fill, head_style: str, body_style: str):
    """A header row with one cell per item of ``header`` ("h in t.headers"), then one row per
    item of ``rows`` with one cell per item of ``cells``; ``fill(cell)`` writes a body cell.
    docxtpl removes the cells and rows that only hold loop tags."""
    table = doc.add_table(rows=4, cols=3)
    head, loop_start, body, loop_end = table.rows
    var = header.split()[0]
    set_cell_text(head.cells[0], "{%tc for " + header + " %}", head_style)
    set_cell_text(head.cells[1], "{{ " + var + " }}", head_style)
    set_cell_text(head.cells[2], "{%tc endfor %}", head_style)
    repeat_header(head)
    set_cell_text(loop_start.cells[0], "{%tr for " + rows + " %}", body_style)
    set_cell_text(body.cells[0], "{%tc for " + cells + " %}", body_style)
    fill(body.cells[1])
    set_cell_text(body.cells[2], "{%tc endfor %}", body_style)
    set_cell_text(loop_end.cells[0], "{%tr endfor %}", body_style)
    return table


def annex_table(doc):
    """The generic annex table: a header row and body rows, columns from the data."""
    def fill(cell):
        set_cell_text(cell, "{%p if row.strong %}", "MOU Tag")
        cell.add_paragraph("{{ c }}", style="MOU Table Strong")
        cell.add_paragraph("{%p else %}", style="MOU Tag")
        cell.add_paragraph("{{ c }}", style="MOU Table Text")
        cell.add_paragraph("{%p endif %}", style="MOU Tag")
    table = looped_table(doc, "h in t.headers", "row in t.rows", "c in row.cells", fill,
                         "MOU Table Header", "MOU Table Text")
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.rows[2]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row stays on one page
    shade(table.rows[0].cells[1], "D9E2F3")


def signature_table(doc):
    tag(doc, "{%p if signatures %}")
    table = doc.add_table(rows=3, cols=3)
    no_borders(table)
    start, row, end = table.rows
    set_cell_text(start.cells[0], "{%tr for group in signatures %}", "MOU Signature")
    set_cell_text(row.cells[0], "{%tc for s in group %}", "MOU Signature")
    cell = row.cells[1]
    set_cell_text(cell, "{%p for line in s.heads %}", "MOU Tag")
    cell.add_paragraph("{{ line }}", style="MOU Signature Party")
    cell.add_paragraph("{%p endfor %}", style="MOU Tag")
    cell.add_paragraph("{%p for line in s.titles %}", style="MOU Tag")
    cell.add_paragraph("{{ line }}", style="MOU Signature")
    cell.add_paragraph("{%p endfor %}", style="MOU Tag")
    for _ in range(4):  # room to sign
        cell.add_paragraph("", style="MOU Signature")
    cell.add_paragraph("{{ s.name }}", style="MOU Signature")
    cell.add_paragraph("{%p for line in s.places %}", style="MOU Tag")
    cell.add_paragraph("{{ line }}", style="MOU Signature Place")
    cell.add_paragraph("{%p endfor %}", style="MOU Tag")
    set_cell_text(row.cells[2], "{%tc endfor %}", "MOU Signature")
    set_cell_text(end.cells[0], "{%tr endfor %}", "MOU Signature")
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    tag(doc, "{%p endif %}")


def field(paragraph, instruction):
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def fix_settings(doc):
    """python-docx's default settings carry a w:zoom without w:percent (schema-invalid)."""
    settings = doc.settings.element
    for zoom in settings.findall(qn("w:zoom")):
        zoom.set(qn("w:percent"), "100")


STYLES = [  # name, options
    ("MOU Tag", dict(size=2, after=0)),
    ("MOU Draft", dict(size=12, bold=True, align="center", after=6)),
    ("MOU Title", dict(size=15, bold=True, align="center", before=24, after=24)),
    ("MOU Body", dict(align="both")),
    ("MOU Lead", dict(align="both", keep_next=True)),  # introduces a list: stays with it
    ("MOU List", dict(align="both", base="List Bullet", left=1.0, hanging=0.5)),
    ("MOU Recitals Intro", dict(bold=True, before=12)),
    ("MOU Recital", dict(align="both", left=0.8)),
    ("MOU Agreed", dict(bold=True, before=6, after=12, keep_next=True)),
    ("MOU Article Heading", dict(size=11.5, bold=True, before=14, after=6, keep_next=True)),
    ("MOU Closing", dict(align="both", before=18, after=12, keep_next=True)),
    ("MOU Signature Party", dict(bold=True, align="center", after=0, keep_next=True)),
    ("MOU Signature", dict(align="center", after=0, keep_next=True)),
    ("MOU Signature Place", dict(size=10, align="center", before=6, after=0, keep_next=True)),
    ("MOU Annex Heading", dict(size=13, bold=True, align="center", after=18, keep_next=True,
                               page_break=True)),
    ("MOU Annex Heading Next", dict(size=13, bold=True, align="center", before=30, after=18,
                                    keep_next=True)),  # the annexes after the first: no page break
    ("MOU Table Caption", dict(bold=True, before=12, after=4, keep_next=True)),
    ("MOU Table Header", dict(size=9, bold=True, after=0, keep_next=True)),
    ("MOU Table Text", dict(size=9, after=0)),
    ("MOU Table Strong", dict(size=9, bold=True, after=0)),
    ("MOU Note", dict(size=9, italic=True, before=3)),
    # amendments: quoted new text set apart, and the notice of a consolidated version
    ("MOU Quote", dict(align="both", left=1.25)),
    ("MOU Quote List", dict(align="both", base="List Bullet", left=2.0, hanging=0.5)),
    ("MOU Notice", dict(size=10, italic=True, align="center", before=6, after=12)),
    ("MOU Column Heading", dict(size=10, bold=True, align="center", after=0)),
    ("MOU Header", dict(size=8.5, italic=True, align="center", after=0)),
    ("MOU Footer", dict(size=9, align="center", after=0)),
]
QUOTE_STYLES = [("quote", "MOU Quote"), ("quote_item", "MOU Quote List"), ("notice", "MOU Notice")]
ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "both": WD_ALIGN_PARAGRAPH.JUSTIFY, None: None}


def styles(doc):
    """The named styles, each with a right-to-left twin ("MOU Body RTL") for Arabic."""
    _fonts(doc.styles["Normal"], 11)
    doc.styles["Normal"].paragraph_format.widow_control = True
    for name, options in STYLES:
        options = dict(options)
        align = ALIGN[options.pop("align", None)]
        style = paragraph_style(doc, name, align=align, **options)
        if name == "MOU Header":
            style.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        if name == "MOU Draft":
            style.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        twin = doc.styles.add_style(name + " RTL", WD_STYLE_TYPE.PARAGRAPH)
        twin.base_style = style
        twin.quick_style = False
        ppr = twin.element.get_or_add_pPr()
        ppr.insert_element_before(OxmlElement("w:bidi"), "w:adjustRightInd", "w:snapToGrid",
                                  "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                                  "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                                  "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle")
        lang = OxmlElement("w:lang")
        lang.set(qn("w:bidi"), "ar-SA")
        twin.element.get_or_add_rPr().append(lang)


def frame(doc):
    """Page, styles, header with the short title, footer with page numbers."""
    fix_settings(doc)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.3)
    section.header_distance = section.footer_distance = Cm(1.0)
    styles(doc)
    for paragraph in list(doc.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    header = section.header.paragraphs[0]
    header.text = "{{ doc.short_title }}"
    header.style = doc.styles["MOU Header"]
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["MOU Footer"]
    footer.add_run("{{ labels.page }} ")
    field(footer, " PAGE ")
    footer.add_run(" {{ labels.of }} ")
    field(footer, " NUMPAGES ")


def table_block(doc):
    """A table with its caption and note (the loop variable is ``t``)."""
    tag(doc, "{%p if t.caption %}")
    doc.add_paragraph("{{ t.caption }}", style="MOU Table Caption")
    tag(doc, "{%p endif %}")
    annex_table(doc)
    tag(doc, "{%p if t.note %}")
    doc.add_paragraph("{{ t.note }}", style="MOU Note")
    tag(doc, "{%p endif %}")


def tables(doc):
    """Tables that stand in the body (the comparison table of an amendment)."""
    tag(doc, "{%p for t in doc.tables %}")
    table_block(doc)
    tag(doc, "{%p endfor %}")


def annexes(doc):
    tag(doc, "{%p for annex in doc.annexes %}")
    tag(doc, "{%p if loop.first %}")
    doc.add_paragraph("{{ annex.title }}", style="MOU Annex Heading")
    tag(doc, "{%p else %}")
    doc.add_paragraph("{{ annex.title }}", style="MOU Annex Heading Next")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for t in annex.tables %}")
    table_block(doc)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


def properties(doc):
    props = doc.core_properties
    props.title, props.subject, props.author, props.keywords = "", "", "mou_builder", ""
    props.comments, props.category, props.last_modified_by = "", "", "mou_builder"
    props.revision = 1
    clean_package(doc, __version__)  # no thumbnail, no word processor named in app.xml


def draft_mark(doc):
    tag(doc, "{%p if draft %}")
    doc.add_paragraph("{{ draft }}", style="MOU Draft")
    tag(doc, "{%p endif %}")


def agreement(out: Path) -> Path:
    """One language: title, opening, recitals, articles, closing, signatures, annexes."""
    doc = Document()
    frame(doc)
    draft_mark(doc)
    doc.add_paragraph("{{ doc.title }}", style="MOU Title")
    blocks_loop(doc, "doc.opening")
    tag(doc, "{%p if doc.recitals %}")
    doc.add_paragraph("{{ labels.recitals_intro }}", style="MOU Recitals Intro")
    tag(doc, "{%p for b in doc.recitals %}")
    doc.add_paragraph("{{ b.text }}", style="MOU Recital")
    tag(doc, "{%p endfor %}")
    doc.add_paragraph("{{ labels.agreed }}", style="MOU Agreed")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for art in doc.articles %}")
    doc.add_paragraph("{{ art.heading }}", style="MOU Article Heading")
    blocks_loop(doc, "art.blocks")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for b in doc.closing %}")
    doc.add_paragraph("{{ b.text }}", style="MOU Closing")
    tag(doc, "{%p endfor %}")
    signature_table(doc)
    tables(doc)
    annexes(doc)
    properties(doc)
    doc.save(out)
    return out


CELL_STYLES = [("title", "MOU Title"), ("heading", "MOU Article Heading"), ("item", "MOU List"),
               ("lead", "MOU Lead"),
               ("recital", "MOU Recital"), ("intro", "MOU Recitals Intro"), ("agreed", "MOU Agreed"),
               ("closing", "MOU Closing"), *QUOTE_STYLES]


def parallel(out: Path) -> Path:
    """Several languages side by side: one row per part and per article, one column per language."""
    doc = Document()
    frame(doc)
    draft_mark(doc)

    def fill(cell):
        set_cell_text(cell, "{%p for b in cell %}", "MOU Tag")
        for n, (kind, style) in enumerate(CELL_STYLES):
            cell.add_paragraph(("{%p if " if n == 0 else "{%p elif ") + f"b.kind == '{kind}' %}}",
                               style="MOU Tag")
            cell.add_paragraph("{{ b.text }}", style=style)
        cell.add_paragraph("{%p else %}", style="MOU Tag")
        cell.add_paragraph("{{ b.text }}", style="MOU Body")
        cell.add_paragraph("{%p endif %}", style="MOU Tag")
        cell.add_paragraph("{%p endfor %}", style="MOU Tag")
    no_borders(looped_table(doc, "h in columns", "row in rows", "cell in row", fill,
                            "MOU Column Heading", "MOU Tag"))
    signature_table(doc)
    annexes(doc)
    properties(doc)
    doc.save(out)
    return out


def build(folder: Path = OUT.parent) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    return [agreement(folder / "agreement.docx"), parallel(folder / "parallel.docx")]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT.parent):
        print(path)

"""Regenerate packs/cooperation-network/templates/agreement.docx, the house style of the
Cooperation Network pack: a sans-serif face, a cover page with a logo placeholder,
numbered headings in the network's colour and its own signature block.

It reuses the built-in template's parts (templates/make_default.py) and changes what
makes the house style. Run from the repository root, then record the new hash:

    python packs/make_cooperation_network.py
    mou packs hash packs/cooperation-network
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "templates"))
import make_default as base  # noqa: E402  (the built-in template's building blocks)

OUT = Path(__file__).resolve().parent / "cooperation-network" / "templates" / "agreement.docx"
BLUE = RGBColor(0x1F, 0x4E, 0x79)
base.FONT = "DejaVu Sans"  # the house face (Liberation/DejaVu are in every LibreOffice install)


def house_styles(doc):
    """The network's colour and sizes over the built-in styles."""
    for name, size in (("MOU Title", 20), ("MOU Article Heading", 12), ("MOU Annex Heading", 13)):
        style = doc.styles[name]
        style.font.color.rgb = BLUE
        style.font.size = Pt(size)
    doc.styles["MOU Body"].font.size = Pt(10)
    doc.styles["MOU Article Heading"].paragraph_format.space_before = Pt(18)
    doc.styles["MOU Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def cover(doc):
    """A page with the logo placeholder, the title and the network's name."""
    logo = doc.add_table(rows=1, cols=1)
    logo.alignment = WD_TABLE_ALIGNMENT.LEFT
    logo.autofit = False
    logo.columns[0].width = Cm(4.5)
    cell = logo.rows[0].cells[0]
    cell.width = Cm(4.5)
    base.set_cell_text(cell, "LOGO", "MOU Signature Party")
    base.shade(cell, "DCE6F0")  # no "Table Grid" style: that style marks the annex tables
    for _ in range(6):
        doc.add_paragraph("", style="MOU Body")
    doc.add_paragraph("{{ doc.title }}", style="MOU Title")
    note = doc.add_paragraph("Cooperation Network · model agreement", style="MOU Body")
    note.runs[0].font.color.rgb = BLUE
    note.runs[0].font.italic = True
    note.add_run().add_break(WD_BREAK.PAGE)


def signature_block(doc):
    """One party after the other, a line to sign on, name and title below."""
    base.tag(doc, "{%p for group in signatures %}")
    base.tag(doc, "{%p for s in group %}")
    base.tag(doc, "{%p for line in s.heads %}")
    doc.add_paragraph("{{ line }}", style="MOU Signature Party").alignment = WD_ALIGN_PARAGRAPH.LEFT
    base.tag(doc, "{%p endfor %}")
    doc.add_paragraph("", style="MOU Signature")
    doc.add_paragraph("______________________________", style="MOU Signature").alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.add_paragraph("{{ s.name }}", style="MOU Signature").alignment = WD_ALIGN_PARAGRAPH.LEFT
    base.tag(doc, "{%p for line in s.titles %}")
    doc.add_paragraph("{{ line }}", style="MOU Signature").alignment = WD_ALIGN_PARAGRAPH.LEFT
    base.tag(doc, "{%p endfor %}")
    doc.add_paragraph("", style="MOU Signature")
    base.tag(doc, "{%p endfor %}")
    base.tag(doc, "{%p endfor %}")


def agreement(out: Path) -> Path:
    doc = Document()
    base.frame(doc)
    house_styles(doc)
    base.draft_mark(doc)
    cover(doc)
    base.blocks_loop(doc, "doc.opening")
    base.tag(doc, "{%p if doc.recitals %}")
    doc.add_paragraph("{{ labels.recitals_intro }}", style="MOU Recitals Intro")
    base.tag(doc, "{%p for b in doc.recitals %}")
    doc.add_paragraph("{{ b.text }}", style="MOU Recital")
    base.tag(doc, "{%p endfor %}")
    doc.add_paragraph("{{ labels.agreed }}", style="MOU Agreed")
    base.tag(doc, "{%p endif %}")
    base.tag(doc, "{%p for art in doc.articles %}")
    doc.add_paragraph("{{ art.number }}. {{ art.title }}", style="MOU Article Heading")
    base.blocks_loop(doc, "art.blocks")
    base.tag(doc, "{%p endfor %}")
    base.tag(doc, "{%p for b in doc.closing %}")
    doc.add_paragraph("{{ b.text }}", style="MOU Closing")
    base.tag(doc, "{%p endfor %}")
    signature_block(doc)
    base.tables(doc)
    base.annexes(doc)
    base.properties(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    print(agreement(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))

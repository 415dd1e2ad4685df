"""RENDER: small helpers on WordprocessingML elements, shared by the render modules.

- the ``w`` namespace map for XPath queries (:data:`W`), an element's whole text in one
  query (:func:`all_text`), lxml's own deep copy (:func:`clone`), a child by its tag
  (:func:`child`);
- the schema's order of run, paragraph and cell properties. Word refuses a document whose
  ``w:rPr``, ``w:pPr`` or ``w:tcPr`` children are out of the order ECMA-376 gives (CT_RPr,
  CT_PPr, CT_TcPr), where LibreOffice reads them in any order. python-docx knows these
  orders too, but its ``get_or_add_*`` look for every later sibling in turn, which
  measured 6 ms more per bilingual agreement than these small tables.
"""
from __future__ import annotations

from docx.oxml.ns import nsmap, qn
from lxml import etree

W = {"w": nsmap["w"]}  # the namespace map of XPath queries on WordprocessingML
# an element's whole text in one call to libxml2 (itertext goes through python-docx's element
# classes, and testing every w:t in XPath is slower too)
all_text = etree.XPath("string()", smart_strings=False)

RUN = tuple(qn(f"w:{n}") for n in (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split())

PARAGRAPH = tuple(qn(f"w:{n}") for n in (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split())

CELL = tuple(qn(f"w:{n}") for n in (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
    "hideMark headers cellIns cellDel cellMerge tcPrChange").split())

_PPR, _VAL = qn("w:pPr"), qn("w:val")
_NAMES = {}  # "w:jc" -> its Clark name
_RUN_RANK = {tag: n for n, tag in enumerate(RUN)}
_PARAGRAPH_RANK = {tag: n for n, tag in enumerate(PARAGRAPH)}
_CELL_RANK = {tag: n for n, tag in enumerate(CELL)}


def _insert(parent, el, rank: dict) -> None:
    """``el`` among ``parent``'s children before the first that comes after it (children the
    table does not know stay where they are)."""
    mine = rank[el.tag]
    for child in parent:
        if rank.get(child.tag, -1) > mine:
            child.addprevious(el)
            return
    parent.append(el)


def insert_run_property(rpr, el) -> None:
    """Insert ``el`` into the run properties ``rpr`` in its place."""
    _insert(rpr, el, _RUN_RANK)


def insert_cell_property(tc_pr, el) -> None:
    """Insert ``el`` into the cell properties ``tc_pr`` in its place."""
    _insert(tc_pr, el, _CELL_RANK)


def paragraph_property(p, tag: str, value: str | None = None):
    """Set a paragraph property of ``p`` (``w:jc`` right, ``w:keepNext`` on) in its place,
    replacing its attributes; the property element is returned."""
    ppr = paragraph_properties(p)
    name = _NAMES.get(tag) or _NAMES.setdefault(tag, qn(tag))
    old = child(ppr, name)
    if old is None:
        old = ppr.makeelement(name, {})
        _insert(ppr, old, _PARAGRAPH_RANK)
    else:
        old.attrib.clear()
    if value is not None:
        old.set(_VAL, value)
    return old


def child(el, tag: str):
    """The first child of ``el`` with ``tag`` (a Clark name), or None: ``el.find(tag)``, without
    going through lxml's path language (a third of the time; a property element has a few
    children, and the render passes look one up for nearly every run and paragraph)."""
    for c in el:
        if c.tag == tag:
            return c
    return None


def clone(el):
    """A deep copy of an element: lxml's own, without copy.deepcopy's dispatch and memo
    (the right-to-left pass copies a run's properties for nearly every run)."""
    return el.__deepcopy__(None)


def paragraph_properties(p):
    """A paragraph's ``w:pPr``, made as its first child when it has none (python-docx's
    ``get_or_add_pPr`` looks for every later sibling first)."""
    ppr = child(p, _PPR)
    if ppr is None:
        ppr = p.makeelement(_PPR, {})
        p.insert(0, ppr)
    return ppr


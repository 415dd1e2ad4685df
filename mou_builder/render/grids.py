"""RENDER: table grids: the fix docxtpl makes to a rendered table's grid, and the fixed
column widths the layouts give annex tables.

A template's loop over cells can leave a table with more or fewer cells in its rows than
columns in its grid; docxtpl fixes the grid after rendering (``fix_tables``), by parsing
the whole body again. Here the body is parsed once: docxtpl's fix runs only on the tables
whose cells do not match their grid (:func:`mismatch`), each handed to it alone, and not at
all on the tables whose grid the layout replaces afterwards (:func:`set_widths`).
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from . import elements

_TBL, _TC, _TC_PR, _TC_W, _GRID_SPAN = (qn(f"w:{tag}") for tag in ("tbl", "tc", "tcPr", "tcW", "gridSpan"))
_WIDTH, _TYPE, _VAL = qn("w:w"), qn("w:type"), qn("w:val")
_GRIDS = etree.XPath("w:tblGrid", namespaces=elements.W)
_GRID_COLUMNS = etree.XPath("count(w:tblGrid/w:gridCol)", namespaces=elements.W)
_ROWS = etree.XPath("count(.//w:tr)", namespaces=elements.W)
# the rows whose cells may not add up to the grid: another number of cells, or a cell spanning columns
_ODD_ROWS = etree.XPath(".//w:tr[count(w:tc) != $n or w:tc/w:tcPr/w:gridSpan]", namespaces=elements.W)
# the width each cell's properties hold (the first w:tcW of its first w:tcPr), in row order
_CELL_WIDTHS = etree.XPath("w:tr/w:tc/w:tcPr[1]/w:tcW[1]", namespaces=elements.W)
_PLAIN_GRID = etree.XPath("count(w:tr/w:tc) = count(w:tr/w:tc/w:tcPr[1]/w:tcW[1]) "
                          "and not(w:tr/w:tc/w:tcPr[1]/w:gridSpan) and not(w:tr[count(w:tc) != $k])",
                          namespaces=elements.W)


def parsed_body(xml: str, docxtpl, regridded=None):
    """The rendered body ``xml`` parsed as docxtpl parses it, with its tables' grids fixed as
    docxtpl fixes them; ``regridded(tbl)``: whether a table of the body gets a grid of its
    own afterwards (docxtpl's fix of it would be undone)."""
    tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
    fixed = set()
    for tbl in list(tree.iter(_TBL)):
        if regridded is not None and tbl.getparent() is tree and regridded(tbl):
            continue
        if any(outer in fixed for outer in tbl.iterancestors(_TBL)):  # fixed with it
            continue
        if mismatch(tbl):
            fixed.add(tbl)
            _fix_alone(docxtpl, tbl)
    return tree


def mismatch(tbl) -> bool:
    """Whether docxtpl's ``fix_tables`` would change ``tbl``'s grid: a row (its own or a nested
    table's, as docxtpl counts them) with more cells than grid columns, or no row whose cells
    span them all. What it could not read counts as a mismatch: docxtpl's fix then tells."""
    if len(_GRIDS(tbl)) != 1:
        return True
    n, row_count = int(_GRID_COLUMNS(tbl)), int(_ROWS(tbl))
    odd = _ODD_ROWS(tbl, n=n)
    widest = n if len(odd) < row_count else 0  # a row of n cells spanning one column each
    for row in odd:
        cells = row.findall(_TC)
        if len(cells) > n:
            return True
        spans = 0
        for cell in cells:
            tc_pr = elements.child(cell, _TC_PR)
            span = None if tc_pr is None else elements.child(tc_pr, _GRID_SPAN)
            try:
                spans += 1 if span is None else int(span.get(_VAL))
            except (TypeError, ValueError):
                return True
        widest = max(widest, spans)
    return widest < n


def _fix_alone(docxtpl, tbl) -> None:
    """``tbl`` (and the tables inside it) fixed by docxtpl as it fixes them in a whole body:
    its fix reads each table on its own, so the table is handed to it alone and put back."""
    fixed = docxtpl.fix_tables(etree.tostring(tbl, encoding="unicode", with_tail=False))
    fixed.tail = tbl.tail
    tbl.getparent().replace(tbl, fixed)


def rows(tbl) -> list:
    """The cells of each row of a table (its ``w:tc`` elements)."""
    return [tr.findall(_TC) for tr in tbl.findall(qn("w:tr"))]


def set_widths(tbl, shares, total):
    """Fixed column widths in proportion to ``shares`` across the text width."""
    widths = [int(total * s / sum(shares)) for s in shares]
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
    if _plain_grid(tbl, len(widths)):  # the usual table: no spans, a width in every cell
        _widths_in_one_pass(tbl, widths)
    else:
        _widths_cell_by_cell(tbl, widths)


def _widths_in_one_pass(tbl, widths) -> None:
    texts = [str(w) for w in widths]
    for n, tc_w in enumerate(_CELL_WIDTHS(tbl)):
        tc_w.set(_TYPE, "dxa")
        tc_w.set(_WIDTH, texts[n % len(texts)])


def _widths_cell_by_cell(tbl, widths) -> None:
    for row in rows(tbl):
        column = 0
        for tc in row:
            tc_pr = cell_properties(tc)
            span = _span(tc_pr)
            _cell_width(tc_pr, sum(widths[column:column + span]))
            column += span


def _plain_grid(tbl, k: int) -> bool:
    """Whether every row of ``tbl`` has ``k`` cells, none spanning columns, each with a width
    already: the widths are then set in one pass, as the cell-by-cell way sets them."""
    return bool(_PLAIN_GRID(tbl, k=k))


def cell_properties(tc):
    """A cell's ``w:tcPr`` (its first child), made when it has none."""
    tc_pr = elements.child(tc, _TC_PR)
    if tc_pr is None:
        tc_pr = tc.makeelement(_TC_PR, {})
        tc.insert(0, tc_pr)
    return tc_pr


def _cell_width(tc_pr, twips: int) -> None:
    """A cell's fixed width (``w:tcW``)."""
    tc_w = elements.child(tc_pr, _TC_W)
    if tc_w is None:
        tc_w = tc_pr.makeelement(_TC_W, {})
        elements.insert_cell_property(tc_pr, tc_w)
    tc_w.set(_TYPE, "dxa")
    tc_w.set(_WIDTH, str(twips))


def _span(tc_pr) -> int:
    """The columns a cell spans (``w:gridSpan`` in its properties)."""
    span = elements.child(tc_pr, _GRID_SPAN)
    try:
        return max(1, int(span.get(_VAL, "1"))) if span is not None else 1
    except ValueError:  # not a number: the cell counts as one column
        return 1

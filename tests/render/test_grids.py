"""Table grids: docxtpl's fix of a rendered table's grid, run only where it changes
something and giving what docxtpl's fix of the whole body gives; fixed column widths, set
in one pass or cell by cell alike."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mou_builder.render import grids

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _table_xml(grid: int, rows: list, nested: bool) -> str:
    """A table of ``grid`` columns; each row a list of cell spans (None: no gridSpan); with
    ``nested``, a cell spanning two columns holds a table of two columns and one cell."""
    def cell(span):
        props = "" if span is None else f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>'
        inner = _table_xml(2, [[None]], False) if nested and span == 2 else ""
        return f"<w:tc>{props}{inner}<w:p/></w:tc>"
    cols = "".join(f'<w:gridCol w:w="{1000 + 10 * i}"/>' for i in range(grid))
    body = "".join("<w:tr>" + "".join(map(cell, row)) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{body}</w:tbl>"


_TABLES = st.lists(st.tuples(st.integers(1, 4), st.lists(st.lists(st.sampled_from([None, None, 1, 2, 3]), max_size=5),
                                                          max_size=4), st.booleans()), min_size=1, max_size=3)


@settings(max_examples=400, deadline=None)
@given(_TABLES)
def test_table_grids_are_fixed_as_docxtpl_fixes_them(tables):
    """Rendered bodies with tables whose cells match their grids or not, nested or not: the
    parsed body is what docxtpl's own fix of the whole body gives, byte for byte."""
    xml = f'<w:body xmlns:w="{_W_NS}">' + "<w:p/>".join(_table_xml(*t) for t in tables) + "</w:body>"
    docxtpl = SimpleNamespace(fix_tables=lambda text: DocxTemplate.fix_tables(None, text))
    ours = grids.parsed_body(xml, docxtpl)
    assert etree.tostring(ours) == etree.tostring(DocxTemplate.fix_tables(None, xml))


@settings(max_examples=400, deadline=None)
@given(_TABLES)
def test_docxtpl_fixes_exactly_the_tables_said_to_need_it(tables):
    """A table said to match its grid is one docxtpl's fix leaves as it is, and the others
    are ones it changes (so the fix is not run for nothing)."""
    for grid, rows, nested in tables:
        xml = f'<w:body xmlns:w="{_W_NS}">{_table_xml(grid, rows, nested)}</w:body>'
        outer = etree.fromstring(xml)[0]
        fixed = DocxTemplate.fix_tables(None, xml)[0]
        before = [etree.tostring(g) for g in outer.iter(f"{{{_W_NS}}}tblGrid")]
        changed = [etree.tostring(g) for g in fixed.iter(f"{{{_W_NS}}}tblGrid")] != before
        assert any(grids.mismatch(t) for t in outer.iter(f"{{{_W_NS}}}tbl")) == changed


def test_a_table_the_layout_sizes_itself_is_not_fixed_first():
    """Annex tables get their grid from the layout afterwards: docxtpl's fix of theirs would
    be thrown away, so it is not run; the other tables are fixed."""
    short_row = _table_xml(3, [[None, None]], False)  # three grid columns, two cells
    xml = f'<w:body xmlns:w="{_W_NS}">{short_row}<w:p/>{short_row}</w:body>'
    docxtpl = SimpleNamespace(fix_tables=lambda text: DocxTemplate.fix_tables(None, text))
    first = etree.fromstring(xml)[0]
    body = grids.parsed_body(xml, docxtpl, lambda tbl: tbl.getprevious() is None)
    columns = [len(t.find(f"{{{_W_NS}}}tblGrid")) for t in body.iter(f"{{{_W_NS}}}tbl")]
    assert columns == [3, 2]
    assert etree.tostring(body[0]) == etree.tostring(first)




def _table(rows) -> str:
    """A table; each row a list of cells: "w" a width already, "-" no properties,
    "p" properties without a width, a number: that many columns spanned."""
    def cell(kind):
        props = {"w": '<w:tcPr><w:tcW w:w="1" w:type="auto"/></w:tcPr>', "-": "", "p": "<w:tcPr/>"}.get(
            kind, f'<w:tcPr><w:tcW w:w="1" w:type="auto"/><w:gridSpan w:val="{kind}"/></w:tcPr>')
        return f"<w:tc>{props}<w:p/></w:tc>"
    body = "".join("<w:tr>" + "".join(map(cell, row)) + "</w:tr>" for row in rows)
    return (f'<w:tbl xmlns:w="{_W_NS}"><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>{body}</w:tbl>')


def _widths(xml: str, shares, one_pass: bool, monkeypatch) -> bytes:
    tbl = parse_xml(xml)
    with monkeypatch.context() as m:
        if not one_pass:  # whatever set_widths decides, cell by cell
            m.setattr(grids, "_widths_in_one_pass", grids._widths_cell_by_cell)
        grids.set_widths(tbl, shares, 9000)
    return etree.tostring(tbl)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=4).flatmap(lambda shares: st.tuples(
    st.just(shares), st.lists(st.lists(st.sampled_from(["w", "w", "w", "-", "p", 2]), min_size=1, max_size=5),
                              min_size=1, max_size=4))))
def test_one_pass_and_cell_by_cell_give_the_same_table(case):
    shares, rows = case
    with pytest.MonkeyPatch.context() as monkeypatch:
        xml = _table(rows)
        assert _widths(xml, shares, True, monkeypatch) == _widths(xml, shares, False, monkeypatch)


def test_a_regular_table_takes_the_one_pass_way_and_an_irregular_one_does_not():
    assert grids._plain_grid(parse_xml(_table([["w", "w"], ["w", "w"]])), 2)
    assert not grids._plain_grid(parse_xml(_table([["w", "w"], ["w", "-"]])), 2)  # a cell without width
    assert not grids._plain_grid(parse_xml(_table([["w", "w"], [2]])), 2)  # a spanning cell
    assert not grids._plain_grid(parse_xml(_table([["w", "w"], ["w"]])), 2)  # a short row


def test_every_cell_gets_the_width_of_its_column():
    tbl = parse_xml(_table([["w", "w", "w"], ["w", "w", "w"]]))
    grids.set_widths(tbl, [1, 2, 3], 6000)
    widths = [int(w) for w in tbl.xpath("w:tr/w:tc/w:tcPr/w:tcW/@w:w")]
    assert widths == [1000, 2000, 3000] * 2
    assert set(tbl.xpath("w:tr/w:tc/w:tcPr/w:tcW/@w:type")) == {"dxa"}

"""Fixed column widths set on a table: the one-pass way (every row with a cell per column,
each holding a width already) gives what the cell-by-cell way gives."""
from __future__ import annotations

from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mou_builder.render import layout

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _table(rows) -> str:
    """A table; each row a list of cells: "w" a width already, "-" no properties,
    "p" properties without a width, a number: that many columns spanned."""
    def cell(kind):
        props = {"w": '<w:tcPr><w:tcW w:w="1" w:type="auto"/></w:tcPr>', "-": "", "p": "<w:tcPr/>"}.get(
            kind, f'<w:tcPr><w:tcW w:w="1" w:type="auto"/><w:gridSpan w:val="{kind}"/></w:tcPr>')
        return f"<w:tc>{props}<w:p/></w:tc>"
    body = "".join("<w:tr>" + "".join(map(cell, row)) + "</w:tr>" for row in rows)
    return (f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>{body}</w:tbl>')


def _widths(xml: str, shares, one_pass: bool, monkeypatch) -> bytes:
    tbl = parse_xml(xml)
    with monkeypatch.context() as m:
        if not one_pass:  # whatever _set_widths decides, cell by cell
            m.setattr(layout, "_widths_in_one_pass", layout._widths_cell_by_cell)
        layout._set_widths(tbl, shares, 9000)
    return etree.tostring(tbl)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=4).flatmap(lambda shares: st.tuples(
    st.just(shares), st.lists(st.lists(st.sampled_from(["w", "w", "w", "-", "p", 2]), min_size=1, max_size=5),
                              min_size=1, max_size=4))))
def test_one_pass_and_cell_by_cell_give_the_same_table(case):
    import pytest

    shares, rows = case
    with pytest.MonkeyPatch.context() as monkeypatch:
        xml = _table(rows)
        assert _widths(xml, shares, True, monkeypatch) == _widths(xml, shares, False, monkeypatch)


def test_a_regular_table_takes_the_one_pass_way_and_an_irregular_one_does_not():
    assert layout._plain_grid(parse_xml(_table([["w", "w"], ["w", "w"]])), 2)
    assert not layout._plain_grid(parse_xml(_table([["w", "w"], ["w", "-"]])), 2)  # a cell without width
    assert not layout._plain_grid(parse_xml(_table([["w", "w"], [2]])), 2)  # a spanning cell
    assert not layout._plain_grid(parse_xml(_table([["w", "w"], ["w"]])), 2)  # a short row


def test_every_cell_gets_the_width_of_its_column():
    tbl = parse_xml(_table([["w", "w", "w"], ["w", "w", "w"]]))
    layout._set_widths(tbl, [1, 2, 3], 6000)
    widths = [int(w) for w in tbl.xpath("w:tr/w:tc/w:tcPr/w:tcW/@w:w")]
    assert widths == [1000, 2000, 3000] * 2
    assert set(tbl.xpath("w:tr/w:tc/w:tcPr/w:tcW/@w:type")) == {"dxa"}

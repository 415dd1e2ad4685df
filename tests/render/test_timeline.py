"""The calendar annex's timeline: one row per action, one column per quarter, shaded cells."""
from __future__ import annotations

import datetime as dt

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import AGREEMENTS, TODAY
from mou_builder import api
from mou_builder.drafting.annexes import quarters
from mou_builder.render.layout import SHADE

# CT_TcPr children in schema order (ISO/IEC 29500-1, 17.4.66)
TC_PR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
               "cellMerge", "tcPrChange"]


def timeline_table(path, caption):
    """The first table after the paragraph that reads ``caption``."""
    seen = False
    for element in Document(str(path)).element.body.iter(qn("w:p"), qn("w:tbl")):
        if element.tag == qn("w:p") and _text(element) == caption:
            seen = True
        elif seen and element.tag == qn("w:tbl"):
            return element
    raise AssertionError(f"no table captioned {caption!r} in {path}")


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def grid(tbl):
    """Rows of (text, shaded) per cell."""
    out = []
    for tr in tbl.findall(qn("w:tr")):
        row = []
        for tc in tr.findall(qn("w:tc")):
            shd = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            row.append((_text(tc), shd is not None and shd.get(qn("w:fill")) == SHADE))
        out.append(row)
    return out


@pytest.fixture(scope="module")
def sfax(tmp_path_factory, library):
    out = tmp_path_factory.mktemp("timeline")
    return {p.name: p for p in api.build(AGREEMENTS / "sfax-lyon.yaml", out, library=library, today=TODAY)}


def test_quarters_between_two_months():
    assert quarters(dt.date(2026, 9, 1), dt.date(2027, 6, 30)) == [(2026, 3), (2026, 4), (2027, 1), (2027, 2)]
    assert quarters(dt.date(2027, 1, 1), dt.date(2027, 3, 31)) == [(2027, 1)]


def test_one_row_per_action_one_column_per_quarter_shaded_when_it_runs(sfax):
    rows = grid(timeline_table(sfax["sfax-lyon-2026-en.docx"], "Timeline of the actions by quarter"))
    header = [text for text, _ in rows[0]]
    assert header == ["Action", "Q3 26", "Q4 26", "Q1 27", "Q2 27", "Q3 27", "Q4 27", "Q1 28", "Q2 28",
                      "Q3 28", "Q4 28"]
    assert [r[0][0] for r in rows[1:]] == ["1. Training cycle for reception staff",
                                          "2. Diaspora project incubator",
                                          '3. Shared platform "Sfax–Lyon Migrations"']
    shaded = [[header[c] for c, (_, on) in enumerate(r) if on] for r in rows[1:]]
    assert shaded[0] == ["Q3 26", "Q4 26", "Q1 27", "Q2 27"]  # September 2026 – June 2027
    assert shaded[1] == header[2:9]  # October 2026 – June 2028
    assert shaded[2] == header[3:]  # January 2027 – December 2028
    assert not any(on for _, on in rows[0])


def test_shading_in_schema_order(sfax):
    tbl = timeline_table(sfax["sfax-lyon-2026-fr.docx"], "Chronogramme des actions par trimestre")
    found = 0
    for tc_pr in tbl.iter(qn("w:tcPr")):
        names = [child.tag.split("}")[1] for child in tc_pr]
        assert names == sorted(names, key=TC_PR_ORDER.index)
        found += tc_pr.find(qn("w:shd")) is not None and tc_pr.find(qn("w:shd")).get(qn("w:fill")) == SHADE
    assert found == 4 + 7 + 8


def test_arabic_quarters_read_right_to_left(tmp_path, library):
    written = api.build(AGREEMENTS / "granada-irbid.yaml", tmp_path, library=library, today=TODAY,
                        allow_draft=True)
    path = next(p for p in written if p.name.endswith("-ar.docx"))
    tbl = timeline_table(path, "الجدول الزمني للأنشطة حسب الأرباع")
    assert tbl.find(f"{qn('w:tblPr')}/{qn('w:bidiVisual')}") is not None  # first column on the right
    header = [text for text, _ in grid(tbl)[0]]
    assert header[:3] == ["النشاط", "ر١ ٢٧", "ر٢ ٢٧"]  # Jordanian digits, earliest quarter first


def test_a_timeline_over_other_quarters_is_replaced_whole_in_the_consolidated_text(tmp_path, library):
    written = api.build(AGREEMENTS / "sfax-lyon-amendment-1.yaml", tmp_path, library=library, today=TODAY)
    path = next(p for p in written if p.name == "sfax-lyon-2026-consolidated-en.docx")
    new = timeline_table(path, "Timeline of the actions by quarter")  # the inserted caption
    old = new.getprevious()
    while old.tag != qn("w:tbl"):
        old = old.getprevious()

    def tracked(tbl, kind):
        return [tr.find(f"{qn('w:trPr')}/{qn('w:' + kind)}") is not None for tr in tbl.findall(qn("w:tr"))]

    assert tracked(old, "del") == [True] * 4 and tracked(new, "ins") == [True] * 5  # headers too
    assert [sum(on for _, on in r) for r in grid(old)[1:]] == [4, 7, 8]
    assert len(grid(old)[0]) == 1 + 10 and len(grid(new)[0]) == 1 + 16  # to June 2030 now
    assert [sum(on for _, on in r) for r in grid(new)[1:]][:3] == [4, 7, 8]

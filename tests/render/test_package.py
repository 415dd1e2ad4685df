"""A layout template is opened once per process, and what is made from it does not depend
on what was built before: a template edited on disk is read again, a hostile one is still
refused, and a build in a warm process gives the bytes of a build in a fresh one."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mou_builder import api
from mou_builder.base.errors import LibraryError
from mou_builder.render import package

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "agreements" / "hospitalet-santatecla-canelones.yaml"


def _spec_with_template(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "templates" / "default", tmp_path / "layout")
    text = EXAMPLE.read_text(encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text.replace("\nlanguages:", "\ntemplate: layout\nlanguages:", 1), encoding="utf-8")
    return spec


def _rewrite(docx: Path, part: str, change) -> None:
    with zipfile.ZipFile(docx) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    entries[part] = change(entries[part])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    docx.write_bytes(buffer.getvalue())


def _header_text(docx: Path) -> str:
    with zipfile.ZipFile(docx) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/header"))


def test_a_template_edited_between_two_builds_is_read_again(tmp_path, library):
    spec = _spec_with_template(tmp_path)
    first = api.build(spec, tmp_path / "out", library=library)
    assert "MARKED-HEADER" not in _header_text(first[0])
    template = tmp_path / "layout" / "agreement.docx"
    _rewrite(template, "word/header1.xml",
             lambda xml: xml.replace(b"</w:p>", b"<w:r><w:t>MARKED-HEADER</w:t></w:r></w:p>", 1))
    second = api.build(spec, tmp_path / "out", library=library)
    assert "MARKED-HEADER" in _header_text(second[0])


def test_a_template_made_hostile_after_a_good_build_is_refused(tmp_path, library):
    spec = _spec_with_template(tmp_path)
    api.build(spec, tmp_path / "out", library=library)
    template = tmp_path / "layout" / "agreement.docx"
    _rewrite(template, "word/_rels/document.xml.rels", lambda xml: xml.replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/attachedTemplate" Target="http://example.org/t.dotm" TargetMode="External"/>'
        b"</Relationships>"))
    with pytest.raises(LibraryError, match="agreement.docx"):
        api.build(spec, tmp_path / "again", library=library)


def _digests(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("layout", ["separate", "sequential", "parallel"])
def test_a_warm_process_writes_the_bytes_of_a_fresh_one(tmp_path, library, layout):
    source = ROOT / "agreements" / "sousse-montpellier.yaml"  # French and Arabic
    text = source.read_text(encoding="utf-8")
    assert "\nlayout:" in text
    spec = tmp_path / "spec.yaml"
    spec.write_text("\n".join(f"layout: {layout}" if line.startswith("layout:") else line
                              for line in text.splitlines()) + "\n", encoding="utf-8")
    for other in sorted((ROOT / "agreements").glob("*.yaml"))[:4]:  # warm the caches with other documents
        api.build(other, tmp_path / "warm" / other.stem, library=library)
    api.build(spec, tmp_path / "warm-out", library=library)
    api.build(spec, tmp_path / "warm-again", library=library)
    subprocess.run([sys.executable, "-m", "mou_builder", "build", str(spec), "-o", str(tmp_path / "fresh")],
                   check=True, capture_output=True)
    fresh = _digests(tmp_path / "fresh")
    assert fresh == _digests(tmp_path / "warm-out") == _digests(tmp_path / "warm-again")
    assert any(name.endswith(".docx") for name in fresh)


def test_the_package_has_one_entry_per_part_in_a_fixed_order(tmp_path, library):
    written = api.build(EXAMPLE, tmp_path, library=library)
    with zipfile.ZipFile(written[0]) as z:
        infos = z.infolist()
        assert z.testzip() is None  # every entry's CRC matches its data
    names = [i.filename for i in infos]
    assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
    assert len(set(names)) == len(names)
    assert {i.date_time for i in infos} == {infos[0].date_time}
    assert "docProps/thumbnail.jpeg" not in names


def test_parts_compressed_once_give_the_bytes_zipfile_writes():
    """The package writer hands zipfile entries it compressed itself (once per template part);
    the bytes must be those zipfile's own writer gives, so that any reader opens them."""
    entries = {"[Content_Types].xml": b"<Types/>", "word/a.xml": b"<a/>" * 100, "word/é.xml": b"<b/>"}
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    reference = io.BytesIO()
    with zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["[Content_Types].xml", "word/a.xml", "word/é.xml"]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            z.writestr(info, entries[name], compresslevel=6)
    cache = {}
    plain = package.write_zip(entries, when)
    keyed = package.write_zip({n: ((n, None), d) for n, d in entries.items()}, when, cache)
    again = package.write_zip({n: ((n, None), d) for n, d in entries.items()}, when, cache)
    assert plain == keyed == again == reference.getvalue() and len(cache) == 3
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        assert z.testzip() is None and z.read("word/a.xml") == b"<a/>" * 100


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
    from types import SimpleNamespace

    from docxtpl import DocxTemplate
    from lxml import etree

    xml = f'<w:body xmlns:w="{_W_NS}">' + "<w:p/>".join(_table_xml(*t) for t in tables) + "</w:body>"
    docxtpl = SimpleNamespace(fix_tables=lambda text: DocxTemplate.fix_tables(None, text))
    ours = package.Layout._fixed_tables(SimpleNamespace(docxtpl=docxtpl), xml)
    assert etree.tostring(ours) == etree.tostring(DocxTemplate.fix_tables(None, xml))


@settings(max_examples=400, deadline=None)
@given(_TABLES)
def test_docxtpl_fixes_exactly_the_tables_said_to_need_it(tables):
    """A table said to match its grid is one docxtpl's fix leaves as it is, and the others
    are ones it changes (so the fix is not run for nothing)."""
    from docxtpl import DocxTemplate
    from lxml import etree

    for grid, rows, nested in tables:
        xml = f'<w:body xmlns:w="{_W_NS}">{_table_xml(grid, rows, nested)}</w:body>'
        outer = etree.fromstring(xml)[0]
        fixed = DocxTemplate.fix_tables(None, xml)[0]
        grids = [etree.tostring(g) for g in outer.iter(f"{{{_W_NS}}}tblGrid")]
        changed = [etree.tostring(g) for g in fixed.iter(f"{{{_W_NS}}}tblGrid")] != grids
        assert any(package._grid_mismatch(t) for t in outer.iter(f"{{{_W_NS}}}tbl")) == changed


def test_a_table_the_layout_sizes_itself_is_not_fixed_first():
    """Annex tables get their grid from the layout afterwards: docxtpl's fix of theirs would
    be thrown away, so it is not run; the other tables are fixed."""
    from types import SimpleNamespace

    from docxtpl import DocxTemplate
    from lxml import etree

    short_row = _table_xml(3, [[None, None]], False)  # three grid columns, two cells
    xml = f'<w:body xmlns:w="{_W_NS}">{short_row}<w:p/>{short_row}</w:body>'
    docxtpl = SimpleNamespace(fix_tables=lambda text: DocxTemplate.fix_tables(None, text))
    first = etree.fromstring(xml)[0]
    body = package.Layout._fixed_tables(SimpleNamespace(docxtpl=docxtpl), xml,
                                        lambda layout, tbl: tbl.getprevious() is None)
    grids = [len(t.find(f"{{{_W_NS}}}tblGrid")) for t in body.iter(f"{{{_W_NS}}}tbl")]
    assert grids == [3, 2]
    assert etree.tostring(body[0]) == etree.tostring(first)

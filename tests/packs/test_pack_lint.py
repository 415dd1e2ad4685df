"""`mou packs check`: what a pack author is told about templates and clauses."""
from __future__ import annotations

import inspect
import io
import re

import pytest
from docx import Document

from conftest import TODAY
from mou_builder import api
from mou_builder.base.errors import MouError
from mou_builder.library import clauses
from mou_builder.library.packs import lint, manifest, store
from mou_builder.library.resources import library_dir
from mou_builder.render import layout
from packhelp import TERMINATION, data_home, make_pack  # noqa: F401  (fixture)
from test_packs import spec_with


def docx_with(*paragraphs: str, split: str | None = None) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if split:  # one tag in two runs of different formatting
        p = doc.add_paragraph()
        first, second = split.split("|")
        p.add_run(first)
        p.add_run(second).bold = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def findings(tmp_path, **files):
    folder = make_pack(tmp_path / "p", files=files)
    return lint.check_pack(folder, clauses.load(library_dir()))


def test_a_sound_template_gives_no_finding(tmp_path):
    assert findings(tmp_path, **{"templates/agreement.docx": docx_with("{{ doc.title }}")}) == []


def test_typographic_quotes_in_a_tag(tmp_path):
    found = findings(tmp_path, **{"templates/agreement.docx": docx_with(
        "{{ doc.title | replace(“a”, “b”) }}")})
    assert any("holds typographic quotes (“ ”): write straight quotes" in f for f in found), found


def test_a_tag_split_across_runs(tmp_path):
    found = findings(tmp_path, **{"templates/agreement.docx": docx_with(split="{{ doc.|title }}")})
    assert any("is split across runs" in f for f in found), found


def test_names_the_layout_does_not_provide_and_tags_that_do_not_compile(tmp_path):
    found = findings(tmp_path, **{"templates/agreement.docx": docx_with("{{ partner_logo }}")})
    assert any("uses partner_logo, which the layout does not provide" in f for f in found), found
    found = findings(tmp_path, **{"templates/agreement.docx": docx_with("{{ doc.title ")})
    assert any("a tag does not compile" in f for f in found), found


def test_a_template_reaching_for_python_internals(tmp_path):
    evil = docx_with("{{ doc.__class__.__mro__ }}")
    found = findings(tmp_path, **{"templates/agreement.docx": evil})
    assert any("reaches for __class__, __mro__" in f for f in found), found
    store.install(str(tmp_path / "p"))
    with pytest.raises(MouError, match="agreement.docx"):  # and the sandbox refuses it at build time
        api.build(spec_with(tmp_path, "packs: [test-pack]"), tmp_path / "out", today=TODAY)


def test_a_replacement_written_against_an_older_library_version(tmp_path):
    older = TERMINATION.replace("replaces: {id: termination, version: 1}", "replaces: {id: termination, version: 0}")
    found = findings(tmp_path, **{"clauses/termination.yaml": older})
    assert any("written against 'termination' v0, but the library is at v1" in f for f in found), found
    silent = TERMINATION.replace("replaces: {id: termination, version: 1}\n", "")
    found = findings(tmp_path / "b", **{"clauses/termination.yaml": silent})
    assert any("without saying so: add 'replaces: {id: termination, version: 1}'" in f for f in found), found


def test_declared_languages_and_stale_translations(tmp_path):
    folder = make_pack(tmp_path / "p", files={"clauses/termination.yaml": TERMINATION}, languages=("fr", "en", "es"))
    found = lint.check_pack(folder, clauses.load(library_dir()))
    assert any("declared language 'es' has no text" in f for f in found), found
    path = folder / "clauses" / "termination.yaml"  # the source changed after the translation
    path.write_text(path.read_text(encoding="utf-8").replace("avec un préavis", "moyennant un préavis"),
                    encoding="utf-8")
    manifest.rehash(folder)
    found = lint.check_pack(folder, clauses.load(library_dir()))
    assert any(": en: stale" in f for f in found), found


def test_the_lint_knows_the_names_the_layout_gives():
    source = inspect.getsource(layout._single_context) + inspect.getsource(layout._parallel_context)
    given = set(re.findall(r'^\s{8}"(\w+)":', source, re.M))
    assert given == lint.LAYOUT_NAMES

"""A library or a layout template from someone else cannot run code, read the environment,
reach the network or run for ever: the vocabulary is filled with plain names only, layout
templates are checked as XML, every render is bounded."""
from __future__ import annotations

import shutil

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

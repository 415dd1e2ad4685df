"""A clause text whose template syntax was checked in an earlier run is not parsed again
when the library is read; a text that changed, or never parsed, always is."""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest
import yaml

from conftest import BASE, ROOT, TODAY
from mou_builder import api
from mou_builder.base import cachedir
from mou_builder.base.errors import LibraryError
from mou_builder.library import checked_texts, clauses, codegen, compiled, sandbox

BROKEN = ("id: broken\nversion: 1\nsource: en\npart: article\norder: 5\n"
          "en:\n  title: T\n  text: |\n    {% if %}\n")


@pytest.fixture
def run(monkeypatch, tmp_path):
    """A new run (nothing read yet) with its cache in tmp_path; gives the parses it makes."""
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path / "cache"))
    parsed = []
    real = sandbox.BoundedEnvironment.parse

    def parse(self, source, *args, **kwargs):
        parsed.append(source)
        return real(self, source, *args, **kwargs)
    monkeypatch.setattr(sandbox.BoundedEnvironment, "parse", parse)

    def new_run():
        monkeypatch.setattr(checked_texts, "_known", None)
        monkeypatch.setattr(checked_texts, "_added", [])
        clauses.load.cache_clear()
        parsed.clear()
        return parsed
    yield new_run
    clauses.load.cache_clear()


def library_copy(tmp_path, name="lib"):
    folder = tmp_path / name
    shutil.copytree(ROOT / "clauses", folder)
    return folder


def texts(library):
    return {(c.id, lang, field): body[field] for c in library.clauses.values()
            for lang, body in c.texts.items() for field in ("title", "text")}


def test_a_text_that_parsed_is_not_parsed_again_in_a_later_run(run, tmp_path):
    folder = library_copy(tmp_path)
    parsed = run()
    first = clauses.load(folder)
    assert len(parsed) >= 100
    kept = (tmp_path / "cache" / checked_texts.FILE).read_text().split()
    assert len(kept) == len(set(parsed))
    parsed = run()
    again = clauses.load(folder)
    assert parsed == [] and texts(again) == texts(first)


def test_a_changed_text_is_parsed_and_a_broken_one_reported(run, tmp_path):
    folder = library_copy(tmp_path)
    run()
    clauses.load(folder)
    purpose = (folder / "purpose.yaml").read_text(encoding="utf-8")
    (folder / "purpose.yaml").write_text(purpose.replace("Parties", "Parties {{ nope(", 1), encoding="utf-8")
    parsed = run()
    with pytest.raises(LibraryError) as info:
        clauses.load(folder)
    assert len(parsed) == 1 and "{{ nope(" in parsed[0]
    assert f"{folder / 'purpose.yaml'}:" in str(info.value) and "template error in" in str(info.value)


def test_a_broken_text_is_never_kept(run, tmp_path):
    folder = library_copy(tmp_path)
    (folder / "broken.yaml").write_text(BROKEN)
    for _ in range(2):
        run()
        with pytest.raises(LibraryError) as info:
            clauses.load(folder)
        assert str(info.value).startswith(f"{folder / 'broken.yaml'}:9: template error in en.text")
    head = checked_texts.prefix(sandbox.environment(text_mode=True))
    kept = (tmp_path / "cache" / checked_texts.FILE).read_text().split()
    assert checked_texts.digest("{% if %}\n", head) not in kept


def test_a_forged_digest_only_spares_the_early_check(run, tmp_path, write_spec):
    """A digest written by someone else for a broken text: reading the library does not
    parse it, the build does, in the sandbox, and says which clause and language."""
    folder = library_copy(tmp_path)
    data = yaml.safe_load((folder / "purpose.yaml").read_text(encoding="utf-8"))
    data["en"]["text"] += "{{ nope(\n"
    (folder / "purpose.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run()
    with pytest.raises(LibraryError):
        clauses.load(folder)
    cache = tmp_path / "cache" / checked_texts.FILE
    head = checked_texts.prefix(sandbox.environment(text_mode=True))
    forged = checked_texts.digest(data["en"]["text"], head)
    cache.write_text(cache.read_text() + forged + "\n")
    run()
    library = clauses.load(folder)
    assert "{{ nope(" in library.get("purpose").text("en")
    with pytest.raises(LibraryError) as info:
        api.build(write_spec(BASE.read_text(encoding="utf-8")), tmp_path / "out", library=library,
                  today=TODAY)
    assert "purpose.yaml" in str(info.value) and "en" in str(info.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("content", ["not a digest\n" * 3, "0" * 64 + "\x00\n", "f" * 3_000_000])
def test_a_file_that_is_not_a_list_of_digests_is_ignored_and_written_anew(run, tmp_path, content):
    folder = library_copy(tmp_path)
    cache = tmp_path / "cache" / checked_texts.FILE
    cache.parent.mkdir()
    cache.write_text(content)
    parsed = run()
    clauses.load(folder)
    assert len(parsed) >= 100
    assert all(len(line) == 64 for line in cache.read_text().split())


def test_nothing_is_kept_when_the_folder_is_set_empty_or_cannot_be_written(run, tmp_path, monkeypatch):
    folder = library_copy(tmp_path)
    monkeypatch.setenv("MOU_CACHE_DIR", "")
    run()
    clauses.load(folder)
    assert cachedir.folder() is None and not (tmp_path / "cache").exists()
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path / "a-file"))
    parsed = run()
    clauses.load(folder)
    assert len(parsed) >= 100


def test_the_digest_changes_with_the_version_of_jinja_and_the_settings(monkeypatch):
    text_mode = sandbox.environment(text_mode=True)
    before = checked_texts.digest("{{ x }}", checked_texts.prefix(text_mode))
    assert checked_texts.digest("{{ x }}", checked_texts.prefix(sandbox.environment())) != before
    monkeypatch.setattr(jinja2, "__version__", "0.0")
    compiled.versions.cache_clear()  # worked out once per process: again for the new version
    try:
        assert checked_texts.digest("{{ x }}", checked_texts.prefix(text_mode)) != before
    finally:
        compiled.versions.cache_clear()


@pytest.mark.parametrize("module", [sandbox, codegen])
def test_code_kept_by_another_revision_of_the_sandbox_is_not_read_back(monkeypatch, tmp_path, module):
    """The same version of mou_builder with another sandbox or code generator (a development
    tree, a patched install) keys its compiled code apart."""
    before = compiled._name(("{{ x }}",))
    edited = tmp_path / "edited.py"
    edited.write_bytes(Path(module.__file__).read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(module, "__file__", str(edited))
    cachedir.source_digest.cache_clear()
    compiled.versions.cache_clear()
    try:
        assert compiled._name(("{{ x }}",)) != before
    finally:
        cachedir.source_digest.cache_clear()
        compiled.versions.cache_clear()

"""Compiled clause and layout code kept between runs: used by a later process, the same
documents either way, and never read from a place someone else could have written."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mou_builder.library import compiled, sandbox

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "agreements" / "sfax-lyon-amendment-1.yaml"


def _build(out: Path, cache: str) -> dict:
    env = {**os.environ, "MOU_CACHE_DIR": cache}
    subprocess.run([sys.executable, "-m", "mou_builder", "build", str(SPEC), "-o", str(out)], check=True,
                   capture_output=True, env=env, cwd=ROOT)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


def test_a_later_process_reads_the_code_and_writes_the_same_documents(tmp_path):
    cache = tmp_path / "cache"
    without = _build(tmp_path / "without", "")
    first = _build(tmp_path / "first", str(cache))
    kept = sorted((cache / "compiled").rglob("*"))
    files = [p for p in kept if p.is_file()]
    assert len(files) > 50  # the clause texts, conditions and layouts of an amendment
    stamps = {p: p.stat().st_mtime_ns for p in files}
    second = _build(tmp_path / "second", str(cache))
    assert without == first == second
    assert {p: p.stat().st_mtime_ns for p in files} == stamps  # read, not compiled and written again
    for path in kept:
        assert path.stat().st_mode & 0o077 == 0  # the user's alone


def test_damaged_files_are_compiled_again(tmp_path):
    cache = tmp_path / "cache"
    reference = _build(tmp_path / "reference", str(cache))
    for n, path in enumerate(p for p in (cache / "compiled").rglob("*") if p.is_file()):
        data = path.read_bytes()
        header = data.index(b"\n", data.index(b"\n") + 1) + 1  # the format's line and the name's
        cut = n % 40 if n % 2 else header + n % 7  # inside the header, or inside what marshal reads
        path.write_bytes(data[:cut] + b"\x00garbage")
    assert _build(tmp_path / "again", str(cache)) == reference


def _code(source: str):
    env = sandbox.environment()
    return env.compile(source)


def test_code_is_read_only_from_a_private_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path / "cache"))
    key = ("a key", 1)
    code = _code("{{ 1 + 1 }}")
    compiled.save(key, code)
    assert compiled.load(key) is not None
    name = hashlib.sha256(b"").hexdigest()  # any other key is not found
    assert compiled.load(("another key", name)) is None
    folder = tmp_path / "cache" / "compiled"
    folder.chmod(0o777)  # someone else could have put a file there
    assert compiled.load(key) is None
    folder.chmod(0o700)
    kept = next(p for p in folder.rglob("*") if p.name == compiled._name(key))  # its file, not the template's
    kept.chmod(0o666)
    assert compiled.load(key) is None
    kept.chmod(0o600)
    assert compiled.load(key) is not None


def test_an_empty_setting_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("MOU_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    compiled.save(("k",), _code("x"))
    assert compiled.load(("k",)) is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("change, expected", [("finalize", "&LT;A&GT;"), ("autoescape", "<a>"),
                                              ("filter", "&lt;a&gt;")])
def test_code_is_kept_apart_for_settings_that_change_it(change, expected):
    """The same text compiled first without a setting, then with it: the second render
    follows the new setting (code compiled for the first is not reused)."""
    source = "{{ '<a>' }}"
    env = sandbox.environment()
    assert env.from_string(source).render() == "&lt;a&gt;"  # the sandbox escapes by default
    before = env._settings()
    if change == "finalize":
        env.finalize = lambda value: value.upper() if isinstance(value, str) else value
    elif change == "autoescape":
        env.autoescape = False
    else:
        env.filters["extra"] = lambda value: value
    assert env._settings() != before
    assert str(env.from_string(source).render()) == expected


def test_a_filter_replaced_by_one_called_another_way_gets_new_code():
    """The same number of filters, one of them now taking the context first: the code
    compiled for the old one would hand it the wrong arguments."""
    from jinja2 import pass_context

    env = sandbox.environment()
    source = "{{ 'a' | upper }}"
    assert env.from_string(source).render() == "A"
    env.filters["upper"] = pass_context(lambda context, value: f"{value}:{context['x']}")
    assert env.from_string(source).render(x=1) == "a:1"


def _kept_data(cache: Path) -> list:
    return [p for p in (cache / "compiled").rglob("*") if p.is_file()
            and p.read_bytes().startswith(b"mou_builder YAML data")]


@pytest.fixture
def vocabulary(tmp_path, monkeypatch):
    """A labels file to write, and the cache folder its data is kept in."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("MOU_CACHE_DIR", str(cache))
    return tmp_path / "labels.yaml", cache


def test_the_vocabulary_is_read_back_as_the_loader_gave_it(vocabulary, monkeypatch):
    from mou_builder import validation

    labels, cache = vocabulary
    labels.write_text("frame:\n  page:\n    fr: page\n    en: page\n  count:\n    1: un\n    2: deux\n"
                      "  flag: NO\n", encoding="utf-8")
    expected = validation.load(labels).data
    assert compiled.read_yaml(labels).data == expected and len(_kept_data(cache)) == 1
    with monkeypatch.context() as patch:
        patch.setattr(validation, "load", lambda *a: pytest.fail("parsed again"))
        again = compiled.read_yaml(labels).data
    assert again == expected and list(again["frame"]["count"]) == [1, 2]  # the keys' types kept
    assert again["frame"]["flag"] == "NO"
    assert compiled.read_yaml(labels).mark(("frame", "count", 2)) == validation.load(labels).mark(
        ("frame", "count", 2)) == (7, 8)  # lines for a message: parsed when asked for
    labels.write_text("frame:\n  page:\n    fr: feuille\n", encoding="utf-8")  # other bytes: read
    assert compiled.read_yaml(labels).data == {"frame": {"page": {"fr": "feuille"}}}


def test_the_vocabulary_is_parsed_when_the_kept_data_could_be_someone_elses(vocabulary):
    labels, cache = vocabulary
    labels.write_text("frame:\n  page:\n    fr: page\n", encoding="utf-8")
    compiled.read_yaml(labels)
    kept, = _kept_data(cache)
    kept.chmod(0o666)
    kept.write_bytes(kept.read_bytes().replace(b"page", b"PAGE"))  # written by another user
    assert compiled.read_yaml(labels).data == {"frame": {"page": {"fr": "page"}}}
    kept.chmod(0o600)
    kept.write_bytes(kept.read_bytes()[:-5])  # damaged
    assert compiled.read_yaml(labels).data == {"frame": {"page": {"fr": "page"}}}


def test_data_kept_by_another_revision_of_the_loader_is_parsed_again(vocabulary, monkeypatch, tmp_path):
    """An edited loader (a development tree, a patched install) does not read back what the
    same version's loader gave."""
    from mou_builder.base import cachedir
    from mou_builder.validation import loader

    labels, cache = vocabulary
    labels.write_text("frame:\n  page:\n    fr: feuille\n", encoding="utf-8")
    compiled.read_yaml(labels)
    kept, = _kept_data(cache)
    kept.write_bytes(kept.read_bytes().replace(b"feuille", b"FEUILLE"))  # what that loader gave
    assert compiled.read_yaml(labels).data == {"frame": {"page": {"fr": "FEUILLE"}}}  # read back
    edited = tmp_path / "loader.py"
    edited.write_bytes(Path(loader.__file__).read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(loader, "__file__", str(edited))
    cachedir.source_digest.cache_clear()
    try:
        assert compiled.read_yaml(labels).data == {"frame": {"page": {"fr": "feuille"}}}
    finally:
        cachedir.source_digest.cache_clear()


def test_data_that_is_not_plain_is_not_kept(vocabulary):
    labels, cache = vocabulary
    labels.write_text("frame:\n  since: 2026-01-01\n", encoding="utf-8")
    assert str(compiled.read_yaml(labels).data["frame"]["since"]) == "2026-01-01"
    assert _kept_data(cache) == []


def test_a_clause_file_read_back_names_the_line_of_its_mistake(vocabulary):
    from mou_builder.base.errors import LibraryError
    from mou_builder.library import clauses

    folder = vocabulary[0].parent
    clause = folder / "purpose.yaml"
    clause.write_text("id: purpose\nversion: 1\npart: article\norder: 1\nparams:\n  n: {type: integer}\n"
                      "fr: {title: Objet, text: Texte}\n", encoding="utf-8")
    messages = []
    for _ in range(2):  # parsed, then read back
        with pytest.raises(LibraryError) as failure:
            clauses.read_clause(clause)
        messages.append(failure.value.message)
    assert messages[0] == messages[1] == f"{clause}:6: a parameter needs a type (integer, string, boolean) and a default"
    assert len(_kept_data(vocabulary[1])) == 1

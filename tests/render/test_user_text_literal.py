"""User text comes out exactly as written, whatever it holds (docxtpl's own escapes included)."""
from __future__ import annotations

import zipfile

from conftest import build_lines

WRITTEN = "{_{ x }_} and {_% if y %_} kept"


def test_docxtpl_escape_sequences_in_user_text_appear_as_written(write_spec, base_text, tmp_path):
    text = base_text.replace("title: Exchange programme for reception staff", f"title: '{WRITTEN}'", 1)
    text = text.replace("name: Beetown Diaspora Association", f"name: '{WRITTEN} (association)'")
    text = text.replace("clauses:\n", f"clauses:\n  custom:\n    - id: extra\n      after: purpose\n"
                                      f"      title: '{WRITTEN} (title)'\n      text: '{WRITTEN} (text)'\n", 1)
    (name, lines), = build_lines(write_spec(text), tmp_path / "out").items()
    joined = "\n".join(lines)
    for suffix in ("", " (association)", " (title)", " (text)"):
        assert WRITTEN + suffix in joined
    assert "{{ x }}" not in joined and "{% if y %}" not in joined
    with zipfile.ZipFile(tmp_path / "out" / name) as z:
        assert "{{" not in z.read("word/document.xml").decode()

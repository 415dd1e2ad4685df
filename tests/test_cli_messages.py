"""Console messages as people read them: every one in English and in French written as a
French speaker writes, dates with the forms the field takes, choices checked, suggestions."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from mou_builder.base import messages
from mou_builder.cli import main


def run(*args, env=None):
    return CliRunner().invoke(main, list(map(str, args)), env={"LANG": "en_GB.UTF-8", **(env or {})})


def test_every_message_is_in_english_and_in_french_without_translation_shortcuts():
    for key, pair in messages.M.items():
        assert len(pair) == 2 and all(pair), key
        french = pair[1]
        assert not re.search(r"\((e|s|es)\)|de type", french), (key, french)


def test_a_wrong_type_is_named_in_the_console_language(write_spec, base_text):
    spec = write_spec(base_text.replace("target: 30", "target: 350 000"))
    assert "indicators[0].target: must be a number, not '350 000'" in run("validate", spec).stderr
    french = run("validate", "--lang", "fr", spec).stderr
    assert "indicators[0].target: doit être un nombre, pas « 350 000 »" in french
    assert "1 erreur, 0 avertissement" in french


@pytest.mark.parametrize("old, new, message", [
    ("date: 2027-01-15", "date: 2027", "signing.date: must be a day, written 2026-06-25, not 2027"),
    ("start: 2027-03", "start: 2027", "actions[0].start: must be a month, written 2026-06 (or a day, 2026-06-25), not 2027"),
    ("start: 2027-03", "start: March", "actions[0].start: 'March' is not a month; write a month, 2026-06, or a day, 2026-06-25"),
])
def test_date_messages_give_the_forms_the_field_takes(write_spec, base_text, old, new, message):
    assert message in run("validate", write_spec(base_text.replace(old, new, 1))).stderr


def test_file_messages_of_a_build_follow_the_console_language(write_spec, base_text, tmp_path):
    spec, out = write_spec(base_text), tmp_path / "out"
    assert run("build", spec, "-o", out).exit_code == 0
    (out / "city-a-city-b.docx").write_bytes(b"edited")
    result = run("build", "--lang", "fr", spec, "-o", out)
    assert result.exit_code == 1
    assert "city-a-city-b.docx a été modifié après sa production" in result.stderr
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    result = run("build", "--lang", "fr", spec, "-o", blocked / "out")
    assert result.exit_code == 1 and f"écriture de {blocked / 'out'} impossible" in result.stderr


def test_a_failed_pdf_is_said_in_french(write_spec, base_text, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"
    soffice.write_text("#!/bin/sh\necho 'conversion failed' >&2\nexit 3\n")
    soffice.chmod(0o755)
    result = run("build", "--lang", "fr", "--pdf", write_spec(base_text), "-o", tmp_path / "out",
                 env={"PATH": f"{bin_dir}:/usr/bin:/bin"})
    assert result.exit_code == 1
    assert "LibreOffice n'a pas pu convertir city-a-city-b.docx : conversion failed" in result.stderr


def test_clause_commands_check_the_language_and_suggest_clause_ids():
    result = run("clauses", "list", "--lang", "xx")
    assert result.exit_code == 2 and "'xx' is not one of 'fr', 'en'" in result.stderr
    assert run("clauses", "show", "termination", "--lang", "xx").exit_code == 2
    result = run("clauses", "show", "terminaton")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no clause 'terminaton' in the library; did you mean 'termination'?"
    french = run("clauses", "show", "terminaton", env={"LANG": "fr_FR.UTF-8"}).stderr
    assert "vouliez-vous dire « termination » ?" in french

"""The command line as a user runs it."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import AGREEMENTS, ROOT, line_of
from mou_builder import __version__
from mou_builder.cli import main
from mou_builder.render import readback as textdump


@pytest.fixture
def run():
    def invoke(*args, env=None):
        return CliRunner().invoke(main, list(map(str, args)), env={"LANG": "en_GB.UTF-8", **(env or {})},
                                  catch_exceptions=False)
    return invoke


def test_validate_valid_spec(run):
    result = run("validate", AGREEMENTS / "sfax-lyon.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{AGREEMENTS / 'sfax-lyon.yaml'}: valid\n"


def test_validate_reports_every_error_and_exits_1(run, write_spec, base_text):
    text = base_text.replace("lead: city-a", "lead: city-x").replace('"10.7", "11.3"', '"10.7", "99.9"')
    path = write_spec(text)
    result = run("validate", path)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines()  # not the notes on the steps before signature
             if ": note: " not in line and not line.startswith("    ")]
    assert lines[0].startswith(f"{path}:{line_of(text, 'lead: city-x')}:")
    assert lines[1].startswith(f"{path}:{line_of(text, '99.9')}:")
    assert lines[-1] == f"{path}: 2 errors, 0 warnings"
    assert result.stdout == ""


def test_warnings_pass_unless_strict(run, write_spec, base_text):
    path = write_spec(base_text.replace("open_data: true", "open_data: false"))
    result = run("validate", path)
    assert result.exit_code == 0
    assert "warning: monitoring data will not be published" in result.stderr
    strict = run("validate", "--strict", path)
    assert strict.exit_code == 1
    assert "monitoring.open_data: monitoring data will not be published" in strict.stderr
    assert "warnings count as errors with --strict" in strict.stderr


def test_messages_follow_lang_option_and_locale(run, write_spec, base_text):
    path = write_spec(base_text.replace("lead: city-a", "lead: city-x"))
    assert "aucune partie ne porte l'identifiant « city-x »" in run("validate", "--lang", "fr", path).stderr
    assert "aucune partie ne porte" in run("validate", path, env={"LANG": "fr_FR.UTF-8"}).stderr
    assert "no party has the id 'city-x'" in run("validate", path, env={"LANG": "de_DE.UTF-8"}).stderr


def test_build_prints_each_written_path(run, tmp_path):
    out = tmp_path / "out"
    result = run("build", AGREEMENTS / "sfax-lyon.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out / "sfax-lyon-2026-fr.docx"), str(out / "sfax-lyon-2026-en.docx")]
    assert "Article 1 – Objet" in textdump.text(out / "sfax-lyon-2026-fr.docx")
    assert "Article 1 – Purpose" in textdump.text(out / "sfax-lyon-2026-en.docx")


def test_invalid_spec_fails_alone(run, tmp_path, write_spec, base_text):
    good = AGREEMENTS / "sfax-lyon.yaml"
    bad = write_spec(base_text.replace("years: 3", "years: three"))
    out = tmp_path / "out"
    result = run("build", good, bad, "-o", out, "--jobs", "1")
    assert result.exit_code == 1
    assert f"{bad}:{line_of(base_text, 'years: 3')}:" in result.stderr
    assert result.stdout.splitlines() == [str(out / "sfax-lyon-2026-fr.docx"), str(out / "sfax-lyon-2026-en.docx")]
    assert sorted(p.name for p in out.glob("*.docx")) == ["sfax-lyon-2026-en.docx", "sfax-lyon-2026-fr.docx"]
    assert result.stderr.splitlines()[-1] == "2 specs: 1 built, 1 failed, 0 unchanged"


def test_two_specs_with_one_id_are_refused(run, tmp_path, write_spec, base_text):
    a = write_spec(base_text, "a.yaml")
    b = write_spec(base_text, "b.yaml")
    result = run("build", a, b, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{a} and {b} would both write {tmp_path / 'out' / 'city-a-city-b.docx'}; give each spec its own id" \
        in result.stderr


def test_pdf_without_libreoffice_is_a_clear_error(run, tmp_path):
    result = run("build", AGREEMENTS / "sfax-lyon.yaml", "-o", tmp_path / "out", "--pdf",
                 env={"PATH": str(tmp_path)})
    assert result.exit_code == 1
    assert "LibreOffice is not installed" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("lang", ["en", "fr", "es", "it", "pt", "ar"])
def test_new_writes_a_starter_that_validates_and_builds(run, tmp_path, lang):
    path = tmp_path / "mine.yaml"
    result = run("new", path, "--lang", lang)
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert text.startswith("# ") and f"languages: [{lang}]" in text
    comments = " ".join(line for line in text.splitlines() if line.startswith("#"))
    assert {"en": "Replace", "fr": "Remplacez", "es": "Cambie", "it": "Sostituite", "pt": "Substitua",
            "ar": "ضعوا"}[lang] in comments  # commented in the starter's own language
    check = run("validate", "--strict", path)
    assert check.exit_code == 0, check.output
    built = run("build", path, "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output


def test_new_never_overwrites_without_force(run, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("my work")
    result = run("new", path)
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert path.read_text() == "my work"
    assert run("new", path, "--force").exit_code == 0
    assert path.read_text() != "my work"


def test_clauses_list_and_show(run):
    listing = run("clauses", "list").stdout.splitlines()
    ids = [line.split()[0] for line in listing]
    for expected in ("opening", "purpose", "budget", "termination", "closing", "recital_history"):
        assert expected in ids
    shown = run("clauses", "show", "termination", "--lang", "fr")
    assert shown.exit_code == 0 and "{{ params.notice_months" in shown.stdout
    in_spec = run("clauses", "show", "termination", "--lang", "fr", "--spec", AGREEMENTS / "sfax-lyon.yaml")
    assert in_spec.exit_code == 0 and "trois (3) mois" in in_spec.stdout and "{{" not in in_spec.stdout
    missing = run("clauses", "show", "nope")
    assert missing.exit_code == 1 and "no clause 'nope'" in missing.stderr


def test_console_script_and_module_entry_point(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mou_builder", "--version"], capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0 and result.stdout.strip() == f"mou, version {__version__}"


def test_unexpected_failure_is_one_line_not_a_traceback(run, monkeypatch):
    from mou_builder import api

    def boom(*args, **kwargs):
        raise RuntimeError("kaput")
    monkeypatch.setattr(api, "check", boom)
    result = CliRunner().invoke(main, ["validate", str(AGREEMENTS / "sfax-lyon.yaml")])
    assert result.exit_code == 1
    assert "internal error (RuntimeError: kaput)" in result.output and "Traceback" not in result.output

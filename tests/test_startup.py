"""The command line starts without the pipeline: `mou --help` imports only what it shows."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEAVY = ("mou_builder.api", "mou_builder.validation.validate", "mou_builder.render.layout",
         "cerberus", "docx", "docxtpl", "babel", "jinja2", "yaml", "lxml")


def test_help_loads_no_stage_of_the_pipeline():
    code = ("import sys; from click.testing import CliRunner; from mou_builder.cli import main; "
            "result = CliRunner().invoke(main, ['--help']); assert result.exit_code == 0, result.output; "
            "assert 'build' in result.output; print(' '.join(sorted(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert [m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY] == []


def test_a_command_still_finds_what_it_needs(tmp_path):
    spec = tmp_path / "missing.yaml"
    result = subprocess.run([sys.executable, "-m", "mou_builder", "validate", str(spec)], capture_output=True,
                            text=True)
    assert result.returncode != 0 and "missing.yaml" in result.stderr and "Traceback" not in result.stderr


def test_validate_loads_no_stage_after_validation():
    code = ("import sys; from click.testing import CliRunner; from mou_builder.cli import main; "
            "result = CliRunner().invoke(main, ['validate', 'agreements/sfax-lyon.yaml']); "
            "assert result.exit_code == 0, result.output; print(' '.join(sorted(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=ROOT).stdout.split()
    later = ("mou_builder.model", "mou_builder.drafting", "mou_builder.render", "mou_builder.output",
             "mou_builder.revision", "docx", "docxtpl", "lxml")
    assert "mou_builder.validation.validate" in loaded
    assert [m for m in loaded if m.startswith(later)] == []


def test_a_build_without_pdf_loads_no_pdf_converter(tmp_path):
    code = ("import sys; from click.testing import CliRunner; from mou_builder.cli import main; "
            "result = CliRunner().invoke(main, ['build', 'agreements/sfax-lyon.yaml', '-o', sys.argv[1], '--jobs', '1']); "
            "assert result.exit_code == 0, result.output; print(' '.join(sorted(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out")], capture_output=True, text=True,
                            check=True, cwd=ROOT).stdout.split()
    assert "mou_builder.render.layout" in loaded and len(list((tmp_path / "out").glob("*.docx"))) == 2
    assert [m for m in loaded if m in ("mou_builder.output.pdf", "subprocess")] == []


def test_the_console_script_runs_the_command_line(tmp_path):
    mou = Path(sys.executable).with_name("mou")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: Not A Slug\n", encoding="utf-8")
    result = subprocess.run([str(mou), "validate", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and "bad.yaml:2:5: id:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    version = subprocess.run([str(mou), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("mou, version ")


def test_a_valid_spec_is_checked_without_cerberus_and_a_wrong_one_gets_its_messages(tmp_path):
    """Cerberus (and the package metadata it reads) loads only to word what is wrong."""
    text = (ROOT / "agreements" / "sfax-lyon.yaml").read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text.replace("instrument: memorandum", "instrument: memorandm", 1)
                     .replace("    type: municipality", "    typ: municipality", 1)
                     .replace("      gender: f", "      gender: 3", 1), encoding="utf-8")
    code = ("import sys; from mou_builder import validation; from mou_builder.library import clauses; "
            "from mou_builder.library.resources import library_dir; lib = clauses.load(library_dir()); "
            "good = validation.check_file('agreements/sfax-lyon.yaml', lib); assert not good.failed(); "
            "print('cerberus' in sys.modules, 'importlib.metadata' in sys.modules); "
            "bad = validation.check_file(sys.argv[1], lib); print('cerberus' in sys.modules); "
            "print('\\n'.join(p.format('en') for p in bad.errors))")
    lines = subprocess.run([sys.executable, "-c", code, str(wrong)], capture_output=True, text=True, check=True,
                           cwd=ROOT).stdout.splitlines()
    assert lines[:2] == ["False False", "True"]
    assert [line.replace(str(wrong), "FILE") for line in lines[2:]] == [
        "FILE:7:13: instrument: 'memorandm' is not one of: memorandum, partnership, cooperation, twinning, "
        "terms_of_reference, declaration_of_intent (did you mean 'memorandum'?)",
        "FILE:20:5: parties[0].typ: unknown field 'typ' (did you mean 'type'?)",
        "FILE:26:15: parties[0].represented_by.gender: must be a text, not 3",
    ]

"""The command line in a pipe whose reader stops early (`mou clauses list | head`)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import AGREEMENTS, ROOT, TODAY
from mou_builder import api


def closed_pipe(*args, cwd=ROOT):
    """Run `mou ARGS` with its output going to a reader that has already gone."""
    process = subprocess.Popen([sys.executable, "-m", "mou_builder", *map(str, args)], cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    return process.returncode, stderr


@pytest.fixture(scope="module")
def built_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("pipe")
    return api.build(AGREEMENTS / "toscana-kasserine.yaml", out, today=TODAY)[0]


@pytest.mark.parametrize("args", [("clauses", "list"), ("validate", AGREEMENTS / "sfax-lyon.yaml"), "docx"])
def test_a_reader_that_stops_early_is_no_error(args, built_docx):
    code, stderr = closed_pipe(*(("docx2text", built_docx) if args == "docx" else args))
    assert "Error" not in stderr and "Traceback" not in stderr  # notes on stderr may remain
    assert code == 1


@pytest.mark.parametrize("args, code", [(("clauses", "list"), 0), (("validate", ROOT / "no-such-spec.yaml"), 1)])
def test_a_process_ends_with_all_its_output_and_its_status(args, code):
    """The console command ends without Python's teardown: what it printed is all there,
    in both streams, and its exit status is the command's."""
    from click.testing import CliRunner
    from mou_builder.cli import main

    process = subprocess.run([sys.executable, "-m", "mou_builder", *map(str, args)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    expected = CliRunner().invoke(main, list(map(str, args)))
    assert process.returncode == expected.exit_code == code
    assert process.stdout == expected.stdout and process.stderr == expected.stderr
    assert process.stdout or process.stderr

"""Validation is bounded: thousands of errors are counted, the first ones shown in file order,
and one line says how many more there are."""
from __future__ import annotations

from click.testing import CliRunner

from conftest import TODAY, line_of
from mou_builder import api
from mou_builder.cli import main


def test_after_200_errors_one_line_counts_the_rest(write_spec, base_text):
    text = base_text + "".join(f"unknown_{i}: 1\n" for i in range(1000))
    checked = api.check(write_spec(text), today=TODAY)
    errors = checked.errors
    assert len(errors) == 201 and checked.error_count == 1000
    assert [p.path for p in errors[:200]] == [f"unknown_{i}" for i in range(200)]
    last = errors[-1]
    assert last.line == line_of(text, "unknown_200:")
    assert last.format() == (f"{last.file}:{last.line}:1: 800 more errors not shown: fix the first 200 "
                             f"and validate again")
    assert last.format("fr").endswith("800 autres erreurs ne sont pas affichées : corrigez les 200 "
                                      "premières et relancez la validation")


def test_the_summary_counts_every_error(write_spec, base_text):
    path = write_spec(base_text + "".join(f"unknown_{i}: 1\n" for i in range(300)))
    result = CliRunner().invoke(main, ["validate", str(path)], env={"LANG": "en_GB.UTF-8"})
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len([line for line in lines if "unknown field" in line]) == 200
    assert lines[-2].endswith("100 more errors not shown: fix the first 200 and validate again")
    assert lines[-1] == f"{path}: 300 errors, 0 warnings"


def test_a_message_lists_a_dozen_known_ids_not_thousands(write_spec, base_text):
    actions = "".join(f"  - {{id: a{i}, title: T, type: training, area: social_development, lead: city-a, "
                      f"start: 2027-03, end: 2027-12, indicators: [i1]}}\n" for i in range(2, 40))
    text = base_text.replace("results:\n", actions + "\nresults:\n", 1).replace("actions: [a1]", "actions: [zz]")
    errors = api.check(write_spec(text), today=TODAY).errors
    assert [p.format().split(": ", 2)[-1] for p in errors] == [
        "no action has the id 'zz' (known: a1, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a2, … "
        "(39 in all))"]

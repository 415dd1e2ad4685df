"""Version ranges, `mou packs diff`, `mou clauses show --explain`, and `packs:` in a spec."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import AGREEMENTS, TODAY
from mou_builder import api
from mou_builder.base.errors import MouError
from mou_builder.cli import main
from mou_builder.library.packs import manifest, semver
from packhelp import SHIPPED, data_home  # noqa: F401  (fixture)
from test_packs import spec_with


@pytest.mark.parametrize("version, wanted, ok", [
    ("2.3.1", "^2", True), ("3.0.0", "^2", False), ("1.9.9", "^2", False), ("2.0.0", "^2.1", False),
    ("0.3.9", "^0.3", True), ("0.4.0", "^0.3", False), ("1.2.9", "~1.2", True), ("1.3.0", "~1.2", False),
    ("1.2.0", ">=1.2", True), ("1.1.9", ">=1.2", False), ("1.9.0", ">=1.2 <2", True), ("2.0.0", ">=1.2, <2", False),
    ("1.2.3", "1.2.3", True), ("1.2.4", "1.2.3", False), ("1.2.4", "1.2", True), ("5.0.0", "*", True),
])
def test_version_ranges(version, wanted, ok):
    assert semver.matches(semver.parse(version), wanted) is ok


@pytest.mark.parametrize("bad", ["^two", ">>1", "1.2.3.4"])
def test_a_range_that_is_not_one_says_how_to_write_it(bad):
    with pytest.raises(MouError, match="is not a version range: use"):
        semver.check_range(bad)


def test_a_new_version_s_clause_changes_word_by_word(tmp_path):
    new = tmp_path / "city-example"
    shutil.copytree(SHIPPED / "city-example", new)
    path = new / "clauses" / "termination.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "sauf décision contraire des Parties.", "sauf si les Parties en décident autrement."), encoding="utf-8")
    (new / "pack.yaml").write_text((new / "pack.yaml").read_text(encoding="utf-8").replace(
        "version: 1.0.0", "version: 1.1.0"), encoding="utf-8")
    manifest.rehash(new)
    result = CliRunner().invoke(main, ["packs", "diff", str(SHIPPED / "city-example"), str(new)])
    assert result.exit_code == 0, result.output
    assert "Changes between city-example 1.0.0 and city-example 1.1.0" in result.output
    assert "Clause termination (modified, v1)" in result.output
    assert "sauf [-décision contraire des-]{+si les+} Parties {+en décident autrement+}." in result.output
    assert "Version 1.0.0 → 1.1.0" in result.output


def test_explain_says_where_the_text_in_use_comes_from():
    spec = str(AGREEMENTS / "vaudrieres-kalmira.yaml")
    result = CliRunner().invoke(main, ["clauses", "show", "termination", "--explain", "--spec", spec])
    assert result.exit_code == 0, result.output
    assert "from the pack city-example 1.0.0" in result.output
    assert "replaces the text of the clause library (v1)" in result.output
    result = CliRunner().invoke(main, ["clauses", "show", "network_exchange", "--explain", "--spec", spec])
    assert "a clause the pack adds" in result.output
    result = CliRunner().invoke(main, ["clauses", "show", "termination", "--explain"])
    assert "from the clause library" in result.output and "no pack replaces it" in result.output
    result = CliRunner().invoke(main, ["clauses", "show", "termination", "--lang", "en", "--spec", spec])
    assert "by decision of its deliberative body" in result.output


def test_a_malformed_packs_value_is_a_located_problem(tmp_path):
    checked = api.check(spec_with(tmp_path, "packs: network"), today=TODAY)
    assert any(p.path == "packs" for p in checked.errors), [p.format() for p in checked.problems]

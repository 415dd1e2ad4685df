"""Whatever validate accepts, build builds; what it refuses, it refuses with a located message.
Each case is a value that used to validate and then crash, or build into nonsense."""
from __future__ import annotations

import os
import pathlib

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import TODAY, line_of
from mou_builder import api
from mou_builder.base.errors import MouError
from mou_builder.cli import main
from mou_builder.render import readback

BIG = "10000000000000000000000000000"  # 10**28
REFUSED = {
    "amount of 10**28": (("baseline: 0", f"baseline: {BIG}"), "indicators[0].baseline", "too_large_amount"),
    "signing date 9999-12-31": (("date: 2027-01-15", "date: 9999-12-31"), "signing.date", "year_out_of_range"),
    "years 10**21": (("years: 3", "years: 1000000000000000000000"), "duration.years", "too_large"),
    "NaN": (("target: 30", "target: .nan"), "indicators[0].target", "not_finite"),
    "infinity": (("target: 30", "target: .inf"), "indicators[0].target", "not_finite"),
    "true as a number": (("originals: 2", "originals: true"), "signing.originals", "bad_type"),
    "id with a final newline": (("id: city-a-city-b", 'id: "city-a-city-b\\n"'), "id", "bad_slug"),
    "country with a final newline": (('country: "FR"', 'country: "FR\\n"'), "parties[0].country",
                                     "bad_country_form"),
    "area item not in its area": (("[social_services]", "[housing_x]"), "purpose.areas.social_development[0]",
                                  "unknown_area_item"),
    "unknown locale": (("kind: agreement", "kind: agreement\nlocale: en_ZZ"), "locale", "unknown_locale"),
    "locale of another language": (("kind: agreement", "kind: agreement\nlocale: fr_TN"), "locale",
                                   "unknown_locale"),
    "no such template": (("kind: agreement", "kind: agreement\ntemplate: nosuch"), "template",
                         "unknown_template"),
    "lone surrogate": (("name: City of Aville", 'name: "City of Aville\\ud800"'), "parties[0].name",
                       "invalid_character"),
    "right-to-left override": (("name: City of Aville", 'name: "City of \\u202eAville"'), "parties[0].name",
                               "invalid_character"),
    "zero-width space": (("name: City of Aville", 'name: "City of\\u200bAville"'), "parties[0].name",
                         "invalid_character"),
    "byte order mark": (("name: City of Aville", 'name: "City of \\ufeffAville"'), "parties[0].name",
                        "invalid_character"),
    "zero-width space written as itself": (("name: City of Aville", "name: City of\u200bAville"),
                                           "parties[0].name", "invalid_character"),
    "direction mark written as itself": (("name: City of Aville", "name: City of Aville\u200f"),
                                         "parties[0].name", "invalid_character"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_values_out_of_range_are_refused_where_they_stand(write_spec, base_text, case):
    (old, new), path, key = REFUSED[case]
    assert old in base_text
    text = base_text.replace(old, new, 1)
    errors = api.check(write_spec(text), today=TODAY).errors
    assert [(p.path, p.key) for p in errors] == [(path, key)]
    assert errors[0].line == line_of(text, new.splitlines()[-1].split(":")[0] + ":" if "\n" in new else new)
    assert "\n" not in errors[0].format() and "\ud800" not in errors[0].format()


def test_nesting_is_limited_before_the_parser_runs_out_of_stack(write_spec):
    errors = api.check(write_spec("format: mou/1\nx: " + "[" * 400 + "]" * 400 + "\n"), today=TODAY).errors
    assert [(p.line, p.key) for p in errors] == [(2, "too_deep")]


def test_a_spec_made_of_one_wrong_field_is_reported_not_a_crash(write_spec):
    errors = api.check(write_spec("parties: {type: 1}\n"), today=TODAY).errors
    assert ("parties", "bad_type") in [(p.path, p.key) for p in errors]


def test_an_unreadable_spec_is_a_located_message(write_spec, base_text, monkeypatch):
    spec = write_spec(base_text)
    real_read, real_access = pathlib.Path.read_bytes, os.access

    def read_bytes(self):
        if self == spec:
            raise PermissionError(13, "Permission denied")
        return real_read(self)
    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if str(path) == str(spec)
                        else real_access(path, mode, **kw))
    result = CliRunner().invoke(main, ["validate", str(spec)], env={"LANG": "en_GB.UTF-8"})
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{spec}:1:1: cannot read the file: Permission denied"


def test_a_title_longer_than_a_document_property_builds(write_spec, base_text, tmp_path):
    title = "Agreement " + "on a very long subject " * 20
    spec = write_spec(base_text.replace("subject: local migration governance", f"title: '{title}'"))
    docx, = api.build(spec, tmp_path / "out", today=TODAY)
    assert title.strip() in readback.text(docx)
    assert len(Document(str(docx)).core_properties.title) == 255


def test_a_thousand_chained_custom_clauses_build(write_spec, base_text, tmp_path):
    customs = "".join(f"    - {{id: c{i}, after: {'purpose' if i == 0 else f'c{i - 1}'}, title: T{i}, text: X{i}}}\n"
                      for i in range(1000))
    spec = write_spec(base_text.replace("clauses:\n", "clauses:\n  custom:\n" + customs, 1))
    docx, = api.build(spec, tmp_path / "out", today=TODAY)
    text = readback.text(docx)
    assert text.index(" – T0\n") < text.index(" – T1\n") < text.index(" – T999\n")


def test_an_amended_version_outside_the_repository_is_a_clear_message(write_spec, base_text, tmp_path):
    revision = base_text.replace("kind: agreement", "kind: revision") + (
        "revision:\n  amends: ../../../../no/such/etc/passwd@HEAD\n  number: 1\n  date: 2027-06-01\n"
        "  rationale: test\n")
    spec = write_spec(revision)
    with pytest.raises(MouError) as info:
        api.build(spec, tmp_path / "out", today=TODAY)
    assert "passwd@HEAD" in str(info.value) and "internal" not in str(info.value)

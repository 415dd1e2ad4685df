"""LOAD: specs are read safely and every failure names the file, line and column."""
from __future__ import annotations

import datetime as dt

import pytest

from mou_builder import validation
from mou_builder.base.errors import SpecInvalid


def fails(text, name="s.yaml"):
    with pytest.raises(SpecInvalid) as info:
        validation.parse(text, name)
    return [p.format() for p in info.value.problems]


def test_aliases_are_refused_where_they_are_used():
    text = "a: &x [1, 2]\nb: *x\n"
    assert fails(text) == ["s.yaml:2:4: YAML anchors, aliases and merge keys (&, *, <<) are not "
                           "allowed; write the value out"]


def test_billion_laughs_is_refused_quickly():
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i-1}"] * 9) + "]" for i in range(1, 10)]
    assert "aliases" in fails("\n".join(lines))[0]


def test_duplicate_keys_are_refused_with_both_lines():
    text = "name:\n  fr: Sfax\n  en: Sfax\n  fr: Sousse\n"
    assert fails(text) == ["s.yaml:4:3: key 'fr' appears twice in this mapping (first on line 2); keep one"]


def test_python_objects_are_refused():
    text = "a: !!python/object/apply:os.system ['echo hacked']\n"
    message = fails(text)[0]
    assert message.startswith("s.yaml:1:4: YAML syntax error:") and "python/object" in message


def test_size_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("x: " + "a" * (validation.MAX_BYTES + 1))
    with pytest.raises(SpecInvalid) as info:
        validation.load(path)
    assert info.value.problems[0].key == "file_too_large"


def test_syntax_error_is_located():
    text = "format: mou/1\nparties:\n  - id: a\n   name: x\n"
    message = fails(text)[0]
    assert message.startswith("s.yaml:4:") and "YAML syntax error" in message


def test_yaml_1_1_surprises_are_avoided():
    src = validation.parse("country: NO\nanswer: yes\ncode: 0123\nversion: 1.10\nflag: true\n"
                     "signed: 2025-03-14\nmonth: 2025-03\nn: 12\n", "s.yaml")
    assert src.data == {"country": "NO", "answer": "yes", "code": "0123", "version": 1.1,
                        "flag": True, "signed": dt.date(2025, 3, 14), "month": "2025-03", "n": 12}


def test_impossible_date_is_located():
    assert fails("a: 1\nsigned: 2026-02-30\n")[0].startswith("s.yaml:2:9: '2026-02-30' is not a real date")


def test_marks_point_at_values_and_keys():
    src = validation.parse("top:\n  items:\n    - id: a1\n      name: x\n", "s.yaml")
    assert src.mark(("top", "items", 0, "name")) == (4, 13)
    assert src.key_mark(("top", "items", 0, "name")) == (4, 7)
    assert src.mark(("top", "items", 0, "missing")) == (3, 7)


def test_missing_file_and_bad_encoding(tmp_path):
    with pytest.raises(SpecInvalid) as info:
        validation.load(tmp_path / "nope.yaml")
    assert info.value.problems[0].format() == f"{tmp_path / 'nope.yaml'}:1:1: file not found"
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("a: 1\nname: Montréal\n".encode("latin-1"))
    with pytest.raises(SpecInvalid) as info:
        validation.load(bad)
    assert info.value.problems[0].format() == f"{bad}:2:1: the file is not UTF-8 text; save it as UTF-8"

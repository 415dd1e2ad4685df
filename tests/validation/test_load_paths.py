"""LOAD through libyaml: the same data, places and messages as the Python loader.

The loader reads a text with libyaml's C parser when it can, and with PyYAML's Python
loader otherwise (and for every refusal). Each input here goes through both and must give
the same Source (data with its types, marks of values and keys) or the same messages."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import EXAMPLES, ROOT, SPECS
from mou_builder import validation
from mou_builder.base.errors import SpecInvalid
from mou_builder.validation import loader

needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML is built without libyaml")


def typed(value):
    """The data with the type of every value (1, 1.0 and True are equal in Python)."""
    if isinstance(value, dict):
        return [(typed(k), typed(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [typed(v) for v in value]
    return type(value).__name__, value


def outcome(read, text):
    try:
        source = read(text, "s.yaml")
    except SpecInvalid as exc:
        return "refused", [p.format() for p in exc.problems], [p.format("fr") for p in exc.problems]
    return "read", typed(source.data), source.marks, source.key_marks


def python_only(text, display):
    return loader._parse_python(text, display)


def same_as_python(text):
    """parse() and the Python loader agree on ``text``; the outcome."""
    got = outcome(validation.parse, text)  # through libyaml whenever it reads the text
    assert got == outcome(python_only, text)
    return got


HOSTILE = {
    "alias": "a: &x [1, 2]\nb: *x\n",
    "anchor alone": "a: &x [1, 2]\nb: 3\n",
    "anchor on a scalar": "a: &x 1\n",
    "merge key": "a: {b: 1}\nc:\n  <<: {b: 2}\n",
    "billion laughs": "\n".join(["l0: &l0 [lol, lol, lol]"] + [
        f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]) + "\n",
    "400 nested brackets": "format: mou/1\nx: " + "[" * 400 + "]" * 400 + "\n",
    "100,000 nested brackets": "x: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "100,000 nested braces": "x: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n",
    "41 nested brackets": "x: " + "[" * 41 + "]" * 41 + "\n",
    "40 nested brackets": "x: " + "[" * 39 + "]" * 39 + "\n",
    "deep block nesting": "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v: 1\n",
    "duplicate key": "name:\n  fr: Sfax\n  en: Sfax\n  fr: Sousse\n",
    "duplicate key in brackets": "a: {x: 1, x: 2}\n",
    "complex key": "? [a, b]\n: c\n",
    "tab indenting": "a:\n\tb: 1\n",
    "tab after a value": "a: b\t\n",
    "tab inside a plain value": "a: b\tc\n",
    "python object": "a: !!python/object/apply:os.system ['echo hacked']\n",
    "tagged mapping": "a: !!set {x, y}\n",
    "non-specific tag": "a: ! 12\nb: !\n",
    "empty integer": "a: !!int ''\n",
    "not a boolean": "a: !!bool maybe\n",
    "tagged key": "!!int x: 1\n",
    "lone surrogate": "a: 1\nname: Sfax\ud800\n",
    "escaped surrogate": 'name: "Sfax\\ud800"\n',
    "control character": "a: 1\nb: x\x07y\n",
    "byte order mark inside": "a: 1\n\ufeffb: 2\n",
    "next line character": "a: 1\x85b: 2\n",
    "line separator": "a: x\u2028y\nb: 2\n",
    "carriage returns": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "no final line break": "a: 1\nb:",
    "only a comment": "# nothing\n",
    "empty": "",
    "two documents": "a: 1\n---\nb: 2\n",
    "syntax error": "format: mou/1\nparties:\n  - id: a\n   name: x\n",
    "unclosed quote": "a: 'x\n",
    "unclosed bracket": "a: [1, 2\n",
    "bad indicator": "a: |1#\n  x\n",
    "question mark line in brackets": "[a\n? b]\n",
    "impossible date": "a: 1\nsigned: 2026-02-30\n",
    "huge integer": "n: " + "1" * 5000 + "\n",
    "implicit types": "country: NO\nanswer: yes\ncode: 0123\nversion: 1.10\nflag: true\nsigned: 2025-03-14\n"
                      "month: 2025-03\nn: 12\nx: 1e3\ny: 0x1F\nz: 0o17\nw: 1_000\nt: 12:30\nnull_: ~\n"
                      "e: .inf\nf: -.5\ng: +1\nh: 2026-03-01T10:00:00Z\n",
    "quoted implicit types": "a: 'NO'\nb: \"0123\"\nc: '2025-03-14'\nd: 'true'\n",
    "block scalars": "a: |\n  one\n  two\nb: >-\n  three\n  four\n\nc: |+\n  kept\n\n",
    "unicode": "name: Sfax — صفاقس\ncity: 𝄞 Montréal\n",
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_inputs_read_alike_through_both_paths(case):
    same_as_python(HOSTILE[case])


@needs_libyaml
@pytest.mark.parametrize("case", ["alias", "anchor alone", "anchor on a scalar", "billion laughs",
                                  "400 nested brackets", "100,000 nested brackets", "100,000 nested braces",
                                  "41 nested brackets", "deep block nesting", "tab indenting", "python object",
                                  "non-specific tag", "lone surrogate", "byte order mark inside",
                                  "next line character", "no final line break", "question mark line in brackets",
                                  "merge key", "duplicate key", "complex key", "two documents", "impossible date"])
def test_what_libyaml_reads_otherwise_goes_to_the_python_loader(case):
    same_as_python(HOSTILE[case])
    assert loader._parse_c(HOSTILE[case], "s.yaml") is None


@needs_libyaml
def test_an_ordinary_spec_is_read_through_libyaml():
    assert same_as_python(HOSTILE["implicit types"])[0] == "read"
    assert loader._parse_c(HOSTILE["implicit types"], "s.yaml") is not None


def test_refusals_read_as_before():
    assert outcome(validation.parse, HOSTILE["alias"])[1] == [
        "s.yaml:2:4: YAML anchors, aliases and merge keys (&, *, <<) are not allowed; write the value out"]
    anchor = "s.yaml:1:4: YAML anchors, aliases and merge keys (&, *, <<) are not allowed; write the value out"
    assert outcome(validation.parse, HOSTILE["anchor alone"])[1] == [anchor]  # of no use without an alias
    assert outcome(validation.parse, HOSTILE["anchor on a scalar"])[1] == [anchor]
    assert outcome(validation.parse, HOSTILE["100,000 nested brackets"])[1] == [
        "s.yaml:1:44: nesting deeper than 40 levels"]
    assert outcome(validation.parse, HOSTILE["duplicate key in brackets"])[1] == [
        "s.yaml:1:11: key 'x' appears twice in this mapping (first on line 1); keep one"]
    assert outcome(validation.parse, HOSTILE["tab indenting"])[1] == [
        "s.yaml:2:1: YAML syntax error: found character '\\t' that cannot start any token"]
    assert outcome(validation.parse, HOSTILE["unclosed bracket"])[1][0].startswith("s.yaml:2:1: YAML syntax error")
    assert outcome(validation.parse, HOSTILE["lone surrogate"])[1] == [
        "s.yaml:2:11: YAML syntax error: character #xd800 is not allowed"]


def test_values_a_tag_cannot_make_are_located_messages():
    assert outcome(validation.parse, HOSTILE["empty integer"])[1] == [
        "s.yaml:1:4: '' cannot be read as a YAML int; write it without a !! tag, or in quotes to keep it as text"]
    assert outcome(validation.parse, HOSTILE["not a boolean"])[1][0].startswith("s.yaml:1:4: 'maybe' cannot be read")
    assert outcome(validation.parse, HOSTILE["tagged key"])[1][0].startswith("s.yaml:1:1: 'x' cannot be read")
    assert outcome(validation.parse, HOSTILE["huge integer"])[1] == [
        f"s.yaml:1:4: '{'1' * 40}…' cannot be read as a YAML int; write it without a !! tag, or in quotes "
        "to keep it as text"]


def test_implicit_types_stay_yaml_1_2_like():
    kind, data, marks, _ = same_as_python(HOSTILE["implicit types"])
    assert kind == "read"
    assert dict((k[1], v) for k, v in data) == {
        "country": ("str", "NO"), "answer": ("str", "yes"), "code": ("str", "0123"), "version": ("float", 1.1),
        "flag": ("bool", True), "signed": ("date", dt.date(2025, 3, 14)), "month": ("str", "2025-03"),
        "n": ("int", 12), "x": ("str", "1e3"), "y": ("str", "0x1F"), "z": ("str", "0o17"), "w": ("str", "1_000"),
        "t": ("str", "12:30"), "null_": ("NoneType", None), "e": ("float", float("inf")), "f": ("str", "-.5"),
        "g": ("int", 1), "h": ("datetime", dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.timezone.utc))}


@needs_libyaml
def test_ordinary_files_are_read_by_libyaml():
    """The examples, the library and the test specs all take the C path (and agree)."""
    files = EXAMPLES + sorted((ROOT / "clauses").rglob("*.yaml")) + sorted(SPECS.glob("*.yaml")) \
        + sorted((ROOT / "packs").rglob("*.yaml")) + sorted((ROOT / "mou_builder").rglob("*.yaml"))
    assert len(files) > 60
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        assert loader._parse_c(text, str(path)) is not None, path
        assert same_as_python(text)[0] == "read", path


def test_without_libyaml_the_python_loader_reads_everything(monkeypatch):
    text = EXAMPLES[0].read_text(encoding="utf-8")
    expected = outcome(python_only, text)
    monkeypatch.setattr(loader, "_CParser", None)
    assert loader._parse_c(text, "s.yaml") is None
    assert outcome(validation.parse, text) == expected


# -- generated specs -------------------------------------------------------------
WORDS = st.sampled_from(["fr", "en", "id", "Sfax", "NO", "yes", "0123", "1.10", "2026-03-14", "2026-02-30",
                         "12:30", "~", "null", "true", "-", "a: b", "# c", "x #y", "'q'", '"d"', "[1]", "{a}",
                         "?", "? x", "- y", "|", ">", "*a", "&a", "!!int", "%", "@", "`", "", " ", "é", "صفاقس",
                         "\\", "\n", "\r\n", "\t", "\x85", "\u2028", "\ufeff", "\x07", "日本"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=False),
    st.dates(), st.text(max_size=20), st.lists(WORDS, max_size=4).map(" ".join), WORDS)
KEYS = st.one_of(st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True), WORDS, st.integers(0, 99))
SPEC_DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=40)
STYLES = st.fixed_dictionaries({
    "default_flow_style": st.sampled_from([False, None, True]), "allow_unicode": st.booleans(),
    "width": st.sampled_from([20, 80, 4096]), "indent": st.sampled_from([2, 4]),
    "sort_keys": st.booleans(), "default_style": st.sampled_from([None, None, "'", '"'])})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPEC_DATA, STYLES, st.sampled_from(["", "# a comment\n", "---\n"]), st.sampled_from(["", "\n", "...\n"]))
def test_generated_specs_read_alike_through_both_paths(data, style, head, tail):
    text = head + yaml.safe_dump({"format": "mou/1", "data": data}, **style) + tail
    same_as_python(text)
    same_as_python(text.replace("\n", "\r\n"))
    same_as_python(text.replace("\n", "  # note\n"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b: ", "- ", "[", "]", "{", "}", ", ", ": ", "? ", "\n", "\n  ", "\n    ",
                                 "'", '"', "#", "|", ">", "-", "1", "0123", "NO", "~", "\\", "é", "\r", "\r\n",
                                 "!", "&", "*", "%", "\t", "\ufeff", "\x85", "...", "---"]), max_size=30),
       st.sampled_from(["", "\n"]))
def test_yaml_fragments_read_alike_through_both_paths(parts, tail):
    same_as_python("".join(parts) + tail)

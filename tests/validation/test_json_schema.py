"""The JSON Schema for editors agrees with the Cerberus schema and is shipped up to date."""
from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import AGREEMENTS, EXAMPLES
from mou_builder.cli import main
from mou_builder.library import starter
from mou_builder.validation import json_schema as schema_json
from mou_builder.validation import loader as spec
from mou_builder.validation.schema import SCHEMA
from mou_builder.validation.types import SpecValidator

VALIDATOR = jsonschema.Draft202012Validator(schema_json.generate())


def _fields(rules: dict, where: str = ""):
    """Every Cerberus field rule with its dotted place, items of lists as [*]."""
    for name, rule in rules.items():
        place = f"{where}.{name}" if where else name
        yield place, rule
        yield from _inner(rule, place)


def _inner(rule, place):
    if rule.get("type") == "list" and "schema" in rule:
        yield f"{place}[*]", rule["schema"]
        yield from _inner(rule["schema"], f"{place}[*]")
    if rule.get("type") == "dict" and "schema" in rule:
        yield from _fields(rule["schema"], place)


def _json_at(place: str) -> dict:
    node = schema_json.generate()
    for part in place.replace("[*]", ".[*]").split("."):
        node = node["items"] if part == "[*]" else node["properties"][part]
    return node


def _json_types(node) -> set:
    if "anyOf" in node:
        return set().union(*(_json_types(n) for n in node["anyOf"]))
    if "const" in node:
        return {type(node["const"]).__name__.replace("str", "string")}
    return {node["type"]}


CERBERUS_FIELDS = list(_fields(SCHEMA))


def test_the_walk_sees_the_whole_schema():
    places = dict(CERBERUS_FIELDS)
    assert {"parties[*].represented_by.title", "budget.lines[*].amount",
            "actions[*].indicators[*]"} <= set(places)
    assert len(places) > 150


@pytest.mark.parametrize("place,rule", CERBERUS_FIELDS, ids=[p for p, _ in CERBERUS_FIELDS])
def test_every_cerberus_field_has_the_same_type_and_values(place, rule):
    node = _json_at(place)
    kinds = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
    expected = {"text": {"string", "object"}, "list": {"array"}}
    want = set().union(*(expected.get(k, {schema_json.JSON_TYPES[k]}) for k in kinds))
    if rule.get("check_with") == "chair":
        want = {"string", "array"}
    assert _json_types(node) == want
    assert node.get("enum") == rule.get("allowed")
    assert node.get("minimum") == rule.get("min") and node.get("maximum") == rule.get("max")
    if "schema" in rule and rule["type"] == "dict":
        required = sorted(k for k, r in rule["schema"].items() if r.get("required"))
        assert sorted(node.get("required", [])) == required
        assert set(node["properties"]) == set(rule["schema"])


def test_the_shipped_file_is_up_to_date_with_the_generator():
    assert schema_json.shipped() == schema_json.text(), \
        "regenerate it: python -m mou_builder.validation.json_schema" \
        " > mou_builder/validation/mou-spec.schema.json"
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_json.shipped()))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_examples_validate_against_the_json_schema(path):
    errors = list(VALIDATOR.iter_errors(schema_json.as_json_data(spec.load(path).data)))
    assert errors == []


@pytest.mark.parametrize("change,place", [
    (lambda d: d["parties"][0].update(type="city"), "$.parties[0].type"),
    (lambda d: d["actions"][0].update(lead="Lyon"), "$.actions[0].lead"),
    (lambda d: d["budget"]["lines"][0].update(amount="ten"), "$.budget.lines[0].amount"),
    (lambda d: d["actions"][0].update(start="2026-13"), "$.actions[0].start"),
    (lambda d: d.update(colour="blue"), "$"),
    (lambda d: d["signing"].pop("place"), "$.signing"),
    (lambda d: d.update(title={"de": "Partnerschaft"}), "$.title"),
])
def test_json_schema_and_cerberus_both_refuse_a_bad_spec(change, place):
    data = spec.load(AGREEMENTS / "sfax-lyon.yaml").data
    change(data)
    errors = list(VALIDATOR.iter_errors(schema_json.as_json_data(data)))
    assert place in [e.json_path for e in errors]
    assert not SpecValidator(SCHEMA).validate(data)


def test_mou_schema_prints_the_shipped_schema_and_writes_a_file(tmp_path):
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0 and result.stdout == schema_json.shipped()
    out = tmp_path / "s.json"
    assert CliRunner().invoke(main, ["schema", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == schema_json.shipped()


def test_mou_new_points_editors_to_a_schema_beside_the_spec(tmp_path):
    path = tmp_path / "mine.yaml"
    assert CliRunner().invoke(main, ["new", str(path), "--lang", "fr"]).exit_code == 0
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={schema_json.FILE_NAME}"
    beside = tmp_path / schema_json.FILE_NAME
    assert beside.read_text(encoding="utf-8") == schema_json.shipped()
    assert list(VALIDATOR.iter_errors(schema_json.as_json_data(spec.load(path).data))) == []


def test_a_file_of_that_name_that_is_not_ours_is_left_alone(tmp_path):
    mine = tmp_path / schema_json.FILE_NAME
    mine.write_text('{"title": "my own"}')
    assert starter.install_schema(tmp_path) is None
    assert mine.read_text() == '{"title": "my own"}'
    mine.write_text(json.dumps({"$id": schema_json.SCHEMA_ID, "old": True}))
    assert starter.install_schema(tmp_path) == mine
    assert mine.read_text(encoding="utf-8") == schema_json.shipped()

"""The spec's JSON Schema, generated from the Cerberus schema (one source of truth).

Editors (through the ``# yaml-language-server: $schema=…`` line that ``mou new``
writes) and ``check-jsonschema`` use it to complete and check specs without our
code. It covers the shape of a spec (fields, types, value sets, id and date forms);
the rules that look across the document (references, date ranges, languages) stay
with ``mou validate``. YAML dates are read as ISO strings in the JSON data model.

The generated file is shipped in the package (``SCHEMA_FILE``); a test checks that it
is up to date with :func:`generate`.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..base.dates import DAY, MONTH
from .schema import FULL_AGREEMENT_PARTS, LIGHT_SCHEMA, SCHEMA
from .vocabulary import LANGUAGES, LIGHT_INSTRUMENTS, SLUG

SCHEMA_FILE = Path(__file__).resolve().parent / "mou-spec.schema.json"
FILE_NAME = SCHEMA_FILE.name
SCHEMA_ID = "https://mou-builder.invalid/schema/mou-1.json"

_SLUG = {"type": "string", "pattern": SLUG.pattern}
_NONBLANK = {"type": "string", "pattern": r"\S"}
_TEXT = {"anyOf": [_NONBLANK, {
    "type": "object", "minProperties": 1,
    "propertyNames": {"enum": list(LANGUAGES)},
    "additionalProperties": _NONBLANK}]}
_DAY = {"type": "string", "pattern": DAY.pattern}
_MONTH = {"type": "string", "pattern": f"{MONTH.pattern}|{DAY.pattern}"}
_CHAIR = {"anyOf": [{"const": "rotating"}, {"type": "array", "items": _SLUG}]}

# Cerberus type -> JSON Schema type (the custom types map to their JSON form)
JSON_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean", "dict": "object",
              "list": "array", "amount": "number", "text": None, "day": "string", "month": "string"}


def _scalar(rules: dict) -> dict:
    kind = rules.get("type")
    if rules.get("check_with") == "chair":
        return dict(_CHAIR)
    if kind == "text" or rules.get("check_with") == "mandate_body":
        return json.loads(json.dumps(_TEXT))
    if kind == "day":
        return dict(_DAY)
    if kind == "month":
        return dict(_MONTH)
    if isinstance(kind, list):
        return {"anyOf": [{"type": JSON_TYPES[k]} for k in kind]}
    out = {"type": JSON_TYPES[kind]}
    if rules.get("check_with") == "slug":
        out["pattern"] = SLUG.pattern
    if "regex" in rules:
        out["pattern"] = f"^(?:{rules['regex']})$"
    if rules.get("empty") is False:
        out["minLength"] = 1
    return out


def convert(rules: dict) -> dict:
    """The JSON Schema of one Cerberus field rule."""
    out = _scalar(rules)
    if "allowed" in rules:
        out["enum"] = list(rules["allowed"])
    if "min" in rules:
        out["minimum"] = rules["min"]
    if "max" in rules:
        out["maximum"] = rules["max"]
    kind = rules.get("type")
    if kind == "list":
        if "schema" in rules:
            out["items"] = convert(rules["schema"])
        if rules.get("minlength"):
            out["minItems"] = rules["minlength"]
    elif kind == "dict":
        if "schema" in rules:
            out.update(mapping(rules["schema"]))
        if "keysrules" in rules:
            out["propertyNames"] = convert(rules["keysrules"])
        if "valuesrules" in rules:
            out["additionalProperties"] = convert(rules["valuesrules"])
    return out


def mapping(fields: dict) -> dict:
    """Properties, required fields and no unknown field, as Cerberus does."""
    out = {"properties": {name: convert(rule) for name, rule in fields.items()},
           "additionalProperties": False}
    required = [name for name, rule in fields.items() if rule.get("required")]
    if required:
        out["required"] = required
    return out


def generate() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "mou_builder partnership agreement spec (format mou/1)",
        "description": "Generated from the Cerberus schema of mou_builder; "
                       "references between ids, dates and languages are checked by 'mou validate'.",
        "type": "object",
        **mapping(LIGHT_SCHEMA),
        # a light instrument (declaration of intent, twinning) may leave the parts of a full
        # agreement for later; every other instrument needs them
        "if": {"properties": {"instrument": {"enum": list(LIGHT_INSTRUMENTS)}}, "required": ["instrument"]},
        "else": {"required": [k for k in FULL_AGREEMENT_PARTS if SCHEMA[k].get("required")]},
    }


def text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(generate(), indent=1, ensure_ascii=False) + "\n"


def shipped() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")


def is_ours(text_: str) -> bool:
    """Whether a file's text is a copy of this schema (any version)."""
    try:
        return json.loads(text_).get("$id") == SCHEMA_ID
    except (ValueError, AttributeError):
        return False


def modeline(schema_ref: str = FILE_NAME) -> str:
    """The first line of a spec that points editors to the schema."""
    return f"# yaml-language-server: $schema={schema_ref}\n"


def as_json_data(value):
    """Spec data as JSON sees it: dates (YAML timestamps) become ISO strings."""
    if isinstance(value, dict):
        return {str(k): as_json_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json_data(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


if __name__ == "__main__":
    # python -m mou_builder.validation.json_schema > mou_builder/validation/mou-spec.schema.json
    print(text(), end="")

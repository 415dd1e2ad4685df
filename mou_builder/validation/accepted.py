"""Whether the Cerberus schema accepts a spec, told without Cerberus.

Cerberus builds a validator for every mapping and list of a spec and looks up each rule
of each value by name: most of a check's time, for a spec that most of the time has
nothing wrong with it. :func:`accepted` walks the data once with the same rules and the
same types and our own ``check_with`` checks (:mod:`.checks`, which Cerberus's validator
runs too); when it finds anything wrong, or a rule it does not know, it says no, and
Cerberus validates the spec and gives every message, in its place and order
(:mod:`.schema_problems`: Cerberus is imported only then). It may say no to a spec
Cerberus accepts (Cerberus then finds nothing), never yes to one it refuses:
``tests/validation/test_accepted.py`` compares the two on every example, mutated.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence, Sized

from .checks import TYPES, Checks

# the rules of a field this module applies as Cerberus does; any other one: Cerberus decides
RULES = frozenset({"type", "required", "allowed", "regex", "minlength", "maxlength", "min", "max", "empty",
                   "schema", "keysrules", "valuesrules", "check_with"})


class _Wrong(Exception):
    """Something Cerberus would report (or a rule this module leaves to Cerberus)."""


class _Probe(Checks):
    """Runs our ``check_with`` checks: any error they add is a no."""

    def _error(self, *args):
        raise _Wrong


_PROBE = _Probe()


def accepted(data, schema: dict) -> bool:
    """True when validating ``data`` against ``schema`` finds no error at all."""
    try:
        _mapping(data, schema)
    except _Wrong:
        return False
    return True


def _mapping(document, schema: dict) -> None:
    for field, value in document.items():
        rules = schema.get(field)
        if rules is None:  # an unknown field
            raise _Wrong
        _value(field, value, rules)
    for field, rules in schema.items():
        if rules.get("required") is True and field not in document:
            raise _Wrong


def _kinds(value) -> tuple[bool, bool, bool, bool]:
    """Whether ``value`` is Sized, Iterable, a Sequence, a Mapping (as Cerberus asks: these
    depend on the type only, so each type is asked once)."""
    kinds = _KINDS.get(type(value))
    if kinds is None:
        kinds = _KINDS[type(value)] = (isinstance(value, Sized), isinstance(value, Iterable),
                                       isinstance(value, Sequence), isinstance(value, Mapping))
    return kinds


_KINDS: dict = {}


def _value(field, value, rules: dict) -> None:
    if value is None or not RULES.issuperset(rules):  # no field of the schema is nullable
        raise _Wrong
    kinds = rules.get("type")
    if kinds is not None and not any(_is(value, kind) for kind in ((kinds,) if isinstance(kinds, str) else kinds)):
        raise _Wrong
    sized, iterable, sequence, mapping = _kinds(value)
    if rules.get("empty") is False and sized and len(value) == 0:
        raise _Wrong
    _bounds(value, rules, iterable)
    if "allowed" in rules:
        allowed = rules["allowed"]
        if any(x not in allowed for x in value) if iterable and not isinstance(value, str) else value not in allowed:
            raise _Wrong
    if "regex" in rules and isinstance(value, str) and not re.fullmatch(rules["regex"], value):
        raise _Wrong
    if "check_with" in rules:
        if not isinstance(rules["check_with"], str):
            raise _Wrong
        getattr(_PROBE, "_check_with_" + rules["check_with"])(field, value)
    if sequence or mapping:
        _inner(value, rules, sequence and not isinstance(value, str), mapping)


def _is(value, kind: str) -> bool:
    definition = TYPES.get(kind)
    if definition is None:  # a type this module does not know: left to Cerberus
        raise _Wrong
    included, excluded = definition
    return isinstance(value, included) and not isinstance(value, excluded)


def _bounds(value, rules: dict, iterable: bool) -> None:
    try:
        if "min" in rules and value < rules["min"] or "max" in rules and value > rules["max"]:
            raise _Wrong
    except TypeError:  # Cerberus leaves values that do not compare to the type rule
        pass
    if iterable and ("minlength" in rules and len(value) < rules["minlength"]
                     or "maxlength" in rules and len(value) > rules["maxlength"]):
        raise _Wrong


def _inner(value, rules: dict, sequence: bool, mapping: bool) -> None:
    """The ``schema``, ``keysrules`` and ``valuesrules`` rules: the values inside."""
    inner = rules.get("schema")
    if inner is not None:
        if sequence:
            for i, item in enumerate(value):
                _value(i, item, inner)
        elif mapping:
            _mapping(value, inner)
    if mapping:
        for key, item in value.items():
            if "keysrules" in rules:
                _value(key, key, rules["keysrules"])
            if "valuesrules" in rules:
                _value(key, item, rules["valuesrules"])

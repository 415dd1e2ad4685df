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

from ..base.kept import Kept
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
    for field in _required(schema):
        if field not in document:
            raise _Wrong


def _required(schema: dict) -> tuple:
    """The fields of a mapping's schema that are required (worked out once per schema)."""
    return _by_identity(_REQUIRED, schema, lambda s: tuple(f for f, r in s.items() if r.get("required") is True))


def _by_identity(store: Kept, mapping: dict, make):
    """``make(mapping)``, kept by the identity of ``mapping`` (a schema's mappings live as
    long as the program; each entry holds its own, so that its id is not another's)."""
    entry = store.get(id(mapping))
    if entry is None or entry[0] is not mapping:
        entry = store.put(id(mapping), (mapping, make(mapping)))
    return entry[1]


def _kinds(value) -> tuple[bool, bool, bool, bool]:
    """Whether ``value`` is Sized, Iterable, a Sequence, a Mapping (as Cerberus asks: these
    depend on the type only, so each type is asked once)."""
    kinds = _KINDS.get(type(value))
    if kinds is None:
        kinds = _KINDS[type(value)] = (isinstance(value, Sized), isinstance(value, Iterable),
                                       isinstance(value, Sequence), isinstance(value, Mapping))
    return kinds


_KINDS: dict = {}


class _Plan:
    """What the rules of one field ask, read once: a schema's rules are looked at for every
    value they apply to."""

    __slots__ = ("known", "types", "empty", "bounds", "allowed", "regex", "check_with", "inner")

    def __init__(self, rules: dict):
        self.known = RULES.issuperset(rules)
        kinds = rules.get("type")
        # each type in order, None for one this module does not know (left to Cerberus when reached)
        self.types = None if kinds is None else tuple(
            TYPES.get(kind) for kind in ((kinds,) if isinstance(kinds, str) else kinds))
        self.empty = rules.get("empty") is False
        self.bounds = any(k in rules for k in ("min", "max", "minlength", "maxlength"))
        self.allowed = rules["allowed"] if "allowed" in rules else _NO_RULE
        self.regex = rules["regex"] if "regex" in rules else None
        self.check_with = rules["check_with"] if "check_with" in rules else _NO_RULE
        self.inner = any(k in rules for k in ("schema", "keysrules", "valuesrules"))


_NO_RULE = object()
_PLANS = Kept()  # id of a field's rules -> (the rules, their _Plan)
_REQUIRED = Kept()  # id of a mapping's schema -> (the schema, its required fields)


def _value(field, value, rules: dict) -> None:
    plan = _by_identity(_PLANS, rules, _Plan)
    if value is None or not plan.known:  # no field of the schema is nullable
        raise _Wrong
    if plan.types is not None:
        for definition in plan.types:
            if definition is None:  # a type this module does not know: left to Cerberus
                raise _Wrong
            if isinstance(value, definition[0]) and not isinstance(value, definition[1]):
                break
        else:
            raise _Wrong
    sized, iterable, sequence, mapping = _kinds(value)
    if plan.empty and sized and len(value) == 0:
        raise _Wrong
    if plan.bounds:
        _bounds(value, rules, iterable)
    allowed = plan.allowed
    if allowed is not _NO_RULE:
        if any(x not in allowed for x in value) if iterable and not isinstance(value, str) else value not in allowed:
            raise _Wrong
    if plan.regex is not None and isinstance(value, str) and not re.fullmatch(plan.regex, value):
        raise _Wrong
    if plan.check_with is not _NO_RULE:
        if not isinstance(plan.check_with, str):
            raise _Wrong
        getattr(_PROBE, "_check_with_" + plan.check_with)(field, value)
    if plan.inner and (sequence or mapping):
        _inner(value, rules, sequence and not isinstance(value, str), mapping)


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

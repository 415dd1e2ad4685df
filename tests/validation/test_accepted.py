"""The quick answer to "does the schema accept this spec?" is Cerberus's: never yes when
Cerberus finds an error (which would then go unreported), and yes for the examples (so
that checking them does without Cerberus)."""
from __future__ import annotations

import copy
import datetime as dt
import functools
import itertools

import pytest
from cerberus.schema import UnvalidatedSchema
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import AGREEMENTS, BASE, EXAMPLES, paths
from mou_builder.validation import loader
from mou_builder.validation.accepted import RULES, accepted
from mou_builder.validation.checks import TYPES
from mou_builder.validation.schema import LIGHT_SCHEMA, SCHEMA, schema_for
from mou_builder.validation.types import SpecValidator

VALUES = [None, "", " ", "x", "rotating", "Sfax\n", "2026-02-30", "2027-03", "1899-01-01", 0, -1, 21, 2300, 1.5,
          float("nan"), float("inf"), 10**16, True, dt.date(2026, 1, 1), dt.datetime(2026, 1, 1, 10, 0), [], ["x"],
          [None], {}, {"xx": 1}, {"fr": ""}, {"fr": "x", "zz": "y"}, {1: "x"}]


def cerberus_accepts(data) -> bool:
    validator = SpecValidator(UnvalidatedSchema(schema_for(data)))
    return validator.validate(data, normalize=False)


def at(data, path):
    for part in path:
        data = data[part]
    return data


def mutations(data, path):
    """The data with the value at ``path`` replaced, removed, renamed or given a neighbour."""
    parent, last = (at(data, path[:-1]), path[-1]) if path else (None, None)
    for value in VALUES:
        if path:
            changed = copy.deepcopy(data)
            at(changed, path[:-1])[last] = value
            yield changed
    if isinstance(parent, dict):
        removed = copy.deepcopy(data)
        del at(removed, path[:-1])[last]
        yield removed
        renamed = copy.deepcopy(data)
        mapping = at(renamed, path[:-1])
        mapping[f"{last}x"] = mapping.pop(last)
        yield renamed
    target = at(data, path)
    if isinstance(target, dict):
        extra = copy.deepcopy(data)
        at(extra, path)["unknown_field"] = "x"
        yield extra
    if isinstance(target, list) and target:
        longer = copy.deepcopy(data)
        at(longer, path).append(copy.deepcopy(target[0]))
        yield longer


def test_the_examples_are_accepted_without_cerberus():
    for spec in EXAMPLES + [BASE]:
        data = loader.load(spec).data
        assert accepted(data, schema_for(data)), spec
        assert cerberus_accepts(data), spec


@pytest.mark.parametrize("spec", [BASE, AGREEMENTS / "almeria-nador-intent.yaml"], ids=lambda p: p.stem)
def test_every_change_at_every_place_is_judged_as_cerberus_does(spec):
    data = example(spec)
    judged = 0
    for path in list(paths(data)):
        for changed in mutations(data, path):
            assert accepted(changed, schema_for(changed)) == cerberus_accepts(changed), (path, changed)
            judged += 1
    assert judged > 2500


@functools.cache
def example(spec):
    return loader.load(spec).data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXAMPLES), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 60)), min_size=1,
                                           max_size=3))
def test_random_changes_of_the_examples_are_judged_as_cerberus_does(spec, changes):
    data = example(spec)
    for place, which in changes:
        places = list(paths(data))
        data = next(itertools.islice(mutations(data, places[place % len(places)]), which, None), data)
    assert accepted(data, schema_for(data)) == cerberus_accepts(data)


def every_rules():
    """The rules of every field of the schema (both forms), inner ones included."""
    def walk(rules):
        yield rules
        for key in ("schema", "keysrules", "valuesrules"):
            inner = rules.get(key)
            if isinstance(inner, dict):
                for field in inner.values() if key == "schema" and rules.get("type") == "dict" else [inner]:
                    yield from walk(field)
    for schema in (SCHEMA, LIGHT_SCHEMA):
        for rules in schema.values():
            yield from walk(rules)


def test_the_schema_uses_only_rules_applied_as_cerberus_does():
    """A rule added to the schema that this check does not know would make it say no to
    every spec (Cerberus deciding): correct, but slow; this says which."""
    used = {name for rules in every_rules() for name in rules}
    assert used <= RULES, used - RULES


def test_the_types_are_those_cerberus_checks():
    """The walk checks each type of the schema as Cerberus does: Cerberus's own types as it
    defines them, ours as our validator gives them to it; a type the schema names that the
    walk does not know would leave every spec to Cerberus."""
    for name, (included, excluded) in TYPES.items():
        definition = SpecValidator.types_mapping[name]
        assert (definition.included_types, definition.excluded_types) == (included, excluded), name
    named = set()
    for rules in every_rules():
        kinds = rules.get("type")
        named.update([kinds] if isinstance(kinds, str) else kinds or ())
    assert named <= set(TYPES), named - set(TYPES)

"""VALIDATE: check a loaded spec, collecting every problem before failing once.

First the schema (shape, types, value sets), then the cross-document rules. A spec the
schema accepts is told without Cerberus (:mod:`.accepted`); any other is validated by
Cerberus, whose every error is translated into a :class:`Problem` with the line and column
of the value, or of the enclosing mapping for a missing field (:mod:`.schema_problems`).
"""
from __future__ import annotations

from . import rules
from .accepted import accepted
from ..base.errors import Problem
from .source import Source
from .schema import FULL_AGREEMENT_PARTS, schema_for

MAX_ERRORS = 200  # errors shown; one more line says how many were left out


def _later_parts(src: Source, schema: dict) -> list[Problem]:
    """For a light instrument: the parts the full agreement will need, as information."""
    missing = [k for k in FULL_AGREEMENT_PARTS if k not in src.data and not schema[k].get("required")]
    if not missing:
        return []
    return [src.problem(("instrument",), "light_instrument_later", severity="info",
                        instrument=src.data.get("instrument"), parts=", ".join(missing))]


def check(src: Source, library=None, today=None) -> list[Problem]:
    """Every problem of a loaded spec (errors and warnings), in file order."""
    if src.data is None:
        return [src.problem((), "empty_file")]
    if not isinstance(src.data, dict):
        return [src.problem((), "not_a_mapping")]
    schema = schema_for(src.data)
    found = []
    if not accepted(src.data, schema):
        from .schema_problems import problems  # Cerberus: only for a spec the schema does not accept
        found = problems(src, schema)
    found += _later_parts(src, schema)
    found += rules.check(src, library, today)
    unique = sorted(dict.fromkeys(found), key=lambda p: (p.line, p.column, p.severity != "error"))
    return _capped(unique)


def _capped(problems: list[Problem]) -> list[Problem]:
    """The first ``MAX_ERRORS`` errors (and every warning), then one line counting the rest."""
    errors = [p for p in problems if p.severity == "error"]
    if len(errors) <= MAX_ERRORS:
        return problems
    first_left_out = errors[MAX_ERRORS]
    left_out = set(map(id, errors[MAX_ERRORS:]))
    kept = [p for p in problems if id(p) not in left_out]
    more = Problem(first_left_out.file, first_left_out.line, first_left_out.column, "", "more_errors",
                   {"count": len(left_out), "shown": MAX_ERRORS})
    return kept + [more]

"""What Cerberus finds wrong in a spec the schema does not accept, as located problems:
each error with the line and column of its value (or of the enclosing mapping, for a missing
field), in the order of the file and, for missing fields, of the schema.
"""
from __future__ import annotations

import difflib
import itertools

from cerberus import errors as ce
from cerberus.schema import UnvalidatedSchema

from ..base.errors import Problem
from .source import Source
from .schema import schema_at
from .types import SpecValidator

_REGEX_KEYS = {"country": "bad_country_form", "currency": "bad_currency_form",
               "locale": "bad_locale_form"}


def _leaves(errs):
    for err in errs:
        if err.is_group_error:
            yield from _leaves(err.child_errors)
        else:
            yield err


def _in_schema_order(errs, schema: dict) -> list:
    """The errors, each mapping's missing fields in the order of ``schema`` (Cerberus reports
    them from a set, in an order that changes with the hash seed of each run)."""
    out = []
    for (missing, where), group in itertools.groupby(
            errs, key=lambda e: (e.code == ce.REQUIRED_FIELD.code, e.document_path[:-1])):
        if missing:
            order = list(schema_at(where, schema) or {})
            group = sorted(group, key=lambda e: order.index(e.document_path[-1]))
        out.extend(group)
    return out


class _Suggestion:
    """The closest of ``choices`` to a misspelt value, worked out only when the message is
    shown (thousands of errors are counted, not all shown)."""

    def __init__(self, value, choices):
        self.value, self.choices, self._found = value, choices, None

    def __str__(self) -> str:
        if self._found is None:
            close = difflib.get_close_matches(self.value, [str(c) for c in self.choices], n=1, cutoff=0.6) \
                if isinstance(self.value, str) else []
            self._found = close[0] if close else ""
        return self._found

    def __bool__(self) -> bool:
        return bool(str(self))


def _suggest(value, choices) -> _Suggestion:
    return _Suggestion(value, choices)


def _problem(src: Source, err) -> Problem | None:
    path = tuple(err.document_path)
    code = err.code
    if code == ce.REQUIRED_FIELD.code:
        return src.problem(path, "required")
    if code == ce.UNKNOWN_FIELD.code:
        allowed = sorted((schema_at(path[:-1]) or {}).keys())
        return src.problem(path, "unknown_field", at_key=True, field=path[-1],
                           suggestion=_suggest(path[-1], allowed))
    if code == ce.BAD_TYPE.code:
        expected = err.constraint if isinstance(err.constraint, list) else [err.constraint]
        key = "bad_type_day" if "day" in expected else "bad_type_month" if "month" in expected else "bad_type"
        if err.value is None:
            key = "empty_value"
        return src.problem(path, key, types=tuple(expected), quoted=err.value)
    if code in (ce.EMPTY_NOT_ALLOWED.code, ce.NOT_NULLABLE.code):
        return src.problem(path, "empty_value")
    if code == ce.MIN_LENGTH.code:
        return src.problem(path, "too_few", items=err.constraint)
    if code == ce.MAX_LENGTH.code:
        return src.problem(path, "too_many", items=err.constraint)
    if code == ce.MIN_VALUE.code:
        return src.problem(path, "too_small", min=err.constraint, value=err.value)
    if code == ce.MAX_VALUE.code:
        return src.problem(path, "too_large", max=err.constraint, value=err.value)
    if code in (ce.UNALLOWED_VALUE.code, ce.UNALLOWED_VALUES.code):
        bad = err.value if code == ce.UNALLOWED_VALUE.code else \
            ", ".join(str(v) for v in err.info[0])
        return src.problem(path, "not_allowed", value=bad,
                           allowed=", ".join(str(c) for c in err.constraint),
                           suggestion=_suggest(bad, err.constraint))
    if code == ce.REGEX_MISMATCH.code:
        name = next((p for p in reversed(path) if isinstance(p, str)), "")
        return src.problem(path, _REGEX_KEYS.get(name, "bad_form"), value=err.value)
    if code == ce.CUSTOM.code:
        key, _, arg = str(err.info[0]).partition(":")
        return src.problem(path, key, value=err.value, lang=arg)
    return src.problem(path, "invalid_value", rule=err.rule or "")


def problems(src: Source, schema: dict) -> list[Problem]:
    """What Cerberus finds wrong in the spec, as located problems."""
    validator = SpecValidator(UnvalidatedSchema(schema))  # ours: its rules are checked by the tests
    validator.validate(src.data, normalize=False)  # the schema sets no defaults nor renames
    return _misspelt_required(p for p in (_problem(src, e) for e in _in_schema_order(_leaves(validator._errors), schema)) if p)


def _misspelt_required(problems) -> list[Problem]:
    """Without "required field is missing" when an unknown field beside it is that field
    misspelt: the unknown field's message ("did you mean …") is the one to read."""
    problems = list(problems)
    unknown = {}
    for p in problems:
        if p.key == "unknown_field":
            unknown.setdefault(p.path.rpartition(".")[0], []).append(p)
    return [p for p in problems if not (p.key == "required" and any(
        str(u.params.get("suggestion", "")) == p.path.rpartition(".")[2]
        for u in unknown.get(p.path.rpartition(".")[0], [])))]



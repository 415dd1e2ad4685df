"""The spec's own Cerberus types (Text, slugs, days, months, amounts) and the small builders
the schema is written with, so that it reads like the reference (docs/spec-format.md).
"""
from __future__ import annotations

import datetime as _dt
import math
import re

import cerberus

from ..base import dates
from ..base.dates import MONTH, YEARS, parse_day
from .vocabulary import LANGUAGES, SLUG

MAX_AMOUNT = 10**15  # amounts, baselines and targets: a thousand million million at most


class SpecValidator(cerberus.Validator):
    """Cerberus with the spec's own types: Text, slugs, dates and months."""

    types_mapping = cerberus.Validator.types_mapping.copy()
    types_mapping["text"] = cerberus.TypeDefinition("text", (str, dict), ())
    types_mapping["day"] = cerberus.TypeDefinition("day", (str, _dt.date), ())
    types_mapping["month"] = cerberus.TypeDefinition("month", (str, _dt.date), ())
    types_mapping["amount"] = cerberus.TypeDefinition("amount", (int, float), (bool,))
    types_mapping["integer"] = cerberus.TypeDefinition("integer", (int,), (bool,))  # not true/false

    def _error(self, *args):
        """Cerberus sorts its error list, and the lists of its error trees, each time an
        error is added, which makes validation quadratic in the number of errors. The
        errors are kept in a plain list here and sorted once, by place in the file, after
        validation (:mod:`mou_builder.validation.validate`); the error trees are left empty
        (only the coerce, dependencies and readonly rules read them, and the schema uses
        none of those)."""
        if len(args) != 1:
            return super()._error(*args)
        self._errors.extend(args[0])

    def _validate_regex(self, pattern, field, value):
        """{'type': 'string'}"""
        # Cerberus appends "$", which also matches before a final newline ("sfax-lyon\n")
        if isinstance(value, str) and not re.fullmatch(pattern, value):
            self._error(field, cerberus.errors.REGEX_MISMATCH)

    def _check_with_text(self, field, value):
        if not isinstance(value, (str, dict)):
            return  # the type rule reports it
        if isinstance(value, str):
            if not value.strip():
                self._error(field, "empty_text")
            return
        if not value:
            self._error(field, "empty_text")
        for lang, text in value.items():
            if lang not in LANGUAGES:
                self._error(field, f"unknown_text_language:{lang}")
            elif not isinstance(text, str) or not text.strip():
                self._error(field, f"empty_text_language:{lang}")

    def _check_with_mandate_body(self, field, value):
        """``council``, ``executive``, ``board``, or the body's name as a Text."""
        if isinstance(value, dict):
            self._check_with_text(field, value)
        elif isinstance(value, str) and not value.strip():
            self._error(field, "empty_text")

    def _check_with_chair(self, field, value):
        if isinstance(value, list):
            for item in value:
                if not isinstance(item, str) or not SLUG.fullmatch(item):
                    self._error(field, "bad_chair")
        if isinstance(value, str) and value != "rotating":
            self._error(field, "bad_chair")

    def _check_with_slug(self, field, value):
        if isinstance(value, str) and not SLUG.fullmatch(value):
            self._error(field, "bad_slug")

    def _check_with_day(self, field, value):
        if value is None:
            return
        if isinstance(value, _dt.datetime) or (isinstance(value, str) and not parse_day(value)):
            self._error(field, "bad_day")
        else:
            self._check_year(field, dates.day(value))

    def _check_with_month(self, field, value):
        if value is None:
            return
        if isinstance(value, _dt.datetime) or (isinstance(value, str) and not MONTH.fullmatch(value)
                                               and not parse_day(value)):
            self._error(field, "bad_month")
        else:
            self._check_year(field, dates.month_start(value))

    def _check_with_amount(self, field, value):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return  # the type rule reports it
        if not math.isfinite(value):
            self._error(field, "not_finite")
        elif abs(value) > MAX_AMOUNT:
            self._error(field, "too_large_amount")

    def _check_with_amount_or_zero(self, field, value):
        if value != -math.inf:  # the "min" rule reports it
            self._check_with_amount(field, value)

    def _check_year(self, field, date):
        if date is not None and not YEARS[0] <= date.year <= YEARS[1]:
            self._error(field, "year_out_of_range")


# -- small builders so the schema below reads like the reference -----------------
def amount(required=False, negative=True):
    rule = {"type": "amount", "required": required, "check_with": "amount" if negative else "amount_or_zero"}
    return rule if negative else {**rule, "min": 0}


def text(required=False):
    return {"type": "text", "check_with": "text", "required": required}


def string(required=False, **kw):
    return {"type": "string", "required": required, "empty": False, **kw}


def slug(required=True):
    return {"type": "string", "required": required, "check_with": "slug"}


def slugs(required=False, minlength=0):
    return {"type": "list", "required": required, "minlength": minlength,
            "schema": {"type": "string", "check_with": "slug"}}


def one_of(values, required=False):
    return {"type": "string", "required": required, "allowed": list(values)}


def many_of(values, required=False):
    return {"type": "list", "required": required,
            "schema": {"type": "string", "allowed": list(values)}}


def day(required=False):
    return {"type": "day", "required": required, "check_with": "day"}


def month(required=False):
    return {"type": "month", "required": required, "check_with": "month"}


def record(fields, required=False, **kw):
    return {"type": "dict", "required": required, "schema": fields, **kw}


def records(fields, required=False, minlength=0):
    return {"type": "list", "required": required, "minlength": minlength,
            "schema": {"type": "dict", "schema": fields}}


def boolean(required=False):
    return {"type": "boolean", "required": required}


def integer(required=False, min=None, max=None):
    rule = {"type": "integer", "required": required}
    if min is not None:
        rule["min"] = min
    if max is not None:
        rule["max"] = max
    return rule

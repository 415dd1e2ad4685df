"""The spec's own types (Text, days, months, amounts, integers that are not true/false) and
its ``check_with`` checks, without Cerberus: the walk that tells a spec the schema accepts
(:mod:`.accepted`) runs them as they are, and Cerberus's validator (:mod:`.types`), which
words the messages of a spec it does not accept, takes them from here.
"""
from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping, Sequence

from ..base import dates
from ..base.dates import MONTH, YEARS, parse_day
from .vocabulary import LANGUAGES, SLUG

MAX_AMOUNT = 10**15  # amounts, baselines and targets: a thousand million million at most

# the types of our own: name -> (the types a value may have, the types it may not have)
SPEC_TYPES = {
    "text": ((str, dict), ()),
    "day": ((str, _dt.date), ()),
    "month": ((str, _dt.date), ()),
    "amount": ((int, float), (bool,)),
    "integer": ((int,), (bool,)),  # not true/false
}

# every type the schema names, Cerberus's own as Cerberus defines them (a test compares them)
TYPES = {
    "string": ((str,), ()),
    "boolean": ((bool,), ()),
    "dict": ((Mapping,), ()),
    "list": ((Sequence,), (str,)),
    **SPEC_TYPES,
}


class Checks:
    """The ``check_with`` rules of the schema; a subclass says what ``_error(field, code)`` does."""

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

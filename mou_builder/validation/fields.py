"""The small builders the schema is written with, so that it reads like the reference
(docs/spec-format.md): each gives the rules of one field.
"""
from __future__ import annotations


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

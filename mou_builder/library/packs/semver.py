"""Semantic versions and the ranges a spec or a pack asks for.

A range is one or more comparators separated by spaces or commas, all of which must
hold: ``1.2.3`` (exactly), ``^1.2`` (same major, at least 1.2; ``^0.3`` stays
below 0.4), ``~1.2`` (same minor, at least 1.2), ``>=1.2``, ``>1``, ``<=2``, ``<2``,
``=1.2``, or ``*`` (any). Missing parts count as 0. Pre-release tags are not used.
"""
from __future__ import annotations

import re

from ...base.errors import LibraryError

VERSION = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
_PART = re.compile(r"(\^|~|>=|<=|>|<|=)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def parse(text: str) -> tuple[int, int, int]:
    """``MAJOR.MINOR.PATCH`` as a tuple; a :class:`LibraryError` otherwise."""
    match = VERSION.fullmatch(str(text).strip())
    if not match:
        raise LibraryError(f"'{text}' is not a version: write MAJOR.MINOR.PATCH (for example 1.0.0)")
    return tuple(int(x) for x in match.groups())


def show(version: tuple) -> str:
    return ".".join(map(str, version))


def _comparators(text: str):
    for token in re.split(r"[\s,]+(?![\d.])|,\s*", str(text).strip()):
        if not token or token == "*":
            continue
        match = _PART.fullmatch(token.replace(" ", ""))
        if not match:
            raise LibraryError(f"'{text}' is not a version range: use ^1.2, ~1.2, >=1.2, <2, 1.2.3 or *")
        op, major, minor, patch = match.groups()
        given = sum(x is not None for x in (major, minor, patch))
        yield op or "=", tuple(int(x or 0) for x in (major, minor, patch)), given


def _upper(op: str, low: tuple, given: int) -> tuple:
    """The first version beyond ``^`` / ``~`` / a partial exact version."""
    major, minor, _ = low
    if op == "^":
        if major > 0 or given == 1:
            return (major + 1, 0, 0)
        return (0, minor + 1, 0) if minor > 0 or given == 2 else (0, 0, low[2] + 1)
    if op == "~" or given == 2:
        return (major, minor + 1, 0)
    if given == 1:
        return (major + 1, 0, 0)
    return (major, minor, low[2] + 1)


def check_range(text: str) -> None:
    """Raise :class:`LibraryError` when ``text`` is not a range."""
    list(_comparators(text))


def matches(version: tuple, text: str) -> bool:
    """Whether ``version`` lies in the range ``text``."""
    for op, bound, given in _comparators(text):
        if op in ("^", "~", "="):
            if not bound <= version < _upper(op, bound, given):
                return False
        elif not {">=": version >= bound, "<=": version <= bound,
                  ">": version > bound, "<": version < bound}[op]:
            return False
    return True

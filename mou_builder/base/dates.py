"""Dates in a spec: ISO days (``2026-06-25``) and months (``2026-06``).

YAML gives a ``datetime.date`` for an unquoted day and a string for a month;
these helpers accept both and return ``None`` for anything malformed (the
schema reports those).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")  # used with fullmatch: no final newline
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEARS = (1900, 2200)  # the years a date of an agreement may fall in
MAX_DURATION = 99     # years


def parse_day(value: str) -> dt.date | None:
    """An ISO day written as a string, or None when it is not one."""
    if not DAY.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def day(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    return parse_day(value) if isinstance(value, str) else None


def month_start(value) -> dt.date | None:
    if isinstance(value, str) and MONTH.fullmatch(value):
        return dt.date(int(value[:4]), int(value[5:7]), 1)
    d = day(value)
    return d.replace(day=1) if d else None


def month_end(value) -> dt.date | None:
    first = month_start(value)
    if first is None:
        return None
    if isinstance(value, (dt.date, str)) and day(value):
        return day(value)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def is_month(value) -> bool:
    """Whether ``value`` names a month (``2028-01``) rather than a day."""
    return isinstance(value, str) and bool(MONTH.fullmatch(value))


def earliest(value) -> dt.date | None:
    """The first day ``value`` can mean: the day itself, or the first of the month."""
    return month_start(value) if is_month(value) else day(value)


def latest(value) -> dt.date | None:
    """The last day ``value`` can mean: the day itself, or the last of the month."""
    return month_end(value) if is_month(value) else day(value)


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def agreement_period(data: dict, today: dt.date):
    """First and last day of the agreement's validity, from the spec.

    The start is the entry-into-force date when one is given, else the signing
    date, else ``today`` (a draft not yet dated).
    """
    duration = data.get("duration") if isinstance(data.get("duration"), dict) else {}
    signing = data.get("signing") if isinstance(data.get("signing"), dict) else {}
    years = duration.get("years")
    if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= MAX_DURATION:
        return None, None
    fixed = duration.get("date") if duration.get("entry_into_force") == "date" else None
    if (fixed is not None and day(fixed) is None) or (signing.get("date") is not None
                                                      and day(signing.get("date")) is None):
        return None, None  # a date that is not one: the schema reports it, nothing counts from it
    start = day(fixed) or day(signing.get("date")) or today
    if not YEARS[0] <= start.year <= YEARS[1]:
        return None, None  # the schema reports the date
    return start, add_years(start, years) - dt.timedelta(days=1)


def start_known(data: dict) -> bool:
    """Whether the spec fixes the agreement's start (a signing or entry-into-force date)."""
    duration = data.get("duration") if isinstance(data.get("duration"), dict) else {}
    signing = data.get("signing") if isinstance(data.get("signing"), dict) else {}
    return bool(day(signing.get("date")) or (duration.get("entry_into_force") == "date"
                                               and day(duration.get("date"))))


@dataclass(frozen=True)
class Planned:
    """A planned date: a day, or only a month (``month`` true, ``date`` its first day)."""

    date: dt.date
    month: bool = False


def planned(value) -> Planned | None:
    """A day or a month of a spec as a :class:`Planned`, or None."""
    if is_month(value):
        return Planned(month_start(value), True)
    found = day(value)
    return Planned(found) if found else None

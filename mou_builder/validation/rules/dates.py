"""Rules on dates: planning dates within the agreement's duration, evaluations in order."""
from __future__ import annotations

from ...base import dates
from .checker import dicts, get


def check_dates(c):
    start, end = dates.agreement_period(c.data, c.today)
    if start is None:
        return
    # Undated (not yet signed): the start is unknown, so only the end is checked,
    # counted from today (an upper bound on how early the agreement can end).
    dated = dates.start_known(c.data)
    within = dict(start=start.isoformat(), end=end.isoformat())

    def check(path, value, as_month):
        first = dates.month_start(value) if as_month else dates.day(value)
        last = dates.month_end(value) if as_month else first
        if dated and first and last and (last < start.replace(day=1) if as_month else last < start):
            c.error(path, "date_before_start", value=str(value), **within)
        elif first and first > end:
            c.error(path, "date_after_end", value=str(value), **within)

    for i, act in dicts(c.data.get("actions")):
        check(("actions", i, "start"), act.get("start"), True)
        check(("actions", i, "end"), act.get("end"), True)
    for i, ind in dicts(c.data.get("indicators")):
        check(("indicators", i, "due"), ind.get("due"), True)
    for i, ms in dicts(get(c.data, "calendar", "milestones")):
        check(("calendar", "milestones", i, "date"), ms.get("date"), True)
    mon = c.data.get("monitoring")
    if isinstance(mon, dict):
        for key in ("midterm_review", "final_evaluation"):
            check(("monitoring", key), mon.get(key), dates.is_month(mon.get(key)))
        mid, fin = dates.earliest(mon.get("midterm_review")), dates.latest(mon.get("final_evaluation"))
        if mid and fin and fin < mid:
            c.error(("monitoring", "final_evaluation"), "final_before_midterm")
    dur = c.data.get("duration")
    if isinstance(dur, dict) and dur.get("entry_into_force") == "date" and not dur.get("date"):
        c.error(("duration",), "entry_date_required")

"""The figures of a portfolio: budgets per year, SDG target and funder type; what is due soon.

Amounts are never added across currencies: every total is keyed by currency first.

An amount is attributed to SDG targets through the indicators of its action: a budget line
goes to the SDG targets its action's indicators report on, split equally when there are
several (to the cent, the first target taking the remainder), so that the amounts per target
add up to the budget exactly (nothing counted twice);
a line whose action has no indicator with an SDG target is "not attributed".
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal

from ..base import sdg
from ..model import Agreement

NOT_ATTRIBUTED = ""
CENT = Decimal("0.01")
SOON_MONTHS = 6


def _add(totals, currency, key, amount):
    totals[currency][key] = totals[currency].get(key, Decimal(0)) + amount


def _ordered(totals, key=None) -> dict:
    return {c: dict(sorted(v.items(), key=key)) for c, v in sorted(totals.items())}


def by_year(agreements) -> dict:
    """{currency: {year: amount}}."""
    totals = defaultdict(dict)
    for a in agreements:
        for line in a.budget.lines if a.budget else ():
            _add(totals, line.currency, line.year, line.amount)
    return _ordered(totals)


def targets_of(a: Agreement, action_id: str) -> tuple:
    found = {a.indicator(i).sdg for i in a.action(action_id).indicators} - {None}
    return tuple(sorted(found, key=sdg.sort_key))


def by_sdg(agreements) -> dict:
    """{currency: {target: amount}}, each line split equally among its action's targets."""
    totals = defaultdict(dict)
    for a in agreements:
        for line in a.budget.lines if a.budget else ():
            targets = targets_of(a, line.action) or (NOT_ATTRIBUTED,)
            for target, part in zip(targets, split(line.amount, len(targets))):
                _add(totals, line.currency, target, part)
    return _ordered(totals, key=lambda kv: (kv[0] == NOT_ATTRIBUTED, sdg.sort_key(kv[0]) if kv[0] else ()))


def split(amount: Decimal, parts: int) -> list:
    """``amount`` in ``parts`` equal shares to the cent; the first takes the remainder."""
    share = (amount / parts).quantize(CENT, ROUND_DOWN)
    return [amount - share * (parts - 1)] + [share] * (parts - 1)


def by_funder_type(agreements) -> dict:
    """{currency: {funder type: amount}}."""
    totals = defaultdict(dict)
    for a in agreements:
        for line in a.budget.lines if a.budget else ():
            _add(totals, line.currency, a.budget.funder(line.funder).type, line.amount)
    return _ordered(totals, key=lambda kv: -kv[1])


def totals(agreements) -> dict:
    """{currency: amount} over the whole portfolio."""
    out = defaultdict(Decimal)
    for a in agreements:
        for line in a.budget.lines if a.budget else ():
            out[line.currency] += line.amount
    return dict(sorted(out.items()))


def horizon(today: dt.date, months: int = SOON_MONTHS) -> dt.date:
    month = today.month - 1 + months
    year, month = today.year + month // 12, month % 12 + 1
    day = min(today.day, 28)
    return dt.date(year, month, day)


def indicators_due(agreements, today: dt.date) -> list:
    """(agreement, indicator) due from today to six months ahead, soonest first."""
    until = horizon(today)
    found = [(a, i) for a in agreements for i in a.indicators if today <= i.due <= until]
    return sorted(found, key=lambda ai: (ai[1].due, ai[0].id, ai[1].id))


def reviews_near(agreements, today: dt.date, periods) -> list:
    """(agreement, "midterm" or "end", date, whether only the month is set) from today to six
    months ahead, soonest first.

    ``periods`` gives each agreement's (start, end)."""
    until = horizon(today)
    found = []
    for a in agreements:
        review = a.monitoring.midterm_review if a.monitoring else None
        for kind, day, month in (("midterm", review.date if review else None, bool(review and review.month)),
                                 ("end", periods[a.id][1], False)):
            if day is not None and today <= day <= until:
                found.append((a, kind, day, month))
    return sorted(found, key=lambda x: (x[2], x[0].id))

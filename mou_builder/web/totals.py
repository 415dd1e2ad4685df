"""Budget totals of a spec being written, with the budget stage's own sums.

Lines still being typed (no amount yet, a year that is not a number) are left out and
counted, so the person sees both what adds up and what does not yet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model.budget import Budget, Line
from ..drafting.i18n import Localiser

UI_LOCALES = {"en": "en_GB", "fr": "fr_FR"}
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass
class Totals:
    overall: list  # [(currency amount text, in-kind text or "")]
    by: dict  # "action"/"funder"/"year" -> [(key, amount text)]
    skipped: int


def _line(raw, currency):
    if not isinstance(raw, dict):
        return None
    amount, year = raw.get("amount"), raw.get("year")
    cur = raw.get("currency") or currency
    if isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount < 0:
        return None
    if isinstance(year, bool) or not isinstance(year, int) or not isinstance(cur, str) \
            or not _CURRENCY.match(cur):
        return None
    return Line(str(raw.get("action") or "—"), str(raw.get("funder") or "—"), Decimal(str(amount)),
                year, cur, bool(raw.get("in_kind")))


def compute(data, lang: str, labels_path) -> Totals | None:
    """The totals of ``data['budget']``, formatted for ``lang``; None without a budget."""
    budget = data.get("budget") if isinstance(data, dict) else None
    if not isinstance(budget, dict):
        return None
    currency = budget.get("currency") if isinstance(budget.get("currency"), str) else ""
    raw_lines = budget.get("lines") if isinstance(budget.get("lines"), list) else []
    lines = [line for line in (_line(raw, currency) for raw in raw_lines) if line is not None]
    sums = Budget(currency, (), tuple(lines))
    loc = Localiser(lang, UI_LOCALES[lang], labels_path)
    overall = [(loc.amount(t.amount, t.currency), loc.amount(t.in_kind, t.currency) if t.in_kind else "")
               for t in sums.totals("currency")]
    by = {key: [(str(t.key), loc.amount(t.amount, t.currency)) for t in sums.totals(key)]
          for key in ("action", "funder", "year")}
    return Totals(overall, by, len(raw_lines) - len(lines))

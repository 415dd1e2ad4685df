"""The budget and its totals, computed from the lines (never typed by hand).

Amounts are :class:`~decimal.Decimal`; a total is always per currency, since
amounts in different currencies are never added together.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..base.text import Text


@dataclass(frozen=True)
class Funder:
    id: str
    name: Text
    type: str
    party: Optional[str]


@dataclass(frozen=True)
class Line:
    action: str
    funder: str
    amount: Decimal
    year: int
    currency: str
    in_kind: bool


@dataclass(frozen=True)
class Total:
    """A total for one key (an action, funder, party, year or "all") in one currency."""

    key: object
    currency: str
    amount: Decimal
    in_kind: Decimal


@dataclass(frozen=True)
class Budget:
    currency: str
    funders: tuple
    lines: tuple

    def funder(self, ident: str) -> Funder:
        return next(f for f in self.funders if f.id == ident)

    def totals(self, by: str) -> tuple:
        """Totals by ``action``, ``funder``, ``party``, ``year`` or ``currency``.

        Keys keep the order in which they first appear (years ascending);
        within a key, the default currency comes first. Worked out once per budget (each
        document language lays out the same totals).
        """
        kept = self.__dict__.setdefault("_totals_by", {})  # not a field: no part of eq, hash or repr
        if by not in kept:
            kept[by] = self._totals(by)
        return kept[by]

    def _totals(self, by: str) -> tuple:
        key_of = {
            "action": lambda line: line.action,
            "funder": lambda line: line.funder,
            "party": lambda line: self.funder(line.funder).party,
            "year": lambda line: line.year,
            "currency": lambda line: "all",
        }[by]
        sums: dict = {}
        for line in self.lines:
            amount, in_kind = sums.get((key_of(line), line.currency), (Decimal(0), Decimal(0)))
            sums[(key_of(line), line.currency)] = (
                amount + line.amount, in_kind + (line.amount if line.in_kind else 0))
        order = {k: i for i, k in enumerate(dict.fromkeys(k for k, _ in sums))}
        rank = sorted(sums, key=lambda kc: (kc[0] if by == "year" else order[kc[0]],
                                            kc[1] != self.currency, kc[1]))
        return tuple(Total(k, c, *sums[(k, c)]) for k, c in rank)

    @property
    def currencies(self) -> tuple:
        seen = dict.fromkeys(line.currency for line in self.lines)
        return tuple(sorted(seen, key=lambda c: (c != self.currency, c)))

    @property
    def has_in_kind(self) -> bool:
        return any(line.in_kind for line in self.lines)


def build_budget(raw: dict) -> Budget:
    currency = raw["currency"]
    return Budget(
        currency=currency,
        funders=tuple(Funder(f["id"], Text.of(f["name"]), f["type"], f.get("party"))
                      for f in raw["funders"]),
        lines=tuple(Line(x["action"], x["funder"], Decimal(str(x["amount"])), x["year"],
                         x.get("currency") or currency, bool(x.get("in_kind")))
                    for x in raw["lines"]),
    )

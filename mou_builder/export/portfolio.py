"""A set of specs as a portfolio: each agreement with its revisions and its state on a day.

Specs sharing an ``id`` are one agreement: the ``kind: agreement`` spec and its revisions
(``kind: revision``, ordered by number). The version that counts on a given day is the last
revision dated on or before that day, else the original: a revision dated later is pending.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .. import api, model
from ..base import dates
from ..base.errors import MouError
from ..library import clauses
from ..library.resources import library_dir

STATES = ("draft", "signed", "in_force", "expired")


@dataclass
class Entry:
    """One spec: its model when it validates, else its problems."""

    path: Path
    agreement: model.Agreement | None
    errors: int = 0
    warnings: int = 0
    first_error: str = ""


@dataclass
class Family:
    """An agreement and its revisions."""

    id: str
    base: Entry | None
    revisions: list = field(default_factory=list)

    def current(self, today: dt.date) -> Entry:
        done = [r for r in self.revisions if r.agreement.revision.date <= today]
        return done[-1] if done else (self.base or self.revisions[0])

    def pending(self, today: dt.date) -> list:
        return [r for r in self.revisions if r.agreement.revision.date > today]

    def applied(self, today: dt.date) -> list:
        return [r for r in self.revisions if r.agreement.revision.date <= today]


@dataclass
class Portfolio:
    families: list
    invalid: list  # Entry, for specs that do not validate

    def current(self, today: dt.date) -> list:
        return [f.current(today).agreement for f in self.families]


def spec_paths(targets) -> list:
    """The spec files named, a folder standing for the *.yaml and *.yml files in it."""
    paths = []
    for target in map(Path, targets):
        if target.is_dir():
            found = sorted(p for p in target.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise MouError(f"{target}: no spec (*.yaml) in this folder")
            paths += found
        else:
            paths.append(target)
    return paths


def load(targets, today: dt.date, library=None) -> Portfolio:
    """Check and model every spec; group them into agreements and their revisions."""
    library = library or clauses.load(library_dir())
    entries, invalid = [], []
    for path in spec_paths(targets):
        checked = api.check(path, library, today)
        if checked.errors:
            invalid.append(Entry(path, None, len(checked.errors), len(checked.warnings),
                                 checked.errors[0].format("en")))
            continue
        entries.append(Entry(path, model.build(checked.source.data, str(path), today), 0,
                             len(checked.warnings)))
    families: dict = {}
    for entry in entries:
        a = entry.agreement
        family = families.setdefault(a.id, Family(a.id, None))
        if a.revision is None:
            if family.base is not None:
                raise MouError(f"{entry.path} and {family.base.path} are two agreements with the same id "
                               f"'{a.id}'; give each its own id (a revision says kind: revision)")
            family.base = entry
        else:
            family.revisions.append(entry)
    for family in families.values():
        family.revisions.sort(key=lambda e: e.agreement.revision.number)
    return Portfolio(list(families.values()), invalid)


def period(a: model.Agreement) -> tuple:
    """First and last day of the agreement: from its entry into force or signing date; when
    neither is set yet, planned from the first action's start, for the agreement's duration."""
    if a.signing_date is not None or (a.duration.entry_into_force == "date" and a.duration.date):
        return a.duration.start, a.duration.end
    start = min((x.start for x in a.actions), default=a.duration.start)
    return start, dates.add_years(start, a.duration.years) - dt.timedelta(days=1)


def state(a: model.Agreement, today: dt.date) -> str:
    """draft (not signed yet), signed (not in force yet), in_force or expired, on ``today``."""
    if a.signing_date is None or a.signing_date > today:
        return "draft"
    start, end = period(a)
    if today < start:
        return "signed"
    return "in_force" if today <= end else "expired"

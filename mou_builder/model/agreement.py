"""MODEL: the agreement as frozen dataclasses (built from a spec by :mod:`.from_spec`).

Nothing after this stage touches the raw YAML data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..base import dates
from ..base.text import Text
from ..validation.vocabulary import LIGHT_INSTRUMENTS
from .budget import Budget


@dataclass(frozen=True)
class Department:
    id: str
    name: Text
    role: str
    party: str


@dataclass(frozen=True)
class Mandate:
    """The decision that authorises this signature."""

    body: object  # "council", "executive", "board", or a Text naming the body
    number: Optional[str]
    date: dt.date


@dataclass(frozen=True)
class Representative:
    name: Text
    title: str
    title_text: Optional[Text]
    gender: Optional[str]
    authority: Optional[Text]
    mandate: Optional[Mandate] = None


@dataclass(frozen=True)
class Party:
    id: str
    name: Text
    short_name: Text
    type: str
    country: str
    council: Optional[Text]
    representative: Representative
    departments: tuple
    type_text: Optional[Text] = None
    category: Optional[str] = None  # an association's stakeholder category (diaspora_association…)
    seat: Optional[Text] = None     # the town where the party sits (place of signature)
    article: Optional[Text] = None        # the name's article, where its institution word is unknown
    short_article: Optional[Text] = None  # the short name's article (la Toscane)


@dataclass(frozen=True)
class PriorAgreement:
    title: Text
    signed: dt.date


@dataclass(frozen=True)
class Action:
    id: str
    number: int
    title: Text
    type: str
    area: str
    description: Optional[Text]
    lead: Optional[str]
    partners: tuple
    start: dt.date  # first day of the month
    end: dt.date    # last day of the month
    deliverables: tuple
    indicators: tuple


@dataclass(frozen=True)
class Result:
    id: str
    text: Text
    actions: tuple


@dataclass(frozen=True)
class Indicator:
    id: str
    name: Text
    unit: Text
    baseline: Decimal
    target: Decimal
    due: dt.date
    source: Text
    disaggregation: tuple
    sdg: Optional[str]


@dataclass(frozen=True)
class Stakeholder:
    id: str
    name: Text
    category: str
    based_in: Optional[str]
    linked_to: Optional[str]
    roles: tuple


@dataclass(frozen=True)
class Monitoring:
    reporting: str
    midterm_review: Optional[dates.Planned]
    final_evaluation: Optional[dates.Planned]
    open_data: bool
    publish_results: bool
    methods: tuple


@dataclass(frozen=True)
class Plan:
    party: str
    plan: Text
    period: Optional[str]


@dataclass(frozen=True)
class CalendarEntry:
    start: dt.date
    end: Optional[dt.date]
    label: Text
    action: Optional[str] = None
    exact: bool = False  # given as a day (a milestone on 15 March), not as a month


@dataclass(frozen=True)
class Calendar:
    kind: str  # "milestones", "derived" or "deferred"
    entries: tuple


@dataclass(frozen=True)
class Position:
    party: str
    position: Text


@dataclass(frozen=True)
class Governance:
    co_chairs: tuple  # Position per party
    chair: object     # None, "rotating" or a tuple of party ids
    members: tuple
    meetings_per_year: Optional[int]
    unit: tuple       # department ids
    political: tuple
    technical: tuple
    administrative: tuple


@dataclass(frozen=True)
class Duration:
    years: int
    entry_into_force: str
    date: Optional[dt.date]
    renewal: str
    binding: bool
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class CustomClause:
    id: str
    after: str
    title: Text
    text: Text


@dataclass(frozen=True)
class Revision:
    amends: str
    number: int
    date: dt.date
    rationale: Text
    author: str


@dataclass(frozen=True)
class Preparation:
    """What a light instrument commits the parties to: the full agreement, within a delay."""

    within_months: int
    lead: Optional[str]


@dataclass(frozen=True)
class Agreement:
    source: str
    id: str
    instrument: str
    title: Optional[Text]
    subject: Optional[Text]
    languages: tuple
    authentic: tuple
    prevails: Optional[str]
    locale: Optional[str]
    layout: str
    template: str
    signing_place: object  # a party id (str) or a Text
    signing_date: Optional[dt.date]
    originals: int
    parties: tuple
    prior_agreements: tuple
    context: Optional[Text]
    objective: Text
    specific_objectives: tuple
    areas: tuple  # ((area, (item, ...)), ...)
    actions: tuple
    results: tuple
    indicators: tuple
    stakeholders: tuple
    platform: Optional[Text]
    diaspora: Optional[Text]
    monitoring: Optional[Monitoring]  # None for a light instrument that leaves it for later
    plans: tuple
    other_levels: Optional[Text]
    sdg_targets: tuple
    sdg_goals: tuple
    frameworks: tuple
    budget: Optional[Budget]
    calendar: Calendar
    governance: Optional[Governance]  # None for a light instrument that leaves it for later
    duration: Duration
    include: tuple
    params: tuple  # ((clause id, ((name, value), ...)), ...)
    custom: tuple
    revision: Optional[Revision] = None
    legal_bases: tuple = ()          # Texts recited as "Vu …", after the library's
    signing_separately: bool = False  # each party signs on its own day and place
    preparation: Optional[Preparation] = None  # light instruments: the full agreement to come

    @property
    def light(self) -> bool:
        """A short instrument (declaration of intent, twinning) that prepares a full agreement."""
        return self.instrument in LIGHT_INSTRUMENTS

    def party(self, ident: str) -> Party:
        return next(p for p in self.parties if p.id == ident)

    def department(self, ident: str) -> Department:
        return next(d for p in self.parties for d in p.departments if d.id == ident)

    def action(self, ident: str) -> Action:
        return next(a for a in self.actions if a.id == ident)

    def indicator(self, ident: str) -> Indicator:
        return next(i for i in self.indicators if i.id == ident)

    def stakeholder(self, ident: str) -> Stakeholder:
        return next(s for s in self.stakeholders if s.id == ident)

    def params_for(self, clause_id: str) -> dict:
        for ident, values in reversed(self.params):  # the last for an id, as a dict of them keeps
            if ident == clause_id:
                return dict(values)
        return {}

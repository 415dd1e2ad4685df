"""MODEL: the agreement built from the data of a spec that passed validation.

Values computed from the spec (budget totals, the derived calendar, SDG goals) are
computed here, once.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Optional

from ..base import dates, sdg
from ..base.text import Text, _clean
from ..validation.vocabulary import LIGHT_INSTRUMENTS
from .agreement import (Action, Agreement, Calendar, CalendarEntry, CustomClause, Department,
                        Duration, Governance, Indicator, Mandate, Monitoring, Party, Plan, Position,
                        Preparation, PriorAgreement, Representative, Result, Revision, Stakeholder)
from .budget import build_budget


def _texts(raw) -> tuple:
    return tuple(Text.of(x) for x in raw or ())


def _article(raw) -> Optional[Text]:
    """An article as written ("" stays empty: the name takes none)."""
    if raw is None:
        return None
    return Text((("*", raw.strip()),)) if isinstance(raw, str) else \
        Text(tuple((k, str(v).strip()) for k, v in raw.items()))


def _positions(raw) -> tuple:
    return tuple(Position(p["party"], Text.of(p["position"])) for p in raw or ())


def _calendar(raw, actions) -> Calendar:
    raw = raw or {}
    if raw.get("deferred"):
        return Calendar("deferred", ())
    if raw.get("milestones"):
        entries = [CalendarEntry(dates.day(m["date"]) or dates.month_start(m["date"]), None,
                                 Text.of(m["name"]), exact=dates.day(m["date"]) is not None)
                   for m in raw["milestones"]]
        return Calendar("milestones", tuple(sorted(entries, key=lambda e: e.start)))
    entries = [CalendarEntry(a.start, a.end, a.title, a.id) for a in actions]
    return Calendar("derived", tuple(sorted(entries, key=lambda e: (e.start, e.end))))


def build(data: dict, source: str, today: dt.date | None = None) -> Agreement:
    """The model of a spec that passed validation."""
    today = today or dt.date.today()
    parties = tuple(
        Party(
            id=p["id"], name=Text.of(p["name"]),
            short_name=Text.of(p.get("short_name") or p["name"]),
            type=p["type"], country=p["country"], council=Text.of(p.get("council")),
            representative=_representative(p["represented_by"]),
            departments=tuple(Department(d["id"], Text.of(d["name"]), d["role"], p["id"])
                              for d in p.get("departments") or ()),
            type_text=Text.of(p.get("type_text")), category=p.get("category"), seat=Text.of(p.get("seat")),
            article=_article(p.get("article")), short_article=_article(p.get("short_article")),
        ) for p in data["parties"])
    actions = tuple(
        Action(
            id=a["id"], number=n, title=Text.of(a["title"]), type=a["type"], area=a["area"],
            description=Text.of(a.get("description")), lead=a.get("lead"),
            partners=tuple(a.get("partners") or ()), start=dates.month_start(a["start"]),
            end=dates.month_end(a["end"]), deliverables=_texts(a.get("deliverables")),
            indicators=tuple(a["indicators"]),
        ) for n, a in enumerate(data.get("actions") or (), 1))
    start, end = dates.agreement_period(data, today)
    dur, sig, mon = data["duration"], data["signing"], data.get("monitoring")
    place = sig["place"]
    goals_data = data.get("sdg") or {}
    targets = tuple(sorted(set(goals_data.get("targets") or ()), key=sdg.sort_key))
    goals = tuple(sorted(set(goals_data.get("goals") or ()) | {sdg.goal_of(t) for t in targets}))
    coherence = data.get("coherence") or {}
    spec_clauses = data.get("clauses") or {}
    return Agreement(
        source=source, id=data["id"], instrument=data["instrument"],
        title=Text.of(data.get("title")), subject=Text.of(data.get("subject")),
        languages=tuple(data["languages"]),
        authentic=tuple(data.get("authentic") or data["languages"]),
        prevails=data.get("prevails"), locale=data.get("locale"),
        layout=data.get("layout") or "separate", template=data.get("template") or "default",
        signing_place=place if isinstance(place, str) and place in {p.id for p in parties}
        else Text.of(place),
        signing_date=dates.day(sig.get("date")), originals=sig.get("originals") or 2,
        parties=parties,
        prior_agreements=tuple(sorted(
            (PriorAgreement(Text.of(x["title"]), dates.day(x["signed"]))
             for x in (data.get("history") or {}).get("prior_agreements") or ()),
            key=lambda x: x.signed)),
        context=Text.of((data.get("history") or {}).get("context")),
        objective=Text.of(data["purpose"]["objective"]),
        specific_objectives=_texts(data["purpose"].get("specific_objectives")),
        areas=tuple((k, tuple(v or ())) for k, v in (data["purpose"].get("areas") or {}).items()),
        actions=actions,
        results=tuple(Result(r["id"], Text.of(r["text"]), tuple(r.get("actions") or ()))
                      for r in data.get("results") or ()),
        indicators=tuple(Indicator(
            id=i["id"], name=Text.of(i["name"]), unit=Text.of(i["unit"]),
            baseline=Decimal(str(i["baseline"])), target=Decimal(str(i["target"])),
            due=dates.month_end(i["due"]), source=Text.of(i["source"]),
            disaggregation=tuple(i.get("disaggregation") or ()), sdg=i.get("sdg"),
        ) for i in data.get("indicators") or ()),
        stakeholders=tuple(Stakeholder(s["id"], Text.of(s["name"]), s["category"],
                                       s.get("based_in"), s.get("linked_to"),
                                       tuple(s.get("roles") or ()))
                           for s in data.get("stakeholders") or ()),
        platform=Text.of((data.get("participation") or {}).get("platform")),
        diaspora=Text.of((data.get("participation") or {}).get("diaspora")),
        monitoring=Monitoring(mon["reporting"], dates.planned(mon.get("midterm_review")),
                              dates.planned(mon.get("final_evaluation")), bool(mon.get("open_data")),
                              bool(mon.get("publish_results")), tuple(mon.get("methods") or ()))
        if mon else None,
        plans=tuple(Plan(p["party"], Text.of(p["plan"]), p.get("period"))
                    for p in coherence.get("plans") or ()),
        other_levels=Text.of(coherence.get("other_levels")),
        sdg_targets=targets, sdg_goals=goals,
        frameworks=tuple(goals_data.get("frameworks") or ()),
        budget=build_budget(data["budget"]) if data.get("budget") else None,
        calendar=_calendar(data.get("calendar"), actions),
        governance=_governance(data["governance"]) if data.get("governance") else None,
        duration=Duration(dur["years"], dur.get("entry_into_force") or "signature",
                          dates.day(dur.get("date")), dur.get("renewal") or "none",
                          bool(dur.get("binding", True)), start, end),
        include=tuple(spec_clauses.get("include") or ()),
        params=tuple((k, tuple(sorted(v.items()))) for k, v in (spec_clauses.get("params") or {}).items()),
        custom=tuple(CustomClause(c["id"], c["after"], Text.of(c["title"]), Text.of(c["text"]))
                     for c in spec_clauses.get("custom") or ()),
        revision=_revision(data.get("revision")) if data.get("kind") == "revision" else None,
        legal_bases=_texts(data.get("legal_bases")),
        signing_separately=bool(sig.get("separately")),
        preparation=_preparation(data.get("preparation")) if data.get("instrument") in LIGHT_INSTRUMENTS
        else None,
    )


def _representative(raw) -> Representative:
    mandate = raw.get("mandate")
    return Representative(
        name=Text.of(raw["name"]), title=raw["title"], title_text=Text.of(raw.get("title_text")),
        gender=raw.get("gender"), authority=Text.of(raw.get("authority")),
        mandate=Mandate(mandate["body"] if mandate["body"] in ("council", "executive", "board")
                        else Text.of(mandate["body"]), mandate.get("number"), dates.day(mandate["date"]))
        if mandate else None)


def _governance(gov) -> Governance:
    sc = gov["steering_committee"]
    chair = sc.get("chair")
    return Governance(
        co_chairs=tuple(Position(k, Text.of(v)) for k, v in (sc.get("co_chairs") or {}).items()),
        chair=tuple(chair) if isinstance(chair, list) else chair,
        members=_positions(sc.get("members")),
        meetings_per_year=sc.get("meetings_per_year"),
        unit=tuple(gov["management_unit"]["members"]),
        political=_positions((gov.get("roles") or {}).get("political")),
        technical=tuple((gov.get("roles") or {}).get("technical") or ()),
        administrative=tuple((gov.get("roles") or {}).get("administrative") or ()))


def _preparation(raw) -> Preparation:
    raw = raw or {}
    return Preparation(raw.get("within_months") or 12, raw.get("lead"))


def _revision(raw) -> Revision:
    return Revision(raw["amends"], raw["number"], dates.day(raw["date"]), Text.of(raw["rationale"]),
                    _clean(raw.get("author") or "mou_builder"))

"""LOCALISE: the agreement seen in one language, as plain values for templates.

Clause texts and layout templates only ever see what :func:`view` returns:
dicts, lists, strings and numbers, every value already in the document's
language and formatted by Babel (through :class:`~mou_builder.i18n.Localiser`).
docs/clauses.md lists these names for clause writers.
"""
from __future__ import annotations

from .i18n import Localiser
from ..library.legal import EMPTY as NO_LEGAL_DATA
from .parties import names as spec_names
from .parties import views as party_views
from ..model import Agreement
from ..validation.vocabulary import MIGRANT_CATEGORIES


def _t(text, lang):
    return text.get(lang) if text is not None else ""


def view(a: Agreement, loc: Localiser, annexes: dict | None = None, legal=None) -> dict:
    lang = loc.lang
    L = loc.label
    short = {p.id: _t(p.short_name, lang) for p in a.parties}

    def dept(ident):
        d = a.department(ident)
        return {"name": _t(d.name, lang), "party": short[d.party], "role": L("department_role", d.role)}

    def position(p):
        return {"party": short[p.party], "the_party": the_short[p.party],
                "position": _t(p.position, lang)}

    parties = party_views(a, loc, loc.rules)
    for view_, p in zip(parties, a.parties):
        view_["departments"] = [dept(d.id) for d in p.departments]
    the_short = {v["id"]: v["the_short"] for v in parties}

    indicators = [{
        "id": i.id, "name": _t(i.name, lang), "unit": _t(i.unit, lang),
        "baseline": loc.number(i.baseline), "target": loc.number(i.target),
        "due": loc.month(i.due), "source": _t(i.source, lang),
        "disaggregation": [L("disaggregation", x) for x in i.disaggregation],
        "sdg": i.sdg or "",
    } for i in a.indicators]
    ind_name = {i["id"]: i["name"] for i in indicators}

    stakeholders = [{
        "id": s.id, "name": _t(s.name, lang), "category": L("stakeholder_category", s.category),
        "migrant": s.category in MIGRANT_CATEGORIES,
        "based_in": short.get(s.based_in, ""), "linked_to": short.get(s.linked_to, ""),
        "roles": [L("stakeholder_role", r) for r in s.roles],
        "parts": [L("stakeholder_role_part", r) for r in s.roles if r != "expertise"],
        "expertise": "expertise" in s.roles,
    } for s in a.stakeholders]
    stakeholders = _party_organisations(a, loc, short) + stakeholders
    st_name = {s["id"]: s["name"] for s in stakeholders}

    actions = [{
        "id": x.id, "number": x.number, "title": _t(x.title, lang), "type": L("action_type", x.type),
        "area": L("area", x.area), "description": _t(x.description, lang),
        "lead": short.get(x.lead, ""), "the_lead": the_short.get(x.lead, ""), "partners": [st_name[s] for s in x.partners],
        "start": loc.month(x.start), "end": loc.month(x.end), "period": loc.period(x.start, x.end),
        "deliverables": [_t(d, lang) for d in x.deliverables],
        "indicators": [ind_name[i] for i in x.indicators],
    } for x in a.actions]
    act_title = {x["id"]: x["title"] for x in actions}

    annexes = annexes or annex_numbers(a)
    duration = a.duration
    budget = None
    if a.budget is not None:
        budget = {
            "currency": a.budget.currency,
            "currencies": list(a.budget.currencies),
            "totals": [loc.amount(t.amount, t.currency) for t in a.budget.totals("currency")],
            "has_in_kind": a.budget.has_in_kind,
            "funders": [{"name": _t(f.name, lang), "the_name": loc.rules.with_article(
                             _t(f.name, lang), institutional=False), "type": L("funder_type", f.type),
                         "party": short.get(f.party, "")} for f in a.budget.funders],
        }
    seats = {v["id"]: v["seat"] for v in parties}
    place = seats[a.signing_place] if isinstance(a.signing_place, str) else _t(a.signing_place, lang)
    languages = [L("language_name", x) for x in a.languages]
    return {
        "lang": lang,
        "doc": {"instrument": a.instrument, "name": L("instrument", a.instrument, "name"),
                "short": L("instrument", a.instrument, "short"),
                "the": L("instrument", a.instrument, "the"), "subject": _t(a.subject, lang),
                "gender": L("amendment", "gender", a.instrument),
                "title": document_title(a, loc, list(the_short.values()))},
        "parties": parties,
        "party_names": loc.join(p["name"] for p in parties),
        "party_shorts": loc.join(short.values()),
        "the_party_shorts": loc.join(the_short.values()),
        "the_party_names": loc.join(p["the_name"] for p in parties),
        "spec_names": spec_names(a, lang, parties),
        "signing": {"place": place, "date": loc.date(a.signing_date), "separately": a.signing_separately,
                    "dated": a.signing_date is not None, "originals": a.originals,
                    "originals_words": loc.spell(a.originals)},
        "legal_bases": [b.words(lang) for b in (legal or NO_LEGAL_DATA).bases_for(a.parties)]
        + [_t(t, lang) for t in a.legal_bases],
        "light": a.light,
        "preparation": _preparation(a, loc, short, the_short),
        "history": {"prior": [{"title": _t(p.title, lang), "signed": loc.date(p.signed)}
                              for p in a.prior_agreements],
                    "context": _t(a.context, lang)},
        "purpose": {"objective": _t(a.objective, lang),
                    "specific": [_t(s, lang) for s in a.specific_objectives],
                    "areas": [{"name": L("area", k), "items": [L("item", i) for i in v],
                               "items_text": loc.join(L("item", i) for i in v)} for k, v in a.areas]},
        "actions": actions,
        "results": [{"text": _t(r.text, lang), "actions": [act_title[x] for x in r.actions]}
                    for r in a.results],
        "indicators": indicators,
        "stakeholders": stakeholders,
        "migrant_stakeholders": [s for s in stakeholders if s["migrant"]],
        "participation": {"platform": _t(a.platform, lang), "diaspora": _t(a.diaspora, lang)},
        "monitoring": _monitoring(a.monitoring, loc),
        "coherence": {"plans": [{"party": short[p.party], "plan": _t(p.plan, lang),
                                 "period": p.period or ""} for p in a.plans],
                      "other_levels": _t(a.other_levels, lang)},
        "sdg": {"targets": list(a.sdg_targets),
                "targets_text": loc.join(a.sdg_targets),
                "goals": [{"number": g, "name": L("sdg_goal", g)} for g in a.sdg_goals],
                "frameworks": [L("framework", f) for f in a.frameworks],
                "frameworks_text": loc.join(L("framework", f) for f in a.frameworks)},
        "budget": budget,
        "calendar": {"kind": a.calendar.kind},
        "governance": _governance(a.governance, the_short, position, dept, loc),
        "duration": {"years": duration.years, "years_words": loc.spell(duration.years),
                     "entry": duration.entry_into_force, "entry_date": loc.date(duration.date),
                     "renewal": duration.renewal, "binding": duration.binding},
        "languages": {"names": languages, "text": loc.join(languages), "count": len(languages),
                      "authentic": loc.join(L("language_name", x) for x in a.authentic),
                      "all_authentic": set(a.authentic) == set(a.languages),
                      "prevails": L("language_name", a.prevails) if a.prevails else ""},
        "annex": {k: L("frame", "annex", n=n) for k, n in annexes.items()},
    }


def _party_organisations(a: Agreement, loc: Localiser, short) -> list:
    """Associations that sign as parties, seen as the organisations they are (a federation of
    diaspora associations takes part in the actions like a stakeholder of that category)."""
    return [{"id": p.id, "name": _t(p.name, loc.lang),
             "category": loc.label("stakeholder_category", p.category),
             "migrant": p.category in MIGRANT_CATEGORIES, "based_in": short[p.id], "linked_to": "",
             "roles": [], "expertise": False,  # a Party designs and carries out the actions
             "parts": [loc.label("stakeholder_role_part", r) for r in ("co_design", "implementation")]}
            for p in a.parties if p.type == "association" and p.category]


def _preparation(a: Agreement, loc: Localiser, short, the_short) -> dict | None:
    """A light instrument's commitment to prepare the full agreement, or None."""
    if not a.light:
        return None
    months = a.preparation.within_months if a.preparation else 12
    lead = a.preparation.lead if a.preparation else None
    return {"months": months, "months_words": loc.spell(months), "lead": short.get(lead, ""),
            "the_lead": the_short.get(lead, "")}


def _monitoring(m, loc: Localiser) -> dict | None:
    if m is None:  # a light instrument leaves monitoring to the full agreement
        return None
    L = loc.label
    return {"reporting": L("reporting", m.reporting), "midterm": loc.planned(m.midterm_review),
            "final": loc.planned(m.final_evaluation), "open_data": m.open_data,
            "publish_results": m.publish_results, "methods": [L("method", x) for x in m.methods],
            "methods_text": loc.join(L("method", x) for x in m.methods)}


def _governance(gov, the_short, position, dept, loc: Localiser) -> dict | None:
    if gov is None:  # a light instrument leaves governance to the full agreement
        return None
    return {
        "co_chairs": [position(p) for p in gov.co_chairs],
        "rotating": gov.chair == "rotating",
        "chairs": [the_short[c] for c in gov.chair] if isinstance(gov.chair, tuple) else [],
        "members": [position(p) for p in gov.members],
        "meetings": gov.meetings_per_year or 0,
        "meetings_words": loc.spell(gov.meetings_per_year) if gov.meetings_per_year else "",
        "unit": [dept(d) for d in gov.unit],
        "political": [position(p) for p in gov.political],
        "technical": [dept(d) for d in gov.technical],
        "administrative": [dept(d) for d in gov.administrative],
    }


def annex_numbers(a: Agreement) -> dict:
    """Which annexes the agreement has, numbered in order."""
    names = [name for name, data in (("action_plan", a.actions), ("indicators", a.indicators),
                                     ("budget", a.budget is not None),
                                     ("calendar", a.calendar.kind != "deferred" and a.calendar.entries)) if data]
    return {name: n for n, name in enumerate(names, 1)}


def document_title(a: Agreement, loc: Localiser, shorts: list | None = None) -> str:
    """The spec's title, or one built from the instrument, the parties' short names (as a
    sentence names them: "la Toscane") and the subject."""
    if a.title is not None:
        return a.title.get(loc.lang)
    if shorts is None:
        shorts = [p["the_short"] for p in party_views(a, loc, loc.rules)]
    name = loc.label("instrument", a.instrument, "name")
    parties = loc.join(shorts)
    name = name[:1].upper() + name[1:]
    if a.subject is not None:
        about = loc.rules.prep(loc.label("frame", "subject_prep"), a.subject.get(loc.lang))
        return loc.label("frame", "title_subject", name=name, parties=parties, about=about,
                         gender=loc.label("amendment", "gender", a.instrument))
    return loc.label("frame", "title", name=name, parties=parties)

"""Rules on references: every id a spec names resolves, codes exist, each party has its plan."""
from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

from ...base import dates, sdg
from ...base.refs import split_ref
from .. import vocabulary
from ..vocabulary import LIGHT_INSTRUMENTS
from .checker import dicts, get


@functools.cache
def _countries() -> frozenset:
    """The country codes Babel names, read once, when a spec first gives one (Babel's English
    names of territories take about 10 ms to read)."""
    from babel import Locale

    return frozenset(k for k in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", k)
                     and k not in {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB", "XK"}) | {"XK"}


@functools.cache
def _currencies() -> frozenset:
    """The currency codes Babel knows, read once, when a spec first gives one."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def check_parties(c, parties):
    for i, party in dicts(c.data.get("parties")):
        country = party.get("country")
        if isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country) and country not in _countries():
            c.error(("parties", i, "country"), "unknown_country", code=country)
        if party.get("type") == "other" and not party.get("type_text"):
            c.error(("parties", i, "type"), "type_text_required")
        rep = party.get("represented_by")
        if isinstance(rep, dict) and rep.get("title") == "other" and not rep.get("title_text"):
            c.error(("parties", i, "represented_by", "title"), "title_text_required")
        mandate = get(rep, "mandate")
        if isinstance(mandate, dict) and mandate.get("body") == "council" and not party.get("council"):
            c.error(("parties", i, "represented_by", "mandate", "body"), "mandate_needs_council")


def check_preparation(c, parties):
    """The commitment to prepare the full agreement: light instruments only, led by a party."""
    preparation = c.data.get("preparation")
    if not isinstance(preparation, dict):
        return
    if c.data.get("instrument") not in LIGHT_INSTRUMENTS:
        c.error(("preparation",), "preparation_not_light")
    c.ref(("preparation", "lead"), preparation.get("lead"), parties, "party")


def check_actions(c, parties, stakeholders, indicators):
    for i, act in dicts(c.data.get("actions")):
        c.ref(("actions", i, "lead"), act.get("lead"), parties, "party")
        c.refs(("actions", i, "partners"), act.get("partners"), stakeholders, "stakeholder")
        c.refs(("actions", i, "indicators"), act.get("indicators"), indicators, "indicator")
        start, end = dates.month_start(act.get("start")), dates.month_start(act.get("end"))
        if start and end and end < start:
            c.error(("actions", i, "end"), "end_before_start",
                       end=str(act.get("end")), start=str(act.get("start")))


def check_indicators(c):
    for i, ind in dicts(c.data.get("indicators")):
        code = ind.get("sdg")
        if isinstance(code, str) and not sdg.exists(code):
            c.error(("indicators", i, "sdg"), "unknown_sdg", code=code)


def check_coherence(c, parties):
    plans = get(c.data, "coherence", "plans")
    covered = set()
    for i, plan in dicts(plans):
        c.ref(("coherence", "plans", i, "party"), plan.get("party"), parties, "party")
        if isinstance(plan.get("party"), str):
            covered.add(plan["party"])
    if isinstance(plans, list):
        for party in parties:
            if party not in covered:
                c.error(("coherence", "plans"), "party_without_plan", party=party)


def check_sdg(c):
    targets = get(c.data, "sdg", "targets")
    if isinstance(targets, list):
        for i, code in enumerate(targets):
            if isinstance(code, str) and not sdg.exists(code):
                c.error(("sdg", "targets", i), "unknown_sdg", code=code)
        goals = get(c.data, "sdg", "goals")
        if isinstance(goals, list):
            goals = [g for g in goals if isinstance(g, int)]
            needed = {sdg.goal_of(c) for c in targets if isinstance(c, str) and sdg.exists(c)}
            for goal in sorted(needed - set(goals)):
                c.error(("sdg", "goals"), "sdg_goal_missing", goal=goal)


def check_budget(c, parties, actions, funders):
    budget = c.data.get("budget")
    if not isinstance(budget, dict):
        return
    currency = budget.get("currency")
    if isinstance(currency, str) and re.fullmatch(r"[A-Z]{3}", currency) and currency not in _currencies():
        c.error(("budget", "currency"), "unknown_currency", code=currency)
    for i, funder in dicts(budget.get("funders")):
        c.ref(("budget", "funders", i, "party"), funder.get("party"), parties, "party")
    for i, line in dicts(budget.get("lines")):
        c.ref(("budget", "lines", i, "action"), line.get("action"), actions, "action")
        c.ref(("budget", "lines", i, "funder"), line.get("funder"), funders, "funder")
        cur = line.get("currency")
        if isinstance(cur, str) and re.fullmatch(r"[A-Z]{3}", cur) and cur not in _currencies():
            c.error(("budget", "lines", i, "currency"), "unknown_currency", code=cur)


def check_kind(c):
    kind = c.data.get("kind")
    if kind == "revision" and "revision" not in c.data:
        c.error(("kind",), "revision_block_required")
    elif kind == "agreement" and "revision" in c.data:
        c.error(("revision",), "revision_block_in_agreement")
    amends = get(c.data, "revision", "amends")
    if kind == "revision" and isinstance(amends, str):
        path, ref = split_ref(amends, Path(c.src.path).parent)
        if ref is None and not (Path(c.src.path).parent / path).is_file():
            c.error(("revision", "amends"), "amends_not_found", file=path)


def check_areas(c):
    """Each item of purpose.areas belongs to its area."""
    areas = get(c.data, "purpose", "areas")
    if not isinstance(areas, dict):
        return
    for area, items in areas.items():
        if area not in vocabulary.AREAS or not isinstance(items, list):
            continue  # the schema reports it
        allowed = vocabulary.AREAS[area]
        for i, item in enumerate(items):
            if isinstance(item, str) and item not in allowed:
                c.error(("purpose", "areas", area, i), "unknown_area_item", value=item, area=area,
                        allowed=", ".join(allowed), suggestion=_closest(item, allowed))


def check_locale(c):
    locale, langs = c.data.get("locale"), c.languages()
    if isinstance(locale, str) and re.fullmatch(r"[a-z]{2}_[A-Z]{2}", locale) and langs \
            and (locale not in vocabulary.KNOWN_LOCALES or not locale.startswith(langs[0] + "_")):
        known = sorted(x for x in vocabulary.KNOWN_LOCALES if x.startswith(langs[0] + "_"))
        c.error(("locale",), "unknown_locale", value=locale, lang=langs[0], known=", ".join(known) or "-")


def _closest(value, choices) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return close[0] if close else ""

"""VALIDATE, second half: the rules that look across a spec.

Run after the Cerberus schema, on whatever parts are well formed, so that a
user sees every problem at once. Each rule yields :class:`Problem` objects
located through the :class:`~mou_builder.spec.Source` marks.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from collections import Counter

from babel import Locale
from babel.numbers import list_currencies

from . import dates, schema, sdg
from .schema import MIGRANT_CATEGORIES, SCHEMA

_COUNTRIES = frozenset(k for k in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", k)
                       and k not in {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB", "XK"}) | {"XK"}
_CURRENCIES = frozenset(list_currencies())
# control characters a document cannot hold, and the private-use characters that mark
# tracked changes inside the engine (mou_builder.tracked)
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ue010-\ue017\ufffe\uffff]")
_PEOPLE_UNITS = re.compile(
    r"\b(participants?|people|persons?|personnes?|migrants?|students?|étudiant\w*|"
    r"bénéficiaires?|beneficiar\w*|members?|membres?|women|femmes|youths?|jeunes|"
    r"households?|ménages|trainees?|stagiaires?|entrepreneurs?|agents?|staff|officials?|"
    r"élus?|families|familles)\b", re.IGNORECASE)


def _dicts(value):
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _get(data, *keys):
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


class Checker:
    """Collects the problems of one spec."""

    def __init__(self, source, library=None, today: dt.date | None = None):
        self.src = source
        self.data = source.data if isinstance(source.data, dict) else {}
        self.library = library
        self.today = today or dt.date.today()
        self.problems = []

    def error(self, path, key, **params):
        self.problems.append(self.src.problem(path, key, **params))

    def warn(self, path, key, **params):
        self.problems.append(self.src.problem(path, key, severity="warning", **params))

    # -- collections and ids ---------------------------------------------------
    def ids(self, path, collection) -> dict:
        """Ids of a list of records, reporting duplicates; id -> index."""
        seen = {}
        for i, item in _dicts(collection):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                self.error(path + (i, "id"), "duplicate_id", id=ident,
                           line=self.src.mark(path + (seen[ident], "id"))[0])
            else:
                seen[ident] = i
        return seen

    def ref(self, path, value, known, kind):
        if isinstance(value, str) and value not in known:
            self.error(path, "unknown_ref", id=value, kind=kind,
                       known=", ".join(sorted(known)) or "-")

    def refs(self, path, values, known, kind):
        if isinstance(values, list):
            for i, v in enumerate(values):
                self.ref(path + (i,), v, known, kind)

    def run(self):
        d = self.data
        parties = self.ids(("parties",), d.get("parties"))
        departments = {}
        for i, party in _dicts(d.get("parties")):
            for j, dep in _dicts(party.get("departments")):
                ident = dep.get("id")
                if isinstance(ident, str):
                    if ident in departments:
                        self.error(("parties", i, "departments", j, "id"), "duplicate_id", id=ident,
                                   line=self.src.mark(departments[ident][1])[0])
                    else:
                        owner = party.get("id") if isinstance(party.get("id"), str) else None
                        departments[ident] = (owner, ("parties", i, "departments", j, "id"))
        actions = self.ids(("actions",), d.get("actions"))
        indicators = self.ids(("indicators",), d.get("indicators"))
        stakeholders = self.ids(("stakeholders",), d.get("stakeholders"))
        self.ids(("results",), d.get("results"))
        self.ids(("calendar", "milestones"), _get(d, "calendar", "milestones"))
        funders = self.ids(("budget", "funders"), _get(d, "budget", "funders"))
        self.check_languages()
        self.check_parties(parties)
        self.check_actions(parties, stakeholders, indicators)
        for i, res in _dicts(d.get("results")):
            self.refs(("results", i, "actions"), res.get("actions"), actions, "action")
        self.check_indicators()
        for i, st in _dicts(d.get("stakeholders")):
            self.ref(("stakeholders", i, "based_in"), st.get("based_in"), parties, "party")
            self.ref(("stakeholders", i, "linked_to"), st.get("linked_to"), parties, "party")
        self.check_coherence(parties)
        self.check_sdg()
        self.check_budget(parties, actions, funders)
        self.check_governance(parties, departments)
        self.check_dates()
        self.check_clauses()
        self.check_kind()
        self.check_texts({"type": "dict", "schema": SCHEMA}, d, ())
        self.check_warnings()
        return self.problems

    # -- rules -------------------------------------------------------------------
    def languages(self) -> list[str]:
        langs = d if isinstance(d := self.data.get("languages"), list) else []
        return [x for x in langs if isinstance(x, str)]

    def check_languages(self):
        langs = self.languages()
        for lang, n in Counter(langs).items():
            if n > 1:
                self.error(("languages",), "duplicate_language", lang=lang)
        supported = self.library.languages() if self.library is not None else schema.LANGUAGES
        for i, lang in enumerate(langs):
            if lang in schema.LANGUAGES and lang not in supported:
                self.error(("languages", i), "language_not_supported", lang=lang,
                           supported=", ".join(supported))
        prevails = self.data.get("prevails")
        if isinstance(prevails, str) and langs and prevails not in langs:
            self.error(("prevails",), "prevails_not_in_languages", lang=prevails)
        authentic = self.data.get("authentic")
        if isinstance(authentic, list):
            for i, lang in enumerate(authentic):
                if lang not in langs:
                    self.error(("authentic", i), "authentic_not_in_languages", lang=lang)

    def check_parties(self, parties):
        for i, party in _dicts(self.data.get("parties")):
            country = party.get("country")
            if isinstance(country, str) and country not in _COUNTRIES:
                self.error(("parties", i, "country"), "unknown_country", code=country)
            rep = party.get("represented_by")
            if isinstance(rep, dict) and rep.get("title") == "other" and not rep.get("title_text"):
                self.error(("parties", i, "represented_by", "title"), "title_text_required")

    def check_actions(self, parties, stakeholders, indicators):
        for i, act in _dicts(self.data.get("actions")):
            self.ref(("actions", i, "lead"), act.get("lead"), parties, "party")
            self.refs(("actions", i, "partners"), act.get("partners"), stakeholders, "stakeholder")
            self.refs(("actions", i, "indicators"), act.get("indicators"), indicators, "indicator")
            start, end = dates.month_start(act.get("start")), dates.month_start(act.get("end"))
            if start and end and end < start:
                self.error(("actions", i, "end"), "end_before_start",
                           end=str(act.get("end")), start=str(act.get("start")))

    def check_indicators(self):
        for i, ind in _dicts(self.data.get("indicators")):
            code = ind.get("sdg")
            if isinstance(code, str) and not sdg.exists(code):
                self.error(("indicators", i, "sdg"), "unknown_sdg", code=code)

    def check_coherence(self, parties):
        plans = _get(self.data, "coherence", "plans")
        covered = set()
        for i, plan in _dicts(plans):
            self.ref(("coherence", "plans", i, "party"), plan.get("party"), parties, "party")
            if isinstance(plan.get("party"), str):
                covered.add(plan["party"])
        if isinstance(plans, list):
            for party in parties:
                if party not in covered:
                    self.error(("coherence", "plans"), "party_without_plan", party=party)

    def check_sdg(self):
        targets = _get(self.data, "sdg", "targets")
        if isinstance(targets, list):
            for i, code in enumerate(targets):
                if isinstance(code, str) and not sdg.exists(code):
                    self.error(("sdg", "targets", i), "unknown_sdg", code=code)
            goals = _get(self.data, "sdg", "goals")
            if isinstance(goals, list):
                goals = [g for g in goals if isinstance(g, int)]
                needed = {sdg.goal_of(c) for c in targets if isinstance(c, str) and sdg.exists(c)}
                for goal in sorted(needed - set(goals)):
                    self.error(("sdg", "goals"), "sdg_goal_missing", goal=goal)

    def check_budget(self, parties, actions, funders):
        budget = self.data.get("budget")
        if not isinstance(budget, dict):
            return
        currency = budget.get("currency")
        if isinstance(currency, str) and currency not in _CURRENCIES:
            self.error(("budget", "currency"), "unknown_currency", code=currency)
        for i, funder in _dicts(budget.get("funders")):
            self.ref(("budget", "funders", i, "party"), funder.get("party"), parties, "party")
        for i, line in _dicts(budget.get("lines")):
            self.ref(("budget", "lines", i, "action"), line.get("action"), actions, "action")
            self.ref(("budget", "lines", i, "funder"), line.get("funder"), funders, "funder")
            cur = line.get("currency")
            if isinstance(cur, str) and cur not in _CURRENCIES:
                self.error(("budget", "lines", i, "currency"), "unknown_currency", code=cur)

    def check_governance(self, parties, departments):
        gov = self.data.get("governance")
        if not isinstance(gov, dict):
            return
        sc = gov.get("steering_committee")
        if isinstance(sc, dict):
            co_chairs = sc.get("co_chairs")
            chair = sc.get("chair")
            if isinstance(co_chairs, dict):
                for party in co_chairs:
                    if party not in parties:
                        self.error(("governance", "steering_committee", "co_chairs", party),
                                   "unknown_ref", id=party, kind="party",
                                   known=", ".join(sorted(parties)))
            if isinstance(chair, list):
                self.refs(("governance", "steering_committee", "chair"), chair, parties, "party")
            if len(parties) <= 2 or co_chairs is not None:
                have = set(co_chairs) if isinstance(co_chairs, dict) else set()
                for party in parties:
                    if party not in have and (len(parties) <= 2 or chair is None):
                        self.error(("governance", "steering_committee", "co_chairs"),
                                   "co_chair_missing", party=party)
            elif chair is None:
                self.error(("governance", "steering_committee"), "chair_required")
            for i, m in _dicts(sc.get("members")):
                self.ref(("governance", "steering_committee", "members", i, "party"),
                         m.get("party"), parties, "party")
        members = _get(gov, "management_unit", "members")
        if isinstance(members, list):
            self.refs(("governance", "management_unit", "members"), members, departments, "department")
            represented = {departments[m][0] for m in members if isinstance(m, str) and m in departments}
            for party in parties:
                if party not in represented:
                    self.error(("governance", "management_unit", "members"),
                               "party_not_in_unit", party=party)
        roles = gov.get("roles")
        if isinstance(roles, dict):
            for i, m in _dicts(roles.get("political")):
                self.ref(("governance", "roles", "political", i, "party"), m.get("party"),
                         parties, "party")
            for key in ("technical", "administrative"):
                self.refs(("governance", "roles", key), roles.get(key), departments, "department")

    def check_dates(self):
        start, end = dates.agreement_period(self.data, self.today)
        if start is None:
            return
        # Undated (not yet signed): the start is unknown, so only the end is checked,
        # counted from today (an upper bound on how early the agreement can end).
        dated = dates.start_known(self.data)
        within = dict(start=start.isoformat(), end=end.isoformat())

        def check(path, value, as_month):
            first = dates.month_start(value) if as_month else dates.day(value)
            last = dates.month_end(value) if as_month else first
            if dated and first and last and (last < start.replace(day=1) if as_month else last < start):
                self.error(path, "date_before_start", value=str(value), **within)
            elif first and first > end:
                self.error(path, "date_after_end", value=str(value), **within)

        for i, act in _dicts(self.data.get("actions")):
            check(("actions", i, "start"), act.get("start"), True)
            check(("actions", i, "end"), act.get("end"), True)
        for i, ind in _dicts(self.data.get("indicators")):
            check(("indicators", i, "due"), ind.get("due"), True)
        for i, ms in _dicts(_get(self.data, "calendar", "milestones")):
            check(("calendar", "milestones", i, "date"), ms.get("date"), True)
        mon = self.data.get("monitoring")
        if isinstance(mon, dict):
            for key in ("midterm_review", "final_evaluation"):
                check(("monitoring", key), mon.get(key), False)
            mid, fin = dates.day(mon.get("midterm_review")), dates.day(mon.get("final_evaluation"))
            if mid and fin and fin < mid:
                self.error(("monitoring", "final_evaluation"), "final_before_midterm")
        dur = self.data.get("duration")
        if isinstance(dur, dict) and dur.get("entry_into_force") == "date" and not dur.get("date"):
            self.error(("duration",), "entry_date_required")

    def check_clauses(self):
        spec_clauses = self.data.get("clauses")
        if not isinstance(spec_clauses, dict) or self.library is None:
            return
        optional = self.library.optional_ids()
        include = spec_clauses.get("include")
        if isinstance(include, list):
            for i, ident in enumerate(include):
                if isinstance(ident, str) and ident not in optional:
                    self.error(("clauses", "include", i), "unknown_clause", id=ident,
                               known=", ".join(sorted(optional)))
        params = spec_clauses.get("params")
        if isinstance(params, dict):
            for ident, values in params.items():
                path = ("clauses", "params", ident)
                clause = self.library.get(ident)
                if clause is None:
                    self.error(path, "unknown_clause", id=ident,
                               known=", ".join(sorted(self.library.ids())))
                    continue
                for key, reason in clause.check_params(values if isinstance(values, dict) else {}):
                    self.error(path + ((key,) if key else ()), reason[0], clause=ident,
                               param=key, **reason[1])
        included = {x for x in include if isinstance(x, str)} if isinstance(include, list) else set()
        anchors = {c.id for c in self.library.in_part("article") if not c.optional or c.id in included}
        for i, custom in _dicts(spec_clauses.get("custom")):
            after = custom.get("after")
            if isinstance(after, str) and after not in anchors:
                self.error(("clauses", "custom", i, "after"), "unknown_anchor", id=after,
                           known=", ".join(sorted(anchors)))
            if isinstance(custom.get("id"), str):
                anchors.add(custom["id"])
        self.ids(("clauses", "custom"), spec_clauses.get("custom"))

    def check_kind(self):
        kind = self.data.get("kind")
        if kind == "revision" and "revision" not in self.data:
            self.error(("kind",), "revision_block_required")
        elif kind == "agreement" and "revision" in self.data:
            self.error(("revision",), "revision_block_in_agreement")
        amends = _get(self.data, "revision", "amends")
        if kind == "revision" and isinstance(amends, str):
            from .gitutil import split_ref

            path, ref = split_ref(amends, Path(self.src.path).parent)
            if ref is None and not (Path(self.src.path).parent / path).is_file():
                self.error(("revision", "amends"), "amends_not_found", file=path)

    def check_texts(self, rules, value, path):
        """Every Text mapping holds every document language; no invisible control characters."""
        if isinstance(value, str):
            if _INVALID_CHARS.search(value):
                self.error(path, "invalid_character")
            return
        rule_type = rules.get("type") if isinstance(rules, dict) else None
        if rule_type == "text" and isinstance(value, dict):
            for lang in self.languages():
                if lang not in value:
                    self.error(path, "text_missing_language", lang=lang)
        if isinstance(value, dict):
            inner = rules.get("schema") if rule_type == "dict" else None
            for key, item in value.items():
                sub = (inner.get(key) if isinstance(inner, dict) else None) or (
                    rules.get("valuesrules") if isinstance(rules, dict) else None) or {}
                self.check_texts(sub, item, path + (key,))
        elif isinstance(value, list):
            sub = rules.get("schema", {}) if isinstance(rules, dict) else {}
            for i, item in enumerate(value):
                self.check_texts(sub, item, path + (i,))

    def check_warnings(self):
        d = self.data
        stakeholders = d.get("stakeholders")
        if isinstance(stakeholders, list) and not any(
                s.get("category") in MIGRANT_CATEGORIES for _, s in _dicts(stakeholders)):
            self.warn(("stakeholders",), "no_migrant_stakeholder")
        if d.get("instrument") == "twinning":
            self.warn(("instrument",), "twinning_outdated")
        mon = d.get("monitoring")
        if isinstance(mon, dict):
            if not mon.get("midterm_review"):
                self.warn(("monitoring",), "no_midterm_review")
            if mon.get("open_data") is not True:
                self.warn(("monitoring", "open_data") if "open_data" in mon else ("monitoring",),
                          "open_data_off")
        for i, ind in _dicts(d.get("indicators")):
            unit = ind.get("unit")
            texts = unit.values() if isinstance(unit, dict) else [unit] if isinstance(unit, str) else []
            if any(isinstance(t, str) and _PEOPLE_UNITS.search(t) for t in texts) \
                    and not ind.get("disaggregation"):
                self.warn(("indicators", i, "unit"), "people_not_disaggregated")


def check(source, library=None, today=None):
    return Checker(source, library, today).run()

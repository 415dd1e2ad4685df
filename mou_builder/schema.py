"""The Cerberus schema of a spec: the executable form of docs/spec-format.md.

Only shape and value sets live here; rules that look across the document
(references, dates against the duration, one co-chair per party, language
coverage) are in :mod:`mou_builder.rules`, run after the schema.
"""
from __future__ import annotations

import datetime as _dt
import re

import cerberus

LANGUAGES = ("fr", "en", "es", "it", "pt", "ar", "ca")

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$")
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

INSTRUMENTS = ["memorandum", "partnership", "cooperation", "twinning", "terms_of_reference"]
PARTY_TYPES = ["municipality", "region", "province", "department", "governorate",
               "metropolitan_area", "association_of_local_authorities"]
TITLES = ["mayor", "deputy_mayor", "president", "governor", "other"]
DEPARTMENT_ROLES = ["cooperation", "migration", "legal", "finance", "other"]
ACTION_TYPES = ["seminar", "training", "study_visit", "peer_learning", "joint_strategy",
                "joint_project", "pilot_project", "advocacy", "university_exchange",
                "shared_platform", "awareness", "policy_coherence", "other"]
AREAS = {
    "sustainable_development": ["mobility", "renewable_energy", "public_space", "waste", "water"],
    "social_development": ["basic_services", "social_services", "housing", "education",
                           "student_exchange", "health", "human_rights"],
    "local_economic_development": ["social_economy", "business_exchange", "supply_chain",
                                   "financial_instruments", "migrant_entrepreneurship",
                                   "remittances", "employment"],
    "institutional_development": ["citizen_participation", "diaspora_participation",
                                  "data_management", "transparency", "e_government"],
    "knowledge_management": ["technological_innovation", "social_innovation",
                             "university_cooperation"],
    "cultural_development": ["cultural_exchange", "heritage", "media", "arts", "languages",
                             "tourism"],
}
DISAGGREGATION = ["sex", "age", "origin", "location", "migration_status"]
STAKEHOLDER_CATEGORIES = ["migrant_association", "diaspora_association", "cso", "university",
                          "private_sector", "national_government", "international_organisation",
                          "network", "philanthropy", "local_public_body"]
MIGRANT_CATEGORIES = ("migrant_association", "diaspora_association")
STAKEHOLDER_ROLES = ["co_design", "implementation", "monitoring", "funding", "expertise"]
REPORTING = ["quarterly", "semiannual", "annual"]
METHODS = ["stakeholder_consultation", "focus_groups", "surveys", "external_evaluation"]
FRAMEWORKS = ["new_urban_agenda", "global_compact_migration", "global_compact_refugees",
              "paris_agreement"]
FUNDER_TYPES = ["local_budget", "local_stakeholders", "national_government",
                "international_organisation", "philanthropy", "private_sector", "diaspora"]
ENTRY_INTO_FORCE = ["signature", "last_signature", "date"]
RENEWAL = ["none", "express", "tacit"]
LAYOUTS = ["parallel", "sequential", "separate"]
KINDS = ["agreement", "revision"]


class SpecValidator(cerberus.Validator):
    """Cerberus with the spec's own types: Text, slugs, dates and months."""

    types_mapping = cerberus.Validator.types_mapping.copy()
    types_mapping["text"] = cerberus.TypeDefinition("text", (str, dict), ())
    types_mapping["day"] = cerberus.TypeDefinition("day", (str, _dt.date), ())
    types_mapping["month"] = cerberus.TypeDefinition("month", (str, _dt.date), ())
    types_mapping["amount"] = cerberus.TypeDefinition("amount", (int, float), (bool,))

    def _check_with_text(self, field, value):
        if not isinstance(value, (str, dict)):
            return  # the type rule reports it
        if isinstance(value, str):
            if not value.strip():
                self._error(field, "empty_text")
            return
        if not value:
            self._error(field, "empty_text")
        for lang, text in value.items():
            if lang not in LANGUAGES:
                self._error(field, f"unknown_text_language:{lang}")
            elif not isinstance(text, str) or not text.strip():
                self._error(field, f"empty_text_language:{lang}")

    def _check_with_chair(self, field, value):
        if isinstance(value, list):
            for item in value:
                if not isinstance(item, str) or not SLUG.match(item):
                    self._error(field, "bad_chair")
        if isinstance(value, str) and value != "rotating":
            self._error(field, "bad_chair")

    def _check_with_slug(self, field, value):
        if isinstance(value, str) and not SLUG.match(value):
            self._error(field, "bad_slug")

    def _check_with_day(self, field, value):
        if value is None:
            return
        if isinstance(value, _dt.datetime) or (isinstance(value, str) and not _parse_day(value)):
            self._error(field, "bad_day")

    def _check_with_month(self, field, value):
        if value is None:
            return
        if isinstance(value, _dt.datetime) or (isinstance(value, str) and not MONTH.match(value)
                                               and not _parse_day(value)):
            self._error(field, "bad_month")


def _parse_day(value: str):
    if not DAY.match(value):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


# -- small builders so the schema below reads like the reference -----------------
def text(required=False):
    return {"type": "text", "check_with": "text", "required": required}


def string(required=False, **kw):
    return {"type": "string", "required": required, "empty": False, **kw}


def slug(required=True):
    return {"type": "string", "required": required, "check_with": "slug"}


def slugs(required=False, minlength=0):
    return {"type": "list", "required": required, "minlength": minlength,
            "schema": {"type": "string", "check_with": "slug"}}


def one_of(values, required=False):
    return {"type": "string", "required": required, "allowed": list(values)}


def many_of(values, required=False):
    return {"type": "list", "required": required,
            "schema": {"type": "string", "allowed": list(values)}}


def day(required=False):
    return {"type": "day", "required": required, "check_with": "day"}


def month(required=False):
    return {"type": "month", "required": required, "check_with": "month"}


def record(fields, required=False, **kw):
    return {"type": "dict", "required": required, "schema": fields, **kw}


def records(fields, required=False, minlength=0):
    return {"type": "list", "required": required, "minlength": minlength,
            "schema": {"type": "dict", "schema": fields}}


def boolean(required=False):
    return {"type": "boolean", "required": required}


def integer(required=False, min=None, max=None):
    rule = {"type": "integer", "required": required}
    if min is not None:
        rule["min"] = min
    if max is not None:
        rule["max"] = max
    return rule


POSITION = {"party": slug(), "position": text(required=True)}

SCHEMA = {
    "format": {"type": "string", "required": True, "allowed": ["mou/1"]},
    "id": slug(),
    "kind": one_of(KINDS, required=True),
    "instrument": one_of(INSTRUMENTS, required=True),
    "title": text(),
    "subject": text(),
    "languages": {"type": "list", "required": True, "minlength": 1,
                  "schema": {"type": "string", "allowed": list(LANGUAGES)}},
    "authentic": {"type": "list", "schema": {"type": "string", "allowed": list(LANGUAGES)}},
    "prevails": one_of(LANGUAGES),
    "locale": {"type": "string", "regex": r"[a-z]{2}_[A-Z]{2}"},
    "layout": one_of(LAYOUTS),
    "template": string(),
    "signing": record({
        "place": text(required=True),
        "date": day(),
        "originals": integer(min=1, max=20),
    }, required=True),
    "parties": records({
        "id": slug(),
        "name": text(required=True),
        "short_name": text(),
        "type": one_of(PARTY_TYPES, required=True),
        "country": {"type": "string", "required": True, "regex": r"[A-Z]{2}"},
        "council": text(),
        "represented_by": record({
            "name": string(required=True),
            "title": one_of(TITLES, required=True),
            "title_text": text(),
            "gender": one_of(["f", "m"]),
            "authority": text(),
        }, required=True),
        "departments": records({
            "id": slug(),
            "name": text(required=True),
            "role": one_of(DEPARTMENT_ROLES, required=True),
        }),
    }, required=True, minlength=2),
    "history": record({
        "prior_agreements": records({"title": text(required=True), "signed": day(required=True)}),
        "context": text(),
    }),
    "purpose": record({
        "objective": text(required=True),
        "specific_objectives": {"type": "list", "schema": text()},
        "areas": {"type": "dict", "keysrules": {"type": "string", "allowed": list(AREAS)},
                  "valuesrules": {"type": "list", "schema": {"type": "string"}}},
    }, required=True),
    "actions": records({
        "id": slug(),
        "title": text(required=True),
        "type": one_of(ACTION_TYPES, required=True),
        "area": one_of(AREAS, required=True),
        "description": text(),
        "lead": slug(),
        "partners": slugs(),
        "start": month(required=True),
        "end": month(required=True),
        "deliverables": {"type": "list", "schema": text()},
        "indicators": slugs(required=True, minlength=1),
    }, required=True, minlength=1),
    "results": records({
        "id": slug(),
        "text": text(required=True),
        "actions": slugs(),
    }, required=True, minlength=1),
    "indicators": records({
        "id": slug(),
        "name": text(required=True),
        "unit": text(required=True),
        "baseline": {"type": "amount", "required": True},
        "target": {"type": "amount", "required": True},
        "due": month(required=True),
        "source": text(required=True),
        "disaggregation": many_of(DISAGGREGATION),
        "sdg": {"type": "string"},
    }, required=True, minlength=1),
    "stakeholders": records({
        "id": slug(),
        "name": text(required=True),
        "category": one_of(STAKEHOLDER_CATEGORIES, required=True),
        "based_in": slug(),
        "linked_to": slug(required=False),
        "roles": many_of(STAKEHOLDER_ROLES),
    }, required=True),
    "participation": record({"platform": text(), "diaspora": text()}),
    "monitoring": record({
        "reporting": one_of(REPORTING, required=True),
        "midterm_review": day(),
        "final_evaluation": day(),
        "open_data": boolean(),
        "publish_results": boolean(),
        "methods": many_of(METHODS),
    }, required=True),
    "coherence": record({
        "plans": records({"party": slug(), "plan": text(required=True), "period": string()},
                         required=True, minlength=1),
        "other_levels": text(),
    }, required=True),
    "sdg": record({
        "targets": {"type": "list", "required": True, "minlength": 1, "schema": {"type": "string"}},
        "goals": {"type": "list", "schema": {"type": "integer", "min": 1, "max": 17}},
        "frameworks": many_of(FRAMEWORKS),
    }, required=True),
    "budget": record({
        "currency": {"type": "string", "required": True, "regex": r"[A-Z]{3}"},
        "funders": records({
            "id": slug(),
            "name": text(required=True),
            "type": one_of(FUNDER_TYPES, required=True),
            "party": slug(required=False),
        }, required=True, minlength=1),
        "lines": records({
            "action": slug(),
            "funder": slug(),
            "amount": {"type": "amount", "required": True, "min": 0},
            "year": integer(required=True, min=1900, max=2200),
            "in_kind": boolean(),
            "currency": {"type": "string", "regex": r"[A-Z]{3}"},
        }, required=True, minlength=1),
    }),
    "calendar": record({
        "milestones": records({"id": slug(), "name": text(required=True), "date": month(required=True)}),
        "deferred": boolean(),
    }),
    "governance": record({
        "steering_committee": record({
            "co_chairs": {"type": "dict", "keysrules": {"type": "string", "check_with": "slug"},
                          "valuesrules": text()},
            "chair": {"type": ["string", "list"], "check_with": "chair"},
            "members": records(POSITION),
            "meetings_per_year": integer(min=1, max=12),
        }, required=True),
        "management_unit": record({"members": slugs(required=True, minlength=1)}, required=True),
        "roles": record({
            "political": records(POSITION),
            "technical": slugs(),
            "administrative": slugs(),
        }),
    }, required=True),
    "duration": record({
        "years": integer(required=True, min=1, max=99),
        "entry_into_force": one_of(ENTRY_INTO_FORCE),
        "date": day(),
        "renewal": one_of(RENEWAL),
        "binding": boolean(),
    }, required=True),
    "clauses": record({
        "include": slugs(),
        "params": {"type": "dict", "keysrules": {"type": "string", "check_with": "slug"},
                   "valuesrules": {"type": "dict"}},
        "custom": records({
            "id": slug(),
            "after": slug(),
            "title": text(required=True),
            "text": text(required=True),
        }),
    }),
    "revision": record({
        "amends": string(required=True),
        "number": integer(required=True, min=1, max=99),
        "date": day(required=True),
        "rationale": text(required=True),
        "author": string(),
    }),
}


def schema_at(path) -> dict | None:
    """The mapping schema that applies to the mapping at ``path``, if any."""
    rules = {"type": "dict", "schema": SCHEMA}
    for part in path:
        if isinstance(part, int):
            rules = rules.get("schema") if rules.get("type") == "list" else None
        else:
            inner = rules.get("schema") if rules.get("type") == "dict" else None
            rules = inner.get(part) if isinstance(inner, dict) else None
        if rules is None:
            return None
    return rules.get("schema") if rules.get("type") == "dict" else None

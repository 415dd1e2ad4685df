"""The Cerberus schema of a spec: the executable form of docs/spec-format.md.

Only shape and value sets live here, one mapping per part of the spec; rules that look
across the document (references, dates against the duration, one co-chair per party,
language coverage) are in :mod:`mou_builder.validation.rules`, run after the schema.
"""
from __future__ import annotations

from .fields import (amount, boolean, day, integer, many_of, month, one_of, record, records, slug, slugs,
                     string, text)
from .vocabulary import (ACTION_TYPES, AREAS, DEPARTMENT_ROLES, DISAGGREGATION, ENTRY_INTO_FORCE,
                         FRAMEWORKS, FUNDER_TYPES, INSTRUMENTS, KINDS, LANGUAGES, LAYOUTS, LIGHT_INSTRUMENTS, METHODS,
                         PARTY_TYPES, RENEWAL, REPORTING, STAKEHOLDER_CATEGORIES, STAKEHOLDER_ROLES,
                         TITLES)

POSITION = {"party": slug(), "position": text(required=True)}

# the agreement as a whole: format, id, kind, instrument, title, languages, layout, template, packs
FRAME = {
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
    "packs": {"type": "list", "schema": {"type": "string", "regex": r"[^@\s]+(@[\^~<>=*0-9., ]+)?"}},
}

# signature: place, date, originals
SIGNING = {
    "signing": record({
        "place": text(required=True),
        "date": day(),
        "originals": integer(min=1, max=20),
        "separately": boolean(),
    }, required=True),
    "legal_bases": {"type": "list", "schema": text()},
}

# the parties, who represents them and their departments
def article() -> dict:
    """The article a name takes, per language ("" for none): not a sentence, so partial."""
    return {"type": ["string", "dict"], "keysrules": {"type": "string", "allowed": list(LANGUAGES)},
            "valuesrules": {"type": "string"}}


PARTIES = {
    "parties": records({
        "id": slug(),
        "name": text(required=True),
        "short_name": text(),
        "type": one_of(PARTY_TYPES, required=True),
        "type_text": text(),
        "category": one_of(STAKEHOLDER_CATEGORIES),
        "country": {"type": "string", "required": True, "regex": r"[A-Z]{2}"},
        "seat": text(),
        "council": text(),
        "article": article(),
        "short_article": article(),
        "represented_by": record({
            "name": text(required=True),
            "title": one_of(TITLES, required=True),
            "title_text": text(),
            "gender": one_of(["f", "m"]),
            "authority": text(),
            "mandate": record({
                "body": {"type": ["string", "dict"], "required": True, "check_with": "mandate_body"},
                "number": string(),
                "date": day(required=True),
            }),
        }, required=True),
        "departments": records({
            "id": slug(),
            "name": text(required=True),
            "role": one_of(DEPARTMENT_ROLES, required=True),
        }),
    }, required=True, minlength=2),
}

# what the partnership does: history, purpose, actions, results, indicators, stakeholders
PROGRAMME = {
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
        "baseline": amount(required=True),
        "target": amount(required=True),
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
}

# monitoring, coherence with development plans, SDG alignment
FOLLOW_UP = {
    "monitoring": record({
        "reporting": one_of(REPORTING, required=True),
        "midterm_review": month(),
        "final_evaluation": month(),
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
}

# budget and calendar
RESOURCES = {
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
            "amount": amount(required=True, negative=False),
            "year": integer(required=True, min=1900, max=2200),
            "in_kind": boolean(),
            "currency": {"type": "string", "regex": r"[A-Z]{3}"},
        }, required=True, minlength=1),
    }),
    "calendar": record({
        "milestones": records({"id": slug(), "name": text(required=True), "date": month(required=True)}),
        "deferred": boolean(),
    }),
}

# steering committee, management unit, roles
GOVERNANCE = {
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
}

# duration, clauses and revision
TERMS = {
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
    "preparation": record({
        "within_months": integer(min=1, max=60),
        "lead": slug(required=False),
    }),
}

SCHEMA = {**FRAME, **SIGNING, **PARTIES, **PROGRAMME, **FOLLOW_UP, **RESOURCES, **GOVERNANCE, **TERMS}


# what a full agreement must have and a light instrument may leave for later
FULL_AGREEMENT_PARTS = ("actions", "results", "indicators", "stakeholders", "monitoring", "coherence",
                        "sdg", "governance")
LIGHT_SCHEMA = {k: ({**v, "required": False} if k in FULL_AGREEMENT_PARTS else v) for k, v in SCHEMA.items()}


def schema_for(data) -> dict:
    """The schema a spec is checked against: light instruments need fewer parts."""
    light = isinstance(data, dict) and data.get("instrument") in LIGHT_INSTRUMENTS
    return LIGHT_SCHEMA if light else SCHEMA


def schema_at(path, top: dict | None = None) -> dict | None:
    """The mapping schema that applies to the mapping at ``path`` of a spec checked against
    ``top`` (the full agreement's schema unless given), if any."""
    rules = {"type": "dict", "schema": SCHEMA if top is None else top}
    for part in path:
        if isinstance(part, int):
            rules = rules.get("schema") if rules.get("type") == "list" else None
        else:
            inner = rules.get("schema") if rules.get("type") == "dict" else None
            rules = inner.get(part) if isinstance(inner, dict) else None
        if rules is None:
            return None
    return rules.get("schema") if rules.get("type") == "dict" else None

"""The value sets of a spec: languages, instruments, party types, thematic areas…

Shared by the schema, the rules and the stages after them (the document's vocabulary
for each value is in the clause library, clauses/labels.yaml).
"""
from __future__ import annotations

import re

LANGUAGES = ("fr", "en", "es", "it", "pt", "ar", "ca")

# written for JSON Schema too ("$"); checked with fullmatch, so no final newline gets through
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$")

INSTRUMENTS = ["memorandum", "partnership", "cooperation", "twinning", "terms_of_reference",
               "declaration_of_intent"]
# short instruments: only the frame, the parties, the purpose and the duration are required
LIGHT_INSTRUMENTS = ("declaration_of_intent", "twinning")
PARTY_TYPES = ["municipality", "region", "province", "department", "governorate",
               "metropolitan_area", "association_of_local_authorities", "intermunicipal_body",
               "association", "other"]
MANDATE_BODIES = ["council", "executive", "board"]
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

# the locales a document can be written in (Babel's data for them is checked by the tests)
KNOWN_LOCALES = frozenset({
    "fr_FR", "fr_BE", "fr_CH", "fr_TN", "fr_MA", "fr_DZ", "fr_SN", "fr_CI", "fr_ML", "fr_MR",
    "fr_CA", "fr_LU", "ar", "en_GB", "en_US", "en_IE", "en_MT", "es_ES", "es_UY", "es_SV", "es_MX",
    "es_AR", "it_IT", "pt_PT", "pt_BR", "ar_TN", "ar_MA", "ar_DZ", "ar_EG", "ar_LB", "ar_JO",
    "ca_ES"})

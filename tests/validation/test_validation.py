"""Each validation rule: a bad spec, and the exact message and place it gives."""
from __future__ import annotations

import copy

import pytest
from cerberus.schema import DefinitionSchema

from conftest import TODAY, line_of
from mou_builder import api
from mou_builder.validation.schema import LIGHT_SCHEMA, SCHEMA
from mou_builder.validation.types import SpecValidator


def where(text, needle, token, nth=1):
    """FILE-less location "LINE:COL" of ``token`` on the nth line holding ``needle``."""
    line = line_of(text, needle, nth)
    column = text.splitlines()[line - 1].index(token) + 1
    return f"{line}:{column}"


def problems(write_spec, text, lang="en"):
    path = write_spec(text)
    checked = api.check(path, today=TODAY)
    prefix = f"{path}:"
    return [p.format(lang).removeprefix(prefix) for p in checked.problems
            if p.key != "steps_before_signature"]  # notes from the legal library: tests/validation/test_steps.py


def mutate(text, *pairs):
    for old, new in pairs:
        assert old in text, f"fixture changed: {old!r} not found"
        text = text.replace(old, new, 1)
    return text


def test_base_spec_is_valid(write_spec, base_text):
    assert problems(write_spec, base_text) == []


CASES = {
    "unknown field, with a suggestion": (
        [("kind: agreement", "kind: agreement\nkindd: x")],
        ("kindd: x", "kindd", "kindd: unknown field 'kindd' (did you mean 'kind'?)")),
    "value not in the list, with a suggestion": (
        [("instrument: memorandum ", "instrument: memorandun ")],
        ("instrument:", "memorandun", "instrument: 'memorandun' is not one of: memorandum, "
         "partnership, cooperation, twinning, terms_of_reference, declaration_of_intent (did you mean 'memorandum'?)")),
    "required field": (
        [("kind: agreement\n", "")],
        ("format: mou/1", "format", "kind: required field is missing")),
    "month written wrongly": (
        [("start: 2027-03", "start: March 2027")],
        ("start: March", "March", "actions[0].start: 'March 2027' is not a month; write a month, 2026-06, or a day, 2026-06-25")),
    "unknown reference": (
        [("lead: city-a", "lead: city-x")],
        ("lead: city-x", "city-x", "actions[0].lead: no party has the id 'city-x' (known: city-a, city-b)")),
    "duplicate id": (
        [("results:\n", "results:\n  - {id: r1, text: Another result}\n")],
        ("  - id: r1", "r1", "results[1].id: id 'r1' is already used on line {first}; ids must be unique")),
    "end before start": (
        [("end: 2027-12", "end: 2027-01")],
        ("end: 2027-01", "2027-01", "actions[0].end: ends (2027-01) before it starts (2027-03)")),
    "date after the agreement ends": (
        [("due: 2027-12", "due: 2031-01")],
        ("due: 2031-01", "2031-01", "indicators[0].due: 2031-01 falls after the agreement ends "
         "(2030-01-14); shorten the date or lengthen duration.years")),
    "date before the agreement starts": (
        [("start: 2027-03", "start: 2026-11")],
        ("start: 2026-11", "2026-11", "actions[0].start: 2026-11 falls before the agreement starts (2027-01-15)")),
    "one co-chair per party": (
        [("      city-b: the President of the Municipality\n", "")],
        ("city-a: the Deputy Mayor", "city-a", "governance.steering_committee.co_chairs: party 'city-b' "
         "has no co-chair; give one co-chair per party")),
    "a plan per party": (
        [("    - {party: city-b, plan: Beetown Municipal Development Plan, period: 2027-2029}\n", "")],
        ("- {party: city-a, plan", "-", "coherence.plans: party 'city-b' has no development plan; "
         "add one under coherence.plans")),
    "a department per party in the unit": (
        [("members: [a-ir, b-coop]", "members: [a-ir]")],
        ("members: [a-ir]", "[", "governance.management_unit.members: party 'city-b' has no "
         "department in the management unit")),
    "SDG target exists": (
        [('targets: ["10.7", "11.3"]', 'targets: ["10.7", "10.9"]')],
        ('targets: ["10.7"', '"10.9"', "sdg.targets[1]: '10.9' is not an SDG target (write it as a "
         "quoted string, e.g. \"10.7\", \"10.c\")")),
    "country code exists": (
        [('country: "TN"', 'country: "XY"')],
        ('country: "XY"', '"XY"', "parties[1].country: 'XY' is not an ISO 3166-1 country code")),
    "country code form": (
        [('country: "TN"', 'country: tunisia')],
        ("country: tunisia", "tunisia", "parties[1].country: 'tunisia' is not a country code; write two "
         "capital letters (ISO 3166-1), e.g. FR, TN")),
    "currency exists": (
        [("governance:\n", "budget:\n  currency: EUX\n  funders: [{id: f1, name: City, type: local_budget, "
          "party: city-a}]\n  lines: [{action: a1, funder: f1, amount: 1000, year: 2027}]\ngovernance:\n")],
        ("currency: EUX", "EUX", "budget.currency: 'EUX' is not an ISO 4217 currency code")),
    "every text in every language": (
        [("languages: [en]", "languages: [en, fr]"),
         ("title: Exchange programme for reception staff", "title: {en: Exchange programme}")],
        ("title: {en: Exchange", "{", "actions[0].title: the 'fr' text is missing (every text needs "
         "every language of the agreement)")),
    "optional clause exists": (
        [("include: [legal_nature,", "include: [legal_natur,")],
        ("include: [legal_natur", "legal_natur", None)),
    "clause parameter in range": (
        [("clauses:\n", "clauses:\n  params:\n    termination: {notice_months: 99}\n")],
        ("notice_months: 99", "99", "clauses.params.termination.notice_months: parameter "
         "'notice_months' of clause 'termination' must be between 1 and 24")),
    "amount is a number": (
        [("target: 30", "target: thirty")],
        ("target: thirty", "thirty", "indicators[0].target: must be a number, not 'thirty'")),
    "ids are slugs": (
        [("id: city-a-city-b", "id: City A")],
        ("id: City A", "City A", "id: 'City A' is not a valid id: use lowercase letters, digits, '-' "
         "or '_' (e.g. sfax, a1)")),
}


@pytest.mark.parametrize("name", CASES)
def test_rule(name, write_spec, base_text):
    pairs, (needle, token, message) = CASES[name]
    text = mutate(base_text, *pairs)
    found = problems(write_spec, text)
    location = where(text, needle, token)
    if message is None:  # message checked elsewhere; here only the place
        assert any(p.startswith(location + ":") for p in found), found
        return
    if "{first}" in message:
        message = message.format(first=line_of(text, "- {id: r1"))
        location = where(text, needle, token, nth=1)
    assert f"{location}: {message}" in found, "\n".join(found)


def test_unknown_optional_clause_names_the_available_ones(write_spec, base_text, library):
    text = mutate(base_text, ("include: [legal_nature,", "include: [legal_natur,"))
    found = problems(write_spec, text)
    message = [p for p in found if "legal_natur'" in p]
    assert message and "did you mean" not in message[0]
    assert "no optional clause 'legal_natur' in the library (available: " in message[0]
    assert "legal_nature" in message[0] and "termination" in message[0]


def test_every_error_at_once_in_file_order(write_spec, base_text):
    text = mutate(base_text, ("kind: agreement", "kind: agreemnt"), ("lead: city-a", "lead: nobody"),
                  ('targets: ["10.7"', 'targets: ["99.1"'))
    found = problems(write_spec, text)
    assert [p.split(":")[0] for p in found] == sorted(
        [str(line_of(text, "kind: agreemnt")), str(line_of(text, "lead: nobody")),
         str(line_of(text, '"99.1"'))], key=int)


def test_messages_in_french(write_spec, base_text):
    text = mutate(base_text, ("lead: city-a", "lead: city-x"))
    found = problems(write_spec, text, lang="fr")
    assert f"{where(text, 'lead: city-x', 'city-x')}: actions[0].lead: aucune partie ne porte " \
           f"l'identifiant « city-x » (identifiants connus : city-a, city-b)" in found


WARNINGS = {
    "twinning": ([("instrument: memorandum ", "instrument: twinning ")],
                 "instrument:", "twinning",
                 "instrument: warning: twinning is an outdated form; consider 'partnership' or 'cooperation'"),
    "no migrant organisation": ([("category: diaspora_association", "category: cso")],
                                "stakeholders:", "-",
                                "stakeholders: warning: no migrant or diaspora organisation among the stakeholders"),
    "no mid-term review": ([("  midterm_review: 2028-06-30\n", "")], "reporting: semiannual", "reporting",
                           "monitoring: warning: no mid-term review is planned (monitoring.midterm_review)"),
    "open data off": ([("open_data: true", "open_data: false")], "open_data: false", "false",
                      "monitoring.open_data: warning: monitoring data will not be published as open "
                      "data (open_data: true)"),
    "people not disaggregated": ([("    disaggregation: [sex, location]", "")], "unit: people", "people",
                                 "indicators[0].unit: warning: this indicator counts people but has no "
                                 "disaggregation (sex, age, origin, migration_status…)"),
}


@pytest.mark.parametrize("name", WARNINGS)
def test_warning(name, write_spec, base_text):
    pairs, needle, token, message = WARNINGS[name]
    text = mutate(base_text, *pairs)
    found = problems(write_spec, text)
    if needle == "stakeholders:":
        line = line_of(text, "stakeholders:", 1)
        location = f"{line + 1}:3"
    else:
        location = where(text, needle, token)
    assert f"{location}: {message}" in found, "\n".join(found)
    checked = api.check(write_spec(text), today=TODAY)
    assert checked.errors == [] and not checked.failed() and checked.failed(strict=True)


def test_the_schema_is_one_cerberus_accepts_as_written():
    """Validation leaves out Cerberus's check of the schema's own rules (most of the time of
    a first validation in a process): the schema must pass that check and need no expanding."""
    for schema in (SCHEMA, LIGHT_SCHEMA):
        DefinitionSchema(SpecValidator(), copy.deepcopy(schema))  # SchemaError when a rule is wrong
        assert DefinitionSchema.expand(copy.deepcopy(schema)) == schema


def test_missing_fields_of_one_mapping_come_in_the_schema_order_whatever_the_hash_seed(write_spec, base_text):
    """Cerberus finds missing fields through a set, whose order changes with each run's hash
    seed: the messages at one place come in the order of the reference instead."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    text = mutate(base_text, ("    name: City of Aville\n    short_name: Aville\n    type: municipality"
                              "            # municipality, region, province, department, governorate…\n"
                              '    country: "FR"                 # ISO code, in quotes\n', ""),
                  ("kind: agreement\n", ""), ("instrument: memorandum ", "unknown: x "))
    path = write_spec(text)
    script = ("import sys\nfrom mou_builder import api\n"
              "print('\\n'.join(p.format() for p in api.check(sys.argv[1]).problems if p.key == 'required'))")
    runs = []
    for seed in ("1", "2", "3"):
        result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                                env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}, timeout=120)
        assert result.returncode == 0, result.stderr
        runs.append([line.removeprefix(f"{path}:") for line in result.stdout.splitlines()])
    top, party = where(text, "format: mou/1", "format"), where(text, "  - id: city-a", "id")
    assert runs[0] == [f"{top}: kind: required field is missing", f"{top}: instrument: required field is missing",
                       f"{party}: parties[0].name: required field is missing",
                       f"{party}: parties[0].type: required field is missing",
                       f"{party}: parties[0].country: required field is missing"]
    assert runs[1] == runs[0] and runs[2] == runs[0]


def test_an_unknown_language_is_one_error_not_one_per_text(write_spec):
    from conftest import SPECS

    five = (SPECS / "light-five-languages.yaml").read_text(encoding="utf-8")
    text = mutate(five, ("languages: [fr, es, it, pt, ar]", "languages: [fr, es, it, pt, ar, xx]"))
    found = problems(write_spec, text)
    assert [p for p in found if "'xx'" in p] == [
        f"{where(text, 'languages: [fr', 'xx')}: languages[5]: 'xx' is not one of: fr, en, es, it, pt, ar, ca"]
    assert not [p for p in found if "text is missing" in p]

"""Fields for agreements that are not between two local authorities alone: associations and
other bodies as parties, mandates, seats, names in several scripts, light instruments."""
from __future__ import annotations

import yaml

from conftest import TODAY, line_of
from mou_builder import api, model


def checked(write_spec, text):
    path = write_spec(text)
    return path, api.check(path, today=TODAY)


def lines(path, found, lang="en"):
    return [p.format(lang).removeprefix(f"{path}:") for p in found.problems
            if p.key != "steps_before_signature"]  # the legal library's notes: test_steps.py


ASSOCIATION = """  - id: fed
    name: {en: Federation of Beetown associations in Aville}
    type: association
    category: diaspora_association
    country: "FR"
    seat: Aville
    represented_by:
      name: Second Person
      title: president
      gender: f
      authority: article 12 of its statutes
      mandate: {body: board, number: "2026-07", date: 2026-11-03}
    departments:
      - {id: fed-office, name: Federation office, role: cooperation}
"""


def with_third_party(text):
    """The base spec with an association as a third party, wired into plans, unit and chairs."""
    text = text.replace("history:\n", ASSOCIATION + "\nhistory:\n", 1)
    data = yaml.safe_load(text)
    assert [p["id"] for p in data["parties"]][-1] == "fed", "fixture changed"
    text = text.replace("    members: [a-ir, b-coop]", "    members: [a-ir, b-coop, fed-office]")
    text = text.replace("      city-b: the President of the Municipality\n",
                        "      city-b: the President of the Municipality\n      fed: the President of the Federation\n")
    return text


def test_an_association_signs_as_a_party(write_spec, base_text):
    text = with_third_party(base_text)
    text = text.replace("    - {party: city-b, plan:", "    - {party: fed, plan: Federation action plan}\n"
                        "    - {party: city-b, plan:", 1)
    path, found = checked(write_spec, text)
    errors = [p for p in lines(path, found) if "warning" not in p and "note" not in p]
    assert not [e for e in errors if "fed" in e or "parties[2]" in e], errors
    agreement = model.build(found.source.data, str(path), TODAY)
    fed = agreement.party("fed")
    assert (fed.type, fed.category, fed.seat.get("en")) == ("association", "diaspora_association", "Aville")
    assert fed.representative.mandate.body == "board" and fed.representative.mandate.number == "2026-07"


def test_other_type_needs_its_description(write_spec, base_text):
    text = base_text.replace("    type: municipality            #", "    type: other            #", 1)
    path, found = checked(write_spec, text)
    line = line_of(text, "type: other")
    assert f"{line}:11: parties[0].type: with type 'other', say what the party is in 'type_text'" \
        in lines(path, found)
    assert f"{line}:11: parties[0].type: avec le type « other », précisez la nature de la partie " \
           f"dans « type_text »" in lines(path, found, "fr")


def test_a_council_mandate_needs_the_council(write_spec, base_text):
    text = base_text.replace(
        "      authority: the law that empowers the mayor to sign international agreements\n",
        "      authority: the law that empowers the mayor to sign international agreements\n"
        "      mandate: {body: council, number: \"2026-114\", date: 2026-05-12}\n", 1)
    path, found = checked(write_spec, text)
    line = line_of(text, "mandate: {body: council")
    message = lines(path, found)
    assert any(m.startswith(f"{line}:23: parties[0].represented_by.mandate.body: the mandate comes from "
                            "the council, but the party has no 'council'") for m in message), message
    # naming the council fixes it
    fixed = text.replace("    short_name: Aville\n", "    short_name: Aville\n    council: Aville City Council\n", 1)
    path, found = checked(write_spec, fixed)
    assert not [m for m in lines(path, found) if "mandate" in m]


def test_names_in_two_scripts_and_months_for_reviews(write_spec, base_text):
    text = base_text.replace("languages: [en]", "languages: [en, ar]", 1)
    path, found = checked(write_spec, text)
    assert not [p for p in found.errors if "represented_by.name" in p.path]
    text = base_text.replace("      name: First Name Last Name\n      title: president",
                             "      name: {en: Mohamed Trabelsi}\n      title: president", 1)
    text = text.replace("midterm_review: ", "midterm_review: 2028-01 #", 1)
    path, found = checked(write_spec, text)
    assert found.errors == [], lines(path, found)
    agreement = model.build(found.source.data, str(path), TODAY)
    assert agreement.party("city-b").representative.name.get("en") == "Mohamed Trabelsi"
    review = agreement.monitoring.midterm_review
    assert (review.date.isoformat(), review.month) == ("2028-01-01", True)


LIGHT = """format: mou/1
id: aville-beetown-intent
kind: agreement
instrument: declaration_of_intent
languages: [en]
signing: {place: city-a, date: 2027-01-15}
parties:
  - id: city-a
    name: City of Aville
    type: municipality
    country: "FR"
    represented_by: {name: First Person, title: mayor}
  - id: city-b
    name: Municipality of Beetown
    type: municipality
    country: "TN"
    represented_by: {name: Second Person, title: president}
purpose:
  objective: prepare a partnership on the reception of migrants
  areas: {social_development: [social_services]}
preparation: {within_months: 9, lead: city-b}
duration: {years: 1}
"""


def test_a_declaration_of_intent_needs_only_the_frame(write_spec):
    path, found = checked(write_spec, LIGHT)
    assert not found.failed(strict=True), lines(path, found)
    notes = lines(path, found)
    assert notes == [f"{line_of(LIGHT, 'instrument:')}:13: instrument: note: a declaration_of_intent can "
                     "leave for the full agreement: actions, results, indicators, stakeholders, monitoring, "
                     "coherence, sdg, governance; the document commits the parties to prepare them"]
    agreement = model.build(found.source.data, str(path), TODAY)
    assert agreement.light and agreement.preparation.within_months == 9
    assert agreement.actions == () and agreement.governance is None and agreement.monitoring is None


def test_preparation_belongs_to_light_instruments(write_spec, base_text):
    text = base_text.replace("kind: agreement\n", "kind: agreement\npreparation: {within_months: 6}\n", 1)
    path, found = checked(write_spec, text)
    line = line_of(text, "preparation:")
    assert any(m.startswith(f"{line}:14: preparation: 'preparation' belongs to a declaration of intent")
               for m in lines(path, found)), lines(path, found)

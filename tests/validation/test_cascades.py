"""The root cause first, without its consequences: one mistake gives one message."""
from __future__ import annotations

import datetime as dt

from conftest import TODAY
from mou_builder import api


def problems(spec, today=TODAY):
    return [(p.path, p.key) for p in api.check(spec, today=today).errors]


def test_an_invalid_signing_date_does_not_make_dates_count_from_today(write_spec, base_text):
    text = base_text.replace("date: 2027-01-15", "date: 15/01/2027", 1)
    # counted from an early "today", the agreement would end before its actions
    assert problems(write_spec(text), today=dt.date(2020, 1, 1)) == [("signing.date", "bad_day")]


def test_a_misspelt_collection_is_one_message_with_its_right_name(write_spec, base_text):
    spec = write_spec(base_text.replace("\nstakeholders:", "\nstakeholder:", 1))
    errors = api.check(spec, today=TODAY).errors
    assert [(p.path, p.key) for p in errors] == [("stakeholder", "unknown_field")]
    assert errors[0].format().endswith("unknown field 'stakeholder' (did you mean 'stakeholders'?)")


def test_a_record_without_id_does_not_make_every_reference_to_it_wrong(write_spec, base_text):
    text = base_text.replace("  - id: diaspora-assoc\n", "  - \n", 1)
    assert "  - id: diaspora-assoc" in base_text
    found = problems(write_spec(text))
    assert ("stakeholders[0].id", "required") in found
    assert not [key for _, key in found if key == "unknown_ref"]


def test_a_country_or_currency_mistake_is_reported_once(write_spec, base_text):
    text = base_text.replace('country: "FR"', 'country: "fr"', 1)
    assert problems(write_spec(text)) == [("parties[0].country", "bad_country_form")]

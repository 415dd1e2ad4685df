"""The starter shows the new fields as commented options; uncommented, they validate too."""
from __future__ import annotations

import re

import pytest

from conftest import TODAY
from mou_builder import api
from mou_builder.library import starter

OPTION = re.compile(r"^(\s*)# ((?:separately|legal_bases|seat|council|mandate): )", re.M)
BASIS = re.compile(r"^#(   - )", re.M)  # the example item under legal_bases
PARTY = re.compile(r"^  # - id: fed.*?(?=^\S)", re.M | re.S)  # the commented association party


def uncomment(text: str, association: bool) -> str:
    """The starter with its commented options written out (and the association party, if asked)."""
    text = BASIS.sub(r" \1", OPTION.sub(r"\1\2", text))
    block = PARTY.search(text).group(0)
    party = "\n".join(line[:2] + line[4:] for line in block.splitlines()) + "\n"
    return text.replace(block, party if association else "")


@pytest.mark.parametrize("lang", starter.LANGUAGES)
def test_the_starter_lists_the_new_fields_and_validates_as_written(lang, write_spec):
    text = starter.text(lang, TODAY)
    for option in ("# separately: true", "# legal_bases:", "# seat:", "# council:", "# mandate: {body: council",
                   "#   type: association", "#   category: diaspora_association", "declaration_of_intent"):
        assert option in text, option
    assert not api.check(write_spec(text), today=TODAY).failed(strict=True)


@pytest.mark.parametrize("lang", starter.LANGUAGES)
def test_the_options_uncommented_validate(lang, write_spec):
    text = uncomment(starter.text(lang, TODAY), association=False)
    assert "\n  separately: true" in text and "\n      mandate: {body: council" in text
    checked = api.check(write_spec(text), today=TODAY)
    assert not checked.failed(strict=True), [p.format() for p in checked.problems]


@pytest.mark.parametrize("lang", starter.LANGUAGES)
def test_the_association_party_validates_once_given_its_plan_and_department(lang, write_spec):
    text = uncomment(starter.text(lang, TODAY), association=True)
    checked = api.check(write_spec(text), today=TODAY)
    keys = sorted(p.key for p in checked.errors)
    assert keys == ["co_chair_missing", "party_not_in_unit", "party_without_plan"], keys  # what the comment says
    text = re.sub(r"(\n  plans:[^\n]*\n)", r"\1    - {party: fed, plan: Programme}\n", text)
    text = re.sub(r"(members: \[[^\]]*)\]", r"\1, fed-office]", text, count=1)
    text = re.sub(r"(co_chairs:[^\n]*\n(?:      .*\n)+)", r"\1      fed: President\n", text, count=1)
    checked = api.check(write_spec(text), today=TODAY)
    assert not checked.failed(), [p.format() for p in checked.problems]

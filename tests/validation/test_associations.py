"""An association that signs as a party: it counts as a migrant or diaspora organisation, takes
part in the stakeholders article, and the rules for authorities (a plan, a department in the
management unit) hold for it too."""
from __future__ import annotations

from conftest import TODAY, build_lines
from mou_builder import api
from validation.test_spec_fields import with_third_party

NO_DIASPORA = ("category: diaspora_association\n    based_in", "category: university\n    based_in")
PLAN = ("    - {party: city-b, plan:", "    - {party: fed, plan: Federation action plan}\n    - {party: city-b, plan:")


def keys(path, lang="en"):
    checked = api.check(path, today=TODAY)
    return checked, {(p.key, p.format(lang).split(": ", 2)[1]) for p in checked.problems if p.severity != "info"}


def test_a_diaspora_federation_party_counts_for_the_warning(write_spec, base_text):
    alone = base_text.replace(*NO_DIASPORA)
    _, found = keys(write_spec(alone))
    assert ("no_migrant_stakeholder", "stakeholders") in found
    _, found = keys(write_spec(with_third_party(alone).replace(*PLAN, 1)))
    assert not {k for k, _ in found} & {"no_migrant_stakeholder"}, found


def test_the_rules_for_authorities_hold_for_an_association(write_spec, base_text):
    text = with_third_party(base_text).replace("    members: [a-ir, b-coop, fed-office]", "    members: [a-ir, b-coop]")
    checked, _ = keys(write_spec(text))
    messages = [p.format("en") for p in checked.errors]
    assert any("party 'fed' has no development plan" in m for m in messages), messages
    assert any("management_unit.members" in m and "'fed'" in m for m in messages), messages
    french = [p.format("fr") for p in checked.errors]
    assert any("la partie « fed » n'a pas de plan de développement" in m for m in french), french


def test_the_stakeholders_article_names_the_association(write_spec, base_text, tmp_path):
    text = with_third_party(base_text.replace(*NO_DIASPORA)).replace(*PLAN, 1)
    lines = build_lines(write_spec(text), tmp_path)["city-a-city-b.docx"]
    start = next(i for i, line in enumerate(lines) if line.endswith("– Participation of stakeholders"))
    article = lines[start:start + 6]
    assert "diaspora association: Federation of Beetown associations in Aville, which takes part in " \
           "the design and the implementation of the actions;" in article, article
    assert not any("undertake to involve migrant and diaspora organisations" in line for line in article)

"""Light instruments (declaration of intent, twinning): a short document from the required
fields alone, and whatever else the spec gives, used as in a full agreement."""
from __future__ import annotations

import re

import pytest

from conftest import SPECS, TODAY, build_lines
from mou_builder import api
from validation.test_spec_fields import LIGHT

FIVE = SPECS / "light-five-languages.yaml"
HEADING = re.compile(r"^(Article|Artículo|Articolo|Artigo|المادة) \S+ – ")


def headings(lines):
    return [HEADING.sub("", line) for line in lines if HEADING.match(line)]


def test_a_declaration_from_the_required_fields_alone(write_spec, tmp_path):
    lines = build_lines(write_spec(LIGHT), tmp_path)["aville-beetown-intent.docx"]
    assert headings(lines) == ["Purpose", "Preparation of the partnership agreement",
                               "Duration, entry into force and amendment"]
    assert not any(line.startswith("Annex") for line in lines)
    text = "\n".join(lines)
    assert "within nine (9) months of the signature of the Declaration, a full partnership agreement, " \
           "coordinated by the Municipality of Beetown." in text
    for part in ("the planned actions and their calendar;", "the monitoring indicators, with their baselines",
                 "the budget and its funding;", "the steering committee, the management unit and the departments "
                 "in charge of the partnership."):
        assert part in text
    assert lines[-1] == "For the City of Aville, / Mayor of Aville / First Person | For the Municipality of Beetown, / " \
                        "President of the Municipality of Beetown / Second Person"


ACTIONS = """actions:
  - id: a1
    title: Joint study visit
    type: study_visit
    area: social_development
    lead: city-b
    start: 2027-03
    end: 2027-05
    indicators: [i1]
indicators:
  - {id: i1, name: Staff trained, unit: officials, baseline: 0, target: 10, due: 2027-06,
     source: attendance lists, disaggregation: [sex]}
"""


def test_whatever_else_the_spec_gives_is_used(write_spec, tmp_path):
    text = LIGHT.replace("preparation:", ACTIONS + "preparation:")
    lines = build_lines(write_spec(text), tmp_path)["aville-beetown-intent.docx"]
    assert headings(lines)[:3] == ["Purpose", "Preparation of the partnership agreement", "Planned actions"]
    assert "Annex 1 – Action plan" in lines and "Annex 2 – Monitoring indicators" in lines
    assert "Annex 3 – Calendar" in lines  # derived from the actions' dates, as in a full agreement
    assert not any("Budget" in line for line in lines if line.startswith("Annex"))
    text = "\n".join(lines)
    assert "the planned actions and their calendar" not in text and "the monitoring indicators" not in text
    assert "steering committee provided for" not in text  # no governance to refer to yet
    assert "the budget and its funding;" in text


def test_a_twinning_commits_to_twelve_months_by_default(write_spec, tmp_path):
    text = LIGHT.replace("instrument: declaration_of_intent", "instrument: twinning").replace(
        "preparation: {within_months: 9, lead: city-b}\n", "")
    checked = api.check(write_spec(text), today=TODAY)
    assert [p.key for p in checked.warnings] == ["twinning_outdated"]
    lines = build_lines(write_spec(text), tmp_path)["aville-beetown-intent.docx"]
    assert "within twelve (12) months of the signature of the Agreement, a full partnership agreement." \
           in "\n".join(lines)


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    out = tmp_path_factory.mktemp("five")
    return {p.stem.rsplit("-", 1)[1]: "\n".join(__import__("conftest").textdump.lines(p))
            .replace("\u00a0", " ").replace("’", "'")  # French typography undone: the words
            for p in api.build(FIVE, out, today=TODAY)}


@pytest.mark.parametrize("lang,sentences", [
    ("fr", ["La présente déclaration d'intention est conclue à Aville, le 15 janvier 2027, entre :",
            "La présente déclaration d'intention est ci-après dénommée « la Déclaration ».",
            "La présente Déclaration entre en vigueur à la date de sa signature. Elle est conclue pour un (1) an",
            "dans un délai de neuf (9) mois à compter de la signature de la Déclaration, un accord de partenariat "
            "complet, sous la coordination de Beetown."]),
    ("es", ["La presente declaración de intenciones se suscribe en Aville",
            "que forman parte integrante de la presente Declaración.",
            "en un plazo de nueve (9) meses a partir de la firma de la Declaración"]),
    ("it", ["La presente dichiarazione d'intenti è conclusa ad Aville", "è di seguito denominata «la Dichiarazione»",
            "Essa è conclusa per un (1) anno", "entro nove (9) mesi dalla firma della Dichiarazione"]),
    ("pt", ["A presente declaração de intenções é celebrada em Aville", "É celebrada por um período de um (1) ano",
            "fazem parte integrante da presente Declaração.", "a contar da assinatura da Declaração"]),
    ("ar", ["أُبرمت وثيقة إعلان النوايا هذه في أفيل", "تدخل هذه الوثيقة حيز النفاذ", "في أجل تسعة (9) أشهر"]),
])
def test_every_language_agrees_with_the_declaration(five, lang, sentences):
    for sentence in sentences:
        assert sentence in five[lang], (lang, sentence)
    assert "présent Déclaration" not in five[lang] and "presente Dichiarazione è concluso" not in five[lang]


def test_a_spec_signed_separately_validates_and_builds(write_spec, base_text, tmp_path):
    text = base_text.replace("  originals: 2\n", "  originals: 2\n  separately: true\n", 1)
    path = write_spec(text)
    assert not api.check(path, today=TODAY).failed(strict=True)
    lines = build_lines(path, tmp_path)["city-a-city-b.docx"]
    assert any(line.startswith("For the City of Aville, / Mayor of Aville / Ms First Name Last Name / "
                               "Done at Aville on ____") for line in lines)


def test_the_json_schema_needs_the_full_parts_only_from_a_full_agreement():
    import json

    import jsonschema
    import yaml

    from mou_builder.validation import json_schema

    validator = jsonschema.Draft202012Validator(json.loads(json_schema.shipped()))
    light = json_schema.as_json_data(yaml.safe_load(LIGHT))
    assert list(validator.iter_errors(light)) == []
    full = {**light, "instrument": "memorandum"}
    assert {e.message for e in validator.iter_errors(full)} >= {"'actions' is a required property",
                                                                 "'governance' is a required property"}


def test_every_optional_clause_fits_a_declaration(write_spec, tmp_path, library):
    optional = sorted(library.optional_ids())
    text = LIGHT + f"clauses: {{include: [{', '.join(optional)}]}}\n"
    lines = build_lines(write_spec(text), tmp_path)["aville-beetown-intent.docx"]
    assert len(headings(lines)) == 3 + len(optional)

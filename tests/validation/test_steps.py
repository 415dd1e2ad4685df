"""`mou validate` lists the steps each party's country requires before signature, as notes."""
from __future__ import annotations

from click.testing import CliRunner

from conftest import TODAY, line_of
from mou_builder.cli import main
from mou_builder import api
from mou_builder.validation import load, rules


def notes(path, lang="en"):
    checked = api.check(path, today=TODAY)
    return checked, [p.format(lang).removeprefix(f"{path}:") for p in checked.problems
                     if p.key == "steps_before_signature"]


def test_each_party_gets_its_countrys_steps_at_its_country_line(write_spec, base_text):
    path = write_spec(base_text)
    checked, found = notes(path)
    assert not checked.failed(strict=True)  # notes never fail, not even with --strict
    aville, beetown = line_of(base_text, 'country: "FR"'), line_of(base_text, 'country: "TN"')
    assert found[0].startswith(f"{aville}:14: parties[0].country: note: before signature, for Aville (FR):\n    1. ")
    assert "sent to the prefect" in found[0] and "art. L. 1115-5; to be checked by a lawyer]" in found[0]
    assert found[1].startswith(f"{beetown}:14: parties[1].country: note: before signature, for Beetown (TN):")
    assert "at least two months before the council votes" in found[1]
    assert "code des collectivités locales, art. 40" in found[1]
    _, french = notes(path, "fr")
    assert french[1].startswith(f"{beetown}:14: parties[1].country: remarque : avant la signature, "
                                "pour Beetown (TN) :\n    1. ")
    assert "deux mois au moins avant son approbation par le conseil" in french[1]
    assert "à faire vérifier par un juriste]" in french[1]


def test_morocco_spain_and_a_party_without_steps(write_spec, base_text):
    text = base_text.replace('country: "TN"', 'country: "MA"').replace('country: "FR"', 'country: "ES"')
    _, found = notes(write_spec(text))
    assert "visa of the governor of the prefecture or province" in found[1]
    assert "Asesoría Jurídica Internacional" in found[0]
    association = text.replace("    type: municipality\n    country: \"MA\"",
                               "    type: association\n    category: diaspora_association\n    country: \"MA\"")
    _, found = notes(write_spec(association))
    assert len(found) == 1 and "(ES)" in found[0]  # the association has no steps of its own


def test_without_a_library_there_are_no_steps(write_spec, base_text):
    source = load(write_spec(base_text))
    assert [p for p in rules.check(source, None, TODAY) if p.key == "steps_before_signature"] == []


def test_validate_prints_the_steps(write_spec, base_text):
    result = CliRunner().invoke(main, ["validate", "--lang", "fr", str(write_spec(base_text))])
    assert result.exit_code == 0
    assert "remarque : avant la signature, pour Aville (FR) :" in result.stderr
    assert "transmise au préfet" in result.stderr

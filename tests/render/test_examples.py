"""The three examples of real agreement forms: an association as a third party with a budget
in a currency without decimals, a declaration of intent in two languages, a Belgian–Moroccan
memorandum. Built and read back as a reader would."""
from __future__ import annotations

import pytest

from conftest import AGREEMENTS, TODAY
from mou_builder import api
from mou_builder.render import readback


@pytest.fixture(scope="module")
def text(tmp_path_factory):
    out = tmp_path_factory.mktemp("forms")
    docs = {}
    for name in ("montreuil-yelimane", "almeria-nador-intent", "schaerbeek-alhoceima"):
        for path in api.build(AGREEMENTS / f"{name}.yaml", out, today=TODAY):
            # the words as they read: French typography (no-break spaces, ’) undone
            docs[path.stem] = [line.replace("\u00a0", " ").replace("’", "'") for line in readback.lines(path)]
    return docs


def test_three_signatories_one_an_association_and_cfa_francs_without_decimals(text):
    lines = text["montreuil-yelimane-2026"]
    assert lines
    assert "Pour la Ville de Montreuil, / Maire de Montreuil / Mme Hélène Marchetti | Pour la Commune de " \
           "Yélimané, / Maire de Yélimané / M. Bakary Sissoko | Pour la Fédération des associations de " \
           "ressortissants de Yélimané en France, / Président de la Fédération des associations de " \
           "ressortissants de Yélimané en France / M. Mamadou Traoré" in lines
    assert any(line.startswith("la Fédération des associations de ressortissants de Yélimané en France (France), "
                               "représentée par le Président de la Fédération des associations de ressortissants "
                               "de Yélimané en France, M. Mamadou Traoré, agissant en vertu de l'article 12 "
                               "de ses statuts") for line in lines)
    assert "XOF | 76\u202f593\u202f100 XOF | 5\u202f750\u202f000 XOF" in lines
    amounts = [line for line in lines if "XOF" in line]
    assert amounts and not any(",00" in line for line in amounts)  # no decimals for the CFA franc
    assert "association de la diaspora : Fédération des associations de ressortissants de Yélimané en France, " \
           "qui participe à la conception et à la mise en œuvre des actions ;" in lines
    assert "Vu le code général des collectivités territoriales, notamment ses articles L. 1115-1 et suivants ;" in lines


def test_the_declaration_of_intent_is_short_and_in_two_columns(text):
    lines = text["almeria-nador-intent-2026"]
    headings = [line for line in lines if line.startswith("Artículo ")]
    assert [h.split(" / ")[0] for h in headings] == [
        "Artículo 1 – Objeto", "Artículo 2 – Preparación del acuerdo de asociación",
        "Artículo 3 – Duración, entrada en vigor y modificación", "Artículo 4 – Naturaleza jurídica",
        "Artículo 5 – Idiomas"]
    assert not any("Anexo" in line or "Annexe" in line for line in lines)
    both = "\n".join(lines)
    assert "en un plazo de doce (12) meses a partir de la firma de la Declaración" in both
    assert "dans un délai de douze (12) mois à compter de la signature de la Déclaration" in both
    assert "La présente Déclaration exprime l'intention commune des Parties. Elle ne crée" in both
    assert "Visto lo dispuesto en la Ley 25/2014, de 27 de noviembre" in both
    assert "Vu le dahir n° 1-15-85 du 20 ramadan 1436 (7 juillet 2015)" in both


def test_the_bourgmestre_and_the_president_of_the_communal_council_sign(text):
    fr, ar = text["schaerbeek-alhoceima-2027-fr"], text["schaerbeek-alhoceima-2027-ar"]
    assert "Pour la Commune de Schaerbeek, / Bourgmestre / Mme Claire Vandenberghe | " \
           "Pour la Commune d'Al Hoceima, / Président du conseil communal / M. Rachid Boudaoud" in fr
    assert fr[fr.index("Les Parties,") + 1:][:3] == [
        "Vu la Constitution belge, notamment ses articles 41 et 162 ;",
        "Vu le dahir n° 1-15-85 du 20 ramadan 1436 (7 juillet 2015) portant promulgation de la loi organique "
        "n° 113-14 relative aux communes ;",
        "Vu la Nouvelle loi communale (Région de Bruxelles-Capitale), notamment son article 117 ;"]
    assert any(line.startswith("بناءً على الدستور البلجيكي") for line in ar)
    assert any("عمدة البلدية" in line and "رئيس المجلس الجماعي" in line for line in ar)  # the signature block

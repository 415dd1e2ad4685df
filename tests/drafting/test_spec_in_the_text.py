"""What the spec says is what the document says: parties with their article, title with
its body, mandate and seat; signatures per party when they sign separately; the
non-binding article whenever binding is false; descriptions, deliverables and roles;
a milestone given as a day keeps its day."""
from __future__ import annotations

import yaml

from conftest import BASE, TODAY
from mou_builder import api
from mou_builder.render import readback


def build_text(tmp_path, edit, name="spec"):
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    paths = api.build(path, tmp_path / name, today=TODAY)
    return readback.text(paths[0]).replace("\u00a0", " ")


def french_parties(d):
    d["languages"] = ["fr"]
    a, b = d["parties"]
    a.update(name="Commune de Schaerbeek", short_name="Schaerbeek", country="BE", seat="Schaerbeek",
             council="Conseil communal de Schaerbeek")
    a["represented_by"].update(title="mayor", gender="m", name="Jean Dupont",
                               authority="la nouvelle loi communale, notamment son article 123",
                               mandate={"body": "council", "number": "2026-114", "date": "2026-05-12"})
    b.update(name="Commune d'Al Hoceima", short_name="Al Hoceima", country="MA")
    b["represented_by"].update(title="president", gender="f", name="Amina Idrissi")


def test_the_opening_names_each_party_with_article_title_authority_and_mandate(tmp_path):
    text = build_text(tmp_path, french_parties)
    assert ("la Commune de Schaerbeek (Belgique), représentée par le Bourgmestre de Schaerbeek, "
            "M. Jean Dupont, agissant en vertu de la nouvelle loi communale, notamment son article 123, "
            "dûment habilité par délibération du Conseil communal de Schaerbeek n° 2026-114 du "
            "12 mai 2026, ci-après « Schaerbeek », d’une part,") in text
    assert ("et la Commune d’Al Hoceima (Maroc), représentée par la Présidente du conseil communal "
            "d’Al Hoceima, Mme Amina Idrissi, dûment habilitée à cet effet, ci-après « Al Hoceima », "
            "d’autre part,") in text
    assert "est conclu à Schaerbeek, le 15 janvier 2027, entre :" in text
    assert "Fait à Schaerbeek, le 15 janvier 2027," in text
    assert ("Pour la Commune de Schaerbeek, / Bourgmestre de Schaerbeek / M. Jean Dupont | "
            "Pour la Commune d’Al Hoceima, / Présidente du conseil communal d’Al Hoceima / "
            "Mme Amina Idrissi") in text
    assert "Commune de Schaerbeek, le" not in text and "Fait à Commune" not in text


def test_parties_that_sign_separately_each_have_their_place_and_date_line(tmp_path):
    def edit(d):
        french_parties(d)
        d["signing"] = {"place": "city-a", "separately": True, "originals": 2}
        d["monitoring"]["final_evaluation"] = "2029-06-30"
    text = build_text(tmp_path, edit)
    assert "Le présent protocole d’accord est conclu entre :" in text
    assert "Fait en deux (2) exemplaires originaux, en langue française." in text
    assert ("M. Jean Dupont / Fait à Schaerbeek, le ____________ | Pour la Commune d’Al Hoceima, / "
            "Présidente du conseil communal d’Al Hoceima / Mme Amina Idrissi / "
            "Fait à Al Hoceima, le ____________") in text


def test_a_non_binding_agreement_says_so_even_when_the_clause_is_not_listed(tmp_path):
    def edit(d):
        d["clauses"]["include"] = ["dispute_settlement"]
    text = build_text(tmp_path, edit)
    assert "Article 12 – Legal nature" in text or "– Legal nature" in text
    assert "It creates no legal obligation between them" in text
    assert "no financial commitment beyond the appropriations that the council of each Party votes" in text
    assert text.count("– Legal nature") == 1

    def binding(d):
        d["clauses"]["include"] = ["dispute_settlement"]
        d["duration"]["binding"] = True
    assert "Legal nature" not in build_text(tmp_path, binding, "binding")


def test_descriptions_deliverables_roles_and_days_are_printed(tmp_path):
    def edit(d):
        action = d["actions"][0]
        action["description"] = "Four joint training sessions for the staff of both cities."
        action["deliverables"] = ["A joint reception guide", "a training report."]
        d["stakeholders"][0]["roles"] = ["monitoring", "expertise"]
        d["calendar"] = {"milestones": [{"id": "m1", "name": "First committee meeting", "date": "2027-03-15"},
                                        {"id": "m2", "name": "Mid-term review", "date": "2028-06"}]}
    text = build_text(tmp_path, edit)
    assert ("action 1: Exchange programme for reception staff, led by Aville (March 2027 – December 2027), "
            "comprising: four joint training sessions for the staff of both cities (deliverables: a joint "
            "reception guide and a training report);") in text or \
        ("comprising: four joint training sessions for the staff of both cities (deliverables: a joint "
         "reception guide and a training report).") in text
    assert "1. Exchange programme for reception staff – Four joint training sessions" in text
    assert "Four joint training sessions for the staff of both cities. Deliverables: A joint reception guide; a training report. |" in text
    assert "Beetown Diaspora Association, which takes part in the monitoring of the actions and brings " \
           "its expertise" in text
    assert "15 March 2027 | First committee meeting" in text
    assert "June 2028 | Mid-term review" in text

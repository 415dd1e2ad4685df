"""mou export iati: every example as an IATI 2.03 activity, valid and faithful to its spec."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import AGREEMENTS, EXAMPLES, SHARED, TODAY
from mou_builder import model, validation
from mou_builder.cli import main
from mou_builder.base.errors import MouError
from mou_builder.export import codelists, iati, portfolio
from validation.test_spec_fields import LIGHT as LIGHT_SPEC
from mou_builder.validation.vocabulary import AREAS, FUNDER_TYPES, PARTY_TYPES, STAKEHOLDER_CATEGORIES

XML = "{http://www.w3.org/XML/1998/namespace}lang"
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.timezone.utc)
PUB = iati.Publisher("XI-IATI-EXAMPLE", "Example network of cities", "11", "https://example.org/docs/", "pdf")


def export(targets=(AGREEMENTS,), today=TODAY, pub=PUB, library=None):
    data, notes = iati.export(list(targets), pub, today, NOW, library)
    return etree.fromstring(data), notes


def agreements(today=TODAY) -> dict:
    """The agreement each activity should describe: the version in effect on ``today``."""
    out = {}
    for path in EXAMPLES:
        a = model.build(validation.load(path).data, str(path), today)
        if a.revision is None or a.revision.date <= today:
            if a.id not in out or a.revision is not None:
                out[a.id] = a
    return out


@pytest.fixture(scope="module")
def exported():
    return export()


def activity(root, ident):
    return root.xpath(f"iati-activity[iati-identifier='XI-IATI-EXAMPLE-{ident}']")[0]


def test_the_export_of_every_example_is_valid_against_the_official_schema(exported):
    root, _ = exported
    shipped = etree.XMLSchema(etree.parse(str(codelists.SCHEMA)))
    shipped.assertValid(root)
    reference = SHARED / "iati-xsd" / "iati-activities-schema.xsd"
    if reference.is_file():  # the copy we ship is the official one, unchanged
        etree.XMLSchema(etree.parse(str(reference))).assertValid(root)
        assert codelists.SCHEMA.read_bytes() == reference.read_bytes()
    assert root.get("version") == "2.03"


def test_one_activity_per_agreement_revisions_merged(exported):
    root, notes = exported
    idents = [a.findtext("iati-identifier") for a in root.iter("iati-activity")]
    assert sorted(idents) == sorted(f"XI-IATI-EXAMPLE-{i}" for i in agreements())
    assert len(idents) == len(EXAMPLES) - 1  # the amendment is the Sfax–Lyon agreement, not another
    assert any("revision 1" in n and "sfax-lyon-2026" in n for n in notes)


def test_narratives_in_every_document_language(exported):
    root, _ = exported
    for ident, a in agreements().items():
        act = activity(root, ident)
        assert act.get(XML) == a.languages[0]
        for path in ("title", "description"):
            langs = [n.get(XML) for n in act.find(path).iter("narrative")]
            assert langs == list(a.languages), (ident, path)
        assert act.find("description/narrative").text == a.objective.get(a.languages[0])


def test_dates_and_status(exported):
    root, _ = exported
    sfax = activity(root, "sfax-lyon-2026")
    dates = {d.get("type"): d.get("iso-date") for d in sfax.iter("activity-date")}
    # signed on 25 June 2026 for three years, in force on the day fixed for the tests
    assert dates == {"1": "2026-06-25", "2": "2026-06-25", "3": "2029-06-24"}
    assert sfax.find("activity-status").get("code") == "2"
    granada = activity(root, "granada-irbid-2026")  # to be signed on 1 December 2026: a draft
    assert {d.get("type") for d in granada.iter("activity-date")} == {"1", "3"}
    assert granada.find("activity-status").get("code") == "1"
    toscana = activity(root, "toscana-kasserine")  # undated: planned from its first action
    first = min(x.start for x in agreements()["toscana-kasserine"].actions)
    assert toscana.find("activity-date[@type='1']").get("iso-date") == first.isoformat()


def test_an_expired_agreement_has_actual_dates_and_is_finalised():
    root, _ = export([AGREEMENTS / "sfax-lyon.yaml"], today=dt.date(2029, 7, 1))
    act = root.find("iati-activity")
    assert {d.get("type"): d.get("iso-date") for d in act.iter("activity-date")}["4"] == "2029-06-24"
    assert act.find("activity-status").get("code") == "3"


def test_a_revision_in_effect_replaces_its_agreement():
    today = dt.date(2027, 10, 1)
    root, notes = export([AGREEMENTS / "sfax-lyon.yaml", AGREEMENTS / "sfax-lyon-amendment-1.yaml"], today)
    acts = root.findall("iati-activity")
    assert len(acts) == 1 and not notes
    assert acts[0].find("activity-date[@type='3']").get("iso-date") == "2031-06-24"  # five years


def test_budgets_per_year_and_currency_equal_the_spec(exported):
    root, _ = exported
    for ident, a in agreements().items():
        act = activity(root, ident)
        found = defaultdict(Decimal)
        for b in act.iter("budget"):
            assert (b.get("type"), b.get("status")) == ("1", "1")
            start, end = b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date")
            assert start[:4] == end[:4] and start <= end
            value = b.find("value")
            assert value.get("value-date") == start
            found[(int(start[:4]), value.get("currency"))] += Decimal(value.text)
        expected = {}
        if a.budget:
            for line in a.budget.lines:
                expected[(line.year, line.currency)] = expected.get((line.year, line.currency), 0) + line.amount
        assert dict(found) == expected, ident
        if a.budget:
            assert act.get("default-currency") == a.budget.currency


def test_participants_with_their_roles_and_types(exported):
    root, _ = exported
    a = agreements()["sfax-lyon-2026"]
    orgs = [(o.get("role"), o.get("type"), o.findtext("narrative")) for o in
            activity(root, "sfax-lyon-2026").iter("participating-org")]
    assert ("2", "11", "Commune de Sfax") in orgs and ("2", "11", "Ville de Lyon") in orgs
    assert ("1", "10", "Fonds national d'appui à la coopération décentralisée") in orgs
    assert ("4", "22", "Association des Tunisiens de France & amis (section Rhône)") in orgs
    assert ("4", "80", "Université de Sfax") in orgs
    assert sum(1 for role, *_ in orgs if role == "2") == len(a.parties)
    assert sum(1 for role, *_ in orgs if role == "1") == len(a.budget.funders)


def test_sectors_share_100_percent_and_sdg_targets_are_tags(exported):
    root, _ = exported
    for ident, a in agreements().items():
        act = activity(root, ident)
        shares = [Decimal(s.get("percentage")) for s in act.iter("sector")]
        assert sum(shares) == 100 and all(s.get("vocabulary") == "1" for s in act.iter("sector"))
        assert [t.get("code") for t in act.iter("tag") if t.get("vocabulary") == "3"] == list(a.sdg_targets)
    codes = {s.get("code") for s in activity(root, "sfax-lyon-2026").iter("sector")}
    assert "15190" in codes  # migrant entrepreneurship, diaspora participation


def test_results_and_indicators_with_baseline_and_target(exported):
    root, _ = exported
    a = agreements()["sfax-lyon-2026"]
    results = activity(root, "sfax-lyon-2026").findall("result")
    assert len(results) == len(a.results)
    first = results[0].find("indicator")
    assert first.findtext("title/narrative") == "Agents formés"
    assert first.find("baseline").get("value") == "0" and first.find("baseline").get("year") == "2026"
    assert first.find("period/target").get("value") == "60"
    assert first.find("period/period-end").get("iso-date") == "2027-06-30"
    share = results[1].xpath("indicator[title/narrative='Part des projets portés par des femmes']")[0]
    assert share.get("measure") == "2"  # a percentage


def test_document_links_one_per_language(exported):
    root, _ = exported
    links = activity(root, "sfax-lyon-2026").findall("document-link")
    assert [link.get("url") for link in links] == ["https://example.org/docs/sfax-lyon-2026-fr.pdf",
                                                   "https://example.org/docs/sfax-lyon-2026-en.pdf"]
    assert [link.find("language").get("code") for link in links] == ["fr", "en"]
    assert all(link.find("category").get("code") == "A09" for link in links)
    parallel = activity(root, "sousse-montpellier-2026").findall("document-link")
    assert len(parallel) == 1 and [x.get("code") for x in parallel[0].iter("language")] == ["fr", "ar"]


def test_a_result_without_indicator_is_refused_naming_the_field(write_spec, base_text):
    path = write_spec(base_text.replace("    actions: [a1]\n\nindicators:", "    actions: []\n\nindicators:"))
    with pytest.raises(MouError, match=r"results\[0\]\.actions"):
        export([path])


def test_an_invalid_tree_is_refused_naming_the_spec_field(library):
    a = agreements()["sfax-lyon-2026"]
    root = etree.Element("iati-activities", version="2.03")
    act = iati.activity(a, PUB, library, TODAY)
    for narrative in act.find("title"):
        act.find("title").remove(narrative)
    root.append(act)
    with pytest.raises(MouError, match=r"XI-IATI-EXAMPLE-sfax-lyon-2026: title: .*narrative"):
        iati.validated(root)


def test_the_mapping_covers_the_spec_vocabulary_with_active_codes():
    table = codelists.mapping()  # raises when a code is not in its codelist
    assert set(table["sectors"]["areas"]) == set(AREAS)
    assert set(table["sectors"]["items"]) <= {i for items in AREAS.values() for i in items}
    assert set(table["party_types"]) == set(PARTY_TYPES)
    assert set(table["stakeholder_types"]) == set(STAKEHOLDER_CATEGORIES)
    assert set(table["funder_types"]) == set(FUNDER_TYPES)
    assert "15190" in codelists.codes("Sector") and "15120" not in codelists.codes("Sector")  # withdrawn


@pytest.mark.parametrize("ref, name, message", [
    ("", "X", "no reporting organisation"), ("my org", "X", "not an IATI organisation identifier"),
    ("XI-IATI-EX", "", "has no name")])
def test_publisher_settings_are_checked(ref, name, message):
    with pytest.raises(MouError, match=message):
        iati.Publisher(ref, name).check()


def test_an_invalid_spec_stops_the_export(write_spec, base_text):
    path = write_spec(base_text.replace("type: municipality", "type: village", 1))
    with pytest.raises(MouError, match="do not validate"):
        export([path])


def test_cli_reads_mou_toml_and_never_overwrites_a_foreign_file(tmp_path, monkeypatch):
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "sfax-lyon.yaml").write_bytes((AGREEMENTS / "sfax-lyon.yaml").read_bytes())
    (specs / "mou.toml").write_text('[iati]\nreporting-org = "XI-IATI-NET"\n'
                                    'reporting-org-name = "Réseau des villes"\n'
                                    'documents-url = "https://example.org/mou"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "activities.xml"
    run = lambda *extra: CliRunner().invoke(main, ["export", "iati", str(specs), "-o", str(out), *extra])  # noqa
    result = run()
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    assert root.findtext("iati-activity/iati-identifier") == "XI-IATI-NET-sfax-lyon-2026"
    assert root.findtext("iati-activity/reporting-org/narrative") == "Réseau des villes"
    assert run("--reporting-org", "XI-IATI-OTHER").exit_code == 0  # our own file: replaced
    assert "XI-IATI-OTHER-sfax-lyon-2026" in out.read_text(encoding="utf-8")
    out.write_text("<notes>mine</notes>", encoding="utf-8")
    refused = run()
    assert refused.exit_code == 1 and "was not written by" in refused.output
    assert out.read_text(encoding="utf-8") == "<notes>mine</notes>"
    assert run("--force").exit_code == 0 and iati.ours(out)


def test_portfolio_states():
    a = agreements()["sfax-lyon-2026"]
    assert [portfolio.state(a, d) for d in (dt.date(2026, 1, 1), dt.date(2026, 7, 1), dt.date(2030, 1, 1))] \
        == ["draft", "in_force", "expired"]
    assert Path(codelists.SCHEMA).parent.joinpath("NOTICE.md").read_text().count("Creative Commons") == 1


def test_an_agreement_that_keeps_its_data_closed_is_noted(write_spec, base_text):
    path = write_spec(base_text.replace("open_data: true", "open_data: false"))
    assert "open_data: false" in path.read_text(encoding="utf-8")
    _, notes = export([path])
    assert any("monitoring.open_data is false" in n for n in notes)


# the declaration of intent of the spec-field tests, signed, with an association as second party
LIGHT = LIGHT_SPEC.replace("date: 2027-01-15", "date: 2026-10-15").replace(
    "    name: Municipality of Beetown\n    type: municipality\n    country: \"TN\"\n",
    "    name: Association of Beetown people in Aville\n    type: association\n"
    "    category: diaspora_association\n    country: \"FR\"\n")


def test_a_declaration_of_intent_exports_with_its_frame_only(write_spec):
    assert "type: association" in LIGHT and "2026-10-15" in LIGHT
    root, _ = export([write_spec(LIGHT)])
    act = root.find("iati-activity")
    assert [(o.get("role"), o.get("type")) for o in act.iter("participating-org")] == [("2", "11"), ("2", "22")]
    assert act.find("activity-status").get("code") == "2" and act.find("result") is None
    assert [s.get("code") for s in act.iter("sector")] == ["16015"]
    assert act.find("activity-date[@type='3']").get("iso-date") == "2027-10-14"

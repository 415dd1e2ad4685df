"""mou report: the portfolio page, read back as HTML and looked at in a real browser."""
from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from decimal import Decimal

import pytest
from click.testing import CliRunner
from lxml import html

from conftest import AGREEMENTS, EXAMPLES, TODAY, need_program
from mou_builder import model, validation
from mou_builder.cli import main
from mou_builder.export import figures, report


def current(today=TODAY) -> dict:
    out = {}
    for path in EXAMPLES:
        a = model.build(validation.load(path).data, str(path), today)
        if a.revision is None and a.id not in out or a.revision is not None and a.revision.date <= today:
            out[a.id] = a
    return out


def page(targets=(AGREEMENTS,), lang="en", today=TODAY, library=None):
    return html.fromstring(report.render(list(targets), lang, today, library))


@pytest.fixture(scope="module")
def en(library):
    return page(library=library)


def _values(doc, currency, part):
    cells = doc.xpath(f"//div[@data-currency='{currency}']/div[@data-part='{part}']//tr[not(@class)]"
                      f"/td[@data-value]")
    return [Decimal(c.get("data-value")) for c in cells]


def test_every_agreement_once_with_its_revision(en):
    ids = en.xpath("//section[@id='agreements']//tbody/tr/@data-id")
    assert sorted(ids) == sorted(current())
    sfax = en.xpath("//tr[@data-id='sfax-lyon-2026']")[0].text_content()
    assert "amendment No. 1 planned on 15 September 2027" in sfax
    assert "in force" in sfax and "25 June 2026" in sfax and "24 June 2029" in sfax
    assert "Tunisia and France" in sfax and "memorandum of understanding" in sfax


def test_status_computed_against_today(library):
    later = page(today=dt.date(2027, 10, 1), library=library)
    sfax = later.xpath("//tr[@data-id='sfax-lyon-2026']")[0].text_content()
    assert "amendment No. 1 of 15 September 2027" in sfax and "24 June 2031" in sfax  # five years now
    states = {row.get("data-id"): row.xpath(".//span[contains(@class,'state')]/text()")[0]
              for row in page(today=dt.date(2032, 1, 1), library=library).xpath("//tbody/tr[@data-id]")}
    assert set(states.values()) == {"expired", "draft"}  # the undated one stays a draft
    assert states["toscana-kasserine"] == "draft"


def test_budget_sums_equal_the_specs_per_currency(en):
    expected = defaultdict(lambda: defaultdict(Decimal))
    for a in current().values():
        for line in a.budget.lines if a.budget else ():
            expected[line.currency][line.year] += line.amount
    assert sorted(en.xpath("//div[@data-currency]/@data-currency")) == sorted(expected)
    for currency, years in expected.items():
        total = sum(years.values())
        assert _values(en, currency, "year") == [years[y] for y in sorted(years)]
        assert sum(_values(en, currency, "sdg")) == total  # split, never counted twice
        assert sum(_values(en, currency, "funder_type")) == total
        shown = en.xpath(f"//div[@data-currency='{currency}']//tr[@class='total']/td/@data-value")
        assert {Decimal(v) for v in shown} == {total}


def test_sdg_attribution_goes_through_the_indicators_of_the_action():
    a = current()["sfax-lyon-2026"]
    table = figures.by_sdg([a])
    # a2 (indicators on 8.8 and 5.5): EUR 40,000 + 15,000 split in two; a1 (10.7): 30,000
    assert table["EUR"]["10.7"] == 30000 and table["EUR"]["8.8"] == table["EUR"]["5.5"] == Decimal("27500")
    assert figures.split(Decimal("100"), 3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_timeline_has_a_bar_per_agreement_and_action(en):
    bars = en.xpath("//section[@id='timeline']//*[local-name()='rect']")
    assert len(bars) == sum(1 + len(a.actions) for a in current().values())
    assert len(en.xpath("//*[local-name()='line'][contains(@class,'today')]")) == 1


def test_indicators_due_and_reviews_near(library):
    doc = page(today=dt.date(2027, 1, 15), library=library)
    due = [tr.text_content() for tr in doc.xpath("//section[@id='due']//tbody/tr")]
    assert any("Sfax – Lyon" in row and "Staff trained" in row and "June 2027" in row for row in due)
    assert all("2028" not in row for row in due)
    near = page(today=dt.date(2027, 7, 1), library=library)
    rows = [tr.text_content() for tr in near.xpath("//section[@id='near']//tbody/tr")]
    assert any("Sfax – Lyon" in r and "mid-term review" in r and "15 December 2027" in r for r in rows)


def test_french_page(library):
    doc = page(lang="fr", library=library)
    assert doc.get("lang") == "fr"
    assert doc.xpath("//h1/text()") == ["Portefeuille des accords de partenariat"]
    assert "protocole d'accord" in doc.xpath("//tr[@data-id='sfax-lyon-2026']")[0].text_content()
    assert "Budget par cible ODD (EUR)" in doc.text_content()


def test_values_from_specs_are_escaped_and_the_page_is_self_contained(write_spec, base_text, library):
    evil = "<script>alert(1)</script> & <b>"
    path = write_spec(base_text.replace("short_name: Aville", f'short_name: "{evil}"', 1))
    assert evil in path.read_text(encoding="utf-8")
    text = report.render([path], "en", TODAY, library)
    doc = html.fromstring(text)
    assert not doc.xpath("//script") and not doc.xpath("//b")
    assert evil in doc.text_content()
    assert not doc.xpath("//@src | //link | //@href")  # nothing to fetch


def test_invalid_specs_are_listed_not_fatal(tmp_path, library):
    (tmp_path / "good.yaml").write_bytes((AGREEMENTS / "sfax-lyon.yaml").read_bytes())
    broken = (AGREEMENTS / "palermo-monastir.yaml").read_text(encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(broken.replace("type: municipality", "type: village"), encoding="utf-8")
    doc = page([tmp_path], library=library)
    assert doc.xpath("//tbody/tr/@data-id") == ["sfax-lyon-2026"]
    row = doc.xpath("//section[@id='invalid']//tbody/tr")[0]
    assert "broken.yaml" in row.text_content() and row.xpath("td[2]/text()") == ["2"]


def test_cli_writes_and_keeps_foreign_files(tmp_path):
    out = tmp_path / "report.html"
    run = lambda *extra: CliRunner().invoke(main, ["report", str(AGREEMENTS), "-o", str(out), *extra])  # noqa
    assert run("--lang", "fr").exit_code == 0 and "Portefeuille" in out.read_text(encoding="utf-8")
    assert run().exit_code == 0  # our own page: replaced
    out.write_text("<p>notes</p>", encoding="utf-8")
    refused = run()
    assert refused.exit_code == 1 and "not written by 'mou report'" in refused.output
    assert out.read_text(encoding="utf-8") == "<p>notes</p>"


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is required in CI (pip install -e '.[test]')")
        pytest.skip("playwright is not installed")
    return sync_playwright


def test_the_page_in_a_real_browser(tmp_path, library):
    chromium = need_program("chromium")
    sync_playwright = _playwright()
    path = tmp_path / "report.html"
    path.write_text(report.render([AGREEMENTS], "en", TODAY, library), encoding="utf-8")
    requests, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            view = browser.new_page(viewport={"width": 1200, "height": 900})
            view.on("request", lambda r: requests.append(r.url))
            view.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            view.goto(path.as_uri())
            assert view.locator("section#agreements tbody tr").count() == len(current())
            box = view.locator("svg.timeline").bounding_box()
            assert box["width"] > 800 and box["height"] > 300
            bar = view.locator("svg.timeline rect.bar.agreement").first.bounding_box()
            assert bar["width"] > 50  # drawn, not collapsed
            view.emulate_media(media="print")
            assert view.locator("svg.timeline").bounding_box()["width"] > 500
        finally:
            browser.close()
    assert requests == [path.as_uri()] and errors == []


def test_a_declaration_of_intent_in_the_report(write_spec, library):
    from test_iati import LIGHT  # noqa: E402  (the same light spec)

    doc = page([write_spec(LIGHT)], today=dt.date(2027, 6, 1), library=library)
    assert doc.xpath("//tbody/tr/@data-id") == ["aville-beetown-intent"]
    near = [tr.text_content() for tr in doc.xpath("//section[@id='near']//tbody/tr")]
    assert any("end of the agreement" in r and "14 October 2027" in r for r in near)
    assert len(doc.xpath("//section[@id='timeline']//*[local-name()='rect']")) == 1

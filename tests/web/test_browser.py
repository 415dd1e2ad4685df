"""`mou serve` in a real browser: Debian's Chromium driven by Playwright.

Skipped where Chromium is not installed; in CI (CI=true) its absence fails instead.
"""
from __future__ import annotations

import os
import re
import threading

import pytest

from conftest import TODAY, need_program
from mou_builder.render import readback as textdump

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    chromium = need_program("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # the test extra installs it
        if os.environ.get("CI"):
            pytest.fail("playwright is required in CI (pip install -e '.[test]')")
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def server(tmp_path, library):
    from werkzeug.serving import make_server

    from mou_builder.web.app import create_app
    app = create_app(tmp_path, token="browser-test-token", lang="en", library=library, today=TODAY)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/browser-test-token", tmp_path
    httpd.shutdown()
    thread.join(5)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    opened = context.new_page()
    errors, requests = [], []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("request", lambda r: requests.append(r.url))
    yield opened
    context.close()
    assert errors == [], "the page's script failed"
    assert requests and all(r.startswith("http://127.0.0.1:") for r in requests), "a request left the machine"


def field(page, name):
    return page.locator(f'[name="{name}"]')


def beside(page, name):
    return page.locator(f'p.problem[data-for="{name}"]')


def yaml_text(page) -> str:
    """What the YAML view (CodeMirror) shows."""
    return page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")


def type_yaml(page, text: str) -> None:
    """Replace the YAML view's text as a person would: select all, then type (paste) it."""
    page.click(".CodeMirror-code")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)


def wait_for_yaml(page, needle: str) -> None:
    page.wait_for_function("(n) => document.querySelector('.CodeMirror').CodeMirror.getValue().includes(n)",
                           arg=needle)


def totals(page):
    return [t.replace("\xa0", " ") for t in page.locator("#totals tr.overall td.num").all_inner_texts()]


def new_spec(page, url, name, lang):
    """Through the list page: a starter named ``name``, opened in the editor."""
    page.goto(f"{url}/?lang={lang}")
    page.fill("#new-name", name)
    page.select_option("#new-lang", lang)
    page.click("form.new button[type=submit]")
    page.wait_for_url(re.compile(rf".*/edit/{name}\.yaml.*"))


def test_write_an_agreement_in_the_form_save_it_build_it_and_read_it(page, server, tmp_path):
    url, folder = server
    new_spec(page, url, "lyon-sfax", "en")
    assert page.locator("#counts").get_attribute("data-errors") == "0"

    # a party
    page.click("nav.tabs button[data-part=parties]")
    field(page, "parties[0].name").fill("City of Lyon")
    wait_for_yaml(page, "name: City of Lyon")

    # an action: an error beside the right field, gone when fixed
    page.click("nav.tabs button[data-part=actions]")
    field(page, "actions[0].title").fill("Exchange of reception staff between Lyon and Beetown")
    field(page, "actions[0].start").fill("2027-13")
    expect_message = "'2027-13' is not a month; write a month, 2026-06, or a day, 2026-06-25"
    beside(page, "actions[0].start").filter(has_text=expect_message).wait_for()
    assert beside(page, "actions[0].end").count() == 0
    assert page.locator("nav.tabs button[data-part=actions] .badge").inner_text() == "1"
    assert page.locator("#counts").get_attribute("data-errors") == "1"
    field(page, "actions[0].start").fill("2027-03")
    beside(page, "actions[0].start").wait_for(state="detached")
    assert page.locator("#counts").get_attribute("data-errors") == "0"

    # budget lines: added, filled, removed; the totals follow
    page.click("nav.tabs button[data-part=budget]")
    page.click('button[data-op=add][data-path="budget.lines"]')
    beside(page, "budget.currency").wait_for()
    field(page, "budget.currency").fill("EUR")
    page.click('button[data-op=add][data-path="budget.funders"]')
    field(page, "budget.funders[0].id").wait_for()
    field(page, "budget.funders[0].id").fill("f-lyon")
    field(page, "budget.funders[0].name").fill("City of Lyon")
    field(page, "budget.funders[0].type").select_option("local_budget")
    for i, amount in ((0, "12000"), (1, "3000.5")):
        if i:
            page.click('button[data-op=add][data-path="budget.lines"]')
        field(page, f"budget.lines[{i}].action").wait_for()
        field(page, f"budget.lines[{i}].action").select_option("a1")
        field(page, f"budget.lines[{i}].funder").select_option("f-lyon")
        field(page, f"budget.lines[{i}].amount").fill(amount)
        field(page, f"budget.lines[{i}].year").fill(str(TODAY.year + 1))
    page.wait_for_function("() => document.querySelector('#totals').textContent.includes('15,000.50')")
    assert totals(page) == ["EUR 15,000.50"]
    page.click('button[data-op=remove][data-path="budget.lines[1]"]')
    page.wait_for_function("() => !document.querySelector('#totals').textContent.includes('15,000.50')")
    assert totals(page) == ["EUR 12,000.00"]
    assert page.locator("#counts").get_attribute("data-errors") == "0"

    # save: the file keeps its comments and gets the values
    assert page.locator("#status").inner_text() == "Unsaved changes"
    page.click("#save")
    page.wait_for_function("() => document.querySelector('#status').textContent === 'Saved.'")
    text = (folder / "lyon-sfax.yaml").read_text(encoding="utf-8")
    assert "name: City of Lyon" in text and "amount: 12000" in text and "start: 2027-03" in text
    assert "# the party that leads the action" in text

    # build: download the DOCX and read it; its text is also shown in the page
    page.click("#build")
    link = page.locator("#build-result a", has_text="city-a-city-b.docx")
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    saved = tmp_path / "downloaded.docx"
    info.value.save_as(saved)
    document = textdump.text(saved)
    assert "City of Lyon" in document and "Exchange of reception staff between Lyon and Beetown" in document
    assert "City of Lyon" in page.locator("#build-result details.preview pre").first.inner_text()


def test_the_yaml_view_and_the_form_stay_in_step_in_french(page, server):
    url, folder = server
    new_spec(page, url, "accord", "fr")
    assert page.locator("nav.tabs button[data-part=parties]").inner_text().startswith("Parties")
    type_yaml(page, yaml_text(page).replace("lead: ville-a", "lead: ville-x"))
    page.click("nav.tabs button[data-part=actions]")
    unknown = "aucune partie ne porte l'identifiant « ville-x »"
    message = beside(page, "actions[0].lead").filter(has_text=unknown)
    message.wait_for()
    field(page, "actions[0].lead").select_option("ville-b")
    message.wait_for(state="detached")
    wait_for_yaml(page, "lead: ville-b")
    assert re.search(r"lead: ville-b +# la partie chef de file", yaml_text(page))


def test_a_yaml_syntax_error_hides_the_form_and_points_at_its_line(page, server):
    url, folder = server
    new_spec(page, url, "broken", "en")
    good = yaml_text(page)
    type_yaml(page, good.replace("kind: agreement", "kind: [agreement", 1))
    problem = page.locator("#problems a", has_text="YAML syntax error")
    problem.wait_for()
    assert page.locator("#form nav.tabs").count() == 0
    line = int(problem.get_attribute("data-line"))
    problem.click()
    selected = page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getSelection()")
    assert selected == yaml_text(page).split("\n")[line - 1]
    type_yaml(page, good)
    page.locator("#form nav.tabs").wait_for()
    assert page.locator("#counts").get_attribute("data-errors") == "0"
    assert (folder / "broken.yaml").read_text(encoding="utf-8") == good  # nothing saved meanwhile

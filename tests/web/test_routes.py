"""`mou serve`: every route through Flask's test client, the YAML edits, the guards."""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import AGREEMENTS, EXAMPLES, TODAY
from mou_builder import api as pipeline
from mou_builder.cli import main
from mou_builder.render import readback as textdump
from mou_builder.validation import json_schema as schema_json
from mou_builder.validation.schema import SCHEMA
from mou_builder.web import editor, files, formmodel, yamledit
from mou_builder.web.app import create_app

TOKEN = "t0ken-for-tests"
SPEC = "sfax-lyon.yaml"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(AGREEMENTS / SPEC, tmp_path / SPEC)
    return tmp_path


@pytest.fixture
def client(folder, library):
    app = create_app(folder, token=TOKEN, lang="en", library=library, today=TODAY)
    return app.test_client()


def update(client, text, edits=(), op=None, lang="en"):
    response = client.post(f"/{TOKEN}/api/update", json={"name": SPEC, "yaml": text, "edits": list(edits),
                                                          "op": op, "lang": lang})
    assert response.status_code == 200, response.data
    return response.json


def beside(form_html: str, field: str) -> list[str]:
    """The messages shown beside one field of the form."""
    found = re.findall(r'<p class="problem \w+" data-for="%s"[^>]*>([^<]*)</p>' % re.escape(field), form_html)
    return [html.unescape(text) for text in found]


def test_index_lists_the_specs_and_offers_a_new_one(client):
    page = client.get(f"/{TOKEN}/?lang=fr").get_data(as_text=True)
    assert f'href="/{TOKEN}/edit/{SPEC}?lang=fr"' in page
    assert "Un nouvel accord" in page and 'name="name"' in page


def test_without_the_token_nothing_answers_and_the_token_is_not_shown(client):
    for url in ("/", "/nope/", f"/nope/edit/{SPEC}", "/edit/" + SPEC):
        response = client.get(url)
        assert response.status_code == 404
        assert TOKEN not in response.get_data(as_text=True)
    assert client.post("/nope/api/save", json={}).status_code == 404


def test_another_host_name_or_origin_is_refused(client, folder):
    assert client.get(f"/{TOKEN}/", headers={"Host": "evil.example:8000"}).status_code == 400
    text = (folder / SPEC).read_text()
    response = client.post(f"/{TOKEN}/api/update", json={"name": SPEC, "yaml": text, "edits": []},
                           headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    ok = client.post(f"/{TOKEN}/api/update", json={"name": SPEC, "yaml": text, "edits": []},
                     headers={"Origin": "http://localhost"})
    assert ok.status_code == 200


def test_pages_forbid_outside_scripts_and_framing(client):
    response = client.get(f"/{TOKEN}/edit/{SPEC}")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert "<script>" not in response.get_data(as_text=True)  # no inline script
    assert client.get("/static/app.js").status_code == 200
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', response.get_data(as_text=True)):
        assert client.get(src).status_code == 200, src  # every asset from the package
    licence = client.get("/static/vendor/codemirror-5.65.21/LICENSE").get_data(as_text=True)
    assert licence.startswith("MIT License")
    assert client.get("/static/../app.py").status_code == 404


def test_the_editor_shows_every_part_with_the_values_of_the_spec(client):
    page = client.get(f"/{TOKEN}/edit/{SPEC}").get_data(as_text=True)
    for part in formmodel.PARTS:
        assert f'data-part="{part}" role="tabpanel"' in page
    assert 'name="parties[0].name.fr" data-kind="text" value="Commune de Sfax"' in page
    assert re.search(r'<select id="f-actions\[0\]\.lead" name="actions\[0\]\.lead" data-kind="ref">.*?'
                     r'<option value="lyon" selected>lyon</option>', page, re.S)
    assert 'name="budget.lines[0].amount"' in page
    assert re.search(r'name="parties\[0\]\.short_name" data-kind="text" value="Sfax" dir="auto">'
                     r'<p class="help">\(same in every language\)', page)


def test_enumerations_are_named_with_the_words_of_the_clause_library(client):
    page = client.get(f"/{TOKEN}/edit/{SPEC}?lang=fr").get_data(as_text=True)
    assert '<option value="training" selected>formation (training)</option>' in page
    assert '<option value="local_budget" selected>budget local (local_budget)</option>' in page
    assert re.search(r'value="social_services" data-kind="many" checked> '
                     r'services sociaux \(social_services\)', page)
    english = client.get(f"/{TOKEN}/edit/{SPEC}?lang=en").get_data(as_text=True)
    assert '<option value="training" selected>training</option>' in english
    assert re.search(r'value="migration_status" data-kind="many"> migration status</label>', english)


def test_arabic_texts_are_typed_right_to_left(client, folder):
    shutil.copy(AGREEMENTS / "sousse-montpellier.yaml", folder)
    page = client.get(f"/{TOKEN}/edit/sousse-montpellier.yaml").get_data(as_text=True)
    assert re.search(r'name="actions\[0\]\.title\.ar"[^>]* dir="rtl" lang="ar"', page)
    assert re.search(r'name="actions\[0\]\.title\.fr"[^>]* dir="ltr" lang="fr"', page)
    assert "# Memorandum of understanding" in page  # the YAML view keeps the comments


def test_an_error_appears_beside_its_field_with_the_words_of_mou_validate(client, folder, library):
    text = (folder / SPEC).read_text()
    answer = update(client, text, [["actions[0].lead", "lyn", "ref"]])
    assert answer["errors"] == 1
    broken = folder / "broken.yaml"
    broken.write_text(answer["yaml"])
    problem = pipeline.check(broken, library, TODAY).errors[0]
    assert beside(answer["form"], "actions[0].lead") == [editor.problem_text(problem, "en")]
    assert problem.format("en").replace(str(broken), SPEC) in html.unescape(answer["problems"])
    fixed = update(client, answer["yaml"], [["actions[0].lead", "sfax", "ref"]])
    assert fixed["errors"] == 0 and beside(fixed["form"], "actions[0].lead") == []
    french = update(client, text, [["actions[0].lead", "lyn", "ref"]], lang="fr")
    assert beside(french["form"], "actions[0].lead") == ["aucune partie ne porte l'identifiant « lyn » "
                                                         "(identifiants connus : lyon, sfax)"]


def test_a_missing_required_field_is_shown_where_it_would_be_written(client, folder):
    text = (folder / SPEC).read_text()
    answer = update(client, text, [["parties[1].represented_by.name", "", "string"]])
    assert beside(answer["form"], "parties[1].represented_by.name") == ["required field is missing"]


def test_an_edit_changes_only_its_line_and_keeps_every_comment(client, folder):
    text = (folder / SPEC).read_text()
    answer = update(client, text, [["signing.originals", "3", "integer"],
                                   ["signing.date", "2026-07-01", "day"]])
    before, after = text.splitlines(), answer["yaml"].splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 2
    assert changed[0][1].strip().startswith("date: 2026-07-01") and "originals: 3" in changed[1][1]
    assert pipeline.check_text(answer["yaml"], SPEC).source.data["signing"]["originals"] == 3


def test_texts_per_language_and_choices_from_lists(client, folder):
    text = (folder / SPEC).read_text()
    answer = update(client, text, [["title.fr", "Protocole Sfax-Lyon", "text"],
                                   ["actions[0].partners", ["adtf"], "refs"]])
    data = pipeline.check_text(answer["yaml"], SPEC).source.data
    assert data["title"] == {"fr": "Protocole Sfax-Lyon"}
    assert data["actions"][0]["partners"] == ["adtf"]
    assert "partners: [adtf]" in answer["yaml"]  # a list written on one line stays on one line
    assert beside(answer["form"], "title") == [
        "the 'en' text is missing (every text needs every language of the agreement)"]


def _totals(answer):
    found = re.findall(r'<tr class="overall"><th>Total</th><td class="num">([^<]*)</td>', answer["totals"])
    return [html.unescape(text).replace("\xa0", " ") for text in found]


def test_budget_lines_added_and_removed_change_the_totals(client, folder):
    text = (folder / SPEC).read_text()
    start = update(client, text)
    assert _totals(start) == ["EUR 93,000.00", "TND 94,500.500"]
    lines = len(pipeline.check_text(text, SPEC).source.data["budget"]["lines"])
    added = update(client, text, op={"op": "add", "path": "budget.lines"})
    assert f'data-field="budget.lines[{lines}]"' in added["form"]
    assert beside(added["form"], f"budget.lines[{lines}].amount") == ["required field is missing"]
    filled = update(client, added["yaml"], [[f"budget.lines[{lines}].action", "a1", "ref"],
                                            [f"budget.lines[{lines}].funder", "f-lyon", "ref"],
                                            [f"budget.lines[{lines}].amount", "7000", "amount"],
                                            [f"budget.lines[{lines}].year", "2027", "integer"]])
    assert filled["errors"] == 0 and _totals(filled) == ["EUR 100,000.00", "TND 94,500.500"]
    assert "    - {action: a1, funder: f-lyon, amount: 7000, year: 2027}\n" in filled["yaml"]
    removed = update(client, filled["yaml"], op={"op": "remove", "path": "budget.lines[0]"})  # EUR 18,000
    assert _totals(removed) == ["EUR 82,000.00", "TND 94,500.500"]
    assert "{action: a1, funder: f-lyon, amount: 18000, year: 2026}" not in removed["yaml"]
    assert removed["yaml"].count("- {action:") == lines  # every line as written, on one line each


def test_a_list_that_is_not_there_yet_is_created(client, folder):
    text = "format: mou/1  # only this\n"
    answer = update(client, text, op={"op": "add", "path": "calendar.milestones"})
    assert answer["yaml"] == "format: mou/1  # only this\ncalendar:\n  milestones:\n  - {}\n"
    assert 'data-field="calendar.milestones[0].name"' in answer["form"]


def test_yaml_that_does_not_parse_keeps_the_text_and_says_where(client, folder):
    text = (folder / SPEC).read_text().replace("kind: agreement", "kind: [agreement")
    answer = update(client, text)
    assert answer["form"] is None and answer["yaml"] == text
    assert "YAML syntax error" in answer["problems"]


@pytest.mark.parametrize("body", [{"name": SPEC}, {"name": SPEC, "yaml": "a: 1", "edits": "x"},
                                  {"name": "../x.yaml", "yaml": "a: 1"}, [1, 2],
                                  {"name": SPEC, "yaml": "a: 1", "edits": [["a]]", "1", "string"]]}])
def test_bad_requests_get_a_message_not_a_traceback(client, body):
    response = client.post(f"/{TOKEN}/api/update", json=body)
    assert response.status_code in (400, 404)
    assert response.json["error"] and "Traceback" not in response.get_data(as_text=True)


def test_an_internal_error_shows_no_traceback(client, folder, monkeypatch, capsys):
    monkeypatch.setattr(editor, "update", lambda *a: 1 / 0)
    response = client.get(f"/{TOKEN}/edit/{SPEC}")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong inside mou_builder" in page and "ZeroDivision" not in page
    assert "Traceback" not in capsys.readouterr().err


def test_a_request_too_large_is_refused(client):
    response = client.post(f"/{TOKEN}/api/update", json={"name": SPEC, "yaml": "x" * 3_000_000})
    assert response.status_code == 413


def test_save_writes_atomically_and_refuses_a_file_changed_on_disk(client, folder):
    path = folder / SPEC
    text = path.read_text()
    base = files.digest(path.read_bytes())
    edited = update(client, text, [["signing.originals", "4", "integer"]])["yaml"]
    response = client.post(f"/{TOKEN}/api/save", json={"name": SPEC, "yaml": edited, "base": base})
    assert response.status_code == 200 and path.read_text() == edited
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
    stale = client.post(f"/{TOKEN}/api/save", json={"name": SPEC, "yaml": text, "base": base})
    assert stale.status_code == 409 and "changed on disk" in stale.json["error"]
    assert path.read_text() == edited


def test_paths_stay_inside_the_folder(client, folder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "victim.yaml"
    outside.write_text("mine")
    (folder / "link.yaml").symlink_to(outside)
    for name in ("../victim.yaml", "link.yaml", "/etc/passwd.yaml", "sub/../../x.yaml", "notes.txt"):
        response = client.post(f"/{TOKEN}/api/save", json={"name": name, "yaml": "x", "base": ""})
        assert response.status_code == 404, name
    assert outside.read_text() == "mine"
    assert "link.yaml" not in client.get(f"/{TOKEN}/").get_data(as_text=True)
    assert client.get(f"/{TOKEN}/edit/link.yaml").status_code == 404
    assert client.get(f"/{TOKEN}/download/..%2F{SPEC}").status_code == 404


def test_build_writes_the_documents_offers_them_and_shows_their_text(client, folder):
    path = folder / SPEC
    text, base = path.read_text(), files.digest(path.read_bytes())
    unsaved = client.post(f"/{TOKEN}/api/build", json={"name": SPEC, "yaml": text + "\n", "base": base})
    assert unsaved.status_code == 409 and "Save before building" in unsaved.json["error"]
    response = client.post(f"/{TOKEN}/api/build", json={"name": SPEC, "yaml": text, "base": base})
    assert response.status_code == 200, response.json
    html = response.json["html"]
    assert f'href="/{TOKEN}/download/sfax-lyon-2026-fr.docx"' in html
    download = client.get(f"/{TOKEN}/download/sfax-lyon-2026-fr.docx")
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    saved = folder / "got.docx"
    saved.write_bytes(download.data)
    assert "Commune de Sfax" in textdump.text(saved)
    assert "Commune de Sfax" in html  # the preview


def test_build_of_an_invalid_spec_says_why(client, folder):
    path = folder / SPEC
    path.write_text(path.read_text().replace("lead: lyon", "lead: lyn", 1))
    response = client.post(f"/{TOKEN}/api/build", json={"name": SPEC, "yaml": path.read_text(),
                                                        "base": files.digest(path.read_bytes())})
    assert response.status_code == 422 and "no party has the id 'lyn'" in response.json["details"]


def test_new_writes_a_starter_with_its_schema_and_opens_it(client, folder):
    response = client.post(f"/{TOKEN}/new?lang=fr", data={"name": "lyon-sfax", "starter_lang": "fr"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/edit/lyon-sfax.yaml?lang=fr")
    text = (folder / "lyon-sfax.yaml").read_text()
    assert text.startswith(schema_json.modeline()) and "languages: [fr]" in text
    assert (folder / schema_json.FILE_NAME).exists()
    assert client.get(response.headers["Location"]).status_code == 200
    again = client.post(f"/{TOKEN}/new", data={"name": "lyon-sfax"})
    assert again.status_code == 409 and (folder / "lyon-sfax.yaml").read_text() == text
    bad = client.post(f"/{TOKEN}/new", data={"name": "../Lyon Sfax"})
    assert bad.status_code == 400 and "lowercase letters" in bad.get_data(as_text=True)


def test_every_field_and_part_has_words_in_both_languages():
    names = set()

    def walk(fields):
        for key, rule in fields.items():
            names.add(key)
            inner = rule.get("schema") if rule.get("type") == "list" else rule
            if isinstance(inner, dict) and inner.get("type") == "dict" and "schema" in inner:
                walk(inner["schema"])
    walk(SCHEMA)
    labels = formmodel.labels()
    assert names <= set(labels["fields"]) and set(formmodel.PARTS) == set(labels["parts"])
    for group in labels.values():
        assert all(isinstance(pair, list) and len(pair) == 2 and all(isinstance(w, str) and w for w in pair)
                   for pair in group.values())


def test_the_parts_hold_every_top_level_field():
    assert sorted(k for keys in formmodel.PARTS.values() for k in keys) == sorted(SCHEMA)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_yaml_of_every_example_comes_back_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    assert yamledit.Document(text).text() == text


def test_removing_the_last_value_of_a_mapping_removes_the_mapping():
    doc = yamledit.Document("a: 1\nbudget:\n  currency: EUR  # note\n")
    doc.set(("budget", "currency"), None)
    assert doc.text() == "a: 1\n"
    doc.set(("x", "y", "z"), "v")
    assert doc.text() == "a: 1\nx:\n  y:\n    z: v\n"


@pytest.mark.parametrize("value,kind,expected", [
    ("12", "integer", 12), ("12.5", "amount", 12.5), ("1e3", "amount", "1e3"), ("", "string", None),
    ("true", "boolean", True), ("2026-02-30", "day", "2026-02-30"), ("012", "integer", "012")])
def test_form_text_becomes_the_yaml_value_the_validation_expects(value, kind, expected):
    assert yamledit.coerce(value, kind) == expected


def test_serve_without_the_web_extra_says_how_to_install_it(monkeypatch, tmp_path):
    for name in [m for m in sys.modules if m.startswith("mou_builder.web")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "flask", None)
    result = CliRunner().invoke(main, ["serve", str(tmp_path), "--no-browser"])
    assert result.exit_code == 1
    assert "pip install 'mou_builder[web]'" in result.stderr and "Traceback" not in result.output


def test_mou_serve_listens_on_loopback_only_and_prints_its_address(folder):
    mou = Path(sys.executable).with_name("mou")
    proc = subprocess.Popen([str(mou), "serve", str(folder), "--no-browser", "--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "BROWSER": "false"})
    try:
        url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/[\w-]{20,}/\?lang=en", url)
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200 and SPEC in response.read().decode()
        port = url.split(":")[2].split("/")[0]
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True)
        if listening.returncode == 0:
            assert all(line.split()[3].startswith("127.0.0.1:") for line in listening.stdout.splitlines())
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_web_app_sits_on_top_of_the_api():
    package = Path(formmodel.__file__).resolve().parents[1]
    modules = [p.relative_to(package) for p in package.rglob("*.py")]
    pattern = re.compile(r"^\s*from \.+web\b|^\s*import mou_builder\.web", re.M)
    importers = {str(p) for p in modules
                 if "web" not in p.parts and pattern.search((package / p).read_text(encoding="utf-8"))}
    assert importers == {"cli.py"}  # `mou serve`, and only when it runs
    used = {stage or name for path in (package / "web").glob("*.py")
            for stage, name in re.findall(r"^\s*from \.\.(\w+)|^\s*from \.\. import (\w+)",
                                          path.read_text(encoding="utf-8"), re.M)}
    assert used == {"api", "base", "drafting", "library", "model", "output", "render", "validation"}


def test_a_port_already_taken_gets_a_message(folder):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(folder), "--port", str(port), "--no-browser"])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr

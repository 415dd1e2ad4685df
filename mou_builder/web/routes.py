"""The routes: the list of specs, the editor, and its JSON calls.

    GET  /<token>/                    the specs of the folder, and a form for a new one
    POST /<token>/new                 write a starter spec (``mou new``), then open it
    GET  /<token>/edit/<name>         the editor of one spec
    POST /<token>/api/update          apply form edits to the YAML text; validate; re-render
    POST /<token>/api/save            write the YAML text (refused if changed on disk)
    POST /<token>/api/build           build the documents of the saved spec
    GET  /<token>/download/<name>     a document built
    GET  /static/<name>               the app's own CSS and script (no token: nothing to drive)
"""
from __future__ import annotations

import secrets

from flask import Blueprint, abort, current_app, jsonify, redirect, request, send_from_directory

from ..library import starter
from ..output import pdf
from ..base.errors import MouError
from . import editor, files
from .answers import failure, ui_lang

pages = Blueprint("pages", __name__)


@pages.url_value_preprocessor
def _check_token(endpoint, values):
    token = (values or {}).pop("token", "")
    if not secrets.compare_digest(token.encode(), current_app.config["TOKEN"].encode()):
        abort(404)


@pages.url_defaults
def _add_token(endpoint, values):
    values.setdefault("token", current_app.config["TOKEN"])


def _render(template: str, **context) -> str:
    return current_app.config["TEMPLATES"].get_template(template).render(
        lang=ui_lang(), base_url=f"/{current_app.config['TOKEN']}", **context)


def _json() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400)
    return body


def _text(body: dict, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        abort(400)
    return value


@pages.errorhandler(files.Refused)
def _refused(exc: files.Refused):
    return failure(exc.message, exc.status)


@pages.errorhandler(MouError)
def _mou_error(exc: MouError):
    return failure(exc.message, 400)


@pages.get("/")
def index():
    folder = current_app.config["FOLDER"]
    return _render("index.html", folder=str(folder), specs=files.specs(folder), error=None)


@pages.post("/new")
def new():
    lang = ui_lang()
    try:
        name = files.new_name(request.form.get("name", ""))
    except files.Refused:
        return _render("index.html", folder=str(current_app.config["FOLDER"]),
                       specs=files.specs(current_app.config["FOLDER"]),
                       error=editor.word("ui", "bad_name", lang)), 400
    starter_lang = request.form.get("starter_lang")
    path = files.inside(current_app.config["FOLDER"], name, files.SPEC_SUFFIXES)
    if path.exists():
        raise files.Refused(editor.word("ui", "file_exists", lang, file=name), 409)
    starter.write(path, starter_lang if starter_lang in starter.LANGUAGES else lang)
    return redirect(f"/{current_app.config['TOKEN']}/edit/{name}?lang={lang}", 303)


@pages.get("/edit/<name>")
def edit(name):
    text, base = files.read(current_app.config["FOLDER"], name)
    view = editor.update(current_app.config, name, text, [], None, ui_lang())
    return _render("edit.html", name=name, base=base, view=view, can_pdf=pdf.converter() is not None)


@pages.post("/api/update")
def update():
    body = _json()
    edits = body.get("edits") or []
    if not isinstance(edits, list) or len(edits) > 500:
        abort(400)
    view = editor.update(current_app.config, _name(body), _text(body, "yaml"), edits, body.get("op"),
                         ui_lang())
    return jsonify(yaml=view.yaml, form=view.form_html, problems=view.problems_html,
                   totals=view.totals_html, errors=view.errors, warnings=view.warnings)


def _name(body: dict) -> str:
    name = _text(body, "name")
    files.inside(current_app.config["FOLDER"], name, files.SPEC_SUFFIXES)
    return name


@pages.post("/api/save")
def save():
    body = _json()
    name = _name(body)
    changed = editor.word("ui", "changed_on_disk", ui_lang(), file=name)
    base = files.save(current_app.config["FOLDER"], name, _text(body, "yaml"), _text(body, "base"), changed)
    return jsonify(base=base, message=editor.word("ui", "saved", ui_lang()))


@pages.post("/api/build")
def build():
    body = _json()
    name, lang = _name(body), ui_lang()
    text, base = files.read(current_app.config["FOLDER"], name)
    if text != _text(body, "yaml") or base != _text(body, "base"):
        return jsonify(error=editor.word("ui", "save_first", lang)), 409
    try:
        result = editor.build(current_app.config, name, bool(body.get("pdf")), lang)
    except MouError as exc:
        return jsonify(error=editor.word("ui", "build_failed", lang), details=exc.message), 422
    return jsonify(html=_render("built.html", result=result))


@pages.get("/download/<name>")
def download(name):
    path = files.inside(current_app.config["OUT"], name, (".docx", ".pdf"))
    if not path.is_file():
        abort(404)
    return send_from_directory(path.parent, path.name, as_attachment=True)

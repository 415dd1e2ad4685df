"""What the web app answers a request with, in the person's language: the language asked
for (or the app's), and a failure as JSON for the API and as a page otherwise (used by the
app's error handlers and by the routes)."""
from __future__ import annotations

from flask import current_app, jsonify, request

from . import formmodel

MAX_REQUEST = 2_500_000  # bytes a request may carry


def ui_lang() -> str:
    """The language of the interface: the one the request asks for, else the app's."""
    asked = request.args.get("lang")
    if asked is None and request.is_json and (request.content_length or 0) <= MAX_REQUEST:
        body = request.get_json(silent=True)
        asked = body.get("lang") if isinstance(body, dict) else None
    return asked if asked in formmodel.UI_LANGUAGES else current_app.config["LANG"]


def failure(key_or_text: str, status: int, **params):
    """A JSON or HTML answer with one message in the person's language."""
    lang = ui_lang()
    message = formmodel.word("ui", key_or_text, lang, **params) \
        if key_or_text in formmodel.labels()["ui"] else key_or_text
    if request.is_json or request.path.split("/")[2:3] == ["api"]:
        return jsonify(error=message), status
    page = current_app.config["TEMPLATES"].get_template("error.html")
    return page.render(message=message, lang=lang, base_url=""), status, {"Content-Type": "text/html"}

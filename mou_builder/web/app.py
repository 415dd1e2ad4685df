"""The web application: a Flask app for one folder, guarded for a shared machine.

- every route is under ``/<token>/``, a random token per run of the server: another local
  user, or a web page open in the browser, cannot drive it without knowing the URL;
- requests naming another host (DNS rebinding) or posted from another origin are refused;
- requests are at most ``MAX_REQUEST`` bytes; no error ever shows a traceback;
- pages are rendered in the project's sandboxed, autoescaping Jinja environment and
  served with a Content-Security-Policy that allows only the app's own files.
"""
from __future__ import annotations

import secrets
import sys
import traceback
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request, send_from_directory
from jinja2 import FileSystemLoader
from werkzeug.exceptions import HTTPException

from ..base import yamldump
from ..library import clauses, sandbox
from ..library.resources import library_dir
from . import formmodel
from .answers import MAX_REQUEST, failure
from .routes import pages

HERE = Path(__file__).resolve().parent
LOCAL_HOSTS = ("127.0.0.1", "localhost")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def _as_yaml(value) -> str:
    return yamldump.dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False)


def templates():
    env = sandbox.environment(as_yaml=_as_yaml)
    env.loader = FileSystemLoader(str(HERE / "templates"))
    env.globals.update(word=formmodel.word, item_label=formmodel.item_label)
    return env


def create_app(folder, out_dir=None, token: str | None = None, lang: str = "en", library=None,
               today=None, debug: bool = False) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_REQUEST, MAX_FORM_MEMORY_SIZE=MAX_REQUEST,
        FOLDER=Path(folder).resolve(), OUT=Path(out_dir or Path(folder) / "out").resolve(),
        TOKEN=token or secrets.token_urlsafe(24), LANG=lang, TODAY=today, MOU_DEBUG=debug,
        LIBRARY=library or clauses.load(library_dir()), TEMPLATES=templates())
    app.before_request(_guard)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _internal_error)
    app.register_blueprint(pages, url_prefix="/<token>")
    app.add_url_rule("/static/<path:name>", "static", _static)
    return app


def _static(name):
    response = send_from_directory(HERE / "static", name)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _guard():
    host = (request.host or "").rsplit(":", 1)[0].strip("[]")
    if host not in LOCAL_HOSTS:
        abort(400)
    origin = request.headers.get("Origin")
    if request.method != "GET" and origin is not None:
        parts = urlsplit(origin)
        if parts.hostname not in LOCAL_HOSTS or parts.netloc != request.host:
            abort(403)


def _headers(response):
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


_STATUS_KEYS = {404: "not_found", 405: "bad_request", 413: "too_large"}


def _http_error(exc: HTTPException):
    return failure(_STATUS_KEYS.get(exc.code, "bad_request"), exc.code or 400)


def _internal_error(exc: Exception):
    if current_app.config["MOU_DEBUG"]:
        traceback.print_exc()
    else:
        print(f"mou serve: internal error ({type(exc).__name__}); run with --debug for the details",
              file=sys.stderr)
    return failure("internal_error", 500)

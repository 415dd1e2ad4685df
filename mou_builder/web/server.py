"""Serve the app on the loopback interface, on a free port, and open it in the browser."""
from __future__ import annotations

import logging
import secrets
import socket
import webbrowser

from werkzeug.serving import make_server

from ..base.errors import MouError
from .app import create_app

HOST = "127.0.0.1"  # never another interface: the app is for the person at this machine


def run(folder, port: int = 0, open_browser: bool = True, out_dir=None, lang: str = "en",
        debug: bool = False, echo=print) -> None:
    token = secrets.token_urlsafe(24)
    app = create_app(folder, out_dir, token, lang, debug=debug)
    logging.getLogger("werkzeug").setLevel(logging.INFO if debug else logging.ERROR)
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:  # bound here, so that a port in use gets our message (Werkzeug would exit)
        listening.bind((HOST, port))
        listening.listen(64)
    except OSError as exc:
        listening.close()
        raise MouError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}; "
                       "choose another --port, or leave it out for a free one") from None
    httpd = make_server(HOST, listening.getsockname()[1], app, threaded=True, fd=listening.fileno())
    url = f"http://{HOST}:{listening.getsockname()[1]}/{token}/?lang={lang}"
    echo(url)
    if open_browser:
        webbrowser.open(url)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        listening.close()

"""The clause texts whose template syntax was checked before, kept between runs.

Reading the library checks the template syntax of every clause text, so that a mistake
is a :class:`LibraryError` naming its file and line before anything is built. Jinja's
parser is then most of the time of ``mou validate``, and a text that parsed once parses
again: the digests of the texts that parsed are kept in the user's cache folder, and a
text whose digest is there is not parsed again when the library is read.

- A digest is the SHA-256 of the text with the versions of Jinja and mou_builder and the
  sandbox's settings: any other text, version or setting is parsed.
- Only texts that parsed are kept. A file that is not a list of digests, or is larger
  than ``MAX_BYTES``, is ignored (and written anew).
- Nothing else trusts it: rendering parses every text again, in the sandbox, and a
  mistake there is a library error naming the clause and the language.
- It is written atomically (a temporary file, then a rename). A folder that cannot be
  read or written leaves the work as it was, without a message.
- The folder is the user's cache folder (:mod:`mou_builder.base.cachedir`: ``MOU_CACHE_DIR``,
  set and empty: nothing is kept; by default ``$XDG_CACHE_HOME/mou_builder`` or
  ``~/.cache/mou_builder``).
"""
from __future__ import annotations

import hashlib
import re

from . import compiled
from ..base import cachedir

FILE = "parsed-texts"
MAX_BYTES = 2_000_000
MAX_ENTRIES = 20_000  # the oldest go first
_DIGEST = re.compile(r"[0-9a-f]{64}")

_known: dict | None = None  # digest -> None, oldest first (read once per process)
_added: list = []


def prefix(env) -> str:
    """What a digest covers besides the text: the versions and the settings of ``env``."""
    return f"{compiled.versions()}{env._settings()!r}\0"


def digest(source: str, head: str) -> str:
    """The digest of ``source`` parsed where :func:`prefix` gave ``head``."""
    return hashlib.sha256((head + source).encode("utf-8", "surrogatepass")).hexdigest()


def _read() -> dict:
    where = cachedir.folder()
    try:
        if where is None or (where / FILE).stat().st_size > MAX_BYTES:
            return {}
        lines = (where / FILE).read_text(encoding="ascii").split()
    except (OSError, ValueError):
        return {}
    return dict.fromkeys(line for line in lines if _DIGEST.fullmatch(line))


def seen(key: str) -> bool:
    global _known
    if _known is None:
        _known = _read()
    return key in _known


def add(key: str) -> None:
    """``key``'s text parsed."""
    seen(key)
    if key not in _known:
        _known[key] = None
        _added.append(key)


def save() -> None:
    """Keep the digests added since the last save (nothing happens when none was)."""
    from ..base.errors import MouError
    from ..base.files import write_atomic

    where = cachedir.folder()
    if not _added or where is None:
        return
    _added.clear()
    keys = list(_known)[-MAX_ENTRIES:]
    try:
        write_atomic(where / FILE, ("\n".join(keys) + "\n").encode("ascii"))
    except (MouError, OSError):
        pass

"""Compiled clause and layout code, kept between runs in the user's cache folder.

Compiling clause texts and layout templates (Jinja writes Python source for each, and
Python compiles it) is most of the time of a first build in a new process. The code the
sandbox compiles is kept by digest in ``compiled/`` under the user's cache folder
(:mod:`mou_builder.base.cachedir`) and read back by later processes instead of being
compiled again:

- the digest covers the text and everything the generated code depends on: the
  sandbox's settings (autoescaping, the filters and how they are called, the tests, the
  undefined type), the versions of Jinja and mou_builder and Python's bytecode number;
  any difference is compiled anew;
- what is kept is code: it is read only from a folder and a file that belong to the user
  and that nobody else can write to, and a file that does not load as code is ignored
  and written anew;
- files are written whole (a temporary file, then a rename); a folder that cannot be
  written leaves the work as it was, without a message.

The sandbox's guarantees do not depend on it: the code kept is the code the sandbox
generated, and the bounds of each render are checked as it runs.
"""
from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import tempfile
import types
from pathlib import Path

from ..base import cachedir

_HEADER = b"mou_builder compiled code 1\n"


def _folder() -> Path | None:
    base = cachedir.folder()
    return None if base is None else base / "compiled"


def _name(key) -> str:
    import jinja2

    from .. import __version__

    head = f"{jinja2.__version__}\0{__version__}\0{importlib.util.MAGIC_NUMBER.hex()}\0"
    return hashlib.sha256((head + repr(key)).encode("utf-8", "surrogatepass")).hexdigest()


def load(key) -> types.CodeType | None:
    """The code kept for ``key``, or None."""
    where = _folder()
    if where is None:
        return None
    name = _name(key)
    path = where / name[:2] / name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _HEADER + name.encode("ascii") + b"\n"
    if not data.startswith(header) or not all(cachedir.private(p) for p in (where, path.parent, path)):
        return None
    try:
        code = marshal.loads(data[len(header):])
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, types.CodeType) else None


def save(key, code: types.CodeType) -> None:
    """Keep ``code`` for ``key`` (quietly nothing when the folder cannot take it)."""
    where = _folder()
    if where is None:
        return
    name = _name(key)
    folder = where / name[:2]
    tmp = None
    try:
        data = _HEADER + name.encode("ascii") + b"\n" + marshal.dumps(code)
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        if not (cachedir.private(where) and cachedir.private(folder)):
            return
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, folder / name)
        tmp = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)

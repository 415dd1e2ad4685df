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

The vocabulary (``clauses/labels.yaml``, a pack's labels) is kept the same way, as the
data the safe loader gave for the file's bytes (:func:`yaml_data`): reading it through the
loader takes about 20 ms of every process that builds a document, and the texts it holds
go into the documents, so it is trusted only where the code is. The digest covers the bytes, the
versions of PyYAML and mou_builder; a file that gave anything other than plain mappings,
lists, texts and numbers is not kept, and one that does not load as such is read again.
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
_DATA_HEADER = b"mou_builder YAML data 1\n"


def _folder() -> Path | None:
    base = cachedir.folder()
    return None if base is None else base / "compiled"


def _name(key) -> str:
    import jinja2

    from .. import __version__

    head = f"{jinja2.__version__}\0{__version__}\0{importlib.util.MAGIC_NUMBER.hex()}\0"
    return hashlib.sha256((head + repr(key)).encode("utf-8", "surrogatepass")).hexdigest()


def _read(key, header: bytes):
    """The value kept for ``key`` under ``header``, or None."""
    where = _folder()
    if where is None:
        return None
    name = _name(key)
    path = where / name[:2] / name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = header + name.encode("ascii") + b"\n"
    if not data.startswith(header) or not all(cachedir.private(p) for p in (where, path.parent, path)):
        return None
    try:
        return marshal.loads(data[len(header):])
    except (EOFError, ValueError, TypeError):
        return None


def _write(key, header: bytes, value) -> None:
    """Keep ``value`` for ``key`` under ``header`` (quietly nothing when the folder cannot take it)."""
    where = _folder()
    if where is None:
        return
    name = _name(key)
    folder = where / name[:2]
    tmp = None
    try:
        data = header + name.encode("ascii") + b"\n" + marshal.dumps(value)
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


def load(key) -> types.CodeType | None:
    """The code kept for ``key``, or None."""
    code = _read(key, _HEADER)
    return code if isinstance(code, types.CodeType) else None


def save(key, code: types.CodeType) -> None:
    """Keep ``code`` for ``key`` (quietly nothing when the folder cannot take it)."""
    _write(key, _HEADER, code)


def _plain(value) -> bool:
    """Whether ``value`` is made of what YAML gives and marshal gives back alike."""
    if isinstance(value, dict):
        return all(isinstance(k, (str, int, float, bool)) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def yaml_data(path: Path):
    """The data of the library's YAML file at ``path`` as :func:`mou_builder.validation.load`
    gives it, kept by the digest of the file's bytes: a later process reads the same
    bytes back without parsing them (for a file whose lines and columns are not needed:
    the vocabulary)."""
    from .. import validation

    try:
        key = ("yaml data", hashlib.sha256(Path(path).read_bytes()).hexdigest(), _loader_version())
    except OSError:
        return validation.load(path).data  # the loader's own message
    data = _read(key, _DATA_HEADER)
    if isinstance(data, dict) and _plain(data):
        return data
    data = validation.load(path).data
    if isinstance(data, dict) and _plain(data):
        _write(key, _DATA_HEADER, data)
    return data


def _loader_version() -> str:
    import yaml

    return f"PyYAML {yaml.__version__}, libyaml {getattr(yaml, '__with_libyaml__', False)}"

"""The user's cache folder: work done in an earlier run, kept so as not to do it again.

``MOU_CACHE_DIR`` names the folder (set and empty: nothing is kept); by default
``$XDG_CACHE_HOME/mou_builder`` or ``~/.cache/mou_builder``. Whatever is kept there
can be deleted at any time: it is made again when needed.

:func:`kept` and :func:`keep` read and write one value (what :mod:`marshal` writes) by its
name, a digest, in an area of the folder (``compiled/``: clause and layout code and
library data, :mod:`mou_builder.library.compiled`; ``parts/``: template parts,
:mod:`mou_builder.render.package`). What is kept may go into documents or run as code, so
it is read only from an area, a subfolder and a file that belong to the user and that
nobody else can write to; a file that does not read back whole, under its header and its
own name, is ignored (and written anew by its user). Files are written whole (a temporary
file, then a rename); an area that cannot be written leaves the work as it was, without
a message.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path


def folder() -> Path | None:
    """Where things are kept; None when nothing is kept."""
    named = os.environ.get("MOU_CACHE_DIR")
    if named is not None:
        return Path(named) if named else None
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return Path(base) / "mou_builder" if base else Path.home() / ".cache" / "mou_builder"
    except RuntimeError:  # no home folder
        return None


def private(path: Path) -> bool:
    """Whether ``path`` belongs to this user and nobody else can write to it (what is kept
    there as code is trusted only then)."""
    try:
        info = path.stat()
    except OSError:
        return False
    owner = os.getuid() if hasattr(os, "getuid") else info.st_uid
    return info.st_uid == owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@functools.lru_cache(maxsize=32)
def source_digest(module: str | None) -> str:
    """The digest of a loaded module's source file, for the names of what its code made:
    an edited module (a development tree, a patched install) keeps its work apart from the
    same version's (found without loading it, when it is not). "" when there is no source
    to read (then nothing it makes is kept)."""
    import importlib.util

    try:
        loaded = sys.modules.get(module)
        where = loaded.__file__ if loaded is not None else importlib.util.find_spec(module).origin
        return hashlib.sha256(Path(where).read_bytes()).hexdigest()
    except (ImportError, ValueError, AttributeError, TypeError, OSError):
        return ""


def kept(area: str, header: bytes, name: str):
    """The value kept as ``name`` in ``area`` under ``header``, or None."""
    base = folder()
    if base is None:
        return None
    where = base / area
    path = where / name[:2] / name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = header + name.encode("ascii") + b"\n"
    if not data.startswith(header) or not all(private(p) for p in (where, path.parent, path)):
        return None
    try:
        return marshal.loads(data[len(header):])
    except (EOFError, ValueError, TypeError):
        return None


def keep(area: str, header: bytes, name: str, value) -> None:
    """Keep ``value`` as ``name`` in ``area`` under ``header`` (quietly nothing when the
    folder cannot take it)."""
    base = folder()
    if base is None:
        return
    where = base / area
    sub = where / name[:2]
    tmp = None
    try:
        data = header + name.encode("ascii") + b"\n" + marshal.dumps(value)
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        sub.mkdir(mode=0o700, exist_ok=True)
        if not (private(where) and private(sub)):
            return
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=sub)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, sub / name)
        tmp = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)

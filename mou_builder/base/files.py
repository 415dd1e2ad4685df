"""Writing a file atomically: a temporary file beside it, then a rename.

A reader never sees half a file, and an interrupted write leaves the previous
version in place. Every stage that writes a user's file uses this; the build
writes the temporary files of all its outputs first and renames them after
(:mod:`mou_builder.output.unit`).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from . import messages
from .errors import OutputError

_TEMP_SUFFIX = ".tmp"


def temporaries(folder: Path, names) -> list[Path]:
    """The temporary files :func:`write_temp` made in ``folder`` for files named ``names``
    (left there by a build that was stopped), found in one listing of the folder."""
    prefixes = [f".{name}." for name in names]
    try:
        with os.scandir(folder) as entries:
            return [Path(e.path) for e in entries if e.name.endswith(_TEMP_SUFFIX) and any(
                e.name.startswith(p) and len(e.name) >= len(p) + len(_TEMP_SUFFIX) for p in prefixes)]
    except OSError:  # no folder yet: nothing left in it
        return []


def _failed(path: Path, exc: OSError, lang: str) -> OutputError:
    return OutputError(messages.text("cannot_write", lang, file=path, reason=exc.strerror or exc))


def write_temp(path: Path, data: bytes, lang: str = "en") -> Path:
    """``data`` in a new temporary file beside ``path``, flushed to the disk."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise _failed(path, exc, lang) from None
    def write():
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    _or_remove(write, Path(tmp), path, lang)
    return Path(tmp)


def _or_remove(operation, tmp: Path, path: Path, lang: str) -> None:
    """Run ``operation``; on any failure remove the temporary file ``tmp``."""
    try:
        operation()
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _failed(path, exc, lang) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def install(tmp: Path, path: Path, lang: str = "en") -> None:
    """Rename a temporary file of :func:`write_temp` to its place (removed on failure)."""
    _or_remove(lambda: os.replace(tmp, path), Path(tmp), Path(path), lang)


def write_atomic(path: Path, data: bytes, lang: str = "en") -> None:
    install(write_temp(path, data, lang), Path(path), lang)


def sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

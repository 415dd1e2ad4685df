"""Writing a file atomically: a temporary file beside it, then a rename.

A reader never sees half a file, and an interrupted write leaves the previous
version in place. Every stage that writes a user's file uses this; the build
writes the temporary files of all its outputs first and renames them after
(:mod:`mou_builder.output.unit`).
"""
from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from . import messages
from .errors import OutputError

_TEMP_SUFFIX = ".tmp"


def temporary_of(name: str) -> str | None:
    """The name of the file a temporary file named ``name`` was made for by
    :func:`write_temp` (``.NAME.RANDOM.tmp``), or None when it is not one."""
    if not (name.startswith(".") and name.endswith(_TEMP_SUFFIX)):
        return None
    made_for, dot, _ = name[1:-len(_TEMP_SUFFIX)].rpartition(".")  # the random part has no dot
    return made_for if dot and made_for else None


def _failed(path: Path, exc: OSError, lang: str) -> OutputError:
    return OutputError(messages.text("cannot_write", lang, file=path, reason=exc.strerror or exc))


# the temporary files of this process not renamed yet: named here before they are made, so
# that a process stopped at any point (SIGTERM in a batch's worker, Ctrl-C) removes every one
# of them (remove_pending), even one it was stopped while making or handing back
_PENDING: set = set()


def write_temp(path: Path, data: bytes, lang: str = "en", durable: bool = True) -> Path:
    """``data`` in a new temporary file beside ``path``; with ``durable``, flushed to the disk
    (so that a power cut after the rename cannot leave an empty file where ``path`` was)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _new_temporary(path)
    except OSError as exc:
        raise _failed(path, exc, lang) from None
    def write():
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    _or_remove(write, Path(tmp), path, lang)
    return Path(tmp)


def _new_temporary(path: Path) -> tuple[int, str]:
    """A new file ``.NAME.RANDOM.tmp`` beside ``path``, open for writing, and its name."""
    while True:
        # (as str(Path(tmp)) spells it: the name is forgotten by that spelling once renamed)
        tmp = str(path.with_name(f".{path.name}.{secrets.token_hex(4)}{_TEMP_SUFFIX}"))
        _PENDING.add(tmp)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:
            _PENDING.discard(tmp)
        except OSError:  # not made
            _PENDING.discard(tmp)
            raise


def remove_pending() -> None:
    """Remove the temporary files this process made and did not rename (it is being stopped)."""
    for tmp in list(_PENDING):
        try:
            os.unlink(tmp)
        except OSError:  # never made, or renamed
            pass
        _PENDING.discard(tmp)


def _or_remove(operation, tmp: Path, path: Path, lang: str) -> None:
    """Run ``operation``; on any failure remove the temporary file ``tmp``."""
    try:
        operation()
    except OSError as exc:
        remove_temp(tmp)
        raise _failed(path, exc, lang) from None
    except BaseException:
        remove_temp(tmp)
        raise


def remove_temp(tmp: Path) -> None:
    """Remove a temporary file of :func:`write_temp` that will not be renamed."""
    Path(tmp).unlink(missing_ok=True)
    _PENDING.discard(str(tmp))


def install(tmp: Path, path: Path, lang: str = "en") -> None:
    """Rename a temporary file of :func:`write_temp` to its place (removed on failure)."""
    _or_remove(lambda: os.replace(tmp, path), Path(tmp), Path(path), lang)
    _PENDING.discard(str(tmp))


def make_file(folder: Path, prefix: str, suffix: str, lang: str = "en") -> Path:
    """A new empty file of a name of its own in ``folder``."""
    try:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
        os.close(fd)
        os.chmod(name, 0o644)
    except OSError as exc:
        raise _failed(Path(folder) / f"{prefix}{suffix}", exc, lang) from None
    return Path(name)


def rewrite(path: Path, data: bytes, lang: str = "en", durable: bool = True) -> None:
    """Replace the content of the file ``path`` by ``data`` in place (for a file only this
    tool reads, that tolerates a crash half-way); with ``durable``, flushed to the disk."""
    try:
        with open(path, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except OSError as exc:
        raise _failed(path, exc, lang) from None


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

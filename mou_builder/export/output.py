"""Writing an export: atomically, and never over a file that another hand wrote."""
from __future__ import annotations

from pathlib import Path

from ..base.errors import OutputError
from ..base.files import write_atomic


def write(path, data: bytes, marks: tuple, command: str, force: bool = False) -> None:
    """Write ``data``; an existing file is replaced only when its start holds every one of
    ``marks`` (a file this command wrote), or with ``force``."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} is a folder: give the name of the file to write")
    if path.exists() and not force and not ours(path, marks):
        raise OutputError(f"{path} exists and was not written by '{command}'; choose another "
                          f"file or replace it with --force")
    write_atomic(path, data)


def ours(path: Path, marks: tuple) -> bool:
    try:
        head = Path(path).read_bytes()[:4096]
    except OSError:
        return False
    return all(mark in head for mark in marks)

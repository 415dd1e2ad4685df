"""The files the web app may touch: specs of the folder served, documents of its output folder.

A name from a request is a plain relative name; it is resolved (symlinks followed) and must
stay inside its folder, so no ``..`` or symlink leads out. A save replaces the file
atomically, and only if it still holds what the person opened.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..base.errors import MouError
from ..base.files import write_atomic
from ..validation import MAX_BYTES, SPEC_SUFFIXES

_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$")


class Refused(MouError):
    """A name or a write the app will not carry out; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class Conflict(Refused):
    def __init__(self, message: str):
        super().__init__(message, 409)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inside(folder: Path, name: str, suffixes: tuple) -> Path:
    """The file ``name`` of ``folder``; refused when it leads out or is not of the kind."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or len(name) > 255 \
            or ".." in Path(name).parts or not name.lower().endswith(suffixes):
        raise Refused(f"{name!r} is not a file of this folder", 404)
    root = folder.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or path == root:
        raise Refused(f"{name!r} is not a file of this folder", 404)
    return path


def specs(folder: Path) -> list[str]:
    """The specs of the folder (not its subfolders), by name."""
    root = folder.resolve()
    return sorted(p.name for p in root.iterdir()
                  if p.suffix in SPEC_SUFFIXES and p.is_file() and p.resolve().is_relative_to(root))


def read(folder: Path, name: str) -> tuple[str, str]:
    """The text of a spec and the digest a later save must match."""
    path = inside(folder, name, SPEC_SUFFIXES)
    if not path.is_file():
        raise Refused(f"{name} is not in this folder", 404)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise Refused(f"{name} is larger than {MAX_BYTES} bytes", 413)
    try:
        return raw.decode("utf-8-sig"), digest(raw)
    except UnicodeDecodeError:
        raise Refused(f"{name} is not UTF-8 text; save it as UTF-8") from None


def save(folder: Path, name: str, text: str, base: str, changed_message: str) -> str:
    """Write ``text`` if the file on disk is still the one of digest ``base``; the new digest."""
    path = inside(folder, name, SPEC_SUFFIXES)
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise Refused(f"the spec is larger than {MAX_BYTES} bytes", 413)
    current = path.read_bytes() if path.exists() else b""
    if digest(current) != base:
        raise Conflict(changed_message)
    write_atomic(path, data)
    return digest(data)


def new_name(name: str) -> str:
    """A new spec's file name from what the person typed (``lyon-sfax`` -> lyon-sfax.yaml)."""
    stem = name.strip().removesuffix(".yaml").removesuffix(".yml")
    if not _NAME.match(stem):
        raise Refused("bad_name")
    return stem + ".yaml"

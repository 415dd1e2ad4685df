"""A version of a file: a path in the working tree, or ``PATH@GITREF`` in its git history."""
from __future__ import annotations

from pathlib import Path


def split_ref(value: str, base: Path | None = None) -> tuple[str, str | None]:
    """``PATH@GITREF`` → (PATH, GITREF); an existing file (even with "@" in its name) or a
    plain path → (path, None)."""
    if (Path(base or ".") / value).is_file():
        return value, None
    path, at, ref = value.rpartition("@")
    return (path, ref) if at and path and ref else (value, None)

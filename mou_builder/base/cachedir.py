"""The user's cache folder: work done in an earlier run, kept so as not to do it again.

``MOU_CACHE_DIR`` names the folder (set and empty: nothing is kept); by default
``$XDG_CACHE_HOME/mou_builder`` or ``~/.cache/mou_builder``. Whatever is kept there
can be deleted at any time: it is made again when needed.
"""
from __future__ import annotations

import os
import stat
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

"""Where the built-in clause library and templates are.

In a source checkout they are the top-level clauses/ and templates/ folders;
an installed package carries them as mou_builder/_clauses and
mou_builder/_templates (see setup.cfg).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the package folder


@lru_cache(maxsize=None)
def _find(installed: str, checkout: str) -> Path:
    """(once per process: the package does not move while it runs)"""
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def library_dir() -> Path:
    """The clause library; MOU_LIBRARY names another one (a network's, or a translator's copy)."""
    override = os.environ.get("MOU_LIBRARY")
    return Path(override) if override else _find("_clauses", "clauses")


def builtin_library_dir() -> Path:
    return _find("_clauses", "clauses")


def templates_dir() -> Path:
    return _find("_templates", "templates")

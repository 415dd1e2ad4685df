"""Settings for publishing, from ``mou.toml``: who reports, and where the documents are.

The file is looked for in the current folder, then beside the specs (the folder given,
or the folder of the first spec). Options on the command line win over the file.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from ..base.errors import MouError

NAME = "mou.toml"
KEYS = ("reporting-org", "reporting-org-name", "reporting-org-type", "documents-url", "documents-format")


def find(targets, cwd: Path | None = None) -> Path | None:
    cwd = Path(cwd or Path.cwd())
    places = [cwd] + [Path(t) if Path(t).is_dir() else Path(t).parent for t in targets[:1]]
    for folder in places:
        if (folder / NAME).is_file():
            return folder / NAME
    return None


def load(targets, cwd: Path | None = None) -> tuple[dict, Path | None]:
    """The [iati] settings and the file they come from (empty when there is none)."""
    path = find(targets, cwd)
    if path is None:
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MouError(f"{path}: cannot be read as TOML ({exc})") from None
    section = data.get("iati", {})
    if not isinstance(section, dict):
        raise MouError(f"{path}: [iati] must be a table of settings")
    unknown = sorted(set(section) - set(KEYS))
    if unknown:
        raise MouError(f"{path}: [iati]: unknown setting {', '.join(unknown)} (known: {', '.join(KEYS)})")
    return {k: str(v) for k, v in section.items()}, path

"""`mou new`: a commented starter spec that validates as written.

The dates are placed in the coming year, so the starter is valid whenever it
is written; everything else is an invented example to overwrite.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from string import Template

from ..base.files import write_atomic

LANGUAGES = ("en", "fr", "es", "it", "pt", "ar")
_FOLDER = Path(__file__).resolve().parent / "starter"


def text(lang: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    y = today.year + 1
    values = {"sign": f"{y}-01-15", "mandate": f"{y}-01-05", **{f"y{i}": str(y + i) for i in range(4)}}
    body = Template((_FOLDER / f"{lang}.yaml").read_text(encoding="utf-8")).substitute(values)
    from ..validation import json_schema  # the schema, only when a starter is written
    return json_schema.modeline() + body


def write(path: Path, lang: str) -> None:
    """The starter, and beside it the JSON Schema its first line points editors to."""
    write_atomic(path, text(lang).encode("utf-8"))
    install_schema(Path(path).parent)


def install_schema(folder: Path) -> Path | None:
    """Write the JSON Schema into ``folder``, for the specs there to point at offline.

    A file of that name is replaced only when it is an older copy of ours; returns the
    path written, or None when nothing needed writing."""
    from ..validation import json_schema
    target = Path(folder) / json_schema.FILE_NAME
    current = json_schema.text()
    if target.exists():
        try:
            old = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if old == current or not json_schema.is_ours(old):
            return None
    write_atomic(target, current.encode("utf-8"))
    return target

"""`mou new`: a commented starter spec that validates as written.

The dates are placed in the coming year, so the starter is valid whenever it
is written; everything else is an invented example to overwrite.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from string import Template

from ..base.files import write_atomic

LANGUAGES = ("en", "fr")
_FOLDER = Path(__file__).resolve().parent / "starter"


def text(lang: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    y = today.year + 1
    values = {"sign": f"{y}-01-15", **{f"y{i}": str(y + i) for i in range(4)}}
    return Template((_FOLDER / f"{lang}.yaml").read_text(encoding="utf-8")).substitute(values)


def write(path: Path, lang: str) -> None:
    write_atomic(path, text(lang).encode("utf-8"))

"""A spec after LOAD and VALIDATE: its data (when it could be read) and every problem."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..base.errors import SpecInvalid
from .loader import Source, load
from .validate import check as validate


@dataclass
class Checked:
    """A spec after LOAD and VALIDATE."""

    path: Path
    source: Source | None
    problems: list = field(default_factory=list)

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def check_file(path: str | Path, library, today: dt.date | None = None) -> Checked:
    """LOAD and VALIDATE one spec file against ``library``: every problem at once."""
    path = Path(path)
    try:
        source = load(path)
    except SpecInvalid as exc:
        return Checked(path, None, exc.problems)
    return Checked(path, source, validate(source, library, today))

"""A spec after LOAD and VALIDATE: its data (when it could be read) and every problem."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..base.errors import SpecInvalid
from .loader import load, parse
from .source import Source
from .validate import check as validate


@dataclass
class Checked:
    """A spec after LOAD and VALIDATE."""

    path: Path
    source: Source | None
    problems: list = field(default_factory=list)
    library: object = None  # the library checked against (with the spec's packs over it)

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def error_count(self) -> int:
        """Every error found, including those left out of ``problems`` beyond the first ones."""
        return sum(p.params.get("count", 0) if p.key == "more_errors" else 1 for p in self.errors)

    @property
    def warnings(self) -> list:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def check_file(path: str | Path, library, today: dt.date | None = None, prepare=None,
               source: Source | SpecInvalid | None = None) -> Checked:
    """LOAD and VALIDATE one spec file against ``library``: every problem at once.

    ``prepare(path, source, library)``, when given, returns the library to check against (the
    spec's packs over it) after it may have completed ``source.data`` (their defaults).
    ``source``: the file already loaded, or what its loading raised (a batch reads each spec
    once), else it is loaded here."""
    path = Path(path)
    if isinstance(source, SpecInvalid):
        return Checked(path, None, source.problems, library)
    try:
        source = source if source is not None else load(path)
    except SpecInvalid as exc:
        return Checked(path, None, exc.problems, library)
    if prepare is not None:
        library = prepare(path, source, library)
    return Checked(path, source, validate(source, library, today), library)


def check_text(text: str, display: str, library, today: dt.date | None = None) -> Checked:
    """LOAD and VALIDATE spec text that is in no file yet, named ``display`` in the problems."""
    try:
        source = parse(text, display)
    except SpecInvalid as exc:
        return Checked(Path(display), None, exc.problems)
    return Checked(Path(display), source, validate(source, library, today))

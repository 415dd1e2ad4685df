"""LOAD: a loaded spec, with the place of every value (what :mod:`.loader` gives)."""
from __future__ import annotations

from dataclasses import dataclass

from ..base.errors import Problem

Path_ = tuple  # a path into the document: ("actions", 0, "title")


@dataclass
class Source:
    """A loaded spec: its data, where it came from and where each value is."""

    path: str
    data: object
    marks: dict  # path tuple -> (line, column) of the value
    key_marks: dict  # path tuple -> (line, column) of the key naming it
    text: str = ""
    sha256: str = ""  # of the bytes it was read from (a file), for the build record

    def mark(self, path: Path_) -> tuple[int, int]:
        """Where ``path`` is, or the nearest enclosing value that exists."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def key_mark(self, path: Path_) -> tuple[int, int]:
        return self.key_marks.get(tuple(path)) or self.mark(path)

    def problem(self, path: Path_, key: str, severity: str = "error", at_key: bool = False,
                **params) -> Problem:
        line, col = self.key_mark(path) if at_key else self.mark(path)
        return Problem(self.path, line, col, dotted(path), key, params, severity)


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

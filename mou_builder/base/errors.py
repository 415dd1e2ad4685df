"""Errors a person can act on.

The library raises, never prints or exits. Every exception derives from
``click.ClickException`` so that the CLI shows ``Error: …`` and exits with 1;
a traceback is only for real bugs (or ``--debug``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import click

from . import messages


@dataclass(frozen=True)
class Problem:
    """One finding about a spec, located in its file.

    ``key`` names a message in :mod:`mou_builder.messages`; ``params`` fill it.
    The text is produced late, in the console language asked for.
    """

    file: str
    line: int
    column: int
    path: str
    key: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = "error"  # "warning", or "info" (never fatal, not even under --strict)

    def format(self, lang: str = "en") -> str:
        text = messages.text(self.key, lang, **self.params)
        prefix = "" if self.severity == "error" else messages.text(
            "warning_prefix" if self.severity == "warning" else "note_prefix", lang)
        where = f"{self.file}:{self.line}:{self.column}"
        path = messages.visible(self.path)
        return f"{where}: {path}: {prefix}{text}" if path else f"{where}: {prefix}{text}"


class MouError(click.ClickException):
    """Base of every error the tool reports to a user."""

    exit_code = 1


class SpecInvalid(MouError):
    """A spec has one or more errors; ``problems`` holds all of them."""

    def __init__(self, problems: list[Problem], lang: str = "en"):
        self.problems = problems
        self.lang = lang
        super().__init__("\n".join(p.format(lang) for p in problems))

    def show(self, file=None):  # print the located lines as they are, no "Error:" prefix
        click.echo(self.message, err=True, file=file)


class LibraryError(MouError):
    """The clause library or a template is broken (a maintainer's problem)."""


class OutputError(MouError):
    """An output cannot be written (or converted)."""


def internal_error(exc: BaseException) -> str:
    """The one line that reports a bug (an unexpected exception) instead of a traceback."""
    return (f"internal error ({type(exc).__name__}: {exc}); this is a bug in mou_builder. "
            "Run again with --debug for the details and report them.")

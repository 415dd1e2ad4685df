"""The one template language of the project: sandboxed, autoescaping Jinja.

Clause texts and DOCX layout templates may come from a network's pack, so
they are treated as untrusted code: every render goes through an
``ImmutableSandboxedEnvironment`` with autoescape on (user text is XML-escaped
once, and what a clause renders is marked safe so it is not escaped twice) and
undefined names are errors, not silent blanks.
"""
from __future__ import annotations

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

__all__ = ["environment", "Markup", "escape", "TemplateError", "SecurityError"]


def environment(text_mode: bool = False, **filters) -> ImmutableSandboxedEnvironment:
    """A fresh sandbox. ``text_mode`` drops the line of a block tag (for clause texts)."""
    env = ImmutableSandboxedEnvironment(
        autoescape=True, undefined=StrictUndefined,
        trim_blocks=text_mode, lstrip_blocks=text_mode, keep_trailing_newline=False)
    env.filters.update(filters)
    return env

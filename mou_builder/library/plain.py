"""What the sandbox gives for a clause text or a condition that has no template code, worked
out without compiling or running a template.

About half the texts of a document are plain text (the titles: "Gouvernance"), and about
half the conditions of the library a single name (``when: "governance"``). Compiling or
finding their code, making a template of it and a context for it cost far more than they
do. What is given here is exactly what the sandbox gives for them (tests/library/
test_plain.py compares the two on every text and condition of the library); anything else
is left to the sandbox, which stays the one place template code runs.
"""
from __future__ import annotations

import re

from . import sandbox

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# names a Jinja expression does not read from its context: constants, operators, and the
# names the compiler gives a meaning of its own
_NOT_VARIABLES = frozenset({"true", "false", "none", "True", "False", "None", "and", "or", "not", "in",
                            "is", "if", "else", "self", "loop", "super", "caller", "varargs", "kwargs",
                            "result"})  # what the sandbox's expression code assigns


def text(env, source: str) -> str | None:
    """What ``source`` renders in ``env`` when it holds no tag, variable or comment: the text
    itself, less one final line break (Jinja drops it). None when it holds any (or a
    carriage return, which Jinja rewrites; or is longer than a render may write), or when
    ``env`` is set up differently from the sandbox's clause environment."""
    if not _plain_setting(env) or len(source) > sandbox.MAX_OUTPUT or "\r" in source \
            or env.block_start_string in source or env.variable_start_string in source \
            or env.comment_start_string in source:
        return None
    return source[:-1] if source.endswith("\n") and not env.keep_trailing_newline else source


def _plain_setting(env) -> bool:
    """Whether plain text in ``env`` is written as it is: no line statements or comments, no
    extension that might preprocess it, line breaks kept as ``\\n``."""
    return env.line_statement_prefix is None and env.line_comment_prefix is None \
        and not env.extensions and env.newline_sequence == "\n"


def name(source: str, context: dict):
    """(True, value) when the expression ``source`` is one name given in ``context``: the
    value the sandbox evaluates it to; (False, None) for any other expression."""
    if type(source) is str and source in context and source not in _NOT_VARIABLES \
            and _NAME.fullmatch(source):
        return True, context[source]
    return False, None

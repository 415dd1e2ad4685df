"""What the sandbox gives for a clause text without template code, and for a plain condition,
worked out without compiling or running a template.

About half the texts of a document are plain text (the titles: "Gouvernance"), and the
library's conditions are names, values of plain mappings, constants, ``not``, ``and``,
``or`` and one comparison (``when: "not light or coherence.plans"``). Compiling or finding
their code, making a template of it and a context for it cost far more than they do. What
is given here is exactly what the sandbox gives for them (tests/library/test_plain.py
compares the two on every text and condition of the library and on generated ones): no
attribute of an object is read, nothing is called. Anything else, and anything the sandbox
would refuse or find undefined, is left to the sandbox, which says what is wrong.
"""
from __future__ import annotations

import operator
from functools import lru_cache

from jinja2 import nodes
from jinja2.parser import Parser

from . import sandbox
from ..base.kept import Kept

# names a Jinja expression does not read from its context as they are: the names the
# compiler gives a meaning of its own, and what the sandbox's expression code assigns
_NOT_VARIABLES = frozenset({"self", "loop", "super", "caller", "varargs", "kwargs", "result"})
_COMPARISONS = {"eq": operator.eq, "ne": operator.ne, "in": lambda a, b: a in b,
                "notin": lambda a, b: a not in b}
_CONSTANTS = (str, int, bool, type(None))
_LEFT = object()  # what is left to the sandbox
_TREES = Kept()  # a condition's text -> its expression, or None: not one of those given here


def text(env, source: str) -> str | None:
    """What ``source`` renders in ``env`` when it holds no tag, variable or comment: the text
    itself, less one final line break (Jinja drops it). None when it holds any (or a
    carriage return, which Jinja rewrites; or is longer than a render may write), or when
    ``env`` is set up differently from the sandbox's clause environment."""
    if not _standard(env) or len(source) > sandbox.MAX_OUTPUT or "\r" in source \
            or env.block_start_string in source or env.variable_start_string in source \
            or env.comment_start_string in source:
        return None
    return source[:-1] if source.endswith("\n") and not env.keep_trailing_newline else source


def _standard(env) -> bool:
    """Whether ``env`` reads text as the sandbox's clause environment does: Jinja's
    delimiters, no line statements or comments, no extension that might preprocess it,
    line breaks kept as ``\\n``."""
    return env.line_statement_prefix is None and env.line_comment_prefix is None \
        and not env.extensions and env.newline_sequence == "\n" \
        and (env.block_start_string, env.block_end_string, env.variable_start_string,
             env.variable_end_string, env.comment_start_string, env.comment_end_string) \
        == ("{%", "%}", "{{", "}}", "{#", "#}")


def condition(env, source, context: dict):
    """(True, value) when the condition ``source`` is one of those given here and every name
    and key it reads is in ``context``: the value the sandbox evaluates it to; (False, None)
    otherwise (and when evaluating it fails: the sandbox fails with its message)."""
    tree = _tree(source) if type(source) is str and _standard(env) else None
    try:
        value = _LEFT if tree is None else _value(tree, context)
    except Exception:  # values that do not compare (``1 in 2``): the sandbox says so
        value = _LEFT
    return (False, None) if value is _LEFT else (True, value)


def _tree(source: str):
    tree = _TREES.get(source, _LEFT)  # (None: read, and not one of those given here)
    if tree is not _LEFT:
        return tree
    try:
        parser = Parser(_parser_environment(), source, state="variable")
        tree = parser.parse_expression()
        if not parser.stream.eos or not _plain(tree):
            tree = None
    except (sandbox.TemplateError, RecursionError):  # the sandbox says what is wrong
        tree = None
    return _TREES.put(source, tree)


@lru_cache(maxsize=1)
def _parser_environment():
    """The sandbox that reads conditions, made when first needed."""
    return sandbox.environment(text_mode=True)


def _plain(node) -> bool:
    """Whether the expression is made only of what :func:`_value` evaluates."""
    kind = type(node)
    if kind is nodes.Name:
        return node.ctx == "load" and node.name not in _NOT_VARIABLES
    if kind is nodes.Const:
        return type(node.value) in _CONSTANTS
    if kind is nodes.Getattr:
        return node.ctx == "load" and node.attr not in sandbox._DICT_ATTRIBUTES and _plain(node.node)
    if kind is nodes.Not:
        return _plain(node.node)
    if kind in (nodes.And, nodes.Or):
        return _plain(node.left) and _plain(node.right)
    if kind is nodes.Compare:
        return len(node.ops) == 1 and node.ops[0].op in _COMPARISONS \
            and _plain(node.expr) and _plain(node.ops[0].expr)
    return False


def _value(node, context: dict):
    """The value of a plain expression, as the sandbox's code gives it (``and`` and ``or``
    give one of their sides, unevaluated right sides are not looked at); :data:`_LEFT` when a
    name or key is missing (the sandbox's undefined, which it refuses) or a value is not a
    plain mapping where a key is read."""
    kind = type(node)
    if kind is nodes.Name:
        return context.get(node.name, _LEFT)
    if kind is nodes.Const:
        return node.value
    if kind is nodes.Getattr:
        mapping = _value(node.node, context)
        return mapping.get(node.attr, _LEFT) if type(mapping) is dict else _LEFT
    if kind is nodes.Not:
        value = _value(node.node, context)
        return value if value is _LEFT else not value
    if kind in (nodes.And, nodes.Or):
        left = _value(node.left, context)
        if left is _LEFT or bool(left) is (kind is nodes.Or):  # decided by the left side
            return left
        return _value(node.right, context)
    left, right = _value(node.expr, context), _value(node.ops[0].expr, context)
    if left is _LEFT or right is _LEFT:
        return _LEFT
    return _COMPARISONS[node.ops[0].op](left, right)

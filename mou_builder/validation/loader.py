"""LOAD: read a spec file safely and remember where every value stands.

The loader
- is PyYAML's safe loader (no Python objects);
- refuses aliases (no "billion laughs": an anchor is then of no use), merge keys,
  duplicate keys (a second ``fr:`` would silently replace the first), nesting deeper
  than ``MAX_DEPTH`` and files over ``MAX_BYTES``;
- resolves scalars the YAML 1.2 way for what matters here: only
  ``true``/``false`` are booleans (``NO`` stays the string "NO"), integers have no
  leading zero (``0123`` stays a string), ISO dates become ``datetime.date``;
- returns, beside the data, the line and column (1-based) of each value by path,
  so that every later error can point at the place in the file.

It reads with libyaml's C parser when PyYAML has it, about seven times faster, and with
PyYAML's Python loader whenever the two could differ: a pass over libyaml's events (not
recursive) lets through to its composer (recursive, and following aliases) only a text
without alias, anchor, tag or deep nesting, and without what the two read apart
(``_READ_APART``). Whatever libyaml or the checks refuse is read again by the Python
loader, so that every message is the one it has always been.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..base.errors import Problem, SpecInvalid

MAX_BYTES = 1_000_000
MAX_DEPTH = 40

Path_ = tuple  # a path into the document: ("actions", 0, "title")


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like implicit types and no aliases."""

    depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed",
                                              event.start_mark)
        self.depth += 1
        try:  # the nesting is limited while composing: PyYAML composes recursively
            if self.depth > MAX_DEPTH + 1:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _TooDeep(Exception):
    def __init__(self, mark):
        self.mark = mark


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))

if yaml.__with_libyaml__:
    from yaml._yaml import CParser as _CParser

    class _CLoader(_CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser and composer with the implicit types of :class:`_Loader` (it
        calls the Python ``resolve``); only for texts :func:`_composable` let through."""

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

        def __init__(self, text):
            _CParser.__init__(self, text)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # PyYAML built without libyaml: the Python loader reads everything
    _CLoader = _CParser = None


@dataclass
class Source:
    """A loaded spec: its data, where it came from and where each value is."""

    path: str
    data: object
    marks: dict  # path tuple -> (line, column) of the value
    key_marks: dict  # path tuple -> (line, column) of the key naming it
    text: str = ""

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


def _pos(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _located_failure(display: str, mark, message_key: str, /, **params) -> SpecInvalid:
    line, col = _pos(mark) if mark is not None else (1, 1)
    return SpecInvalid([Problem(display, line, col, "", message_key, params)])


def parse(text: str, display: str) -> Source:
    """Parse spec text; raise :class:`SpecInvalid` with a located message on failure."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise SpecInvalid([Problem(display, 1, 1, "", "file_too_large", {"limit": MAX_BYTES})])
    return _parse_c(text, display) or _parse_python(text, display)


def _parse_c(text: str, display: str) -> Source | None:
    """The text read by libyaml, or None when the Python loader must read it.

    libyaml's composer is recursive in C and follows aliases itself, so a text reaches it
    only after a pass over its parser's events (which is not recursive) found nothing the
    two loaders read apart: no alias, anchor or tag, no nesting deeper than ``MAX_DEPTH``
    (:func:`_composable`). Whatever libyaml or the checks of
    :func:`_build` refuse is read again by the Python loader, so that every refusal is
    worded and located by the one loader that gives the messages."""
    if _CLoader is None or not _composable(text):
        return None
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
        return _source(node, display, loader, text)
    except (yaml.YAMLError, SpecInvalid):
        return None
    finally:
        loader.dispose()


# what libyaml and PyYAML read apart: tabs (libyaml takes some that PyYAML refuses), a byte
# order mark inside the text (libyaml drops it), the line breaks of Unicode (NEL, LS, PS:
# other line numbers) and a comment straight after a block scalar's indicator (|#)
_READ_APART = re.compile("[\t\ufeff\x85\u2028\u2029]|[|>][-+0-9]*#")


def _composable(text: str) -> bool:
    """Whether libyaml composes ``text`` as the Python loader would: not when it has what
    the two read apart (``_READ_APART``, :func:`_plain_events`), nor when it does not end
    with a line break (libyaml then places what stands at the very end one line further)."""
    if _READ_APART.search(text) or not text.endswith("\n"):
        return False
    try:
        parser = _CParser(text)
    except UnicodeEncodeError:  # a lone surrogate: the Python loader names it
        return False
    try:
        return _plain_events(parser)
    except yaml.YAMLError:  # the Python loader words and locates it
        return False
    finally:
        parser.dispose()


_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _plain_events(parser) -> bool:
    """Whether the parser's events (read one by one: not recursive) have no alias, anchor or
    tag, no nesting deeper than MAX_DEPTH and, inside brackets, no "?" in a value (PyYAML
    ends a word there, libyaml does not)."""
    depth = flow = 0  # collections open; of them, in brackets
    while parser.check_event():
        event = parser.get_event()
        kind = type(event)
        if kind is yaml.AliasEvent or getattr(event, "anchor", None) is not None \
                or getattr(event, "tag", None) is not None:
            return False
        if kind is yaml.ScalarEvent:
            if flow and "?" in event.value:
                return False
        elif kind in _STARTS:
            depth += 1
            flow += bool(flow or event.flow_style)
            if depth > MAX_DEPTH:
                return False
        elif kind in _ENDS:
            depth -= 1
            flow -= bool(flow)
    return True


def _parse_python(text: str, display: str) -> Source:
    """The text read by PyYAML's Python loader, which words and locates every refusal."""
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except _TooDeep as exc:
        raise _located_failure(display, exc.mark, "too_deep", limit=MAX_DEPTH) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = (exc.problem or exc.context or "").strip()
        if isinstance(exc, yaml.composer.ComposerError) and reason.startswith("aliases"):
            raise _located_failure(display, mark, "yaml_alias") from None
        raise _located_failure(display, mark, "yaml_syntax", reason=reason) from None
    except yaml.YAMLError as exc:  # reader errors (bad characters) carry a position
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
        column = position - text.rfind("\n", 0, position) if isinstance(position, int) else 1
        reason = f"character #x{exc.character:04x} is not allowed" if hasattr(exc, "character") \
            else str(exc).splitlines()[0]
        raise SpecInvalid([Problem(display, line, column, "", "yaml_syntax",
                                   {"reason": reason})]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return _source(node, display, loader, text)


def _source(node, display: str, loader, text: str) -> Source:
    """The data and marks of a composed document (None: an empty one)."""
    if node is None:
        return Source(display, None, {(): (1, 1)}, {}, text)
    marks: dict = {}
    key_marks: dict = {}
    data = _build(node, (), marks, key_marks, display, loader, 0)
    return Source(display, data, marks, key_marks, text)


def _build(node, path, marks, key_marks, display, loader, depth):
    if depth > MAX_DEPTH:
        raise _located_failure(display, node.start_mark, "too_deep", limit=MAX_DEPTH)
    marks[path] = _pos(node.start_mark)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (
            "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap"):
        raise _located_failure(display, node.start_mark, "yaml_syntax",
                               reason=f"the tag {node.tag} is not allowed in a spec")
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _key(key_node, display, loader)
            if key in out:
                first = key_marks[path + (key,)]
                raise _located_failure(display, key_node.start_mark, "duplicate_key",
                                       key=key, line=first[0])
            key_marks[path + (key,)] = _pos(key_node.start_mark)
            out[key] = _build(value_node, path + (key,), marks, key_marks, display, loader, depth + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), marks, key_marks, display, loader, depth + 1)
                for i, item in enumerate(node.value)]
    return _scalar(node, display, loader)


def _key(node, display: str, loader):
    if node.tag == "tag:yaml.org,2002:merge":
        raise _located_failure(display, node.start_mark, "yaml_alias")
    if not isinstance(node, yaml.ScalarNode):
        raise _located_failure(display, node.start_mark, "yaml_complex_key")
    key = _scalar(node, display, loader)
    if isinstance(key, (dict, list)) or key is None:
        raise _located_failure(display, node.start_mark, "yaml_complex_key")
    return key


def _scalar(node, display: str, loader):
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise _located_failure(display, exc.problem_mark or node.start_mark, "yaml_syntax",
                               reason=(exc.problem or "").strip()) from None
    except ValueError as exc:
        if node.tag == "tag:yaml.org,2002:timestamp":  # 2026-02-30 matched the date pattern
            raise _located_failure(display, node.start_mark, "bad_date_value",
                                   value=node.value, reason=str(exc)) from None
        raise _bad_value(display, node) from None
    except (LookupError, AttributeError, TypeError):  # e.g. !!int '' or !!bool maybe
        raise _bad_value(display, node) from None


def _bad_value(display: str, node) -> SpecInvalid:
    value = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    return _located_failure(display, node.start_mark, "bad_tagged_value", value=value,
                            kind=node.tag.rsplit(":", 1)[-1])


def load(path: str | Path, display: str | None = None) -> Source:
    """Read and parse the spec at ``path``."""
    path = Path(path)
    display = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SpecInvalid([Problem(display, 1, 1, "", "file_too_large", {"limit": MAX_BYTES})])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpecInvalid([Problem(display, 1, 1, "", "file_not_found")]) from None
    except IsADirectoryError:
        raise SpecInvalid([Problem(display, 1, 1, "", "file_is_directory")]) from None
    except OSError as exc:
        raise SpecInvalid([Problem(display, 1, 1, "", "file_unreadable", {"reason": exc.strerror})]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SpecInvalid([Problem(display, line, 1, "", "not_utf8")]) from None
    return parse(text, display)

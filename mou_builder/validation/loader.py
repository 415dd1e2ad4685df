"""LOAD: read a spec file safely and remember where every value stands.

The loader
- is PyYAML's safe loader (no Python objects);
- refuses aliases (no "billion laughs") and anchors (of no use without them), merge keys,
  duplicate keys (a second ``fr:`` would silently replace the first), nesting deeper
  than ``MAX_DEPTH`` and files over ``MAX_BYTES``;
- resolves scalars the YAML 1.2 way for what matters here: only
  ``true``/``false`` are booleans (``NO`` stays the string "NO"), integers have no
  leading zero (``0123`` stays a string), ISO dates become ``datetime.date``;
- returns, beside the data, the line and column (1-based) of each value by path,
  so that every later error can point at the place in the file.

It reads with libyaml's C parser when PyYAML has it, and with PyYAML's Python loader
whenever the two could differ: the data and marks are built in one pass over libyaml's
events (not recursive: libyaml's own composer is, and follows aliases), for a text without
alias, anchor, tag or deep nesting, and without what the two read apart (``_READ_APART``).
Whatever libyaml or the checks refuse is read again by the Python loader, so that every
message is the one it has always been.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from ..base.errors import Problem, SpecInvalid
from .source import Source

MAX_BYTES = 1_000_000
SPEC_SUFFIXES = (".yaml", ".yml")  # the names of spec files
MAX_DEPTH = 40



class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like implicit types and no aliases nor anchors."""

    depth = 0
    first_anchor = None  # where the first anchor is: refused after the document, if no alias was

    def compose_document(self):
        node = super().compose_document()
        if self.first_anchor is not None:
            raise yaml.composer.ComposerError(None, None, "anchors (&name) are not allowed", self.first_anchor)
        return node

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", event.start_mark)
        if getattr(event, "anchor", None) is not None and self.first_anchor is None:
            self.first_anchor = event.start_mark
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


_Loader.yaml_implicit_resolvers = {  # a first character left with no resolver is not kept
    k: kept for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    if (kept := [(tag, rx) for tag, rx in v if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")])
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
else:  # PyYAML built without libyaml: the Python loader reads everything
    _CParser = None


def _pos(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _empty(display: str, text: str) -> Source:
    """The Source of a text with no document (an empty file, or only comments)."""
    return Source(display, None, {(): (1, 1)}, {}, text)


def _located_failure(display: str, mark, message_key: str, /, **params) -> SpecInvalid:
    line, col = _pos(mark) if mark is not None else (1, 1)
    return SpecInvalid([Problem(display, line, col, "", message_key, params)])


def parse(text: str, display: str) -> Source:
    """Parse spec text; raise :class:`SpecInvalid` with a located message on failure."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise SpecInvalid([Problem(display, 1, 1, "", "file_too_large", {"limit": MAX_BYTES})])
    return _parse_c(text, display) or _parse_python(text, display)


def _parse_c(text: str, display: str) -> Source | None:
    """The text read through libyaml's C parser, or None when the Python loader must read it.

    The data and marks are built in one pass over the parser's events (not recursive:
    libyaml's own composer is recursive in C and follows aliases), and only for a text
    without what the two loaders read apart (``_READ_APART``; an alias, anchor or tag; a
    nesting deeper than ``MAX_DEPTH``; a "?" in a value inside brackets; a text that does
    not end with a line break, whose end libyaml places one line further). Whatever
    libyaml or the checks refuse is read again by the Python loader, so that every refusal
    is worded and located by the one loader that gives the messages."""
    if _CParser is None or _READ_APART.search(text) or not text.endswith("\n"):
        return None
    try:
        parser = _CParser(text)
    except UnicodeEncodeError:  # a lone surrogate: the Python loader names it
        return None
    try:
        return _from_events(parser, display, text)
    except (yaml.YAMLError, _ReadApart):
        return None
    finally:
        parser.dispose()


# what libyaml and PyYAML read apart: tabs (libyaml takes some that PyYAML refuses), a byte
# order mark inside the text (libyaml drops it), the line breaks of Unicode (NEL, LS, PS:
# other line numbers) and a comment straight after a block scalar's indicator (|#)
_READ_APART = re.compile("[\t\ufeff\x85\u2028\u2029]|[|>][-+0-9]*#")
_STR = "tag:yaml.org,2002:str"


class _ReadApart(Exception):
    """What the Python loader is to read (or refuse, with its message)."""


class _Scalars(yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """The implicit types of :class:`_Loader` and the safe constructors of its scalars
    (they keep no state between values)."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


_SCALARS = _Scalars()
# the first characters of the plain scalars an implicit type may take: any other is text
# (as ``resolve`` finds, without going through it: most values of a spec are text)
_TYPED_FIRST = frozenset(_Scalars.yaml_implicit_resolvers) \
    if None not in _Scalars.yaml_implicit_resolvers and not _Scalars.yaml_path_resolvers else None


def _value(event):
    """The scalar of ``event`` as the Python loader constructs it."""
    value = event.value
    if _TYPED_FIRST is not None and (not event.implicit[0] or value[:1] not in _TYPED_FIRST):
        return value  # quoted, or plain text no implicit type starts with
    tag = _SCALARS.resolve(yaml.ScalarNode, value, event.implicit)
    if tag == _STR:
        return value
    construct = _Scalars.yaml_constructors.get(tag)
    if construct is None:  # a merge key, "=": refused by the Python loader
        raise _ReadApart
    try:
        return construct(_SCALARS, yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                                   event.style))
    except Exception:  # noqa: BLE001 - a bad date or value: the Python loader says which
        raise _ReadApart from None


def _from_events(parser, display: str, text: str) -> Source:
    """The Source of a single document, from the parser's events one by one."""
    parser.get_event()  # the stream's start
    if parser.check_event(yaml.StreamEndEvent):
        return _empty(display, text)
    parser.get_event()  # the document's start
    marks: dict = {}
    key_marks: dict = {}
    root = _Filled(marks, key_marks)
    stack = [root]
    flow = 0  # collections open in brackets
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None or flow and "?" in event.value:
                raise _ReadApart
            stack[-1].add(_value(event), event.start_mark)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(stack) > MAX_DEPTH:
                raise _ReadApart
            flow += bool(flow or event.flow_style)
            stack.append(stack[-1].open({} if kind is yaml.MappingStartEvent else [], event.start_mark))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
            flow -= bool(flow)
        elif kind is yaml.DocumentEndEvent:
            break
        else:  # an alias
            raise _ReadApart
    if not parser.check_event(yaml.StreamEndEvent):  # a second document
        raise _ReadApart
    return Source(display, root.value, marks, key_marks, text)


class _Filled:
    """A collection being read (or the document itself), and where its items go."""

    __slots__ = ("value", "path", "marks", "key_marks", "key", "key_mark")

    def __init__(self, marks, key_marks, value=None, path=()):
        self.value, self.path, self.marks, self.key_marks = value, path, marks, key_marks
        self.key = self.key_mark = None

    def add(self, item, mark) -> None:
        value = self.value
        if isinstance(value, dict):
            if self.key_mark is None:  # a key
                if item is None or isinstance(item, (dict, list)) or item in value:
                    raise _ReadApart  # a complex or duplicate key: refused by the Python loader
                self.key, self.key_mark = item, mark
                return
            path = self.path + (self.key,)
            self.key_marks[path] = _pos(self.key_mark)
            value[self.key] = item
            self.key_mark = None
        elif isinstance(value, list):
            path = self.path + (len(value),)
            value.append(item)
        else:
            path = ()
            self.value = item
        self.marks[path] = _pos(mark)

    def open(self, collection, mark) -> "_Filled":
        if isinstance(self.value, dict) and self.key_mark is None:
            raise _ReadApart  # a collection as a key
        path = self.path + ((self.key,) if isinstance(self.value, dict) else (len(self.value),)
                            if isinstance(self.value, list) else ())
        self.add(collection, mark)
        return _Filled(self.marks, self.key_marks, collection, path)


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
        if isinstance(exc, yaml.composer.ComposerError) and reason.startswith(("aliases", "anchors")):
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
        return _empty(display, text)
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
    display = display or str(path)
    return parse_bytes(read_bytes(path, display), display)


def read_bytes(path: str | Path, display: str) -> bytes:
    """The bytes of the file at ``path``, refused when over :data:`MAX_BYTES`."""
    path = Path(path)
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
    return raw


def parse_bytes(raw: bytes, display: str) -> Source:
    """Parse a file's bytes (UTF-8, with or without a byte order mark)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SpecInvalid([Problem(display, line, 1, "", "not_utf8")]) from None
    source = parse(text, display)
    source.sha256 = hashlib.sha256(raw).hexdigest()
    return source

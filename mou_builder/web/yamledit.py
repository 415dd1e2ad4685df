"""Edits of a spec's YAML text that keep the person's comments, key order and layout.

The text is read with ruamel.yaml's round-trip loader, one value is set, added or
removed, and the text is written back with the indentation it had; everything not
touched stays as written.
"""
from __future__ import annotations

import datetime as dt
import io
import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..base.errors import MouError

_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
_INTEGER = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_NUMBER = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EditError(MouError):
    """The YAML text cannot be edited (it does not parse, or the place is not there)."""


def parse_path(dotted: str) -> tuple:
    """``actions[0].title.fr`` -> ("actions", 0, "title", "fr")."""
    if not dotted or len(dotted) > 300:
        raise EditError(f"no such field: {dotted!r}")
    parts, pos = [], 0
    for match in _PART.finditer(dotted):
        if match.start() != pos and dotted[pos:match.start()] != ".":
            raise EditError(f"no such field: {dotted!r}")
        parts.append(int(match.group(1)) if match.group(1) is not None else match.group(2))
        pos = match.end()
    if pos != len(dotted):
        raise EditError(f"no such field: {dotted!r}")
    return tuple(parts)


class Document:
    """A round-trip YAML document."""

    def __init__(self, text: str):
        self.yaml = YAML()
        self.yaml.width = 4096
        self.yaml.preserve_quotes = True
        offset = _sequence_offset(text)
        self.yaml.indent(mapping=_mapping_indent(text), sequence=offset + 2, offset=offset)
        try:
            data = self.yaml.load(text)
        except YAMLError as exc:
            raise EditError(f"the YAML text does not parse ({str(exc).splitlines()[0]})") from None
        self.data = data if data is not None else CommentedMap()
        if not isinstance(self.data, dict):
            raise EditError("the YAML text is not a mapping of fields")

    def text(self) -> str:
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue()

    def _parent(self, path: tuple, create: bool):
        node = self.data
        for here, nxt in zip(path[:-1], path[1:]):
            child = _child(node, here)
            if not isinstance(child, (dict, list)) or (isinstance(nxt, int) != isinstance(child, list)):
                if not create:
                    raise EditError(f"no such field: {path}")
                child = CommentedSeq() if isinstance(nxt, int) else CommentedMap()
                _put(node, here, child)
            node = child
        return node

    def set(self, path: tuple, value) -> None:
        """Set the value at ``path`` (creating the mappings above it); None removes the key."""
        parent = self._parent(path, create=value is not None)
        key = path[-1]
        if value is None:
            if isinstance(parent, dict):
                parent.pop(key, None)
                self._prune(path[:-1])
            return
        old = _child(parent, key)
        if isinstance(old, CommentedSeq) and isinstance(value, list):
            old[:] = list(value)  # keeps the person's style: [a, b] stays on one line
            return
        _put(parent, key, value)
        if isinstance(parent, CommentedMap) and len(parent) == 1:
            self._like_siblings(path[:-1])

    def _like_siblings(self, path: tuple) -> None:
        """A mapping just begun in a list of one-line mappings is written on one line too."""
        seq, node = self.get(path[:-1]), self.get(path)
        if path and isinstance(path[-1], int) and isinstance(seq, list) and any(
                isinstance(other, CommentedMap) and other is not node and other.fa.flow_style()
                for other in seq):
            node.fa.set_flow_style()

    def _prune(self, path: tuple) -> None:
        """Drop mappings left empty by a removal (``budget: {}`` would be an error)."""
        while path:
            node = self.get(path)
            if not (isinstance(node, dict) and not node):
                return
            parent = self.get(path[:-1])
            if not isinstance(parent, dict):
                return
            parent.pop(path[-1], None)
            path = path[:-1]

    def get(self, path: tuple):
        node = self.data
        for part in path:
            node = _child(node, part)
            if node is None:
                return None
        return node

    def add(self, path: tuple, item) -> int:
        """Append ``item`` to the list at ``path`` (created if absent); returns its index."""
        seq = self.get(path)
        if not isinstance(seq, list):
            seq = CommentedSeq()
            self.set(path, seq)
        seq.append(item)
        return len(seq) - 1

    def remove(self, path: tuple) -> None:
        """Remove the list item at ``path``."""
        seq = self.get(path[:-1])
        if not isinstance(seq, list) or not isinstance(path[-1], int) or not 0 <= path[-1] < len(seq):
            raise EditError(f"no such item: {path}")
        del seq[path[-1]]


_NESTED_KEY = re.compile(r"^[A-Za-z_][\w-]*:[ \t]*(?:#.*)?\n( +)[A-Za-z_][\w-]*:", re.M)


def _mapping_indent(text: str) -> int:
    """How far the person indents a mapping inside a mapping (2 unless the text says)."""
    match = _NESTED_KEY.search(text)
    return len(match.group(1)) if match else 2


_NESTED_SEQ = re.compile(r"^( *)[A-Za-z_][\w-]*:[ \t]*(?:#.*)?\n(?: *#.*\n)*( *)- ", re.M)


def _sequence_offset(text: str) -> int:
    """How far the dash of a list stands from its key (``parties:`` / ``  - id:`` is 2)."""
    match = _NESTED_SEQ.search(text)
    return max(len(match.group(2)) - len(match.group(1)), 0) if match else 0


def _child(node, key):
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def _put(node, key, value) -> None:
    if isinstance(node, list):
        if not isinstance(key, int) or key > len(node) or key < 0:
            raise EditError(f"no such item: {key}")
        if key == len(node):
            node.append(value)
        else:
            node[key] = value
    else:
        node[key] = value


def coerce(value: str, kind: str):
    """The value a form field's text stands for in YAML: None (remove) when empty."""
    if value is None:
        return None
    if isinstance(value, list):
        return CommentedSeq(str(v) for v in value) if value else None
    value = str(value)
    if not value.strip():
        return None
    stripped = value.strip()
    if kind == "integer" and _INTEGER.match(stripped):
        return int(stripped)
    if kind == "amount" and _NUMBER.match(stripped):
        return float(stripped) if "." in stripped else int(stripped)
    if kind == "boolean" and stripped in ("true", "false"):
        return stripped == "true"
    if kind == "day" and _DAY.match(stripped):
        try:
            return dt.date.fromisoformat(stripped)
        except ValueError:
            return stripped
    return value

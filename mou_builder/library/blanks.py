"""Labels with blanks: the vocabulary's texts filled with a document's values.

Labels come from a library that may be someone else's, so they are text with ``{name}``
blanks, not code: ``str.format`` reduced to plain field names.
"""
from __future__ import annotations

import string

from ..base.errors import LibraryError
from ..base.kept import Kept


class _PlainFormatter(string.Formatter):
    """``str.format`` reduced to plain field names: no attribute or index access, no
    conversion, no format specification (a label is text with blanks, not code)."""

    def get_field(self, field_name, args, kwargs):
        if not field_name.isidentifier():
            raise ValueError(f"'{{{field_name}}}' is not a plain name; write {{name}}")
        if field_name not in kwargs:
            raise ValueError(f"'{{{field_name}}}' is not one of the values this label receives "
                             f"({', '.join('{' + k + '}' for k in sorted(kwargs)) or 'none'})")
        return kwargs[field_name], field_name

    def convert_field(self, value, conversion):
        if conversion is not None:
            raise ValueError(f"'!{conversion}' is not allowed; write {{name}}")
        return value

    def format_field(self, value, format_spec):
        if format_spec:
            raise ValueError(f"':{format_spec}' is not allowed; write {{name}}")
        return value


_FORMATTER = _PlainFormatter()
_PIECES = Kept()  # a label -> its pieces (texts, and names of blanks), or None: not plain
_UNREAD = object()


def fill(template: str, where: str, /, **values) -> str:
    """A label filled with ``values``, each turned into a plain string first.

    Labels come from a library that may be someone else's: only ``{name}`` blanks are
    allowed; anything else is a :class:`LibraryError` naming ``where``."""
    plain = {key: str(value) for key, value in values.items()}
    template = str(template)
    pieces = _pieces(template)
    if pieces is not None and all(name in plain for name in pieces[1::2]):
        return "".join(p if n % 2 == 0 else plain[p] for n, p in enumerate(pieces))
    try:  # what is not plain blanks, or a blank without its value: the formatter's message
        return _FORMATTER.vformat(template, (), plain)
    except (ValueError, IndexError, KeyError) as exc:
        raise LibraryError(f"{where}: {exc}") from None


def _pieces(template: str):
    """The label as text and blanks in turn (text, name, text, …, text) when every blank is a
    plain ``{name}``, read once for the process; None otherwise."""
    pieces = _PIECES.get(template, _UNREAD)  # (None: read, and not plain)
    if pieces is not _UNREAD:
        return pieces
    pieces = []
    try:
        for text, name, spec, conversion in _FORMATTER.parse(template):
            pieces.append(text)
            if name is not None:
                if not name.isidentifier() or spec or conversion is not None:
                    pieces = None
                    break
                pieces.append(name)
        else:
            if len(pieces) % 2 == 0:  # ends with a blank
                pieces.append("")
    except ValueError:  # a lone brace
        pieces = None
    return _PIECES.put(template, pieces)

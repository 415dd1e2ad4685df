"""Text per language, the building block of every user-visible value in a spec."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Text:
    """A text per language; a plain string in the spec is the same in every language."""

    values: tuple  # ((lang, text), ...); lang "*" for a text shared by all languages

    @classmethod
    def of(cls, raw) -> Optional["Text"]:
        if raw is None:
            return None
        if isinstance(raw, str):
            return cls((("*", _clean(raw)),))
        return cls(tuple((k, _clean(v)) for k, v in raw.items()))

    def get(self, lang: str) -> str:
        shared = None
        for key, text in reversed(self.values):  # the last of a language, as a mapping of them keeps
            if key == lang:
                return text
            if key == "*" and shared is None:
                shared = text
        return "" if shared is None else shared


def _clean(text: str) -> str:
    """Folded or wrapped user text becomes one line: runs of whitespace collapse (the
    whitespace of ``str.split``, which is that of ``\\s`` in a regular expression)."""
    return " ".join(str(text).split())

"""Rules on texts: every Text in every document language, no invisible control characters."""
from __future__ import annotations

import re
import unicodedata

from ..vocabulary import LANGUAGES

# control characters a document cannot hold; lone surrogates (not text); invisible characters
# that change how text reads or hide in it (zero-width space, word joiner, byte order mark,
# direction marks, embeddings, overrides and isolates; the joiners U+200C and U+200D that
# some scripts need are allowed); and the private-use characters that mark tracked changes
# inside the engine (mou_builder.render.tracked)
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u200b\u200e\u200f\u2060"
                            "\u202a-\u202e\u2066-\u2069\u061c\ufeff\ue010-\ue017\ufffe\uffff]")


def _described(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".strip()


def may_hold_invalid_characters(text: str) -> bool:
    """Whether a value read from the YAML ``text`` may hold a character :func:`check_texts`
    refuses: one stands in the text, or an escape (``"\\u200b"``) may make one. A text
    without either gives none, and its values need not be searched one by one."""
    return not text or "\\" in text or _INVALID_CHARS.search(text) is not None


def check_texts(c, rules, value, path, characters: bool = True):
    """Every Text mapping holds every document language; no invisible control characters
    (``characters``: whether to look for them)."""
    if isinstance(value, str):
        found = _INVALID_CHARS.search(value) if characters else None
        if found:
            c.error(path, "invalid_character", char=_described(found.group()))
        return
    rule_type = rules.get("type") if isinstance(rules, dict) else None
    if rule_type == "text" and isinstance(value, dict):
        for lang in c.languages():
            if lang not in value and lang in LANGUAGES:  # an unknown one has its own message
                c.error(path, "text_missing_language", lang=lang)
    if isinstance(value, dict):
        inner = rules.get("schema") if rule_type == "dict" else None
        for key, item in value.items():
            found = _INVALID_CHARS.search(key) if characters and isinstance(key, str) else None
            if found:
                c.error(path + (key,), "invalid_character", char=_described(found.group()))
            sub = (inner.get(key) if isinstance(inner, dict) else None) or (
                rules.get("valuesrules") if isinstance(rules, dict) else None) or {}
            check_texts(c, sub, item, path + (key,), characters)
    elif isinstance(value, list):
        sub = rules.get("schema", {}) if isinstance(rules, dict) else {}
        for i, item in enumerate(value):
            check_texts(c, sub, item, path + (i,), characters)

"""Rules on texts: every Text in every document language, no invisible control characters."""
from __future__ import annotations

import re


# control characters a document cannot hold, and the private-use characters that mark
# tracked changes inside the engine (mou_builder.render.tracked)
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ue010-\ue017\ufffe\uffff]")


def check_texts(c, rules, value, path):
    """Every Text mapping holds every document language; no invisible control characters."""
    if isinstance(value, str):
        if _INVALID_CHARS.search(value):
            c.error(path, "invalid_character")
        return
    rule_type = rules.get("type") if isinstance(rules, dict) else None
    if rule_type == "text" and isinstance(value, dict):
        for lang in c.languages():
            if lang not in value:
                c.error(path, "text_missing_language", lang=lang)
    if isinstance(value, dict):
        inner = rules.get("schema") if rule_type == "dict" else None
        for key, item in value.items():
            sub = (inner.get(key) if isinstance(inner, dict) else None) or (
                rules.get("valuesrules") if isinstance(rules, dict) else None) or {}
            check_texts(c, sub, item, path + (key,))
    elif isinstance(value, list):
        sub = rules.get("schema", {}) if isinstance(rules, dict) else {}
        for i, item in enumerate(value):
            check_texts(c, sub, item, path + (i,))

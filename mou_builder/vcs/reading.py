"""Clause texts as a lawyer reads them, for `mou diff`.

A clause text is a template: ``{{ p.short }}`` inside ``{% for p in parties %}``, or
``{% if signing.dated %}``. For review, each value is shown in brackets by what it is
("[short name of the party]") and each tag as a sentence ("[if the signing date is
known:]", "[otherwise:]", "[for each party:]"), with the names described in the library's
``reading.yaml``; a name it does not describe is shown as written.
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import validation
from ..base.errors import SpecInvalid

_TAG = re.compile(r"\{%-?\s*(.*?)\s*-?%\}|\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_NAME = re.compile(r"^[A-Za-z_]\w*(?:\.\w+|\[\d+\])*$")
_FILTER = re.compile(r"\|\s*(\w+)(?:\([^()]*\))?")
_COMPARE = [(" == ", " is "), (" != ", " is not "), (" >= ", " is at least "), (" <= ", " is at most "),
            (" > ", " is more than "), (" < ", " is less than "), (" not in ", " is not one of "),
            (" in ", " is one of ")]


def glossary(library_root: Path) -> dict:
    """The descriptions of ``reading.yaml`` in a library folder (none when it has no such file)."""
    path = Path(library_root) / "reading.yaml"
    try:
        data = validation.load(path).data if path.is_file() else None
    except SpecInvalid:
        return {}
    values = data.get("values") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}


class _Reader:
    def __init__(self, names: dict):
        self.names = names
        self.aliases = {}  # loop and set variables -> what they stand for

    def name(self, expr: str) -> str:
        head, _, rest = expr.partition(".")
        head = re.sub(r"\[\d+\]$", "[]", head)
        if head in self.aliases:
            expr = self.aliases[head] + ("." + rest if rest else "")
        expr = re.sub(r"\[\d+\]", "[]", expr)
        if expr.startswith("params.") and expr not in self.names:
            return f"clause parameter '{expr[7:]}'"
        return self.names.get(expr, expr)

    def value(self, expr: str) -> str:
        expr = expr.strip()
        if " ~ " in expr:
            return "".join(self.value(part) for part in expr.split(" ~ "))
        if " if " in expr and " else " in expr:
            then, _, rest = expr.partition(" if ")
            cond, _, other = rest.partition(" else ")
            return f"{self.value(then)} if {self.condition(cond)}, else {self.value(other)}"
        filters = _FILTER.findall(expr)
        base = _FILTER.sub("", expr).strip()
        if re.fullmatch(r"'[^']*'|\"[^\"]*\"", base):
            return base[1:-1]
        if re.fullmatch(r"-?\d+", base):
            return base
        call = re.fullmatch(r"art\(\s*['\"]([\w-]+)['\"]\s*\)", base)
        if call:
            return f"number of the article '{call.group(1)}'"
        described = self.name(base) if _NAME.match(base) else base
        return f"the number of {described}" if "length" in filters else described

    def condition(self, text: str) -> str:
        text = text.strip()
        if text.startswith("(") and text.endswith(")"):
            text = text[1:-1]
        for word in (" or ", " and "):
            if word in text:
                return word.join(self.condition(part) for part in text.split(word))
        if text.startswith("not "):
            described = self.names.get(text)  # "not loop.last": "this is not the last item"
            return described or f"not ({self.condition(text[4:])})"
        for op, words in _COMPARE:
            if op in text:
                left, _, right = text.partition(op)
                return f"{self.value(left)}{words}{self.value(right)}"
        return self.value(text)

    def statement(self, text: str) -> str:
        word, _, rest = text.partition(" ")
        if word == "for":
            var, _, collection = rest.partition(" in ")
            collection = _FILTER.sub("", collection).strip()
            key = self.aliases.get(collection, collection)
            self.aliases[var.strip()] = key + "[]"
            item = self.names.get(re.sub(r"\[\d+\]", "[]", key) + "[]", "item of " + self.name(key))
            return f"[for each {item}:]"
        if word == "set":
            var, _, expr = rest.partition("=")
            base = expr.strip()
            if _NAME.match(base):
                self.aliases[var.strip()] = self.aliases.get(base.split(".")[0], base.split(".")[0]) + \
                    base[len(base.split(".")[0]):]
            return ""
        return {"if": lambda: f"[if {self.condition(rest)}:]",
                "elif": lambda: f"[otherwise, if {self.condition(rest)}:]",
                "else": lambda: "[otherwise:]", "endif": lambda: "[end of the condition]",
                "endfor": lambda: "[end of the list]"}.get(word, lambda: f"[{text}]")()


def readable(text: str, names: dict) -> str:
    """``text`` (a clause template) with its tags written out for a reader."""
    reader = _Reader(names)

    def replace(match):
        statement, value = match.group(1), match.group(2)
        return reader.statement(statement) if statement is not None else f"[{reader.value(value)}]"
    out = _TAG.sub(replace, text)
    return "\n".join(line for line in out.splitlines() if line.strip() or not line) + ("\n" if text.endswith("\n") else "")

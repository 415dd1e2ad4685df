"""Translations that cannot silently go stale.

Each clause is written in a source language (``source:``, French by default);
every other language block records the hash of the source title and text it
was translated from (``source_hash``) and its ``status`` (draft or reviewed).
When the source changes, the hash no longer matches and the translation is
stale until a translator updates it and stamps it with ``mou clauses stamp``.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import LibraryError
from ..base.files import write_atomic

STATUSES = ("draft", "reviewed")


_WHITESPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)  # every build asks for the hash of each clause text it used
def source_hash(title: str, text: str) -> str:
    """Hash of a source text, blind to line wrapping and Unicode normalisation."""
    def norm(s):
        return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", s or "")).strip()
    digest = hashlib.sha256(f"{norm(title)}\n{norm(text)}".encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Finding:
    clause: str
    lang: str
    state: str  # "missing", "stale", "unstamped"
    path: str

    def format(self) -> str:
        advice = {
            "missing": "no text in this language",
            "stale": "translated from an older source text; update it, then run "
                     f"'mou clauses stamp {self.clause} {self.lang}'",
            "unstamped": f"no source_hash; run 'mou clauses stamp {self.clause} {self.lang}' "
                         "once the text matches the source",
        }[self.state]
        return f"{self.path}: {self.lang}: {self.state}: {advice}"


def state(clause, lang: str) -> str | None:
    """None when ``lang`` is the source or an up-to-date translation, else the problem."""
    if lang == clause.source:
        return None
    block = clause.texts.get(lang)
    if block is None:
        return "missing"
    if not block.get("source_hash"):
        return "unstamped"
    current = source_hash(clause.title(clause.source), clause.source_text())
    return None if block["source_hash"] == current else "stale"


def check(library, languages) -> list[Finding]:
    out = []
    for clause in sorted(library.clauses.values(), key=lambda c: c.id):
        for lang in languages:
            problem = state(clause, lang)
            if problem:
                out.append(Finding(clause.id, lang, problem, clause.path))
    return out


def stamp(clause, lang: str, status: str | None = None) -> None:
    """Record in the clause file that ``lang`` matches the current source text."""
    if lang == clause.source:
        raise LibraryError(f"{clause.path}: '{lang}' is the source language of '{clause.id}'")
    if lang not in clause.texts:
        raise LibraryError(f"{clause.path}: no '{lang}' text to stamp; write it first")
    if status is not None and status not in STATUSES:
        raise LibraryError(f"status must be one of {', '.join(STATUSES)}")
    path = Path(clause.path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{lang}:\s*(#.*)?$", line))
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^\S", lines[i])), len(lines))
    values = {"source_hash": source_hash(clause.title(clause.source), clause.source_text())}
    if status is not None:
        values["status"] = status
    for key in ("status", "source_hash"):
        if key not in values:
            continue
        found = next((i for i in range(start + 1, end) if re.match(rf"^  {key}:", lines[i])), None)
        line = f"  {key}: {values[key]}\n"
        if found is None:
            lines.insert(start + 1, line)
            end += 1
        else:
            lines[found] = line
    write_atomic(path, "".join(lines).encode("utf-8"))

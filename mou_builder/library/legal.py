"""The legal bases and the steps before signature, per country.

``clauses/legal/FR.yaml`` (one file per country, named by its ISO 3166-1 code)::

    country: FR
    bases:                       # recited as "Vu …" / "Having regard to …"
      - id: cgct-l1115-1
        types: [municipality, department, region]   # party types it applies to
        source: "Légifrance: code général des collectivités territoriales, art. L. 1115-1"
        status: draft            # draft until a lawyer has reviewed it, then reviewed
        text:
          fr: le code général des collectivités territoriales, notamment ses articles L. 1115-1 et suivants
          en: …
    steps:                       # what must happen before signature (shown by `mou validate`)
      - id: deliberation
        types: [municipality, department, region]
        source: "…"
        status: draft
        text: {en: "…", fr: "…"}

A citation carries the words that follow "Vu" in each document language; a step
the sentence shown at the console in English and French. Files are read with the
spec loader (safe YAML, located errors); a problem is a :class:`LibraryError`
naming the file and line.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..base.errors import LibraryError
from ..base.messages import CONSOLE_LANGUAGES
from ..validation.vocabulary import PARTY_TYPES
from .compiled import read_library_file

STATUSES = ("draft", "reviewed")


@dataclass(frozen=True)
class Entry:
    """A legal basis or a step: the words per language, the party types, the source."""

    id: str
    country: str
    types: tuple
    text: dict  # lang -> words
    source: str
    status: str
    path: str

    def applies_to(self, party_type: str) -> bool:
        return party_type in self.types

    def words(self, lang: str) -> str:
        if lang not in self.text:
            raise LibraryError(f"{self.path}: the legal basis '{self.id}' has no '{lang}' text")
        return self.text[lang]


@dataclass(frozen=True)
class Legal:
    """Every country's entries, by country code."""

    bases: dict  # country -> tuple of Entry
    steps: dict

    def bases_for(self, parties) -> list:
        """The bases of the parties' countries and types, in party order, each once."""
        return _for(self.bases, parties)

    def steps_for(self, parties) -> list:
        """(party, step) for each party, in party order."""
        return [(p, s) for p in parties for s in self.steps.get(_get(p, "country"), ())
                if s.applies_to(_get(p, "type"))]


EMPTY = Legal({}, {})


def _get(party, key):
    return party.get(key) if isinstance(party, dict) else getattr(party, key)


def _for(table: dict, parties) -> list:
    found = {}
    for p in parties:
        for entry in table.get(_get(p, "country"), ()):
            if entry.applies_to(_get(p, "type")):
                found.setdefault((entry.country, entry.id), entry)
    return list(found.values())


def load(folder: str | Path) -> Legal:
    """The legal data in ``folder`` (empty when there is none); cached until a file changes."""
    folder = Path(folder)
    if not folder.is_dir():
        return EMPTY
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.yaml")))
    return _load(folder.resolve(), stamp)


@lru_cache(maxsize=8)
def _load(folder: Path, stamp: tuple) -> Legal:
    bases, steps = {}, {}
    for path in sorted(folder.glob("*.yaml")):
        country, b, s = _read(path)
        bases[country], steps[country] = b, s
    return Legal(bases, steps)


def _read(path: Path) -> tuple:
    src = read_library_file(path)
    d = src.data

    def fail(where, message):
        return LibraryError(f"{path}:{src.mark(where)[0]}: {message}")

    if not isinstance(d, dict) or d.get("country") != path.stem:
        raise fail(("country",), f"a legal file starts with 'country: {path.stem}' (its file name)")
    entries = {}
    for key, languages in (("bases", None), ("steps", CONSOLE_LANGUAGES)):
        items = d.get(key) or []
        if not isinstance(items, list):
            raise fail((key,), f"'{key}' is a list")
        entries[key] = tuple(_entry(path.stem, key, i, item, languages, fail, str(path))
                             for i, item in enumerate(items))
        ids = [e.id for e in entries[key]]
        for i, ident in enumerate(ids):
            if ident in ids[:i]:
                raise fail((key, i, "id"), f"the id '{ident}' appears twice")
    return path.stem, entries["bases"], entries["steps"]


def _entry(country, key, i, item, languages, fail, path) -> Entry:
    where = (key, i)
    if not isinstance(item, dict):
        raise fail(where, "each entry is a mapping (id, types, source, status, text)")
    for field in ("id", "source", "status"):
        if not isinstance(item.get(field), str) or not item[field].strip():
            raise fail(where + (field,), f"'{field}' is required (text)")
    if item["status"] not in STATUSES:
        raise fail(where + ("status",), f"status must be one of {', '.join(STATUSES)}")
    types = item.get("types")
    if not isinstance(types, list) or not types or any(t not in PARTY_TYPES for t in types):
        raise fail(where + ("types",), f"'types' lists party types among: {', '.join(PARTY_TYPES)}")
    text = item.get("text")
    if not isinstance(text, dict) or not text or any(not isinstance(v, str) or not v.strip()
                                                      for v in text.values()):
        raise fail(where + ("text",), "'text' gives the words in each language: {fr: …, en: …}")
    missing = [lang for lang in languages or () if lang not in text]
    if missing:
        raise fail(where + ("text",), f"'text' needs {', '.join(missing)} (the console languages)")
    return Entry(item["id"], country, tuple(types), {k: " ".join(v.split()) for k, v in text.items()},
                 item["source"], item["status"], path)


load.cache_clear = _load.cache_clear

"""The state the cross-document rules share: the spec, where its values are, what was found.

Each family of rules (references, governance, dates, library, texts, warnings) is a
module of functions taking a :class:`Checker`; they run after the Cerberus schema, on
whatever parts are well formed, so that a user sees every problem at once.
"""
from __future__ import annotations

import datetime as dt


def dicts(value):
    """(index, item) for the mappings of a list; nothing for anything else."""
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def get(data, *keys):
    """The value at ``keys`` inside nested mappings, or None."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


class Uncertain(dict):
    """The ids of a collection the schema found broken: what is there, but maybe not all."""


class Checker:
    """Collects the problems of one spec, located through the source's marks."""

    def __init__(self, source, library=None, today: dt.date | None = None):
        self.src = source
        self.data = source.data if isinstance(source.data, dict) else {}
        self.library = library
        self.today = today or dt.date.today()
        self.problems = []
        self._known = {}  # id of a collection of ids -> the listing messages show
        self._languages = None

    def known(self, ids) -> str:
        """The ids a message lists as known: the first twelve, and how many in all."""
        if id(ids) not in self._known:
            names = sorted(ids)
            more = f", … ({len(names)} in all)" if len(names) > 12 else ""
            self._known[id(ids)] = (", ".join(names[:12]) + more) or "-"
        return self._known[id(ids)]

    def error(self, path, key, **params):
        self.problems.append(self.src.problem(path, key, **params))

    def warn(self, path, key, **params):
        self.problems.append(self.src.problem(path, key, severity="warning", **params))

    def info(self, path, key, **params):
        self.problems.append(self.src.problem(path, key, severity="info", **params))

    def ids(self, path, collection) -> dict:
        """Ids of a list of records, reporting duplicates; id -> index. When the list is
        missing or one of its records has no id, the ids are :class:`Uncertain`: references
        to them are not checked (the schema already reports the cause)."""
        complete = isinstance(collection, list) and all(
            isinstance(item, dict) and isinstance(item.get("id"), str) for item in collection)
        seen = {} if complete else Uncertain()
        for i, item in dicts(collection):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                self.error(path + (i, "id"), "duplicate_id", id=ident,
                           line=self.src.mark(path + (seen[ident], "id"))[0])
            else:
                seen[ident] = i
        return seen

    def departments(self) -> dict:
        """Department id -> (owning party id, path of its id), reporting duplicates."""
        found = {}
        for i, party in dicts(self.data.get("parties")):
            for j, dep in dicts(party.get("departments")):
                ident = dep.get("id")
                if not isinstance(ident, str):
                    continue
                if ident in found:
                    self.error(("parties", i, "departments", j, "id"), "duplicate_id", id=ident,
                               line=self.src.mark(found[ident][1])[0])
                else:
                    owner = party.get("id") if isinstance(party.get("id"), str) else None
                    found[ident] = (owner, ("parties", i, "departments", j, "id"))
        return found

    def ref(self, path, value, known, kind):
        if isinstance(value, str) and value not in known and not isinstance(known, Uncertain):
            self.error(path, "unknown_ref", id=value, kind=kind, known=self.known(known))

    def refs(self, path, values, known, kind):
        if isinstance(values, list):
            for i, v in enumerate(values):
                self.ref(path + (i,), v, known, kind)

    def languages(self) -> tuple[str, ...]:
        """The document languages the spec names (worked out once: every Text asks)."""
        if self._languages is None:
            langs = d if isinstance(d := self.data.get("languages"), list) else []
            self._languages = tuple(x for x in langs if isinstance(x, str))
        return self._languages

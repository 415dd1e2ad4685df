"""Values worked out once for the process and kept, within a bound.

A batch drafts hundreds of documents in one process, and many of their texts come back
(typography, clause blocks, labels, Babel's formats, parsed conditions): each is worked out
once and kept in a :class:`Kept`. When one is full it is emptied whole and starts afresh,
so that threads sharing it never find it half emptied. Callers on a hot path read it as the
dict it is (``get``) and keep a new value with :meth:`Kept.put`.
"""
from __future__ import annotations


class Kept(dict):
    """A dict of at most ``limit`` entries, emptied whole when a new one would go over."""

    __slots__ = ("limit",)

    def __init__(self, limit: int = 4096):
        super().__init__()
        self.limit = limit

    def put(self, key, value):
        """``value`` kept under ``key``, and returned."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value

    def made(self, key, make):
        """The value under ``key``, made by ``make()`` and kept the first time (a value is
        never None)."""
        value = self.get(key)
        return self.put(key, make()) if value is None else value

"""RECORD: the journal of a build, and what an interrupted build left in its folder.

Before it renames the files of a spec into place, a build writes the hash of each one to a
journal, so that a build stopped between two renames is recognised as ours the next time;
the journal is emptied once the renames are done. A process keeps one journal file per
output folder for as long as it holds the folder (a whole batch for its workers), rewritten
for each spec: no file is made and removed for every document.

What an interrupted build left (temporary files, journals with lines) is found in one
listing of the folder, taken under its lock when a build or a batch begins
(:class:`Leftovers`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..base import files

SUFFIX = ".mou-journal"
_PREFIX = ".mou-"


def _lines(text: str) -> dict:
    """File name -> hash, from a journal's text (a line cut short by a crash names nothing)."""
    return {name: digest for digest, _, name in (line.partition("  ") for line in text.splitlines()) if name}


@dataclass
class Leftovers:
    """The temporary files and journals an interrupted build left in ``folder``."""

    folder: str
    temporaries: dict = field(default_factory=dict)  # the file it was made for -> temporary file names
    journals: dict = field(default_factory=dict)  # journal file name -> {file name: hash}

    @classmethod
    def of(cls, folder: Path) -> "Leftovers":
        """One listing of ``folder`` (held by this process): empty journals, and temporary
        files of journals, are removed."""
        found = cls(str(folder))
        try:
            with os.scandir(folder) as entries:
                names = [e.name for e in entries if e.name.startswith(".")]
        except OSError:  # no folder yet: nothing left in it
            return found
        for name in names:
            made_for = files.temporary_of(name)
            if made_for is not None and made_for.endswith(SUFFIX):  # a journal never written
                _remove(os.path.join(folder, name))
            elif made_for is not None:
                found.temporaries.setdefault(made_for, []).append(name)
            elif name.endswith(SUFFIX):
                found._read_journal(name)
        return found

    def _read_journal(self, name: str) -> None:
        path = os.path.join(self.folder, name)
        try:
            with open(path, encoding="utf-8") as handle:
                lines = _lines(handle.read())
        except (OSError, UnicodeDecodeError):
            return
        if lines:
            self.journals[name] = lines
        else:
            _remove(path)

    def remove_temporaries(self, names) -> None:
        """Remove the temporary files left for the files named ``names``."""
        for name in names:
            for tmp in self.temporaries.pop(name, ()):
                _remove(os.path.join(self.folder, tmp))

    def ours(self, name: str, digest: str) -> bool:
        """Whether an interrupted build was installing these bytes as file ``name``."""
        return any(lines.get(name) == digest for lines in self.journals.values())

    def settled(self, names) -> None:
        """Files ``names`` are now as a complete build left them: the journals that name
        nothing else are of no more use."""
        names = set(names)
        for journal in [j for j, lines in self.journals.items() if lines.keys() <= names]:
            del self.journals[journal]
            _remove(os.path.join(self.folder, journal))


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class Journal:
    """This process's journal in one output folder: written before a spec's renames,
    emptied after them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path: Path | None = None
        self.owner = 0  # the process that made the file (a forked worker makes its own)

    def write(self, listing, lang: str, durable: bool) -> None:
        """``listing``: (file name, hash) of every file about to be renamed (with ``durable``,
        on the disk when this returns)."""
        if self.path is None or self.owner != os.getpid():
            self.path, self.owner = files.make_file(self.folder, _PREFIX, SUFFIX, lang), os.getpid()
        text = "".join(f"{digest}  {name}\n" for name, digest in listing)
        files.rewrite(self.path, text.encode("utf-8"), lang, durable)

    def clear(self) -> None:
        """The renames are done (or none began): the journal says nothing."""
        if self.path is not None and self.owner == os.getpid():
            try:
                os.truncate(self.path, 0)
            except OSError:  # gone: it will be made again
                self.path = None

    def keep(self) -> None:
        """Renames stopped half-way: the file stays for the next build, a new one is made after."""
        self.path = None

    def close(self) -> None:
        """Remove the (empty) file."""
        if self.path is not None and self.owner == os.getpid():
            _remove(str(self.path))
        self.path = None

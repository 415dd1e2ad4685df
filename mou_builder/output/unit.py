"""RECORD: the files of one build written as one unit, never over someone else's.

A document ``NAME.docx``, its PDF and its record ``NAME.build.yaml`` are one unit. With
the output folder locked (one build at a time), the build

1. removes the temporary files an interrupted build of these documents left behind;
2. checks every file it will replace: its own earlier output (the hash in the record,
   or in the journal of an interrupted build, or the very bytes about to be written) may
   be replaced; a file edited since, a file of someone else, a spec, never (unless
   ``--force``; a spec, never at all);
3. writes a journal (:mod:`.journal`) with the hash of every file it installs, so that a
   build killed between two renames is recognised as ours the next time;
4. writes every file to a temporary file, then renames them all, records last;
5. removes what an earlier build wrote and this one does not (a PDF), when unedited,
   and says so; then empties the journal.

When every file is already there with the very bytes about to be written (and nothing is
stale), nothing is written: the build is "unchanged".

When the build replaces a file, the journal and every new file are flushed to the disk
before the renames, and the renames after them: a power cut leaves the earlier version or
the new one, never an empty file in its place. When every file is new (a build into an
empty folder, as in continuous integration), nothing is flushed: a power cut can only lose
or empty the new files themselves, and an empty file is replaced without asking (it holds
nothing), so the next build writes them again. A batch holds the folder's lock for
all its builds (:func:`held`), in this process and in its workers; what an interrupted
build left in the folder is then looked for once, for the whole batch.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..base import files, messages
from ..base.errors import OutputError
from . import buildrecord
from .journal import Journal, Leftovers

LOCK = ".mou-build.lock"
_EMPTY = buildrecord.sha256(b"")
STALE_SUFFIXES = (".pdf",)  # outputs an earlier build may have made that this one does not
_HELD: dict = {}  # folder -> _Held, for the folders whose lock a batch holds (and its workers)


@dataclass
class Unit:
    """One document's files: ``outputs`` (file name -> bytes: the DOCX, the PDF) and its record."""

    document: Path
    outputs: dict
    record: bytes

    def files(self) -> list[tuple[Path, bytes]]:
        return [(self.document.with_name(name), data) for name, data in self.outputs.items()]

    def all_files(self) -> list[tuple[Path, bytes]]:
        """Its outputs, then its record."""
        return self.files() + [(buildrecord.path_for(self.document), self.record)]

    @cached_property
    def old_record(self) -> dict | None:
        """The record an earlier build left beside the document (read once, when needed)."""
        return buildrecord.read(self.document)


def _hash_of(path: Path, lang: str) -> str:
    try:
        return buildrecord.sha256(path.read_bytes())
    except OSError as exc:
        raise OutputError(messages.text("output_unreadable", lang, file=path,
                                        reason=exc.strerror or exc)) from None


@dataclass
class Installed:
    notes: list  # for the user
    unchanged: bool  # nothing written: every file already held these bytes


def _make_folder(folder: Path, lang: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(messages.text("cannot_write", lang, file=folder, reason=exc.strerror or exc)) from None


@dataclass
class _Held:
    """A folder this process writes under its lock: what was left in it, and its journal there."""

    leftovers: Leftovers
    journal: Journal


@contextmanager
def held(folder: Path, lang: str = "en"):
    """The lock of ``folder`` for a whole batch: the builds inside write under it."""
    folder = Path(folder)
    _make_folder(folder, lang)
    with _locked(folder, lang) as state:
        key = folder.resolve()
        _HELD[key] = state
        try:
            yield
        finally:
            del _HELD[key]


def leftovers(folder: Path) -> Leftovers:
    """What an interrupted build left in ``folder``, held by this process's batch."""
    return _HELD[Path(folder).resolve()].leftovers


def held_by_parent(folder: Path, left: Leftovers) -> None:
    """In a worker of a batch (forked or spawned): the batch holds the lock of ``folder``,
    and found ``left`` in it."""
    _HELD[Path(folder).resolve()] = _Held(left, Journal(Path(folder)))


def released_by_worker(folder: Path) -> None:
    """A worker of a batch is done with ``folder``: its journal there is removed."""
    state = _HELD.pop(Path(folder).resolve(), None)
    if state is not None:
        state.journal.close()


@contextmanager
def _locked(folder: Path, lang: str):
    """The folder's state while this process holds its lock (a batch's, or its own)."""
    if _HELD:
        state = _HELD.get(folder.resolve())
        if state is not None:
            yield state
            return
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock
        yield from _state(folder)
        return
    try:
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(messages.text("cannot_write", lang, file=folder / LOCK,
                                        reason=exc.strerror or exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(messages.text("output_locked", lang, folder=folder)) from None
        yield from _state(folder)
    finally:
        os.close(fd)


def _state(folder: Path):
    state = _Held(Leftovers.of(folder), Journal(folder))
    try:
        yield state
    finally:
        state.journal.close()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _guard(unit: Unit, spec_path: Path, force: bool, left: Leftovers, lang: str) -> bool:
    """Refuse to replace anything but this tool's own unedited output (or the same bytes);
    return whether every file of the unit is there already with the bytes to write."""
    record_path = buildrecord.path_for(unit.document)
    same = True
    for path, data in unit.all_files():
        if not path.exists():
            same = False
            continue
        if _same_file(path, spec_path):
            raise OutputError(messages.text("output_is_spec", lang, file=path))
        current = _hash_of(path, lang)
        if current == buildrecord.sha256(data):
            continue
        same = False
        if force or current == _EMPTY or left.ours(path.name, current):  # an empty file holds nothing to lose
            continue
        if path == record_path:
            if unit.old_record is None:
                raise OutputError(messages.text("record_foreign", lang, file=path))
            continue
        recorded = (unit.old_record or {}).get("outputs", {})
        if recorded.get(path.name) == current:
            continue
        key = "output_edited" if path.name in recorded else "output_foreign"
        raise OutputError(messages.text(key, lang, file=path, record=record_path.name))
    return same


def _stale(unit: Unit, left: Leftovers) -> list[tuple[Path, bool]]:
    """Files an earlier build of this document wrote and this one does not: (path, unedited)."""
    out = []
    for suffix in STALE_SUFFIXES:
        path = unit.document.with_suffix(suffix)
        if path.name in unit.outputs or not path.is_file():
            continue
        recorded = ((unit.old_record or {}).get("outputs")) or {}
        if path.name not in recorded:
            continue
        try:
            current = buildrecord.sha256(path.read_bytes())
        except OSError:
            continue
        out.append((path, current == recorded[path.name] or left.ours(path.name, current)))
    return out


def _write_all(pairs, lang: str, durable: bool) -> list[tuple[Path, Path]]:
    """Every file to a temporary file; on any failure none is left behind."""
    temps = []
    try:
        for path, data in pairs:
            temps.append((files.write_temp(path, data, lang, durable), path))
    except BaseException:
        for tmp, _ in temps:
            files.remove_temp(tmp)
        raise
    return temps


def install(units: list[Unit], spec_path: Path, force: bool = False, lang: str = "en") -> Installed:
    """Write every unit (see the module's description); return notes for the user."""
    folder = units[0].document.parent
    _make_folder(folder, lang)
    with _locked(folder, lang) as held:
        pairs = [pair for unit in units for pair in unit.files()]
        pairs += [(buildrecord.path_for(unit.document), unit.record) for unit in units]  # records last
        names = [path.name for path, _ in pairs]
        held.leftovers.remove_temporaries(names)
        same = [_guard(unit, spec_path, force, held.leftovers, lang) for unit in units]
        stale = [item for unit in units for item in _stale(unit, held.leftovers)]
        if all(same) and not stale:  # an interrupted build's journal: every file is as it would write it
            held.leftovers.settled(names)
            return Installed([], True)
        durable = any(path.exists() for path, _ in pairs)  # something is replaced: see the module's description
        held.journal.write([(path.name, buildrecord.sha256(data)) for path, data in pairs], lang, durable)
        try:
            temps = _write_all(pairs, lang, durable)
        except BaseException:  # nothing was renamed: the journal is not needed
            held.journal.clear()
            raise
        try:
            for tmp, path in temps:
                files.install(tmp, path, lang)
        except BaseException:  # stopped half-way: the journal tells the next build
            held.journal.keep()
            raise
        finally:
            for tmp, _ in temps:  # those not renamed, after a failure
                files.remove_temp(tmp)
        if durable:
            files.sync_folder(folder)
        notes = []
        for path, unedited in stale:
            if unedited:
                path.unlink(missing_ok=True)
            notes.append(messages.text("stale_removed" if unedited else "stale_kept", lang, file=path.name))
        held.journal.clear()
        held.leftovers.settled(names + [path.name for path, _ in stale])
    return Installed(notes, False)

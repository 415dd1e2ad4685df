"""RECORD: the files of one build written as one unit, never over someone else's.

A document ``NAME.docx``, its PDF and its record ``NAME.build.yaml`` are one unit. With
the output folder locked (one build at a time), the build

1. removes the temporary files an interrupted build of these documents left behind;
2. checks every file it will replace: its own earlier output (the hash in the record,
   or in the journal of an interrupted build, or the very bytes about to be written) may
   be replaced; a file edited since, a file of someone else, a spec, never (unless
   ``--force``; a spec, never at all);
3. writes a journal (``.NAME.mou-journal``) with the hash of every file it installs, so
   that a build killed between two renames is recognised as ours the next time;
4. writes every file to a temporary file, then renames them all, records last;
5. removes what an earlier build wrote and this one does not (a PDF), when unedited,
   and says so; then removes the journal.

When every file is already there with the very bytes about to be written (and nothing is
stale), nothing is written: the build is "unchanged". A batch holds the folder's lock for
all its builds (:func:`held`), in this process and in the workers forked from it.
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

LOCK = ".mou-build.lock"
STALE_SUFFIXES = (".pdf",)  # outputs an earlier build may have made that this one does not
_HELD: set = set()  # folders whose lock a batch holds (inherited by the workers it forks)


@dataclass
class Unit:
    """One document's files: ``outputs`` (file name -> bytes: the DOCX, the PDF) and its record."""

    document: Path
    outputs: dict
    record: bytes

    @property
    def journal(self) -> Path:
        return self.document.with_name(f".{self.document.stem}.mou-journal")

    def files(self) -> list[tuple[Path, bytes]]:
        return [(self.document.with_name(name), data) for name, data in self.outputs.items()]

    @cached_property
    def old_record(self) -> dict | None:
        """The record an earlier build left beside the document (read once, when needed)."""
        return buildrecord.read(self.document)

    @cached_property
    def old_journal(self) -> dict:
        """File name -> hash, from the journal of an interrupted build (read once, when needed)."""
        try:
            lines = self.journal.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return {}
        return {name: digest for digest, _, name in (line.partition("  ") for line in lines) if name}


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


@contextmanager
def held(folder: Path, lang: str = "en"):
    """The lock of ``folder`` for a whole batch: the builds inside write under it."""
    folder = Path(folder)
    _make_folder(folder, lang)
    with _locked(folder, lang):
        key = folder.resolve()
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)


def held_by_parent(folder: Path) -> None:
    """In a worker of a batch (forked or spawned): the batch holds the lock of ``folder``."""
    _HELD.add(Path(folder).resolve())


@contextmanager
def _locked(folder: Path, lang: str):
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock
        yield
        return
    if _HELD and folder.resolve() in _HELD:
        yield
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
        yield
    finally:
        os.close(fd)


def _remove_stale_temporaries(units) -> None:
    for unit in units:
        names = [path.name for path, _ in unit.files()]
        names += [buildrecord.path_for(unit.document).name, unit.journal.name]
        for tmp in files.temporaries(unit.document.parent, names):
            tmp.unlink(missing_ok=True)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _guard(unit: Unit, spec_path: Path, force: bool, lang: str) -> bool:
    """Refuse to replace anything but this tool's own unedited output (or the same bytes);
    return whether every file of the unit is there already with the bytes to write."""
    record_path = buildrecord.path_for(unit.document)
    journal = unit.old_journal
    same = True
    for path, data in unit.files() + [(record_path, unit.record)]:
        if not path.exists():
            same = False
            continue
        if _same_file(path, spec_path):
            raise OutputError(messages.text("output_is_spec", lang, file=path))
        current = _hash_of(path, lang)
        if current == buildrecord.sha256(data):
            continue
        same = False
        if force or journal.get(path.name) == current:
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


def _stale(unit: Unit) -> list[tuple[Path, bool]]:
    """Files an earlier build of this document wrote and this one does not: (path, unedited)."""
    out = []
    for suffix in STALE_SUFFIXES:
        path = unit.document.with_suffix(suffix)
        if path.name in unit.outputs or not path.is_file():
            continue
        recorded, journal = ((unit.old_record or {}).get("outputs")) or {}, unit.old_journal
        if path.name not in recorded:
            continue
        try:
            current = buildrecord.sha256(path.read_bytes())
        except OSError:
            continue
        out.append((path, current in (recorded[path.name], journal.get(path.name))))
    return out


def _write_all(pairs, lang: str) -> list[tuple[Path, Path]]:
    """Every file to a temporary file; on any failure none is left behind."""
    temps = []
    try:
        for path, data in pairs:
            temps.append((files.write_temp(path, data, lang), path))
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    return temps


def install(units: list[Unit], spec_path: Path, force: bool = False, lang: str = "en") -> Installed:
    """Write every unit (see the module's description); return notes for the user."""
    folder = units[0].document.parent
    _make_folder(folder, lang)
    with _locked(folder, lang):
        _remove_stale_temporaries(units)
        same = [_guard(unit, spec_path, force, lang) for unit in units]
        stale = [item for unit in units for item in _stale(unit)]
        if all(same) and not stale:
            for unit in units:  # an interrupted build's journal: every file is as it would write it
                unit.journal.unlink(missing_ok=True)
            return Installed([], True)
        for unit in units:
            listing = [(path.name, data) for path, data in unit.files()]
            listing.append((buildrecord.path_for(unit.document).name, unit.record))
            files.write_atomic(unit.journal, "".join(f"{buildrecord.sha256(data)}  {name}\n"
                                                     for name, data in listing).encode("utf-8"), lang)
        documents = [pair for unit in units for pair in unit.files()]
        records = [(buildrecord.path_for(unit.document), unit.record) for unit in units]
        try:
            temps = _write_all(documents + records, lang)
        except BaseException:  # nothing was renamed: the journals are not needed
            for unit in units:
                unit.journal.unlink(missing_ok=True)
            raise
        try:
            for tmp, path in temps:  # records last
                files.install(tmp, path, lang)
        finally:
            for tmp, _ in temps:  # those not renamed, after a failure
                tmp.unlink(missing_ok=True)
        files.sync_folder(folder)
        notes = []
        for path, unedited in stale:
            if unedited:
                path.unlink(missing_ok=True)
            notes.append(messages.text("stale_removed" if unedited else "stale_kept", lang, file=path.name))
        for unit in units:
            unit.journal.unlink(missing_ok=True)
    return Installed(notes, False)

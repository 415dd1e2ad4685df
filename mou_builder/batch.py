"""Batch builds: many specs, each checked and built on its own, in worker processes.

``mou build SPECS...`` (spec files, or folders standing for the specs in them) hands the
specs out one at a time to ``jobs`` worker processes, forked on POSIX so that the clause
library loaded before (and what it compiled) is shared. A worker checks and builds its
spec and sends back an :class:`Outcome`: the lines to print, which the command prints when
the spec is done. A spec that fails (a spec error, a library error, an output refused, a
bug) fails alone; the others are built. Nothing is kept until the end: outcomes stream.

Each spec is loaded once, by the worker that builds it, which reports the files the spec
would write and waits for this process's answer: it claims them in the order of the specs
(:class:`api.OutputPlan`), so that a spec that would write a file an earlier one writes is
refused, whichever worker read it first (:class:`Claims`; the workers and their pipes:
:mod:`.batch_pool`). The output folder is locked for the whole batch (:func:`output.unit.held`).
"""
from __future__ import annotations

import functools
import gc
import os
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from . import api, validation
from .base import files, messages
from .base.errors import MouError, SpecInvalid, internal_error
from .output import buildrecord, unit

_FORMAT_LINE = re.compile(rb"^[\"']?format[\"']?[ \t]*:", re.MULTILINE)  # what every spec starts from
_STATE: dict = {}  # in each process that builds: the library and the settings


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Settings:
    """How every spec of the batch is built (the options of ``mou build``)."""

    out_dir: str
    make_pdf: bool = False
    strict: bool = False
    force: bool = False
    allow_draft: bool = False
    comparison: str = "changes"
    lang: str = "en"  # of the console
    debug: bool = False  # a bug's traceback instead of its one line


@dataclass
class Outcome:
    """What became of one spec: "built", "unchanged" (every file already held the same bytes,
    none rewritten) or "failed", and its lines to print, in order."""

    path: str
    state: str = "failed"
    err: list = field(default_factory=list)  # for stderr: problems, notes, the summary of a failure
    out: list = field(default_factory=list)  # for stdout: the documents' paths


@dataclass
class Counts:
    built: int = 0
    failed: int = 0
    unchanged: int = 0

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.state, getattr(self, outcome.state) + 1)

    def summary(self, lang: str) -> str:
        total = self.built + self.failed + self.unchanged
        return messages.text("batch_summary", lang, specs=messages.count(total, "spec", lang),
                             **{what: messages.count(getattr(self, what), what, lang)
                                for what in ("built", "failed", "unchanged")})


def _is_spec(path: Path) -> bool:
    """A file of a folder is a spec when it has a top-level ``format:`` line; one that
    cannot be read counts as a spec, so that its build says why."""
    try:
        with path.open("rb") as handle:
            return bool(_FORMAT_LINE.search(handle.read(validation.MAX_BYTES)))
    except OSError:
        return True


def _folder_specs(folder: Path, lang: str) -> tuple[list[Path], list[str]]:
    try:
        found = sorted(p for p in folder.iterdir() if p.suffix.lower() in validation.SPEC_SUFFIXES
                       and not p.name.startswith(".") and not p.name.endswith(buildrecord.SUFFIX) and p.is_file())
    except OSError as exc:
        raise MouError(f"{folder}: " + messages.text("file_unreadable", lang, reason=exc.strerror or exc)) from None
    specs = [p for p in found if _is_spec(p)]
    skipped = [messages.text("skipped_not_spec", lang, file=p) for p in found if p not in specs]
    if not specs:
        raise MouError("\n".join(skipped + [messages.text("no_spec_in_folder", lang, folder=folder)]))
    return specs, skipped


def spec_files(targets, lang: str = "en") -> tuple[list[Path], list[str]]:
    """The specs to build, each once: a target is a spec file, or a folder standing for its
    ``*.yaml`` and ``*.yml`` specs (sorted; not its subfolders, hidden files, build records,
    nor files that are not specs). Also returns what was skipped, to say."""
    paths, skipped, seen = [], [], set()
    for target in map(Path, targets):
        found = [target]
        if target.is_dir():
            found, left_out = _folder_specs(target, lang)
            skipped += left_out
        for path in found:
            if os.path.realpath(path) not in seen:
                seen.add(os.path.realpath(path))
                paths.append(path)
    return paths, skipped


class Claims:
    """The files of the batch's specs, claimed in the order of the specs (in the batch's
    process: a worker asks it, :mod:`.batch_pool`)."""

    def __init__(self, settings: Settings, paths: list[str]):
        self.settings, self.plan, self.paths = settings, api.OutputPlan(), paths

    def claim(self, index: int, names: list[str]) -> str | None:
        """Claim the files of spec ``index``; None, or the message refusing it."""
        clash = self.plan.clash(self.paths[index], names)
        return None if clash is None else api.same_output(self.settings.out_dir, self.settings.lang, clash[0],
                                                          self.paths[index], clash[1])


def written_lines(path, written, lang: str) -> tuple[list[str], list[str]]:
    """What a build prints: its notes and, for an amendment, what it covers (stderr), and the
    paths written (stdout)."""
    err = [messages.text("note", lang, file=path, note=note) for note in written.notes]
    if written.summary:
        err.append(messages.text("summary_heading", lang, file=path))
        for element, state, *fields in written.summary:
            if element == "warning":
                message = messages.text(state, lang, **(fields[0] if fields else {}))
                err.append(f"  {messages.text('warning_prefix', lang)}{message}")
            else:
                err.append(f"  {messages.text('element_' + element, lang)}: {messages.text('state_' + state, lang)}")
    return err, [str(output) for output in written]


def _failed(outcome: Outcome, settings: Settings, errors: int, warnings: int) -> Outcome:
    if settings.strict:
        errors, warnings = errors + warnings, 0
    outcome.err.append(messages.text("summary", settings.lang, file=outcome.path, errors=errors,
                                     warnings=warnings))
    return outcome


def _read(index: int, path: str):
    """The spec loaded (or the :class:`SpecInvalid` its loading raised) once the files it would
    write are claimed; or the message refusing it, when an earlier spec writes one of them."""
    names, source = [], None
    try:
        source = validation.load(path)
        names = api.planned_names(source.data)
    except SpecInvalid as exc:
        source = exc
    except Exception:  # a bug: the specs after this one still wait for its answer
        _STATE["claims"].claim(index, names)
        raise
    # (stopped meanwhile, SystemExit or Ctrl-C, it does not ask: the batch is ending and
    # would not answer)
    return _STATE["claims"].claim(index, names) or source


def build_one(task) -> Outcome:
    """Check and build one spec of the batch (in a worker, or in this process); never raises
    but for an interruption."""
    index, path = task
    settings, library = _STATE["settings"], _STATE["library"]
    outcome, warnings = Outcome(path), 0
    try:
        source = _read(index, path)
        if isinstance(source, str):
            outcome.err.append(messages.text("spec_error", settings.lang, file=path) + source)
            return _failed(outcome, settings, 1, 0)
        checked = api.check(path, library, source=source)
        outcome.err += [p.format(settings.lang) for p in api.as_errors(checked.problems, settings.strict)]
        warnings = len(checked.warnings)
        if checked.failed(settings.strict):
            return _failed(outcome, settings, checked.error_count, warnings)
        written = api.build(path, settings.out_dir, settings.make_pdf, settings.strict, settings.lang, library,
                            force=settings.force, allow_draft=settings.allow_draft,
                            comparison=settings.comparison, checked=checked)
    except SpecInvalid as exc:  # the agreement an amendment amends
        outcome.err.append(exc.format_message())
        return _failed(outcome, settings, sum(p.severity == "error" for p in exc.problems), warnings)
    except MouError as exc:
        outcome.err.append(messages.text("spec_error", settings.lang, file=path) + exc.format_message())
        return _failed(outcome, settings, 1, warnings)
    except Exception as exc:  # noqa: BLE001 - a bug: this spec fails, the others go on
        outcome.err.append(f"{path}: " + (traceback.format_exc().rstrip() if settings.debug else internal_error(exc)))
        return _failed(outcome, settings, 1, warnings)
    err, outcome.out = written_lines(path, written, settings.lang)
    outcome.err += err
    outcome.state = "unchanged" if written.unchanged else "built"
    return outcome


_YOUNG_THRESHOLD = 10_000


def prepare_worker(settings: Settings, left, claims):
    """A worker process's state: the library (inherited when forked, else read), the
    settings, and how it claims its specs' files; the output folder's lock is the batch's,
    which found ``left`` in it. Returns what the worker calls when it is done."""
    if "library" not in _STATE:  # a spawned worker: nothing inherited
        from .library import clauses
        from .library.resources import library_dir
        _STATE["library"] = clauses.load(library_dir())
    _STATE.update(settings=settings, claims=claims)
    # a build makes tens of thousands of short-lived objects, nearly none in cycles: the
    # collector's youngest generation is walked every 10,000 new ones instead of 700
    gc.set_threshold(_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    unit.held_by_parent(Path(settings.out_dir), left)
    return functools.partial(_worker_done, Path(settings.out_dir))


def _worker_done(out_dir: Path) -> None:
    """A worker ends (told to, or stopped): nothing of its own is left in the folder."""
    files.remove_pending()  # a temporary file it was stopped while making or renaming
    unit.released_by_worker(out_dir)


def outcomes(paths: list, settings: Settings, library, jobs: int):
    """Build every spec of ``paths``; yield each one's :class:`Outcome` as it is done (in
    order with one job; as they finish with more)."""
    paths = list(map(str, paths))
    _STATE.update(library=library, settings=settings)
    jobs = max(1, min(jobs, len(paths)))
    gc.freeze()  # what is loaded (the library) outlives the batch: the collector need not walk it
    try:  # again in each build, nor touch the pages the forked workers share with this process
        with unit.held(Path(settings.out_dir), settings.lang):
            if jobs == 1:
                _STATE["claims"] = Claims(settings, paths)
                for task in enumerate(paths):
                    yield build_one(task)
                return
            yield from _pooled(paths, settings, jobs)
    finally:
        _STATE.pop("claims", None)
        gc.unfreeze()


def _pooled(paths: list[str], settings: Settings, jobs: int):
    from . import batch_pool

    done: list[str] = []  # the specs whose outcome was given
    try:
        for outcome in batch_pool.outcomes(paths, jobs, Claims(settings, paths),
                                           functools.partial(prepare_worker, settings,
                                                             unit.leftovers(Path(settings.out_dir))), build_one):
            done.append(outcome.path)
            yield outcome
    except batch_pool.WorkerLost:  # the others are stopped: every spec not built says so
        yield from _lost(paths, done, settings)


def _lost(paths: list[str], done: list[str], settings: Settings):
    """The outcomes of the specs not built when a worker was lost: each a failure saying so."""
    given = set(done)
    for path in (p for p in paths if p not in given):
        outcome = Outcome(path)
        outcome.err.append(messages.text("worker_lost", settings.lang, file=path))
        yield _failed(outcome, settings, 1, 0)

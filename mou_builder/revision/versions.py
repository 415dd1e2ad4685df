"""Versions of an agreement: read from a path or ``PATH@GITREF``, the revision that
joins them (its number and date), and the numbers the amended text keeps.

The amended text keeps the numbers of the agreement it amends: articles that
existed keep theirs, inserted ones take the previous number with a suffix
("16 bis", "16A"); annexes keep theirs and new ones come after the last.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import model, validation
from ..base.errors import MouError, SpecInvalid
from ..base.refs import split_ref
from ..base.text import Text
from ..drafting.assemble import Document
from ..drafting.context import annex_numbers
from ..vcs import git as gitutil


@dataclass(frozen=True)
class Version:
    display: str
    path: Path
    agreement: model.Agreement


def load(ref: str, base: Path, library, today=None, lang="en",
         source: validation.Source | None = None) -> Version:
    """A version given as a path (relative to ``base``) or as ``PATH@GITREF``; ``source``:
    the version already loaded and checked (a build of a revision spec), not read nor checked
    again."""
    path_text, gitref = split_ref(ref, base)
    path = (base / path_text) if not Path(path_text).is_absolute() else Path(path_text)
    checked = source is not None
    if checked:
        display = path_text
    elif gitref:
        display = f"{path_text}@{gitref}"
        source = validation.parse(gitutil.show(path, gitref), display)
    else:
        display = path_text
        source = validation.load(path, display)
    if isinstance(source.data, dict) and source.data.get("packs"):
        raise MouError(f"{display}: selects packs; amendments of an agreement built through packs are not "
                       f"supported yet: build each version with 'mou build' and compare them in Word")
    problems = [] if checked else [
        p for p in validation.check(source, library, today) if p.severity == "error" and p.key != "amends_not_found"]
    if problems:
        raise SpecInvalid(problems, lang)
    return Version(display, path, model.build(source.data, display, today))


@dataclass(frozen=True)
class Numbered:
    """The revision, and where its number and date came from: "spec" (the newer spec's
    revision block), or for each of them "option" (given) or "default" (1, today)."""
    revision: model.Revision
    number_from: str
    date_from: str


def revision_of(new: model.Agreement, number: int | None = None, date: dt.date | None = None,
                today: dt.date | None = None) -> Numbered:
    """The revision block of ``new``; for two plain versions, one made of ``number`` and
    ``date`` (by default the first amendment, dated today)."""
    if new.revision is not None:
        return Numbered(new.revision, "spec", "spec")
    revision = model.Revision("", number or 1, date or today or dt.date.today(), Text.of(""), "mou_builder")
    return Numbered(revision, "option" if number else "default", "option" if date else "default")


def numbering(old: Document, new_keys: list, suffixes: str, loc) -> dict:
    """New article key (in the new version's order) → its number in the amended text ("5", "5 bis")."""
    old_numbers = {a.key: loc.digits(str(a.number)) for a in old.articles}
    out, base, count = {}, None, 0
    words = suffixes.split()
    for key in new_keys:
        if key in old_numbers:
            out[key], base, count = old_numbers[key], old_numbers[key], 0
        else:
            root = base or loc.digits("0")
            suffix = words[min(count, len(words) - 1)]
            # "16 bis", "16A", "5-A": a dash or a single letter is joined to the number
            out[key] = f"{root}{suffix}" if suffix.startswith("-") or len(suffix) == 1 else f"{root} {suffix}"
            count += 1
    return out


def annex_numbering(old: model.Agreement, new: model.Agreement) -> dict:
    """Annexes keep their numbers; new ones come after the last."""
    before, plain = annex_numbers(old), annex_numbers(new)
    out = {k: n for k, n in before.items() if k in plain}
    for key in plain:
        if key not in out:
            out[key] = max(list(out.values()) + list(before.values()) + [0]) + 1
    return out

"""Build records: what each document was made from, and protection of hand edits.

Beside every document ``NAME.docx`` the build writes ``NAME.build.yaml``: the
hash of the spec, of the template and of each clause text used (with its
version), the tool version, and the hash of each file written. The record
holds no date and no absolute path, so a rebuild from unchanged sources
rewrites it byte for byte.

Before writing, a build compares every existing output with its record: a
file whose content no longer matches (edited in Word after generation), or a
file the tool did not write, is never replaced without ``--force``.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import yaml

from .. import __version__
from ..base.errors import OutputError
from ..base.files import write_atomic

SUFFIX = ".build.yaml"
HEADER = ("# Written by 'mou build': what the document beside this file was made from.\n"
          "# Keep it next to the document: a rebuild uses it to tell generated files from edited ones.\n")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_for(document: Path) -> Path:
    return document.with_name(document.stem + SUFFIX)


def read(document: Path) -> dict | None:
    path = path_for(document)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def guard(targets, force: bool) -> None:
    """Refuse to replace a file that was edited after generation or not generated at all."""
    if force:
        return
    for target in targets:
        target = Path(target)
        if not target.exists():
            continue
        record = read(target if target.suffix == ".docx" else target.with_suffix(".docx"))
        recorded = ((record or {}).get("outputs") or {}).get(target.name)
        if recorded is None:
            raise OutputError(
                f"{target} exists and was not written by mou build (no record of it in "
                f"{path_for(target.with_suffix('.docx')).name}); move it away, or pass --force to replace it")
        if recorded != sha256(target.read_bytes()):
            raise OutputError(
                f"{target} was edited after it was generated (it no longer matches "
                f"{path_for(target.with_suffix('.docx')).name}); to keep the edits, rename or move the "
                f"file before building; to replace it, build again with --force")


def _relative(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).name


def write(document: Path, spec_path: Path, spec_bytes: bytes, template: Path, builtin_template: bool,
          docs, library, outputs: dict) -> Path:
    """Write the record of ``document``; ``outputs`` maps file names to their bytes' hash."""
    from ..library.translations import source_hash

    base = document.parent
    record = {
        "tool": f"mou_builder {__version__}",
        "spec": {"path": _relative(spec_path, base), "sha256": sha256(spec_bytes)},
        "template": {"path": (f"builtin:{template.parent.name}" if builtin_template
                              else _relative(template, base)),
                     "sha256": sha256(template.read_bytes())},
        "languages": {doc.lang: doc.locale for doc in docs},
        "clauses": [
            {"id": ident, "version": version,
             "text": {doc.lang: source_hash(library.get(ident).title(doc.lang), library.get(ident).text(doc.lang))
                      for doc in docs}}
            for ident, version in dict.fromkeys(c for doc in docs for c in doc.clauses_used)],
        "outputs": dict(sorted(outputs.items())),
    }
    text = HEADER + yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
    path = path_for(document)
    write_atomic(path, text.encode("utf-8"))
    return path

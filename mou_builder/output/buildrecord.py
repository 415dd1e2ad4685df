"""Build records: what each document was made from, and protection of hand edits.

Beside every document ``NAME.docx`` the build writes ``NAME.build.yaml``: the
hash of the spec, of the template, of each pack selected (name, version, hash of
its manifest) and of each clause text used (with its version), the tool version,
and the hash of each file written. The record holds no date and no absolute path, so a rebuild from unchanged sources
rewrites it byte for byte.

Before writing, a build compares every existing output with its record
(:mod:`mou_builder.output.unit`): a file whose content no longer matches (edited in
Word after generation), or a file the tool did not write, is never replaced without
``--force``.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..base import digests, yamldump

SUFFIX = ".build.yaml"
HEADER = ("# Written by 'mou build': what the document beside this file was made from.\n"
          "# Keep it next to the document: a rebuild uses it to tell generated files from edited ones.\n")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_for(document: Path) -> Path:
    return document.with_name(document.stem + SUFFIX)


def parse(data: bytes) -> dict | None:
    """A build record's content, or None when ``data`` is not a record mou build wrote."""
    from ..validation.loader import parse as load_yaml  # safe: no aliases, size limit
    from ..base.errors import SpecInvalid

    try:
        record = load_yaml(data.decode("utf-8"), "record").data
    except (SpecInvalid, UnicodeDecodeError):
        return None
    if not isinstance(record, dict) or not str(record.get("tool", "")).startswith("mou_builder"):
        return None
    outputs = record.get("outputs")
    if not isinstance(outputs, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in outputs.items()):
        return None
    return record


def read(document: Path) -> dict | None:
    """The record beside ``document``, or None when there is none mou build can read."""
    try:
        return parse(path_for(document).read_bytes())
    except OSError:
        return None


def _relative(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).name


def render(document: Path, spec_path: Path, spec_sha256: str, template: Path, builtin_template: bool,
           docs, library, outputs: dict) -> bytes:
    """The record of ``document``, made from the spec whose bytes have the digest ``spec_sha256``;
    ``outputs`` maps the names of the files written to their hash."""
    from ..library.translations import source_hash

    base = document.parent
    packs = getattr(library, "packs", ())
    in_pack = getattr(library, "pack_of", lambda _: None)(template)
    record = {
        "tool": f"mou_builder {__version__}",
        "spec": {"path": _relative(spec_path, base), "sha256": spec_sha256},
        "template": {"path": (f"builtin:{template.parent.name}" if builtin_template
                              else f"pack:{in_pack.name}/{template.name}" if in_pack
                              else _relative(template, base)),
                     "sha256": digests.of(template)},
        **({"packs": [{"name": p.name, "version": ".".join(map(str, p.version)), "sha256": p.digest}
                      for p in packs]} if packs else {}),
        "languages": {doc.lang: doc.locale for doc in docs},
    }
    used = [(ident, version, tuple((doc.lang, source_hash(library.get(ident).title(doc.lang),
                                                          library.get(ident).text(doc.lang))) for doc in docs))
            for ident, version in dict.fromkeys(c for doc in docs for c in doc.clauses_used)]
    # the record is dumped in three parts, which give the text one dump of it gives (every
    # key of the top mapping starts a line); a batch has the same clause entries again and
    # again, so each one's text is kept for the process
    clauses = "clauses:\n" + "".join(map(_clause_entry, used)) if used else _dump({"clauses": []})
    return (HEADER + _dump(record) + clauses + _dump({"outputs": dict(sorted(outputs.items()))})).encode("utf-8")


def _dump(data) -> str:
    return yamldump.dump(data, sort_keys=False, allow_unicode=True, width=100)


@lru_cache(maxsize=4096)
def _clause_entry(entry: tuple) -> str:
    """One clause's lines in the record: its id, version and text hash in each language."""
    ident, version, texts = entry
    text = _dump({"clauses": [{"id": ident, "version": version, "text": dict(texts)}]})  # a mapping: libyaml may write it
    return text[len("clauses:\n"):]

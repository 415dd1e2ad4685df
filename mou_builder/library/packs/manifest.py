"""A pack's manifest (``pack.yaml``) and the files it vouches for.

A pack is a folder::

    pack.yaml                 name, version, spec_formats, languages, licence, attribution,
                              requires, files (relative path: SHA-256 of every other file)
    defaults.yaml             default spec values, applied under the spec's own
    templates/agreement.docx  layout templates (and parallel.docx)
    clauses/*.yaml            clauses that add to or replace the library's (labels.yaml:
                              vocabulary overrides; drafting/, legal/: drafting and legal data)
    README.md, LICENSE        for people

Nothing else is accepted: every file must be listed with its hash, no link, no name
outside the folder. Nothing in a pack is ever run.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...base import yamldump
from ...base.errors import LibraryError
from ...validation.vocabulary import LANGUAGES
from . import semver

MANIFEST = "pack.yaml"
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
SPEC_FORMATS = ("mou/1",)
TOOL = "mou_builder"  # a requirement on the tool itself rather than on another pack
MAX_FILE_BYTES = 20_000_000
MAX_FILES = 500
ALLOWED = re.compile(r"(defaults\.yaml|README(\.md)?|LICEN[CS]E(\.md|\.txt)?|"
                     r"templates/(agreement|parallel)\.docx|"
                     r"clauses/[a-z0-9_-]+\.yaml|clauses/legal/[A-Z]{2}\.yaml|clauses/drafting/[a-z0-9_/-]+\.yaml)")


class PackError(LibraryError):
    """A pack is broken, tampered with, unsafe, missing or incompatible."""


@dataclass(frozen=True)
class Pack:
    root: Path
    name: str
    version: tuple
    spec_formats: tuple
    languages: tuple
    licence: str
    attribution: str
    requires: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.name} {semver.show(self.version)}"

    @property
    def digest(self) -> str:
        """One hash for the whole pack: the manifest's own bytes (which hold every file's hash)."""
        return hashlib.sha256((self.root / MANIFEST).read_bytes()).hexdigest()

    def file(self, relative: str) -> Path | None:
        return self.root / relative if relative in self.files else None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _need(data, key, kind, where):
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise PackError(f"{where}: '{key}' is required ({'a list' if kind is list else 'a text'})")
    return value


def read(folder: Path) -> Pack:
    """The manifest of the pack in ``folder``, checked for shape (not yet its files)."""
    from ..clauses import read_yaml

    folder = Path(folder)
    where = folder / MANIFEST
    if not where.is_file():
        raise PackError(f"{folder}: not a pack (no {MANIFEST}); create one with 'mou packs new NAME'")
    data = read_yaml(where).data
    if not isinstance(data, dict):
        raise PackError(f"{where}: a manifest is a mapping (name:, version:, files: …)")
    name = _need(data, "name", str, where)
    if not NAME.fullmatch(name):
        raise PackError(f"{where}: name '{name}' must be lower-case letters, digits and hyphens")
    try:
        version = semver.parse(_need(data, "version", str, where))
    except LibraryError as exc:
        raise PackError(f"{where}: version: {exc.message}") from None
    formats = tuple(_need(data, "spec_formats", list, where))
    if not set(formats) & set(SPEC_FORMATS):
        raise PackError(f"{where}: spec_formats {list(formats)} holds none this tool reads "
                        f"({', '.join(SPEC_FORMATS)})")
    languages = tuple(_need(data, "languages", list, where))
    unknown = [x for x in languages if x not in LANGUAGES]
    if unknown:
        raise PackError(f"{where}: languages: unknown {', '.join(map(str, unknown))} "
                        f"(known: {', '.join(LANGUAGES)})")
    requires = data.get("requires") or {}
    if not isinstance(requires, dict):
        raise PackError(f"{where}: 'requires' maps pack names to version ranges (base: \">=1.2\")")
    for other, wanted in requires.items():
        try:
            semver.check_range(str(wanted))
        except LibraryError as exc:
            raise PackError(f"{where}: requires.{other}: {exc.message}") from None
    files = data.get("files") or {}
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in files.items()):
        raise PackError(f"{where}: 'files' maps each file's relative path to its SHA-256")
    return Pack(folder, name, version, formats, languages, _need(data, "licence", str, where),
                _need(data, "attribution", str, where), {str(k): str(v) for k, v in requires.items()},
                dict(files))


def safe_name(name: str, where) -> None:
    """Refuse absolute names, ``..``, backslashes and names a pack cannot hold."""
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or re.match(r"[A-Za-z]:", name) \
            or any(p in ("", ".", "..") for p in parts):
        raise PackError(f"{where}: '{name}' points outside the pack; a pack holds relative names only")
    if name != MANIFEST and not ALLOWED.fullmatch(name):
        raise PackError(f"{where}: '{name}' is not a file a pack may hold (templates/agreement.docx, "
                        f"templates/parallel.docx, clauses/*.yaml, clauses/drafting/, clauses/legal/, "
                        f"defaults.yaml, README.md, LICENSE)")


def walk(folder: Path) -> list[str]:
    """Every file under ``folder`` as a relative name; links and odd entries refused."""
    folder = Path(folder)
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            raise PackError(f"{folder}: '{relative}' is a link; a pack holds plain files only")
        if path.is_dir():
            continue
        if not path.is_file():
            raise PackError(f"{folder}: '{relative}' is not a plain file")
        found.append(relative)
    if len(found) > MAX_FILES:
        raise PackError(f"{folder}: {len(found)} files; a pack holds at most {MAX_FILES}")
    return found


def hashes(folder: Path) -> dict:
    """The ``files`` section for the pack in ``folder`` (every file but the manifest)."""
    out = {}
    for relative in walk(folder):
        if relative == MANIFEST or relative.startswith(".git/") or relative == ".git":
            continue
        safe_name(relative, folder)
        out[relative] = sha256_file(Path(folder) / relative)
    return out


def verify(pack: Pack) -> None:
    """Every file listed, present and matching its hash; nothing else in the folder."""
    where = pack.root / MANIFEST
    for relative in pack.files:
        safe_name(relative, where)
    present = [r for r in walk(pack.root) if r != MANIFEST]
    for relative in present:
        if relative not in pack.files:
            raise PackError(f"{pack.root}: '{relative}' is not listed in {MANIFEST}: remove it, or list it "
                            f"with its hash ('mou packs hash {pack.root}')")
        path = pack.root / relative
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PackError(f"{path}: {path.stat().st_size} bytes; a pack file holds at most {MAX_FILE_BYTES}")
        if sha256_file(path) != pack.files[relative].lower():
            raise PackError(f"{path}: its content does not match the hash in {MANIFEST}: the file was changed "
                            f"after the pack was made (tampered, or edited without 'mou packs hash')")
    missing = sorted(set(pack.files) - set(present))
    if missing:
        raise PackError(f"{where}: listed but missing: {', '.join(missing)}")


def write(folder: Path, data: dict) -> None:
    from ...base.files import write_atomic

    text = yamldump.dump(data, sort_keys=False, allow_unicode=True, width=100)
    write_atomic(Path(folder) / MANIFEST, text.encode("utf-8"))


def rehash(folder: Path) -> dict:
    """Rewrite the manifest's ``files`` with the folder's current hashes; return them."""
    from ..clauses import read_yaml

    read(folder)
    data = read_yaml(Path(folder) / MANIFEST).data
    data["files"] = hashes(folder)
    write(folder, data)
    return data["files"]

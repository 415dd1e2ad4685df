"""Layout templates: finding the one a spec asks for, and refusing hostile files.

A spec's ``template`` is the name of a built-in template folder (``default``)
or a folder path, relative to the spec, holding an ``agreement.docx``: the way
a network distributes its own layout. Template files may come from elsewhere,
so they are checked before docxtpl opens them: size, compression ratio, entry
count and names first, then their parts and relationships as XML
(:mod:`mou_builder.library.template_safety`): no macros, no embedded objects, no
links to outside files, no fields that fetch.
"""
from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from ..base.errors import LibraryError
from .resources import templates_dir

TEMPLATE_FILE = "agreement.docx"
PARALLEL_FILE = "parallel.docx"  # the side-by-side layout of several languages
MAX_ENTRIES = 1000
MAX_TOTAL_BYTES = 50_000_000
MAX_RATIO = 200


def locate(name: str, spec_path: Path, file: str = TEMPLATE_FILE) -> Path:
    """The template file for a spec's ``template`` value (a folder holds one file per layout)."""
    if re.fullmatch(r"[a-z0-9_-]+", name) and (templates_dir() / name / file).is_file():
        return templates_dir() / name / file
    folder = (spec_path.parent / name).resolve()
    candidate = folder / file if folder.is_dir() else folder
    if candidate.is_file() and (file == TEMPLATE_FILE or folder.is_dir()):
        return candidate
    raise LibraryError(f"{spec_path}: template '{name}' not found: give a built-in name "
                       f"({', '.join(builtin_names())}) or a folder holding {file}")


def builtin_names() -> list[str]:
    return sorted(p.name for p in templates_dir().iterdir() if (p / TEMPLATE_FILE).is_file())


def is_builtin(path: Path) -> bool:
    """Whether ``path`` is one of the templates that come with the program."""
    return _builtin(str(path))


@lru_cache(maxsize=256)
def _builtin(path: str) -> bool:
    # kept for the process by path (each document asks twice): resolving both paths, a
    # system call for each of their folders, took longer than opening the kept layout
    return Path(path).resolve().parent.parent == templates_dir().resolve()


def check(path: Path, data: bytes | None = None) -> None:
    """Raise :class:`LibraryError` unless ``path`` (whose bytes are ``data`` when the caller
    has read them) is a plain, reasonable DOCX package (a build checks each content once:
    :func:`mou_builder.render.package.opened` keeps what it opened by its digest)."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise LibraryError(f"{path}: cannot read the template: {exc.strerror or exc}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > MAX_ENTRIES:
                raise LibraryError(f"{path}: {len(infos)} parts; a template has far fewer")
            total = sum(i.file_size for i in infos)
            if total > MAX_TOTAL_BYTES:
                raise LibraryError(f"{path}: unpacks to {total} bytes; too large for a template")
            names = set()
            for info in infos:
                name = info.filename
                if name.startswith("/") or ".." in name.split("/") or name in names:
                    raise LibraryError(f"{path}: suspicious part name '{name}'")
                names.add(name)
                if info.compress_size and info.file_size / info.compress_size > MAX_RATIO \
                        and info.file_size > 1_000_000:
                    raise LibraryError(f"{path}: part '{name}' is compressed {info.file_size // info.compress_size}"
                                       f" times; refusing a possible zip bomb")
                if name.lower().endswith("vbaproject.bin"):
                    raise LibraryError(f"{path}: contains macros; templates must be plain .docx")
            if "word/document.xml" not in names:
                raise LibraryError(f"{path}: not a Word document (no word/document.xml)")
            from . import template_safety  # lxml: only when a template is opened

            template_safety.check(path, z)
    except zipfile.BadZipFile:
        raise LibraryError(f"{path}: not a DOCX file (not a zip package)") from None
    except OSError as exc:
        raise LibraryError(f"{path}: cannot read the template: {exc.strerror or exc}") from None

"""Compiled clause and layout code, kept between runs in the user's cache folder.

Compiling clause texts and layout templates (Jinja writes Python source for each, and
Python compiles it) is most of the time of a first build in a new process. The code the
sandbox compiles is kept by digest in ``compiled/`` under the user's cache folder
(:mod:`mou_builder.base.cachedir`) and read back by later processes instead of being
compiled again:

- the digest covers the text and everything the generated code depends on: the
  sandbox's settings (autoescaping, the filters and how they are called, the tests, the
  undefined type), the versions of Jinja and mou_builder, the digests of the sandbox's
  source files (it and its code generator: an edited one compiles anew) and Python's
  bytecode number; any difference is compiled anew;
- what is kept is code: it is read and written as :func:`mou_builder.base.cachedir.kept`
  says (only from folders and files that belong to the user and that nobody else can
  write to; a file that does not load as code is ignored and written anew).

The sandbox's guarantees do not depend on it: the code kept is the code the sandbox
generated, and the bounds of each render are checked as it runs.

The library's YAML files (clause files, legal data, the vocabulary
``clauses/labels.yaml``, a pack's files) are kept the same way, as the data the safe
loader gave for each file's bytes (:func:`read_yaml`): parsing them takes about 40 ms of
every process that builds a document (the vocabulary half of it), and the texts they hold
go into the documents, so they are trusted only where the code is. The digest covers the
bytes, the versions of PyYAML and mou_builder and the digest of the loader's source file;
a file that gave anything other than plain mappings, lists, texts and numbers is not kept,
and one that does not load as such is parsed again. The lines and columns of the values
are parsed only when a message about a mistake needs one.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import types
from pathlib import Path

from ..base import cachedir
from ..base.errors import LibraryError, SpecInvalid

_HEADER = b"mou_builder compiled code 1\n"
_DATA_HEADER = b"mou_builder YAML data 1\n"


_AREA = "compiled"  # the cache folder's subfolder of what is kept here


# the modules whose code shapes the code kept: the sandbox, and its code generator
_GENERATORS = ("mou_builder.library.sandbox", "mou_builder.library.codegen")


@functools.lru_cache(maxsize=1)
def versions() -> str:
    """The versions of Jinja, mou_builder, the sandbox's code (its and its code generator's
    source files' digests) and Python's bytecode, which what is kept depends on."""
    import jinja2

    from .. import __version__

    sources = "\0".join(map(cachedir.source_digest, _GENERATORS))
    return f"{jinja2.__version__}\0{__version__}\0{sources}\0{importlib.util.MAGIC_NUMBER.hex()}\0"


@functools.lru_cache(maxsize=64)
def _text(part: tuple) -> str:
    """The text of a tuple within a key (the sandbox's settings, the same for many texts)."""
    return repr(part)


def _name(key: tuple) -> str:
    """The file name of ``key`` (a tuple: the compiled code's keys are kept in a dict first,
    so they and their parts can be dict keys)."""
    text = "\0".join(_text(part) if isinstance(part, tuple) else repr(part) for part in key)
    return hashlib.sha256((versions() + text).encode("utf-8", "surrogatepass")).hexdigest()


def _read(key, header: bytes):
    """The value kept for ``key`` under ``header``, or None."""
    return cachedir.kept(_AREA, header, _name(key))


def _write(key, header: bytes, value) -> None:
    """Keep ``value`` for ``key`` under ``header`` (quietly nothing when the folder cannot take it)."""
    cachedir.keep(_AREA, header, _name(key), value)


def load(key) -> types.CodeType | None:
    """The code kept for ``key``, or None."""
    code = _read(key, _HEADER)
    return code if isinstance(code, types.CodeType) else None


def save(key, code: types.CodeType) -> None:
    """Keep ``code`` for ``key`` (quietly nothing when the folder cannot take it)."""
    _write(key, _HEADER, code)


def _plain(value) -> bool:
    """Whether ``value`` is made of what YAML gives and marshal gives back alike."""
    if isinstance(value, dict):
        return all(isinstance(k, (str, int, float, bool)) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


class Kept:
    """A library YAML file's data read back from the cache folder; the lines and columns of
    its values are parsed only when a message asks for one."""

    def __init__(self, path: Path, data: dict):
        self.path, self.data = path, data

    def mark(self, path) -> tuple[int, int]:
        from .. import validation

        return validation.load(self.path).mark(path)


def read_yaml(path: Path):
    """The library's YAML file at ``path`` as :func:`mou_builder.validation.load` reads it,
    or, when the same bytes were read by this version before, its data kept then
    (:class:`Kept`): a later process does not parse them again."""
    from ..validation import loader

    if cachedir.folder() is None:  # nothing kept
        return loader.load(path)
    raw = loader.read_bytes(path, str(path))  # read once: for its digest, and parsed when not kept
    key = ("yaml data", hashlib.sha256(raw).hexdigest(), _loader_version())
    data = _read(key, _DATA_HEADER)
    if isinstance(data, dict) and _plain(data):
        return Kept(Path(path), data)
    source = loader.parse_bytes(raw, str(path))
    if isinstance(source.data, dict) and _plain(source.data):
        _write(key, _DATA_HEADER, source.data)
    return source


def _loader_version() -> str:
    """The versions of PyYAML, libyaml's presence and the loader's code (its source file's digest)."""
    import yaml

    return (f"PyYAML {yaml.__version__}, libyaml {getattr(yaml, '__with_libyaml__', False)}, "
            f"loader {cachedir.source_digest('mou_builder.validation.loader')}")


def read_library_file(path: Path):
    """A library file read with the spec loader (safe, located, no aliases), its data kept
    between runs (:func:`read_yaml`: ``.data``, and ``.mark(path)`` for a message); a
    :class:`LibraryError` names the file and line of a syntax error."""
    try:
        return read_yaml(path)
    except SpecInvalid as exc:
        raise LibraryError(exc.message) from None

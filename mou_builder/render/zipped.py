"""RENDER: a document's package zipped in one pass, with fixed dates, order and attributes
(the same entries give the same bytes), and a template's compressed parts kept.

A template's parts are compressed once per process at zlib's usual level; a document's own
parts (its body, properties, headers) for each document at the fastest. The large parts of
a template, and those every document in a language changes alike (:meth:`.package.Layout.
derived_part`), are also kept compressed in the cache folder (``parts/``,
:func:`mou_builder.base.cachedir.kept`) for the next process. Their names cover the
versions of mou_builder, python-docx, lxml and zlib (another zlib may compress otherwise)
with what each part is: its bytes' digest, or the template's digest, the part, the change
and the source of the module that makes it. One read back is used only when it
decompresses to bytes of its size and checksum.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import zipfile
import zlib

from ..base import cachedir

CONTENT_TYPES = "[Content_Types].xml"
KEPT_LEVEL = 6  # zlib's level for a template's parts: compressed once, kept for every document
LEVEL = 1  # for a document's own parts, compressed for each document: 3 times faster than 6
_PARTS, _PART_HEADER = "parts", b"mou_builder template part 1\n"  # what is kept in the cache folder
_KEPT_SIZE = 16_384  # the parts kept there: smaller ones are made again sooner than read back


def write_zip(entries: dict, when: dt.datetime, deflated: dict | None = None) -> bytes:
    """A zip of ``entries`` (name -> bytes, or name -> (cache key, bytes)) with fixed dates,
    order and attributes: the same entries give the same bytes. An entry given with a key
    is compressed once and kept in ``deflated`` under it (a template's unchanged parts), at
    zlib's usual level; the others are compressed faster (a document's own parts)."""
    stamp = when.astimezone(dt.timezone.utc).timetuple()[:6]
    deflated = {} if deflated is None else deflated
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in sorted(entries, key=lambda n: (n != CONTENT_TYPES, n)):
            key, data = entries[name] if isinstance(entries[name], tuple) else (None, entries[name])
            if key is None:
                packed = deflate(data, LEVEL)
            else:
                packed = deflated.get(key)
                if packed is None:
                    packed = deflated[key] = _kept_deflate(data)
            _append(package, name, stamp, *packed)
    return out.getvalue()


def deflate(data: bytes, level: int) -> tuple:
    """(CRC, size, compressed bytes) of an entry, compressed as zipfile compresses."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush()


def _kept_deflate(data: bytes) -> tuple:
    """A template's part compressed at the kept level; a large one is kept in the cache
    folder by the digest of its bytes."""
    if len(data) < _KEPT_SIZE or cachedir.folder() is None:
        return deflate(data, KEPT_LEVEL)
    name = kept_name("deflated", hashlib.sha256(data).hexdigest())
    packed = cachedir.kept(_PARTS, _PART_HEADER, name)
    if not _packed(packed) or packed[:2] != (zlib.crc32(data), len(data)):  # (the bytes are known here)
        packed = deflate(data, KEPT_LEVEL)
        cachedir.keep(_PARTS, _PART_HEADER, name, packed)
    return packed


def _append(package: zipfile.ZipFile, name: str, stamp, crc: int, size: int, data: bytes) -> None:
    """An entry already compressed, written as ZipFile.writestr writes one."""
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    info.CRC, info.file_size, info.compress_size = crc, size, len(data)
    if size >= zipfile.ZIP64_LIMIT or len(package.filelist) >= zipfile.ZIP_FILECOUNT_LIMIT:
        raise ValueError("a document package beyond the plain zip limits")
    info.header_offset = package.fp.tell()
    package.fp.write(info.FileHeader(False))
    package.fp.write(data)
    package.filelist.append(info)
    package.NameToInfo[name] = info
    package.start_dir = package.fp.tell()
    package._didModify = True


def _packed(value) -> bool:
    """Whether ``value`` is a compressed entry as :func:`write_zip` keeps one."""
    return (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], int)
            and isinstance(value[1], int) and isinstance(value[2], bytes))


def _inflated(packed) -> bytes | None:
    """The bytes of a compressed entry read back, or None when it is not one, or does not
    give bytes of its CRC and size."""
    if not _packed(packed):
        return None
    try:
        data = zlib.decompressobj(-15).decompress(packed[2], packed[1] + 1)
    except zlib.error:
        return None
    return data if (zlib.crc32(data), len(data)) == packed[:2] else None


@functools.lru_cache(maxsize=1)
def _versions() -> str:
    import docx
    from lxml import etree as lxml_etree

    from .. import __version__

    return (f"{__version__}\0{getattr(docx, '__version__', '')}\0{lxml_etree.__version__}\0"
            f"{zlib.ZLIB_RUNTIME_VERSION}\0{KEPT_LEVEL}\0")


def kept_name(*key) -> str:
    """The name a template part is kept under in the cache folder."""
    return hashlib.sha256((_versions() + repr(key)).encode("utf-8", "surrogatepass")).hexdigest()


def kept_part(name: str | None, make) -> tuple[bytes, tuple]:
    """A part's bytes and compressed entry: read back as ``name`` from the cache folder, else
    ``make()``'s bytes compressed (and kept when large; with no ``name``, nothing is kept)."""
    packed = cachedir.kept(_PARTS, _PART_HEADER, name) if name else None
    data = _inflated(packed)
    if data is None:
        data = make()
        packed = deflate(data, KEPT_LEVEL)
        if name and len(data) >= _KEPT_SIZE:
            cachedir.keep(_PARTS, _PART_HEADER, name, packed)
    return data, packed

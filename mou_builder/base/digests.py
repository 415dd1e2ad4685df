"""The SHA-256 of a file the build reads for every document (a layout template, which each
document of a batch names, and whose digest each build record gives): read and hashed again
only when the file has changed since (another size, inode or modification or change time).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .kept import Kept

_KNOWN = Kept(256)  # (path, device, inode, size, mtime, ctime) -> the digest of the bytes read


def _signature(path) -> tuple:
    st = os.stat(path)
    return os.fspath(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def known(path) -> str | None:
    """The digest of the file at ``path`` when it is as it was last read here, else None
    (OSError when it cannot be looked at)."""
    return _KNOWN.get(_signature(path))


def read(path) -> tuple[bytes, str]:
    """The file's bytes and their digest, kept for the file as it was before it was read (a
    file changed meanwhile is read again next time: its times differ)."""
    signature = _signature(path)
    data = Path(path).read_bytes()
    return data, _KNOWN.put(signature, hashlib.sha256(data).hexdigest())


def of(path) -> str:
    """The digest of the file at ``path`` (OSError when it cannot be read)."""
    return known(path) or read(path)[1]

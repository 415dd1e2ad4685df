"""A file's digest is worked out again whenever the file changes, even when its size and
modification time stay as they were; an unchanged file is not read again."""
from __future__ import annotations

import hashlib
import os

import pytest

from mou_builder.base import digests


def test_the_digest_is_the_sha256_of_the_bytes(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(b"first version")
    assert digests.of(path) == hashlib.sha256(b"first version").hexdigest()


def test_bytes_changed_in_place_with_size_and_time_kept_give_a_new_digest(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(b"first version")
    first = digests.of(path)
    before = path.stat()
    path.write_bytes(b"other version")  # the same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert digests.of(path) == hashlib.sha256(b"other version").hexdigest() != first


def test_a_file_replaced_by_another_gives_the_other_digest(tmp_path):
    path, other = tmp_path / "t.docx", tmp_path / "u.docx"
    path.write_bytes(b"first version")
    other.write_bytes(b"other version")
    digests.of(path)
    os.replace(other, path)
    assert digests.of(path) == hashlib.sha256(b"other version").hexdigest()


def test_an_unchanged_file_is_not_read_again(tmp_path, monkeypatch):
    path = tmp_path / "t.docx"
    path.write_bytes(b"first version")
    digests.of(path)
    reads = []
    monkeypatch.setattr(digests.Path, "read_bytes", lambda self: reads.append(self) or b"")
    assert digests.of(path) == hashlib.sha256(b"first version").hexdigest()
    assert reads == []


def test_a_missing_file_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        digests.of(tmp_path / "gone.docx")

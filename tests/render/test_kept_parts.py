"""Template parts kept in the cache folder between runs (the styles with each document's
language, a template's large parts compressed): the same documents with or without them,
read back by a later process, made again when damaged, when the code that makes them
changes, or when someone else could have written them."""
from __future__ import annotations

import hashlib
import io
import marshal
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

from mou_builder.base import cachedir
from mou_builder.render import zipped

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "agreements" / "sousse-montpellier.yaml"  # French and Arabic, side by side


def _build(out: Path, cache: str, source_digest: str | None = None) -> dict:
    env = {**os.environ, "MOU_CACHE_DIR": cache}
    command = [sys.executable, "-m", "mou_builder", "build", str(SPEC), "-o", str(out)]
    if source_digest is not None:  # as if the module that sets a document's language had been edited
        command = [sys.executable, "-c", "import sys; from mou_builder.base import cachedir; "
                   f"cachedir.source_digest = lambda module: {source_digest!r}; "
                   "sys.argv = ['mou'] + sys.argv[1:]; from mou_builder.cli import main; main()",
                   *command[3:]]
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.docx"))}


def _styles(docx: Path) -> bytes:
    with zipfile.ZipFile(docx) as z:
        return z.read("word/styles.xml")


def _kept(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "parts").rglob("*") if p.is_file())


def _split(path: Path) -> tuple[bytes, tuple]:
    """A kept file's header (its format's line and its name's) and its value."""
    data = path.read_bytes()
    header = data[:data.index(b"\n", data.index(b"\n") + 1) + 1]
    return header, marshal.loads(data[len(header):])


def _marked(cache: Path) -> bytes:
    """Every kept part replaced by a well-formed entry of other bytes (what only the user could
    have written there): the marker shows whether a build took its styles from the folder."""
    marker = b"<!-- kept -->"
    for path in _kept(cache):
        header, (crc, size, packed) = _split(path)
        styles = zlib.decompressobj(-15).decompress(packed)
        path.write_bytes(header + marshal.dumps(zipped.deflate(styles.replace(b"?>", b"?>" + marker, 1), 6)))
    return marker


def test_the_same_documents_with_and_without_kept_parts(tmp_path):
    cache = tmp_path / "cache"
    without = _build(tmp_path / "without", "")
    first = _build(tmp_path / "first", str(cache))
    files = _kept(cache)
    assert files, "nothing kept"
    assert sum(p.stat().st_size for p in files) < 400_000  # kept compressed
    stamps = {p: p.stat().st_mtime_ns for p in files}
    second = _build(tmp_path / "second", str(cache))
    assert without == first == second
    assert {p: p.stat().st_mtime_ns for p in _kept(cache)} == stamps  # read, not made and written again
    for path in [cache / "parts", *files]:
        assert path.stat().st_mode & 0o077 == 0  # the user's alone


def test_a_later_process_takes_the_parts_from_the_folder(tmp_path):
    cache = tmp_path / "cache"
    _build(tmp_path / "first", str(cache))
    marker = _marked(cache)
    _build(tmp_path / "second", str(cache))
    assert all(marker in _styles(p) for p in (tmp_path / "second").glob("*.docx"))


def test_parts_are_made_again_when_the_code_that_makes_them_changes(tmp_path):
    cache = tmp_path / "cache"
    reference = _build(tmp_path / "reference", "")
    _build(tmp_path / "first", str(cache))
    marker = _marked(cache)
    assert _build(tmp_path / "edited", str(cache), source_digest="another source") == reference
    assert not any(marker in _styles(p) for p in (tmp_path / "edited").glob("*.docx"))


def test_damaged_parts_are_made_again(tmp_path):
    cache = tmp_path / "cache"
    reference = _build(tmp_path / "reference", "")
    _build(tmp_path / "first", str(cache))
    for n, path in enumerate(_kept(cache)):
        data = path.read_bytes()
        # cut inside the header, inside what marshal reads, or a compressed entry that does
        # not give its bytes back
        damaged = (data[:n % 40] if n % 3 == 0 else data[:len(data) // 2] if n % 3 == 1
                   else data[:-40] + b"\x00" * 40)
        path.write_bytes(damaged)
    assert _build(tmp_path / "again", str(cache)) == reference


def test_parts_are_read_only_from_a_private_folder(tmp_path):
    cache = tmp_path / "cache"
    reference = _build(tmp_path / "reference", "")
    _build(tmp_path / "first", str(cache))
    marker = _marked(cache)
    (cache / "parts").chmod(0o777)  # someone else could have put files there
    assert _build(tmp_path / "open", str(cache)) == reference
    (cache / "parts").chmod(0o700)
    for path in _kept(cache):
        path.chmod(0o666)
    assert _build(tmp_path / "files-open", str(cache)) == reference
    for path in _kept(cache):  # written anew, the user's alone
        assert path.stat().st_mode & 0o077 == 0
        assert marker not in zlib.decompressobj(-15).decompress(_split(path)[1][2])


def test_nothing_is_kept_without_a_cache_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "XDG_CACHE_HOME"):  # where the cache folder would be by default
        monkeypatch.setenv(name, str(home))
    monkeypatch.setenv("MOU_CACHE_DIR", "")
    assert cachedir.folder() is None
    data = (ROOT / "templates" / "default" / "agreement.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml")
    assert zipped._kept_deflate(styles) == zipped.deflate(styles, 6)
    assert _build(tmp_path / "out", "") == _build(tmp_path / "again", "")
    assert not any(home.iterdir())

"""RECORD: write outputs atomically and reproducibly.

A document is written to a temporary file beside its destination, then
renamed over it: a reader never sees half a file, and an interrupted build
leaves the previous version in place. The zip container is rewritten with
fixed entry dates, a fixed order and fixed attributes, so that the same
sources give the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from .errors import OutputError

_DOS_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def build_time(spec_date: dt.date | None) -> dt.datetime:
    """The instant stamped in a document: SOURCE_DATE_EPOCH, else the spec's date, else 1980."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return max(dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc), _DOS_EPOCH)
    if spec_date is not None:
        return max(dt.datetime(spec_date.year, spec_date.month, spec_date.day,
                               tzinfo=dt.timezone.utc), _DOS_EPOCH)
    return _DOS_EPOCH


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with fixed dates, order and attributes."""
    stamp = when.astimezone(dt.timezone.utc).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

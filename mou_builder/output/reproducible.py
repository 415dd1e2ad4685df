"""RECORD: reproducible packages.

The zip container of a document is rewritten with fixed entry dates, a fixed
order and fixed attributes, so that the same sources give the same bytes; the
instant stamped in a document comes from the spec (or SOURCE_DATE_EPOCH).
"""
from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

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

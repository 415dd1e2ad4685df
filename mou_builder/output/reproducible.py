"""RECORD: the instant stamped in a document, for reproducible packages.

It comes from the spec (or SOURCE_DATE_EPOCH), never from the clock, so that the
same sources give the same bytes (the package itself is written with fixed entry
dates, order and attributes by :mod:`mou_builder.render.package`).
"""
from __future__ import annotations

import datetime as dt
import os

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

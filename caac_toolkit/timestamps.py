"""When a DOCX or PDF file says it was made: the timestamps inside it (zip entries, document
properties, PDF metadata), which are not the date a document prints.

SOURCE_DATE_EPOCH sets them, as reproducible builds expect
(https://reproducible-builds.org/specs/source-date-epoch/); never a document's date, which comes
from its case or stays a visible placeholder."""

from __future__ import annotations

import datetime as dt
import os

_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the earliest time a zip entry can hold


def epoch_time() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a time, None when it is not set; an error for another value."""
    from caac_toolkit.templating import epoch_date

    if epoch_date() is None:  # which also refuses a value that is not a number of seconds
        return None
    return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC)


def file_time(day: dt.date | None) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH when set, else the document's date, else None."""
    return epoch_time() or (dt.datetime.combine(day, dt.time(), dt.UTC) if day else None)


def zip_time() -> tuple[int, int, int, int, int, int]:
    """The time of every entry of a zip archive: SOURCE_DATE_EPOCH when set, else 1980."""
    when = max(epoch_time() or _ZIP_EPOCH, _ZIP_EPOCH)
    return when.year, when.month, when.day, when.hour, when.minute, when.second

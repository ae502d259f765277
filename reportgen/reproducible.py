"""Same input, same bytes: one document date for every format, and ZIP containers without clocks."""
from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import UTC, date, datetime, time

from .errors import UsageError
from .messages import msg

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def document_date(day: date | None = None) -> datetime:
    """Return the date written into documents: ``day``, else ``SOURCE_DATE_EPOCH``, else today.

    Times are cut to the day, so runs on one day give identical files without any setting.
    """
    if day is not None:
        return datetime.combine(day, time())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return _from_epoch(epoch)
    return datetime.combine(datetime.now(UTC).date(), time())


def _from_epoch(epoch: str) -> datetime:

    try:
        when = datetime.fromtimestamp(int(epoch), tz=UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        when = None
    if when is None or not 1980 <= when.year <= 2107:  # what a ZIP entry's date can hold
        raise UsageError(msg("reproducible.bad-epoch", value=epoch[:40]))
    return when


def normalise_zip(data: bytes, when: datetime) -> bytes:
    """Return an OOXML package with fixed entry times and core dates set to ``when``."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                                 lambda m: m.group(1) + stamp.encode() + m.group(3), content)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()

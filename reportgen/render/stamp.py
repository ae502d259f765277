"""The date written into documents: ``SOURCE_DATE_EPOCH`` when set, so builds can be reproduced."""
from __future__ import annotations

import os
from datetime import datetime, timezone


def document_date() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(tzinfo=None)
    return datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)

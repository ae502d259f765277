"""Text for a terminal: control and escape characters of the data shown, never obeyed."""
from __future__ import annotations

import re

# C0 and C1 controls, DEL, lone surrogates, and the bidirectional overrides that reorder a line.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def visible(text: object) -> str:
    """Return ``text`` with every control character written as an escape: ESC → ``\\x1b``."""
    return _HIDDEN.sub(_escape, str(text))


def _escape(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

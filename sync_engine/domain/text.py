"""Free text: the one rule for every field a person types (notes, reasons, names, numbers).

Text must be something every layer can store and show: no control characters (the C0 set,
DEL and the C1 set; NUL above all, which PostgreSQL cannot store), no lone surrogates (half of
a UTF-16 pair, which cannot be written as UTF-8), and not longer than its field. Tab and line
breaks (LF, and the CR of Windows' CRLF) are allowed only in fields that take several lines.

The client checks before it saves or queues anything, the server's schemas check every request
and mutation, and the CSV import checks every cell: each with :meth:`TextRule.check`.

Codes (params):

=======================  ========================================================================
``text_too_long``        longer than the field takes (max_length, length)
``text_control_char``    a control character (position: 1-based, char: "U+0000")
``text_line_break``      a tab or line break in a one-line field (position, char)
``text_lone_surrogate``  a broken character: half of a surrogate pair (position, char)
=======================  ========================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .validation import Issue

__all__ = [
    "CARRIER",
    "DEVICE_NAME",
    "DISPLAY_NAME",
    "INTEGRATION_TOKEN_NAME",
    "LOCAL_NUMBER",
    "NOTES",
    "PASSWORD",
    "PAYMENT_REF",
    "REASON",
    "TEXT_CODES",
    "TRACKING_NUMBER",
    "USERNAME",
    "TextRule",
]

TEXT_CODES = frozenset(
    {"text_too_long", "text_control_char", "text_line_break", "text_lone_surrogate"}
)
"""Every code :meth:`TextRule.check` can give."""

_LINE_BREAKS = "\t\n\r"
# One search finds the first character a field refuses. Lone surrogates are the only surrogates
# a Python string can hold (a well-formed pair is one code point).
_REFUSED_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_REFUSED_IN_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class TextRule:
    """What one text field takes: at most ``max_length`` characters, one line or several."""

    max_length: int
    lines: bool = False

    def check(self, field: str, value: str) -> Issue | None:
        """``None`` if ``value`` may be saved in ``field``, else the first problem as an
        ``Issue``. Raises ``TypeError`` if ``value`` is not a ``str`` (a bug, not input)."""
        if not isinstance(value, str):
            raise TypeError(f"{field} must be a str, not {type(value).__name__}")
        if len(value) > self.max_length:
            return Issue(field=field, code="text_too_long",
                         params={"max_length": self.max_length, "length": len(value)})
        found = (_REFUSED_IN_LINES if self.lines else _REFUSED_IN_LINE).search(value)
        if found is None:
            return None
        char = found.group()
        params = {"position": found.start() + 1, "char": f"U+{ord(char):04X}"}
        if "\ud800" <= char <= "\udfff":
            return Issue(field=field, code="text_lone_surrogate", params=params)
        if char in _LINE_BREAKS:
            return Issue(field=field, code="text_line_break", params=params)
        return Issue(field=field, code="text_control_char", params=params)


NOTES = TextRule(2000, lines=True)
"""An order's notes."""

REASON = TextRule(2000, lines=True)
"""Why an order is cancelled or rejected; what was wrong with a delivery."""

LOCAL_NUMBER = TextRule(64)
"""The number a device gives an order before the server numbers it."""

CARRIER = TextRule(100)
"""A shipment's carrier."""

TRACKING_NUMBER = TextRule(100)
"""A shipment's tracking number."""

USERNAME = TextRule(64)
"""A username as typed at sign-in."""

PASSWORD = TextRule(256)
"""A password as typed at sign-in or set by an administrator."""

PAYMENT_REF = TextRule(64)
"""A payment's reference: the bank slip or receipt number."""

DEVICE_NAME = TextRule(200)
"""The name a device gives itself at sign-in."""

DISPLAY_NAME = TextRule(200)
"""A user's name as others see it."""

INTEGRATION_TOKEN_NAME = TextRule(100)
"""The name the back office gives a system's integration token (the ERP, the WMS)."""

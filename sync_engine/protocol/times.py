"""Times as the wire writes them: ISO 8601; a time without an offset is UTC (server time)."""

from __future__ import annotations

import datetime as dt

__all__ = ["parse_time"]


def parse_time(text: str) -> dt.datetime | None:
    """``text`` as an aware datetime (UTC where it names no offset); None when it is not an
    ISO 8601 time."""
    try:
        at = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at

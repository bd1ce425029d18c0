"""How a benchmark hands its figures to ``run_all.py``: one line ``FIGURES {json}`` on stdout.

A benchmark run by hand prints its table as before and this one line after it; the runner
collects the line of each benchmark into one document.
"""

from __future__ import annotations

import json
from typing import Any

PREFIX = "FIGURES "


def emit(figures: dict[str, Any]) -> None:
    """Print the figures (names → numbers or short texts) for the runner."""
    print(PREFIX + json.dumps(figures, ensure_ascii=False, default=str), flush=True)


def parse(stdout: str) -> dict[str, Any] | None:
    """The figures a benchmark printed (the last ``FIGURES`` line), or None."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(PREFIX):
            value = json.loads(line[len(PREFIX):])
            return value if isinstance(value, dict) else None
    return None

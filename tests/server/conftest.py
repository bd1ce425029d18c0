"""Helpers shared by the server tests of ``order.submit``."""

from __future__ import annotations

import re
from typing import Any

_TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


def norm(value: Any) -> Any:
    """``value`` with every timestamp replaced by ``"<time>"`` (two runs never share them)."""
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [norm(v) for v in value]
    if isinstance(value, str) and _TS.match(value):
        return "<time>"
    return value


def submit(n: int, customer: int, lines: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """An ``order.submit`` mutation numbered ``n`` (its key and order id follow from ``n``)."""
    return {
        "key": f"key-{n:04d}",
        "kind": "order.submit",
        "args": {"order_id": f"00000000-0000-4000-8000-{n:012d}", "customer_id": customer,
                 "lines": lines, **extra},
    }

"""Fixtures and helpers shared by the server tests that compare two write paths."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.conftest import _make_db

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


WRITES = {
    "log": "SELECT seq, entity, entity_id, op, version, scope, customer_id, warehouse_id,"
           " user_id, data, changed_by, device_id FROM change_log ORDER BY seq",
    "outbox": "SELECT id, type, payload FROM event_outbox ORDER BY id",
    "stored": "SELECT id, user_id, idempotency_key, device_id, kind, status, result"
              " FROM mutations ORDER BY id",
    "orders": "SELECT id, seq_no, number, customer_id, warehouse_id, status, hold_reasons,"
              " stock_reserved, notes, delivery_date, local_number, created_by, device_id,"
              " total_net, total_tax, total_gross, receipt_note, version FROM orders"
              " ORDER BY id",
    "lines": "SELECT * FROM order_lines ORDER BY order_id, line_no",
    "events": "SELECT id, order_id, user_id, device_id, status, reason FROM order_events"
              " ORDER BY id",
    "stock": "SELECT product_id, warehouse_id, on_hand, reserved, version FROM stock"
             " ORDER BY product_id, warehouse_id",
    "counter": "SELECT value FROM sync_counter",
}
"""What an order.submit writes, table by table (ids and sequence numbers included)."""


def submit(n: int, customer: int, lines: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """An ``order.submit`` mutation numbered ``n`` (its key and order id follow from ``n``)."""
    return {
        "key": f"key-{n:04d}",
        "kind": "order.submit",
        "args": {"order_id": f"00000000-0000-4000-8000-{n:012d}", "customer_id": customer,
                 "lines": lines, **extra},
    }


def dump_tables(engine: Engine, queries: dict[str, str]) -> dict[str, list[list[Any]]]:
    """Each query's rows, JSON text parsed and timestamps normalised, for comparing databases."""
    out = {}
    with engine.connect() as conn:
        for name, sql in queries.items():
            rows = []
            for row in conn.execute(text(sql)):
                values = []
                for v in row:
                    if isinstance(v, str) and v[:1] in ("{", "["):
                        v = json.loads(v)
                    values.append(norm(v))
                rows.append(values)
            out[name] = rows
    return out


@pytest.fixture
def twin_dbs(
    request: pytest.FixtureRequest, tmp_path: Path, _templates: dict[str, str], db_url: str
) -> Iterator[tuple[str, str]]:
    """Two identical fresh databases of the test's backend."""
    backend = "sqlite" if db_url.startswith("sqlite") else "postgres"
    other = tmp_path / "twin"
    other.mkdir()
    yield db_url, _make_db(backend, other, request, _templates)

"""The PostgreSQL fast path of ``order.submit`` answers and writes what the general path does.

The same pushes run against two identical databases, one through the fast path and one through
the general (ORM) path; results, stored answers, change log, outbox, orders and stock must match
(timestamps aside). On SQLite both runs take the general path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from sync_engine.protocol import Mutation
from sync_engine.server import orders_fast
from sync_engine.server.db import make_engine, make_session_factory
from sync_engine.server.models import User
from sync_engine.server.mutations import apply_mutation
from tests.conftest import _make_db
from tests.support.seed import Seed, seed

_TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


def _norm(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, str) and _TS.match(value):
        return "<time>"
    return value


def _script(s: Seed) -> list[tuple[str, dict[str, Any]]]:
    """(user, mutation) pairs covering every answer order.submit can give."""
    a, b, c = s.customers["A"], s.customers["B"], s.customers["C"]
    p = s.products

    def submit(n: int, customer: int, lines: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        return {
            "key": f"key-{n:04d}",
            "kind": "order.submit",
            "args": {"order_id": f"00000000-0000-4000-8000-{n:012d}", "customer_id": customer,
                     "lines": lines, **extra},
        }

    return [
        # applied, auto-confirmed; a contract price with a break; notes, date, local number
        ("rep1", submit(1, a, [{"product_id": p[0], "quantity": 12},
                               {"product_id": p[1], "quantity": 3, "unit_price": "10.00"}],
                        notes="请尽快", delivery_date="2099-01-02", local_number="L-1")),
        ("rep1", submit(1, a, [{"product_id": p[0], "quantity": 12}])),  # replay
        ("rep1", {**submit(1, a, [{"product_id": p[0], "quantity": 1}]), "key": "key-0101"}),
        ("rep1", submit(2, a, [{"product_id": p[0], "quantity": 2, "unit_price": "9.99"}])),
        ("rep1", submit(3, a, [{"product_id": p[2], "quantity": 1},
                               {"product_id": p[2], "quantity": 1}])),  # duplicate: rejected
        ("rep1", submit(4, c, [{"product_id": p[2], "quantity": 1}])),  # not rep1's customer
        ("rep1", submit(5, b, [{"product_id": p[3], "quantity": 150}])),  # stock short
        ("rep1", submit(6, b, [{"product_id": p[3], "quantity": 40},
                               {"product_id": p[4], "quantity": 60}])),  # credit exceeded
        ("rep1", submit(7, b, [{"product_id": p[4], "quantity": 40},
                               {"product_id": p[3], "quantity": 61}])),  # short on one line
        ("rep1", submit(8, a, [{"product_id": 999_999, "quantity": 1}])),  # unknown product
        ("owner1", submit(9, a, [{"product_id": p[1], "quantity": 1}])),
        ("clerk1", submit(10, a, [{"product_id": p[1], "quantity": 1}])),  # role: forbidden
        ("rep1", submit(11, a, [{"product_id": p[1], "quantity": 0}])),  # bad args
        # the general handlers work on what the fast path wrote
        ("rep1", {"key": "key-0201", "kind": "order.update", "base_version": 1,
                  "args": {"order_id": "00000000-0000-4000-8000-000000000006",
                           "lines": [{"product_id": p[4], "quantity": 4}], "notes": "改"}}),
        ("rep1", {"key": "key-0202", "kind": "order.cancel",
                  "args": {"order_id": "00000000-0000-4000-8000-000000000009"}}),
    ]


def _run(db_url: str, fast: bool) -> dict[str, Any]:
    s = seed(db_url, credit_limit=Decimal("2000"))
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    with sessions() as session:
        users = {u.username: u for u in session.scalars(select(User))}
        for u in users.values():
            session.expunge(u)
    results = []
    orders_fast.ENABLED = fast
    try:
        for who, m in _script(s):
            r = apply_mutation(sessions, users[who], f"dev-{who}", Mutation.model_validate(m))
            results.append(_norm(r.model_dump(mode="json")))
    finally:
        orders_fast.ENABLED = True
    out: dict[str, Any] = {"results": results}
    queries = {
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
    with engine.connect() as conn:
        for name, sql in queries.items():
            rows = []
            for row in conn.execute(text(sql)):
                values = []
                for v in row:
                    if isinstance(v, str) and v[:1] in ("{", "["):
                        v = json.loads(v)
                    values.append(_norm(v))
                rows.append(values)
            out[name] = rows
    engine.dispose()
    return out


@pytest.fixture
def twin_dbs(
    request: pytest.FixtureRequest, tmp_path: Path, _templates: dict[str, str], db_url: str
) -> Iterator[tuple[str, str]]:
    backend = "sqlite" if db_url.startswith("sqlite") else "postgres"
    other = tmp_path / "twin"
    other.mkdir()
    yield db_url, _make_db(backend, other, request, _templates)


def test_fast_submit_matches_the_general_path(twin_dbs: tuple[str, str]) -> None:
    fast = _run(twin_dbs[0], fast=True)
    general = _run(twin_dbs[1], fast=False)
    statuses = [(r["status"], r["reason"], r["replayed"]) for r in fast["results"]]
    assert statuses == [
        ("applied", None, False),
        ("applied", None, True),
        ("conflict", "order_exists", False),
        ("conflict", "price_changed", False),
        ("rejected", "invalid", False),
        ("rejected", "customer_unknown", False),
        ("applied", None, False),
        ("applied", None, False),
        ("applied", None, False),
        ("rejected", "invalid", False),
        ("applied", None, False),
        ("rejected", "forbidden", False),
        ("rejected", "invalid", False),
        ("applied", None, False),
        ("applied", None, False),
    ]
    holds = [r["details"].get("hold_reasons") for r in fast["results"]]
    assert holds[6] == ["stock_short"] and holds[7] == ["credit_exceeded"]
    assert holds[8] == ["stock_short", "credit_exceeded"]
    for name in fast:
        assert fast[name] == general[name], name

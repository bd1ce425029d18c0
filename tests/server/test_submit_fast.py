"""The PostgreSQL fast path of ``order.submit`` answers and writes what the general path does.

The same pushes run against two identical databases, one through the fast path and one through
the general (ORM) path; results, stored answers, change log, outbox, orders and stock must match
(timestamps aside). On SQLite both runs take the general path.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from sync_engine.protocol import Mutation
from sync_engine.server.commands import orders_fast
from sync_engine.server.commands.apply import apply_mutation
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import User
from tests.server.conftest import WRITES, dump_tables, norm, submit
from tests.support.seed import Seed, seed


def _script(s: Seed) -> list[tuple[str, dict[str, Any]]]:
    """(user, mutation) pairs covering every answer order.submit can give."""
    a, b, c = s.customers["A"], s.customers["B"], s.customers["C"]
    p = s.products

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
            results.append(norm(r.model_dump(mode="json")))
    finally:
        orders_fast.ENABLED = True
    out: dict[str, Any] = {"results": results}
    out.update(dump_tables(engine, WRITES))
    engine.dispose()
    return out


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

"""``order.submit`` one mutation at a time (each a run of one), on SQLite and PostgreSQL.

Every answer a submit can give, with the ORM handlers working on the orders it wrote. The
answers and every row written (orders, lines, history, stock, stored answers, outbox, change log)
must be those of :class:`~tests.server.submit_reference.Reference`, a sequential model worked out
from the domain rules alone; a few figures are spelled out besides.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from sync_engine.protocol import Mutation
from sync_engine.server.commands.apply import Settings, apply_mutation
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import User
from tests.server.conftest import norm, submit
from tests.server.submit_reference import (
    Reference,
    answer_summary,
    database_state,
    stored_answers,
)
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
        # order 1's id again, by a user who may not see it
        ("rep2", {**submit(1, c, [{"product_id": p[0], "quantity": 1}]), "key": "key-0102"}),
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
        ("rep1", submit(11, a, [{"product_id": p[1], "quantity": 0}])),  # bad quantity
        ("rep1", {**submit(12, a, [{"product_id": p[1], "quantity": 1}]),
                  "args": {"order_id": "not-a-uuid", "customer_id": a,
                           "lines": [{"product_id": p[1], "quantity": 1}]}}),  # unreadable
        # the ORM handlers work on what the submit wrote
        ("rep1", {"key": "key-0201", "kind": "order.update", "base_version": 1,
                  "args": {"order_id": "00000000-0000-4000-8000-000000000006",
                           "lines": [{"product_id": p[4], "quantity": 4}], "notes": "改"}}),
        ("rep1", {"key": "key-0202", "kind": "order.cancel",
                  "args": {"order_id": "00000000-0000-4000-8000-000000000009"}}),
    ]


def test_each_answer_of_a_submit_pushed_alone(db_url: str) -> None:
    s = seed(db_url, credit_limit=Decimal("2000"))
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    reference = Reference(engine)
    with sessions() as session:
        users = {u.username: u for u in session.scalars(select(User))}
        for u in users.values():
            session.expunge(u)
    answers = []
    try:
        for who, m in _script(s):
            r = apply_mutation(sessions, users[who], f"dev-{who}", Mutation.model_validate(m),
                               Settings())
            answers.append(r.model_dump(mode="json"))
            reference.push(who, f"dev-{who}", m)
        assert [(r["status"], r["reason"], r["replayed"]) for r in answers] == [
            ("applied", None, False),
            ("applied", None, True),
            ("conflict", "order_exists", False),
            ("rejected", "order_unknown", False),  # rep2 may not see it: as if unknown
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
            ("rejected", "invalid", False),
            ("applied", None, False),
            ("applied", None, False),
        ]
        holds = [r["details"].get("hold_reasons") for r in answers]
        assert holds[7] == ["stock_short"] and holds[8] == ["credit_exceeded"]
        assert holds[9] == ["stock_short", "credit_exceeded"]
        assert [r["data"]["number"] for r in answers if r["status"] == "applied"] == [
            "DH00000001", "DH00000001", "DH00000002", "DH00000003", "DH00000004", "DH00000005",
            "DH00000003", "DH00000005"]
        assert answers[0]["data"]["totals"] == {"net": "132.00", "tax": "17.16",
                                                "gross": "149.16"}
        assert answers[3]["errors"][0]["field"] == "order_id"
        assert answers[14]["errors"][0]["field"] == "order_id"
        assert answers[1] == {**answers[0], "replayed": True}

        assert [answer_summary(r) for r in answers] == reference.answers
        assert database_state(engine, reference.first_seq) == reference.state()
        stored = stored_answers(engine)
        for (who, m), r in zip(_script(s), answers, strict=True):
            if not r["replayed"]:
                assert norm(stored[(users[who].id, m["key"])]) == norm(r), m["key"]
    finally:
        engine.dispose()

"""Text and numbers the server cannot store are refused on the device, field by field, before
anything is saved or queued: a NUL in an order's notes used to travel, answer 500 on PostgreSQL
and hold every later change of that device behind it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sync_engine.client import errors
from sync_engine.client.engine import Engine
from sync_engine.domain import MAX_QUANTITY
from tests.client.offline import CUSTOMER_A, apply, change, offline_engine

ORDER_ID = "6f1c0000-0000-4000-8000-0000000000aa"


@pytest.fixture
def rep(tmp_path: Path) -> Iterator[Engine]:
    e = offline_engine(tmp_path / "rep")
    yield e
    e.close()


def outbox(engine: Engine) -> list[tuple[str, dict[str, Any]]]:
    with engine.store.read() as db:
        return [(r["kind"], json.loads(r["args"]))
                for r in db.execute("SELECT kind, args FROM outbox ORDER BY seq")]


def refused(caught: pytest.ExceptionInfo[errors.ValidationFailed]) -> list[tuple[str, str]]:
    for issue in caught.value.errors:
        assert issue.message("en") and issue.message("zh")
    return [(i.field, i.code) for i in caught.value.errors]


def server_order(status: str, **over: Any) -> dict[str, Any]:
    return {"id": ORDER_ID, "number": "DH00000042", "local_number": "X", "customer_id": CUSTOMER_A,
            "warehouse_id": 1, "status": status, "hold_reasons": [], "notes": "",
            "delivery_date": None, "created_at": "2026-11-25T08:00:00+00:00",
            "updated_at": "2026-11-25T08:00:00+00:00",
            "lines": [{"line_no": 1, "product_id": 1, "quantity": 10, "unit_price": "9.00",
                       "tax_rate": "0.13", "shipped_qty": 0}], "history": [], **over}


def test_a_nul_in_notes_is_refused_before_anything_is_saved_or_queued(rep: Engine) -> None:
    with pytest.raises(errors.ValidationFailed) as caught:
        rep.create_draft(CUSTOMER_A, {2: 1}, notes="rush\x00")
    assert refused(caught) == [("notes", "text_control_char")]
    assert rep.orders() == []
    draft = rep.create_draft(CUSTOMER_A, {2: 1}, notes="请周五前送货\r\n谢谢")
    rep.submit(draft.id)
    for notes, code in (("\x00", "text_control_char"), ("x" * 2001, "text_too_long"),
                        ("broken \ud800", "text_lone_surrogate")):
        with pytest.raises(errors.ValidationFailed) as bad:
            rep.set_notes(draft.id, notes)
        assert refused(bad) == [("notes", code)]
    with pytest.raises(errors.ValidationFailed) as reason:
        rep.cancel(draft.id, "客户\x07取消")
    assert refused(reason) == [("reason", "text_control_char")]
    order = rep.order(draft.id)
    assert order.notes == "请周五前送货\r\n谢谢" and order.status == "submitted"
    assert [kind for kind, _ in outbox(rep)] == ["order.submit"]


def test_a_draft_saved_with_a_nul_by_an_older_version_is_not_queued(rep: Engine) -> None:
    draft = rep.create_draft(CUSTOMER_A, {2: 1})
    with rep.store.write() as db:
        db.execute("UPDATE orders SET notes = ? WHERE id = ?", ("old\x00notes", draft.id))
    with pytest.raises(errors.ValidationFailed) as caught:
        rep.submit(draft.id)
    assert refused(caught) == [("notes", "text_control_char")]
    assert rep.order(draft.id).status == "draft" and outbox(rep) == []
    rep.set_notes(draft.id, "fixed")
    rep.submit(draft.id)
    assert outbox(rep)[0][1]["notes"] == "fixed"


def test_quantities_and_ids_beyond_what_is_stored_are_field_errors(rep: Engine) -> None:
    with pytest.raises(errors.ValidationFailed) as huge:
        rep.create_draft(CUSTOMER_A, {2: MAX_QUANTITY + 1})
    assert refused(huge) == [("lines[0].quantity", "quantity_too_large")]
    # An id SQLite cannot even bind (it raised OverflowError) is an unknown product.
    with pytest.raises(errors.ValidationFailed) as unknown:
        rep.create_draft(CUSTOMER_A, {2**63: 1})
    assert refused(unknown) == [("lines[0].product_id", "product_unknown")]
    with pytest.raises(errors.ValidationFailed) as favourite:
        rep.set_favourite(2**31)
    assert refused(favourite) == [("product_id", "product_unknown")]
    with pytest.raises(errors.ValidationFailed) as customer:
        rep.create_draft(2**64)
    assert refused(customer) == [("customer", "customer_unknown")]
    assert rep.orders() == [] and outbox(rep) == []


def test_shipment_and_decision_texts_follow_the_rule(tmp_path: Path) -> None:
    clerk = offline_engine(tmp_path / "clerk", role="warehouse_clerk", warehouse_id=1)
    admin = offline_engine(tmp_path / "admin", role="admin")
    try:
        apply(clerk, change("order", ORDER_ID, server_order("confirmed"), version=2))
        for fields, expected in (({"carrier": "顺丰\x00"}, ("carrier", "text_control_char")),
                                 ({"tracking_number": "SF\n1"},
                                  ("tracking_number", "text_line_break")),
                                 ({"carrier": "顺" * 101}, ("carrier", "text_too_long"))):
            with pytest.raises(errors.ValidationFailed) as caught:
                clerk.confirm_shipment(ORDER_ID, {1: 4}, **fields)
            assert refused(caught) == [expected]
        assert clerk.order(ORDER_ID).lines[0].shipped_qty == 0 and outbox(clerk) == []
        clerk.confirm_shipment(ORDER_ID, {1: 4}, carrier="顺丰", tracking_number="SF1")

        apply(admin, change("order", ORDER_ID, server_order("submitted"), version=2))
        with pytest.raises(errors.ValidationFailed) as reason:
            admin.reject_order(ORDER_ID, "停业\x00")
        assert refused(reason) == [("reason", "text_control_char")]
        # A long reason used to be cut at 500 characters without a word; 2,000 fit.
        long_reason = "客户停业整顿。" * 280
        assert len(long_reason) == 1960
        admin.reject_order(ORDER_ID, long_reason)
        assert outbox(admin) == [("order.reject", {"order_id": ORDER_ID, "reason": long_reason})]
    finally:
        clerk.close()
        admin.close()

"""Local operations, offline: rules, one transaction per change, pending shown at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from sync_engine.client import errors
from sync_engine.client.engine import Engine
from tests.client.offline import (
    CUSTOMER_A,
    CUSTOMER_B,
    apply,
    change,
    offline_engine,
    product,
)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    e = offline_engine(tmp_path / "dev")
    yield e
    e.close()


def outbox(engine: Engine) -> list[tuple[str, str, int | None]]:
    with engine.store.read() as db:
        return [(r["kind"], r["state"], r["base_version"])
                for r in db.execute("SELECT * FROM outbox ORDER BY seq")]


def test_draft_prices_with_breaks_and_totals(engine: Engine) -> None:
    draft = engine.create_draft(CUSTOMER_A, {1: 12, 2: 3})
    assert draft.status == "draft" and draft.sync_state == "local"
    assert [(ln.product_id, ln.unit_price) for ln in draft.lines] == [
        (1, Decimal("8.50")), (2, Decimal("10.00"))]
    assert draft.net == Decimal("132.00") and draft.gross == Decimal("149.16")
    assert engine.price(CUSTOMER_A, 1, 11).unit_price == Decimal("9.00")
    assert engine.price(CUSTOMER_A, 1, 12).from_contract
    assert not engine.price(CUSTOMER_B, 1, 12).from_contract
    assert outbox(engine) == []  # drafts never travel


def test_invalid_line_is_refused_with_field_errors_and_changes_nothing(engine: Engine) -> None:
    draft = engine.create_draft(CUSTOMER_A, {1: 2})
    with pytest.raises(errors.ValidationFailed) as caught:
        engine.set_line(draft.id, 3, 7)  # pack of 6, minimum 6
    codes = {(i.field, i.code) for i in caught.value.errors}
    assert ("lines[1].quantity", "quantity_not_multiple_of_pack") in codes
    with pytest.raises(errors.ValidationFailed) as inactive:
        engine.set_line(draft.id, 5, 1)
    assert inactive.value.errors[0].code == "product_inactive"
    with pytest.raises(errors.ValidationFailed) as unknown:
        engine.set_line(draft.id, 999, 1)
    assert unknown.value.errors[0].code == "product_unknown"
    assert [ln.product_id for ln in engine.order(draft.id).lines] == [1]
    with pytest.raises(errors.ValidationFailed) as past:
        engine.set_delivery_date(draft.id, dt.date.today() - dt.timedelta(days=1))
    assert past.value.errors[0].field == "delivery_date"


def test_submit_shows_pending_at_once_and_returns_warnings(engine: Engine) -> None:
    draft = engine.create_draft(CUSTOMER_A, {2: 45}, notes="rush")
    warnings = engine.submit(draft.id)
    assert {w.code for w in warnings} == {"stock_insufficient"}  # 40 available as of sync
    order = engine.order(draft.id)
    assert order.display_status == "submitted (pending sync)"
    assert outbox(engine) == [("order.submit", "pending", None)]
    assert engine.status().pending == 1
    assert engine.credit_used(CUSTOMER_A) == order.gross


def test_submit_refuses_errors_and_leaves_the_draft(engine: Engine) -> None:
    empty = engine.create_draft(CUSTOMER_A)
    with pytest.raises(errors.ValidationFailed) as caught:
        engine.submit(empty.id)
    assert caught.value.errors[0].code == "lines_empty"
    assert engine.order(empty.id).status == "draft" and outbox(engine) == []


def test_quoted_price_is_not_changed_silently(engine: Engine) -> None:
    draft = engine.create_draft(CUSTOMER_B, {2: 3})
    apply(engine, change("product", "2", product(2, base_price="11.00"), version=2))
    with pytest.raises(errors.ValidationFailed) as caught:
        engine.submit(draft.id)
    assert caught.value.errors[0].code == "price_changed"
    assert engine.order(draft.id).lines[0].unit_price == Decimal("10.00")
    changes = engine.accept_current_prices(draft.id)
    assert changes[0].params["current"] == Decimal("11.00")
    engine.submit(draft.id)
    assert engine.order(draft.id).lines[0].unit_price == Decimal("11.00")


def test_edits_after_submit_queue_updates_with_chained_base_versions(engine: Engine) -> None:
    draft = engine.create_draft(CUSTOMER_A, {1: 2})
    engine.submit(draft.id)
    engine.set_line(draft.id, 2, 4)
    engine.set_notes(draft.id, "second")
    engine.cancel(draft.id, "changed mind")
    assert outbox(engine) == [("order.submit", "pending", None), ("order.update", "pending", 1),
                              ("order.update", "pending", 2), ("order.cancel", "pending", 3)]
    order = engine.order(draft.id)
    assert order.display_status == "cancelled (pending sync)" and order.notes == "second"
    with pytest.raises(errors.NotAllowed):
        engine.set_line(draft.id, 1, 5)  # cancelled: no longer editable
    assert engine.credit_used(CUSTOMER_A) == Decimal("0.00")


def test_reorder_reports_price_inactive_and_stock_differences(engine: Engine) -> None:
    past = engine.create_draft(CUSTOMER_B, {1: 12, 2: 45, 4: 1})
    engine.submit(past.id)
    apply(engine,
          change("product", "1", product(1, base_price="12.00"), version=2),
          change("product", "4", product(4, active=False), version=2))
    result = engine.reorder(past.id)
    kinds = {(x.product_id, x.kind) for x in result.differences}
    assert kinds == {(1, "price_changed"), (4, "product_inactive"), (2, "stock_insufficient")}
    price = next(x for x in result.differences if x.kind == "price_changed")
    assert (price.old_unit_price, price.new_unit_price) == (Decimal("10.00"), Decimal("12.00"))
    assert [ln.product_id for ln in result.draft.lines] == [1, 2]
    assert result.draft.status == "draft"


def test_favourites_are_local_at_once_and_queued(engine: Engine) -> None:
    engine.set_favourite(2)
    engine.set_favourite(3)
    engine.set_favourite(2, False)
    assert [p.id for p in engine.favourites()] == [3]
    assert [k for k, _s, _b in outbox(engine)] == ["favourite.set"] * 3


def test_history_queries(engine: Engine) -> None:
    a = engine.create_draft(CUSTOMER_A, {1: 1}, notes="for the new shop")
    b = engine.create_draft(CUSTOMER_B, {2: 1})
    engine.submit(b.id)
    assert {o.id for o in engine.orders()} == {a.id, b.id}
    assert [o.id for o in engine.orders(status="submitted")] == [b.id]
    assert [o.id for o in engine.orders(customer_id=CUSTOMER_A)] == [a.id]
    assert [o.id for o in engine.orders(text="new shop")] == [a.id]
    assert [o.id for o in engine.orders(text="客户B")] == [b.id]
    assert [o.id for o in engine.orders(text=b.local_number)] == [b.id]
    today = dt.date.today()
    assert len(engine.orders(date_from=today, date_to=today)) == 2
    assert engine.orders(date_to=today - dt.timedelta(days=1)) == []


def test_search_customers_and_stock_as_of(engine: Engine) -> None:
    assert [p.id for p in engine.search_products("kkkl", limit=3)] == [1, 2, 3]
    assert engine.search_products("SKU-0002")[0].id == 2
    assert [c.code for c in engine.customers()] == ["CUST-A", "CUST-B"]
    stock = engine.stock(1, 1)
    assert stock is not None and stock.available == 40 and stock.as_of is not None


def test_clerk_confirms_a_partial_shipment_locally(tmp_path: Path) -> None:
    clerk = offline_engine(tmp_path / "clerk", role="warehouse_clerk", warehouse_id=1)
    try:
        order_id = "6f1c0000-0000-4000-8000-000000000001"
        apply(clerk, change("order", order_id, {
            "id": order_id, "number": "DH00000001", "local_number": "X", "customer_id": CUSTOMER_A,
            "warehouse_id": 1, "status": "confirmed", "hold_reasons": [], "notes": "",
            "delivery_date": None, "created_at": "2026-11-25T08:00:00+00:00",
            "updated_at": "2026-11-25T08:00:00+00:00",
            "lines": [{"line_no": 1, "product_id": 1, "quantity": 10, "unit_price": "9.00",
                       "tax_rate": "0.13", "shipped_qty": 0}], "history": []}, version=2))
        with pytest.raises(errors.ValidationFailed) as over:
            clerk.confirm_shipment(order_id, {1: 11})
        assert over.value.errors[0].code == "over_ship"
        with pytest.raises(errors.NotAllowed):
            clerk.create_draft(CUSTOMER_A)  # clerks do not order
        shipment_id = clerk.confirm_shipment(order_id, {1: 4}, carrier="SF", tracking_number="1")
        order = clerk.order(order_id)
        assert order.display_status == "partially_shipped (pending sync)"
        assert order.lines[0].shipped_qty == 4
        assert [s.id for s in clerk.shipments(order_id)] == [shipment_id]
        assert outbox(clerk) == [("shipment.confirm", "pending", 2)]
    finally:
        clerk.close()


def test_nothing_without_identity(tmp_path: Path) -> None:
    with Engine(tmp_path / "new") as engine, pytest.raises(errors.NotSignedIn):
        engine.create_draft(CUSTOMER_A)


def test_server_state_arriving_beside_pending_edits_does_not_clobber_them(engine: Engine) -> None:
    order_id = "6f1c0000-0000-4000-8000-000000000002"

    def server_state(version: int, quantity: int, notes: str) -> dict[str, object]:
        return {"id": order_id, "number": "DH00000002", "local_number": "X",
                "customer_id": CUSTOMER_A, "warehouse_id": 1, "status": "submitted",
                "hold_reasons": [], "notes": notes, "delivery_date": None,
                "created_at": "2026-11-25T08:00:00+00:00",
                "updated_at": "2026-11-25T08:00:00+00:00",
                "totals": {"net": "0.00", "tax": "0.00", "gross": "0.00"},
                "lines": [{"line_no": 1, "product_id": 2, "quantity": quantity,
                           "unit_price": "10.00", "tax_rate": "0.13", "shipped_qty": 0}],
                "history": [], "version": version}

    apply(engine, change("order", order_id, server_state(1, 2, ""), version=1))
    engine.set_notes(order_id, "mine")  # queued, base version 1
    apply(engine, change("order", order_id, server_state(2, 9, "theirs"), version=2))
    view = engine.order(order_id)
    assert view.notes == "mine" and view.lines[0].quantity == 2  # the user's edit stays
    assert view.sync_state == "pending" and view.server is not None
    assert view.server["notes"] == "theirs" and view.server_version == 2
    apply(engine, change("order", order_id, server_state(1, 1, "old"), version=1))
    assert engine.order(order_id).server_version == 2  # an older state never wins


def test_search_index_follows_renames_but_never_an_older_version(engine: Engine) -> None:
    with engine.store.write() as db:
        engine.store.set_meta(db, "initial_sync_done", "1")
    apply(engine, change("product", "2", product(2, name_en="Zebra Juice"), version=3))
    assert [p.id for p in engine.search_products("zebra")] == [2]
    apply(engine, change("product", "2", product(2, name_en="Yak Milk"), version=2))
    assert engine.search_products("yak") == []
    assert engine.product(2).name_en == "Zebra Juice"
    apply(engine, change("product", "2", product(2, name_en="Zebra Juice",
                                                 base_price="12.00"), version=4))
    assert [p.id for p in engine.search_products("zebra")] == [2]
    assert engine.product(2).base_price == Decimal("12.00")

"""The clerk's queue, the owner's receipt and suggestions, the back office's decisions and sync
health: local first, then against a live server."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sync_engine.client import errors
from sync_engine.client.engine import Engine
from tests.client.conftest import Env
from tests.client.net import FlakyTransport
from tests.client.server_state import server_order, set_auto_confirm


def _submitted(env: Env, lines: dict[int, int]) -> tuple[Engine, str]:
    rep = env.device("rep1")
    order = rep.create_draft(env.seed.customers["A"], lines, notes="for review")
    rep.submit(order.id)
    rep.sync_once()
    return rep, order.id


def test_back_office_confirms_and_rejects_and_the_rep_sees_it(env: Env) -> None:
    set_auto_confirm(env.db_url, False)  # every order waits for the back office
    p1, p2 = env.seed.products[:2]
    rep, first = _submitted(env, {p1: 12})
    second = rep.create_draft(env.seed.customers["B"], {p2: 6})
    rep.submit(second.id)
    rep.sync_once()
    admin = env.device("admin")
    queue = admin.review_queue()
    assert [o.id for o in queue] == [first, second.id]
    assert queue[0].lines and queue[0].status == "submitted"

    with pytest.raises(errors.ValidationFailed) as no_reason:
        admin.reject_order(second.id, "   ")
    assert no_reason.value.errors[0].code == "reason_required"
    net = FlakyTransport(env.transport())
    offline_admin = env.device("admin", name="admin-laptop", transport=net)
    net.offline = True
    confirmed = offline_admin.confirm_order(first)
    assert confirmed.display_status == "confirmed (pending sync)" and not confirmed.hold_reasons
    offline_admin.reject_order(second.id, "客户停业整顿")
    assert [o.id for o in offline_admin.review_queue()] == []
    net.offline = False
    offline_admin.sync_once()
    assert server_order(env.db_url, first).status == "confirmed"  # type: ignore[union-attr]
    rejected = server_order(env.db_url, second.id)
    assert rejected is not None and rejected.status == "rejected"

    rep.sync_once()
    assert rep.order(first).status == "confirmed"
    mine = rep.order(second.id)
    assert mine.status == "rejected"
    assert mine.history[-1]["reason"] == "客户停业整顿"
    with pytest.raises(errors.NotAllowed):
        rep.confirm_order(first)  # only the back office decides


def test_a_decision_on_an_order_cancelled_meanwhile_is_a_conflict(env: Env) -> None:
    set_auto_confirm(env.db_url, False)
    rep, order_id = _submitted(env, {env.seed.products[0]: 12})
    admin = env.device("admin")
    rep.cancel(order_id, "客户改主意")
    rep.sync_once()
    admin.confirm_order(order_id)
    report = admin.sync_once()
    assert report.conflicts == 1
    conflict = admin.conflicts()[0]
    assert conflict.reason == "status_changed" and conflict.kind == "order.confirm"
    admin.take_theirs(conflict.id)
    assert admin.order(order_id).status == "cancelled"


def test_clerk_queue_shows_what_remains_and_the_owner_receives(env: Env) -> None:
    p1, p2 = env.seed.products[:2]
    owner = env.device("owner1")
    order = owner.create_draft(env.seed.customers["A"], {p1: 12, p2: 6})
    owner.submit(order.id)
    owner.sync_once()
    clerk = env.device("clerk1")
    queue = clerk.ship_queue()
    item = next(i for i in queue if i.order.id == order.id)
    assert (item.ordered_units, item.shipped_units, item.remaining_units) == (18, 0, 18)
    assert item.customer_code == "CUST-A" and item.open_lines == 2
    assert clerk.ship_queue(env.seed.warehouses[1]) == []  # the other warehouse's queue

    with pytest.raises(errors.ValidationFailed) as over:
        clerk.confirm_shipment(order.id, {p1: 13})
    assert over.value.errors[0].code == "over_ship"
    clerk.confirm_shipment(order.id, {p1: 12, p2: 2}, carrier="SF", tracking_number="SF9")
    item = next(i for i in clerk.ship_queue() if i.order.id == order.id)
    assert (item.shipped_units, item.remaining_units, item.open_lines) == (14, 4, 1)
    assert item.order.line_for(p2).remaining == 4  # type: ignore[union-attr]
    clerk.sync_once()
    owner.sync_once()
    partial = owner.order(order.id)
    assert partial.status == "partially_shipped"
    assert [(ln.product_id, ln.remaining) for ln in partial.lines] == [(p1, 0), (p2, 4)]
    with pytest.raises(errors.NotAllowed):
        owner.receive(order.id)  # the backorder is still open

    clerk.confirm_shipment(order.id, {p2: 4})
    clerk.sync_once()
    assert all(i.order.id != order.id for i in clerk.ship_queue())
    owner.sync_once()
    closed = owner.receive(order.id, "少了一箱，外箱破损")
    assert closed.display_status == "closed (pending sync)"
    owner.sync_once()
    server = server_order(env.db_url, order.id)
    assert server is not None and server.status == "closed"
    assert server.receipt_note == "少了一箱，外箱破损"
    assert owner.order(order.id).receipt_note == "少了一箱，外箱破损"


def test_owner_suggestions_come_from_their_history(env: Env) -> None:
    p1 = env.seed.products[0]
    owner = env.device("owner1")
    for quantity in (12, 24):
        draft = owner.create_draft(env.seed.customers["A"], {p1: quantity})
        owner.submit(draft.id)
    owner.create_draft(env.seed.customers["A"], {p1: 36})  # a draft is not history
    found = owner.suggestions()
    # Both orders were placed today: one day counts once (the quantities add up).
    assert found == []
    with owner.store.write() as db:
        db.execute("UPDATE orders SET created_at = '2026-01-01T09:00:00+00:00'"
                   " WHERE status = 'submitted' AND rowid = (SELECT MIN(rowid) FROM orders)")
    found = owner.suggestions()
    assert [(s.product_id, s.times_ordered) for s in found] == [(p1, 2)]
    assert found[0].usual_quantity == 12 and found[0].due is False


def test_sync_health_lists_devices_and_falls_back_to_the_last_list(env: Env) -> None:
    env.device("rep1", name="rep-laptop")
    env.device("clerk1", name="warehouse-pc")
    net = FlakyTransport(env.transport())
    admin = env.device("admin", transport=net)
    health = admin.sync_health()
    assert health.devices_live and health.devices_as_of
    assert {"rep1", "clerk1", "admin"} <= {d.username for d in health.devices}
    assert all(d.last_seen_at for d in health.devices)
    assert health.status.pending == 0 and health.status.conflicts == 0
    net.offline = True
    offline = admin.sync_health()
    assert not offline.devices_live and offline.devices_error
    assert offline.devices == health.devices and offline.devices_as_of == health.devices_as_of
    net.offline = False
    rep = env.device("rep1", name="rep-2")
    with pytest.raises(errors.Forbidden):
        rep.back_office().devices()  # only the back office sees devices


def test_browse_catalog_and_price_breaks(env: Env) -> None:
    rep = env.device("rep1")
    page1 = rep.search_products("", limit=2)
    page2 = rep.search_products("", limit=2, offset=2)
    skus = [p.sku for p in page1 + page2]
    assert skus == sorted(skus) and len(set(skus)) == 4
    a, p1 = env.seed.customers["A"], env.seed.products[0]
    breaks = rep.price_breaks(a, p1)
    assert breaks and breaks == sorted(breaks)
    assert all(isinstance(price, Decimal) for _q, price in breaks)


def test_order_view_has_the_customer_name_in_both_languages(env: Env) -> None:
    rep, order_id = _submitted(env, {env.seed.products[0]: 12})
    order = rep.order(order_id)
    assert order.customer_name == "客户A"
    assert order.customer_name_in("zh") == "客户A"
    assert order.customer_name_in("en") == (order.customer_name_en or "客户A")


def test_resolution_not_possible_speaks_chinese_too() -> None:
    exc = errors.ResolutionNotPossible("No.", "not_keepable", "不行。")
    assert exc.code == "not_keepable" and exc.text("zh") == "不行。" and exc.text("en") == "No."

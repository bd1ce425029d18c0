"""Two devices change one order: the loser's edit is kept and flagged, then resolved each way.
Price changes, held mutations, rejected submits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sync_engine.client import errors
from sync_engine.client.engine import Engine
from tests.client.conftest import Env
from tests.client.server_state import (
    assert_converged,
    count_orders,
    delete_product,
    server_order,
    set_auto_confirm,
    set_base_price,
)


def _two_devices(env: Env) -> tuple[Engine, Engine, str, int, int]:
    set_auto_confirm(env.db_url, False)
    s = env.seed
    a, b = env.device("rep1"), env.device("rep1")
    order = a.create_draft(s.customers["A"], {s.products[1]: 2})
    a.submit(order.id)
    a.sync_once()
    b.sync_once()
    assert b.order(order.id).server_version == 1
    a.set_line(order.id, s.products[1], 5)
    b.set_line(order.id, s.products[1], 7)
    a.sync_once()
    report = b.sync_once()
    assert report.conflicts == 1
    return a, b, order.id, s.products[1], s.products[2]


def _qty(engine: Engine, order_id: str, product_id: int) -> int | None:
    line = engine.order(order_id).line_for(product_id)
    return None if line is None else line.quantity


def test_loser_keeps_and_sees_both_then_keeps_mine(env_any: Env) -> None:
    a, b, order_id, p, _ = _two_devices(env_any)
    view = b.order(order_id)
    assert view.sync_state == "attention" and view.display_status.endswith("(needs attention)")
    assert _qty(b, order_id, p) == 7  # the user's edit is kept
    [conflict] = b.conflicts()
    assert conflict.reason == "version_mismatch" and conflict.order_id == order_id
    assert conflict.mine["order"]["lines"][0]["quantity"] == 7
    assert conflict.server is not None and conflict.server["lines"][0]["quantity"] == 5
    assert b.status().conflicts == 1

    b.keep_mine(conflict.id)
    b.sync_once()
    server = server_order(env_any.db_url, order_id)
    assert server is not None and server.version == 3 and server.lines[0].quantity == 7
    a.sync_once()
    assert _qty(a, order_id, p) == 7
    assert b.order(order_id).sync_state == "synced"
    assert_converged(a, env_any.server, "rep1")
    assert_converged(b, env_any.server, "rep1")


def test_take_theirs(env: Env) -> None:
    _a, b, order_id, p, _ = _two_devices(env)
    [conflict] = b.conflicts()
    b.take_theirs(conflict.id)
    assert _qty(b, order_id, p) == 5 and b.order(order_id).sync_state == "synced"
    b.sync_once()
    server = server_order(env.db_url, order_id)
    assert server is not None and server.version == 2
    assert_converged(b, env.server, "rep1")
    assert b.conflicts() == [] and len(b.conflicts(include_resolved=True)) == 1


def test_edit_makes_a_draft_copy(env: Env) -> None:
    _a, b, order_id, p, _ = _two_devices(env)
    [conflict] = b.conflicts()
    draft = b.edit_conflict(conflict.id)
    assert draft.id != order_id and draft.status == "draft"
    assert _qty(b, draft.id, p) == 7
    assert _qty(b, order_id, p) == 5
    b.submit(draft.id)
    b.sync_once()
    assert count_orders(env.db_url) == 2
    assert_converged(b, env.server, "rep1")


def test_later_mutations_are_held_behind_a_conflict(env: Env) -> None:
    _a, b, order_id, p, q = _two_devices(env)
    # b goes on editing the conflicted order: held, never sent blindly.
    b.set_notes(order_id, "call before delivery")
    b.set_line(order_id, q, 1)
    b.sync_once()
    status = b.status()
    assert status.held == 2 and status.conflicts == 1
    server = server_order(env.db_url, order_id)
    assert server is not None and server.notes == "" and server.version == 2
    [conflict] = b.conflicts()
    assert conflict.held == 2
    b.keep_mine(conflict.id)
    b.sync_once()
    server = server_order(env.db_url, order_id)
    assert server is not None and server.version == 5 and server.notes == "call before delivery"
    assert sorted((ln.product_id, ln.quantity) for ln in server.lines) == [(p, 7), (q, 1)]
    assert_converged(b, env.server, "rep1")


def test_take_theirs_drops_the_held_ones(env: Env) -> None:
    _a, b, order_id, _p, _ = _two_devices(env)
    b.set_notes(order_id, "mine")
    b.sync_once()
    [conflict] = b.conflicts()
    b.take_theirs(conflict.id)
    b.sync_once()
    assert b.order(order_id).notes == ""
    assert b.status().pending == 0 and b.status().held == 0
    assert_converged(b, env.server, "rep1")


def test_price_changed_needs_the_users_consent(env_any: Env) -> None:
    s = env_any.seed
    rep = env_any.device("rep1")
    order = rep.create_draft(s.customers["B"], {s.products[2]: 4})
    rep.submit(order.id)  # quoted at 10.00
    set_base_price(env_any.db_url, s.products[2], "10.50")
    report = rep.sync_once()
    assert report.conflicts == 1 and count_orders(env_any.db_url) == 0
    [conflict] = rep.conflicts()
    assert conflict.reason == "price_changed"
    assert Decimal(conflict.details["lines"][0]["current"]) == Decimal("10.50")
    assert rep.order(order.id).lines[0].unit_price == Decimal("10.00")  # not changed silently
    with pytest.raises(errors.ResolutionNotPossible):
        rep.keep_mine(conflict.id)
    rep.keep_mine(conflict.id, accept_new_prices=True)
    assert rep.order(order.id).lines[0].unit_price == Decimal("10.50")
    rep.sync_once()
    server = server_order(env_any.db_url, order.id)
    assert server is not None and server.lines[0].unit_price == Decimal("10.50")
    assert_converged(rep, env_any.server, "rep1")


def test_rejected_submit_edit_and_take_theirs(env: Env) -> None:
    s = env.seed
    rep = env.device("rep1")
    first = rep.create_draft(s.customers["B"], {s.products[0]: 1})
    second = rep.create_draft(s.customers["B"], {s.products[1]: 1})
    rep.submit(first.id)
    rep.submit(second.id)
    with rep.store.write() as db:  # the product vanished on the server's side meanwhile
        for oid in (first.id, second.id):
            db.execute("UPDATE outbox SET args = json_set(args, '$.lines[0].product_id', 99999)"
                       " WHERE entity = ?", (f"order:{oid}",))
    report = rep.sync_once()
    assert report.rejected == 2
    c1, c2 = rep.conflicts()
    assert c1.status == "rejected" and c1.errors
    with pytest.raises(errors.ResolutionNotPossible):
        rep.keep_mine(c1.id)
    draft = rep.edit_conflict(c1.id)
    assert draft.id == first.id and draft.status == "draft"
    rep.take_theirs(c2.id)
    with pytest.raises(errors.NotFound):
        rep.order(second.id)
    rep.submit(first.id)
    rep.sync_once()
    assert count_orders(env.db_url) == 1
    assert_converged(rep, env.server, "rep1")


def test_cancel_after_shipment_is_a_conflict(env: Env) -> None:
    s = env.seed
    rep = env.device("rep1")
    clerk = env.device("clerk1")
    order = rep.create_draft(s.customers["A"], {s.products[0]: 4})
    rep.submit(order.id)
    rep.sync_once()
    clerk.sync_once()
    clerk.confirm_shipment(order.id, {s.products[0]: 4})
    clerk.sync_once()
    rep.cancel(order.id, "too late")
    rep.sync_once()
    [conflict] = rep.conflicts()
    assert conflict.reason == "already_shipped"
    assert rep.order(order.id).status == "cancelled"  # mine, flagged
    with pytest.raises(errors.ResolutionNotPossible):
        rep.keep_mine(conflict.id)
    rep.take_theirs(conflict.id)
    assert rep.order(order.id).status == "shipped"
    assert_converged(rep, env.server, "rep1")


def test_accepting_new_prices_carries_over_to_held_edits(env: Env) -> None:
    set_auto_confirm(env.db_url, False)
    s = env.seed
    rep = env.device("rep1")
    order = rep.create_draft(s.customers["B"], {s.products[2]: 4})
    rep.submit(order.id)  # quoted at 10.00
    rep.set_line(order.id, s.products[3], 6)  # an edit queued behind the submit
    set_base_price(env.db_url, s.products[2], "10.50")
    assert rep.sync_once().conflicts == 1
    [conflict] = rep.conflicts()
    assert conflict.reason == "price_changed"
    rep.keep_mine(conflict.id, accept_new_prices=True)
    report = rep.sync_once()
    # The held edit went out with the price the user accepted: no second price conflict.
    assert report.conflicts == 0 and not rep.conflicts()
    server = server_order(env.db_url, order.id)
    assert server is not None
    prices = {ln.product_id: ln.unit_price for ln in server.lines}
    assert prices[s.products[2]] == Decimal("10.50")
    assert {ln.product_id: ln.quantity for ln in server.lines}[s.products[3]] == 6
    assert_converged(rep, env.server, "rep1")


def test_take_theirs_on_a_refused_favourite_unmarks_it(env: Env) -> None:
    """The product is gone on the server: the favourite is refused, and taking the server's
    side leaves the device without it (the server holds none)."""
    s = env.seed
    owner = env.device("owner1")
    kept, gone = s.products[1], s.products[3]
    owner.set_favourite(kept)
    owner.set_favourite(gone)
    delete_product(env.db_url, gone)
    report = owner.sync_once()
    assert report.rejected == 1
    [conflict] = owner.conflicts()
    assert conflict.status == "rejected"
    assert sorted(p.id for p in owner.favourites()) == sorted([kept, gone])  # kept until decided
    owner.take_theirs(conflict.id)
    assert [p.id for p in owner.favourites()] == [kept]

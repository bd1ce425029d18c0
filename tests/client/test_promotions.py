"""Promotions on a device, against the in-process server on SQLite and PostgreSQL: applied
offline with the domain's ``quote_order`` as of the last sync; a promotion that ends while the
rep is offline is a conflict with both versions, resolved only with the user's consent."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from sync_engine.client import errors
from sync_engine.server.ops.importer import import_csv
from sync_engine.server.storage.engine import make_engine, make_session_factory
from tests.client.conftest import Env
from tests.client.server_state import assert_converged, server_order, set_auto_confirm

HEADER = "code,kind,starts_at,ends_at,name,sku,buy_qty,get_qty\n"


def _when(days: float) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).isoformat(timespec="seconds")


def _import(db_url: str, kind: str, text: str) -> None:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            report = import_csv(session, kind, io.StringIO(text))
        assert report.ok, report.errors
    finally:
        engine.dispose()


def _buy_ten_get_one(ends: float) -> str:
    return HEADER + f"MZ1,买赠,{_when(-1)},{_when(ends)},买十赠一,SKU-0001,10,1\n"


def test_a_promotion_ending_while_offline_is_a_conflict_with_both_versions(
    env_any: Env,
) -> None:
    s = env_any.seed
    _import(env_any.db_url, "promotions", _buy_ten_get_one(7))
    rep = env_any.device("rep1")
    p1 = s.products[0]
    order = rep.create_draft(s.customers["A"], {p1: 20})
    # Offline, from the last sync: 20 bought at 8.50 (the break from 12), 2 free.
    assert [(ln.quantity, ln.unit_price, ln.gift, ln.promotion) for ln in order.lines] == [
        (20, Decimal("8.50"), False, "MZ1"), (2, Decimal("0.00"), True, "MZ1")]
    [given] = order.promotions
    assert given.code == "MZ1" and given.gifts == ((p1, 2),)
    assert given.saving == Decimal("18.00")  # 2 × 9.00: the customer's price for 2 units
    assert order.gross == Decimal("192.10")  # 170.00 + 13%

    # The rep is offline; meanwhile the back office ends the promotion.
    _import(env_any.db_url, "promotions", _buy_ten_get_one(-0.5))
    rep.submit(order.id)
    assert rep.order(order.id).lines[-1].gift  # submitted as quoted
    report = rep.sync_once()
    assert report.conflicts == 1 and server_order(env_any.db_url, order.id) is None
    [conflict] = rep.conflicts()
    assert conflict.reason == "promotion_changed"
    both = conflict.details["promotions"]
    assert [p["code"] for p in both["quoted"]] == ["MZ1"] and both["current"] == []
    assert conflict.details["totals"]["gross"] == "192.10"
    assert conflict.mine["order"]["lines"][-1]["gift"]  # the user's version, kept
    assert rep.order(order.id).lines[-1].gift  # nothing changed silently

    with pytest.raises(errors.ResolutionNotPossible):
        rep.keep_mine(conflict.id)
    rep.keep_mine(conflict.id, accept_new_prices=True)
    rep.sync_once()
    server = server_order(env_any.db_url, order.id)
    assert server is not None and [ln.quantity for ln in server.lines] == [20]
    view = rep.order(order.id)
    assert [ln.gift for ln in view.lines] == [False] and view.promotions == ()
    assert_converged(rep, env_any.server, "rep1")


def test_a_promotion_applies_on_the_server_as_quoted_offline(env_any: Env) -> None:
    s = env_any.seed
    _import(env_any.db_url, "promotions", _buy_ten_get_one(7))
    rep = env_any.device("rep1")
    order = rep.create_draft(s.customers["A"], {s.products[0]: 10, s.products[1]: 3})
    rep.submit(order.id)
    report = rep.sync_once()
    assert report.conflicts == 0
    server = server_order(env_any.db_url, order.id)
    assert server is not None
    assert [(ln.product_id, ln.quantity, ln.gift) for ln in server.lines] == [
        (s.products[0], 10, False), (s.products[1], 3, False), (s.products[0], 1, True)]
    view = rep.order(order.id)
    assert view.sync_state == "synced" and view.gross == Decimal(str(server.total_gross))
    assert_converged(rep, env_any.server, "rep1")


def test_editing_a_submitted_order_requotes_and_the_server_agrees(env: Env) -> None:
    s = env.seed
    set_auto_confirm(env.db_url, False)  # still submitted, so still editable
    _import(env.db_url, "promotions", _buy_ten_get_one(7))
    rep = env.device("rep1")
    p1 = s.products[0]
    order = rep.create_draft(s.customers["A"], {p1: 10})
    rep.submit(order.id)
    rep.sync_once()
    edited = rep.set_line(order.id, p1, 30)  # an order.update: 3 free now, offline first
    assert [(ln.quantity, ln.gift) for ln in edited.lines] == [(30, False), (3, True)]
    report = rep.sync_once()
    assert report.conflicts == 0, [(c.reason, c.details, c.errors) for c in rep.conflicts()]
    server = server_order(env.db_url, order.id)
    assert server is not None and [(ln.quantity, ln.gift) for ln in server.lines] == [
        (30, False), (3, True)]
    assert server.promotions[0]["gifts"] == [{"product_id": p1, "quantity": 3}]
    assert_converged(rep, env.server, "rep1")


def _credit_limit(db_url: str, limit: Decimal) -> None:
    _import(db_url, "customers", "code,name,rep,warehouse,credit_limit,payment_terms\n"
                                 f"CUST-A,客户A,rep1,SH,{limit},月结30天\n")


def test_the_credit_warning_weighs_the_total_the_order_shows_after_promotions(
    env_any: Env,
) -> None:
    s = env_any.seed
    _import(env_any.db_url, "promotions",
            "code,kind,starts_at,ends_at,name,threshold,amount_off\n"
            f"MJ1,满减,{_when(-1)},{_when(7)},满100减100,100,100\n")
    rep = env_any.device("rep1")
    order = rep.create_draft(s.customers["A"], {s.products[0]: 20})
    [given] = order.promotions
    assert given.saving == Decimal("100.00")
    lines_gross = order.gross + given.saving  # before the promotion

    # A limit the lines alone pass but the order, with its promotion, does not reach.
    _credit_limit(env_any.db_url, lines_gross - 50)
    rep.sync_once()
    assert [i for i in rep.check_order(order.id) if i.code == "credit_limit_exceeded"] == []

    # Over the limit even after the promotion: the warning quotes the order's own total.
    _credit_limit(env_any.db_url, order.gross - 10)
    rep.sync_once()
    [warning] = [i for i in rep.check_order(order.id) if i.code == "credit_limit_exceeded"]
    assert warning.params["order_total"] == order.gross
    assert warning.params["over_by"] == Decimal("10.00")

    # The server weighs the same total: under the limit, the order is not held for credit.
    _credit_limit(env_any.db_url, lines_gross - 50)
    set_auto_confirm(env_any.db_url, True)
    rep.sync_once()
    rep.submit(order.id)
    rep.sync_once()
    server = server_order(env_any.db_url, order.id)
    assert server is not None and server.status == "confirmed", server

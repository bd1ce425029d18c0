"""Returns (退货) and credit terms (账期) on devices: every step offline first, then synced,
against the in-process server on SQLite and PostgreSQL; the race between two devices asking
for the same units; the local denials; the rep seeing overdue receivables before taking the
order."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from sync_engine.client import cipher, errors
from sync_engine.client.engine import Engine
from sync_engine.client.journal import OutboxJournal
from sync_engine.server.ops import importer
from sync_engine.server.ops.cli import main as server_cli
from sync_engine.server.storage.models import DamagedStock
from tests.client.conftest import Env
from tests.client.net import FlakyTransport
from tests.client.server_state import assert_converged, server_session


def _shipped(env: Env) -> tuple[Engine, str]:
    """Owner1's order of 12 × P1 and 6 × P2 for customer A, shipped in full; their device."""
    p1, p2 = env.seed.products[:2]
    owner = env.device("owner1")
    order = owner.create_draft(env.seed.customers["A"], {p1: 12, p2: 6})
    owner.submit(order.id)
    owner.sync_once()
    clerk = env.device("clerk1")
    clerk.confirm_shipment(order.id, {p1: 12, p2: 6}, carrier="顺丰", tracking_number="SF1")
    clerk.sync_once()
    owner.sync_once()
    assert owner.order(order.id).status == "shipped"
    return owner, order.id


def test_a_return_made_offline_reaches_the_server_and_goes_through(env_any: Env) -> None:
    env = env_any
    _, order_id = _shipped(env)
    p1, p2 = env.seed.products[:2]
    net = FlakyTransport(env.transport())
    owner = env.device("owner1", name="shop-pc", transport=net)
    net.offline = True
    assert owner.returnable(order_id) == {p1: 12, p2: 6}
    with pytest.raises(errors.ValidationFailed) as too_many:
        owner.request_return(order_id, {p1: 13}, "damaged")
    assert too_many.value.errors[0].code == "over_return"
    with pytest.raises(errors.ValidationFailed) as why:
        owner.request_return(order_id, {p1: 1}, "lost")
    assert why.value.errors[0].code == "return_reason_unknown"
    view = owner.request_return(order_id, {p1: 4, p2: 0}, "expired", "临期")
    assert view.sync_state == "pending" and view.number is None and view.units == 4
    assert owner.returnable(order_id) == {p1: 8, p2: 6}
    # Saved means journaled too, outside the replica (promise 10).
    shop = env.tmp_path / "shop-pc"
    journaled = OutboxJournal(shop, cipher.database_key(shop)).unsent()
    assert "return.request" in [e.kind for e in journaled]
    with pytest.raises(errors.SyncError):
        owner.sync_once()
    net.offline = False
    assert owner.sync_once().applied == 1
    mine = owner.return_view(view.id)
    assert mine.sync_state == "synced" and mine.number and mine.status == "requested"

    admin = env.device("admin")
    assert [r.id for r in admin.returns(status="requested")] == [view.id]
    with pytest.raises(errors.ValidationFailed) as no_reason:
        admin.decide_return(view.id, False, " ")
    assert no_reason.value.errors[0].code == "return_reason_required"
    assert admin.decide_return(view.id, True).pending == ("return.decide",)
    admin.sync_once()

    clerk_net = FlakyTransport(env.transport())
    clerk = env.device("clerk1", name="warehouse-pc", transport=clerk_net)
    clerk_net.offline = True
    first = clerk.receive_return(view.id, {p1: (2, 1)})
    assert first.lines[0].outstanding == 1
    with pytest.raises(errors.ValidationFailed) as over:
        clerk.receive_return(view.id, {p1: (2, 0)})
    assert over.value.errors[0].code == "over_receive"
    clerk.receive_return(view.id, {p1: (1, 0)})
    sh, gz = env.seed.warehouses
    assert clerk.damaged_units(sh) == {}  # the server has not recorded it yet
    clerk_net.offline = False
    assert clerk.sync_once().applied == 2
    done = clerk.return_view(view.id)
    assert done.status == "received" and done.sync_state == "synced"
    assert (done.lines[0].received_qty, done.lines[0].damaged_qty) == (3, 1)
    # The damaged-goods count: the clerk's warehouse, as the server keeps it.
    with server_session(env.db_url) as session:
        kept = {(d.product_id, d.warehouse_id): d.quantity
                for d in session.scalars(select(DamagedStock))}
    assert kept == {(p1, sh): 1}
    assert clerk.damaged_units(sh) == {p1: 1} and clerk.damaged_units(gz) == {}
    admin.sync_once()
    assert admin.damaged_units() == {p1: 1}

    owner.sync_once()
    assert owner.return_view(view.id).credit_amount == Decimal("38.42")  # 4 × 8.50 + 13 %
    account = owner.credit(env.seed.customers["A"])
    assert account.open_amount == Decimal("-38.42") and account.as_of is not None
    assert_converged(owner, env.server, "owner1")
    assert_converged(clerk, env.server, "clerk1")


def test_two_devices_ask_back_the_same_units_one_is_a_conflict(env: Env) -> None:
    owner, order_id = _shipped(env)
    p1 = env.seed.products[0]
    rep = env.device("rep1")
    mine = owner.request_return(order_id, {p1: 10}, "unsold")
    theirs = rep.request_return(order_id, {p1: 5}, "damaged")
    assert owner.sync_once().applied == 1
    report = rep.sync_once()
    assert report.conflicts == 1
    [conflict] = rep.conflicts()
    assert conflict.kind == "return.request" and conflict.reason == "return_exceeds_returnable"
    rep.take_theirs(conflict.id)
    with pytest.raises(errors.NotFound):
        rep.return_view(theirs.id)
    assert rep.returnable(order_id) == {p1: 2, env.seed.products[1]: 6}
    assert [r.id for r in rep.returns()] == [mine.id]


def test_a_return_beaten_to_its_units_is_reduced_to_what_is_left_or_discarded(
        env: Env) -> None:
    owner, order_id = _shipped(env)
    p1, p2 = env.seed.products[:2]
    rep = env.device("rep1")
    mine = owner.request_return(order_id, {p1: 10}, "unsold")
    theirs = rep.request_return(order_id, {p1: 5, p2: 2}, "damaged", "受潮")
    assert owner.sync_once().applied == 1
    assert rep.sync_once().conflicts == 1
    [conflict] = rep.conflicts()
    assert conflict.details["returnable"] == [{"product_id": p1, "quantity": 2},
                                              {"product_id": p2, "quantity": 6}]
    with pytest.raises(errors.ResolutionNotPossible):
        rep.keep_mine(conflict.id)  # the units are gone: sending it again cannot succeed
    rep.reduce_return(conflict.id)
    reduced = rep.return_view(theirs.id)
    assert [(ln.product_id, ln.quantity) for ln in reduced.lines] == [(p1, 2), (p2, 2)]
    assert rep.sync_once().applied == 1 and rep.conflicts() == []
    sent = rep.return_view(theirs.id)
    assert sent.sync_state == "synced" and sent.note == "受潮" and sent.reason == "damaged"
    assert [(ln.product_id, ln.quantity) for ln in sent.lines] == [(p1, 2), (p2, 2)]
    assert rep.returnable(order_id) == {p1: 0, p2: 4}
    with pytest.raises(errors.ResolutionNotPossible):
        rep.reduce_return(conflict.id)  # decided already

    # Nothing left of p1: a third return of it can only be discarded.
    late = owner.request_return(order_id, {p1: 1}, "expired")
    assert owner.sync_once().conflicts == 1
    [none_left] = owner.conflicts()
    with pytest.raises(errors.ResolutionNotPossible) as nothing:
        owner.reduce_return(none_left.id)
    assert nothing.value.code == "nothing_returnable"
    owner.take_theirs(none_left.id)
    with pytest.raises(errors.NotFound):
        owner.return_view(late.id)
    assert {r.id for r in owner.returns()} == {mine.id, theirs.id}
    assert_converged(owner, env.server, "owner1")
    assert_converged(rep, env.server, "rep1")


def test_roles_are_checked_on_the_device_too(env: Env) -> None:
    owner, order_id = _shipped(env)
    p1 = env.seed.products[0]
    clerk = env.device("clerk1")
    with pytest.raises(errors.NotAllowed) as clerk_asks:
        clerk.request_return(order_id, {p1: 1}, "damaged")
    assert clerk_asks.value.errors[0].code == "return_role_not_allowed"
    view = owner.request_return(order_id, {p1: 1}, "damaged")
    with pytest.raises(errors.NotAllowed):
        owner.decide_return(view.id, True)
    with pytest.raises(errors.NotAllowed):
        owner.receive_return(view.id, {p1: (1, 0)})


def _import_receivables(db_url: str) -> None:
    old = (dt.date.today() - dt.timedelta(days=75)).isoformat()
    with server_session(db_url) as session:
        report = importer.import_csv(session, "receivables", io.StringIO(
            f"customer,ref,doc_date,amount,open_amount\nCUST-A,INV-9,{old},2260.00,1130.00\n"))
    assert report.ok, report.errors


def test_the_rep_sees_overdue_receivables_offline_before_taking_the_order(env: Env) -> None:
    _import_receivables(env.db_url)
    net = FlakyTransport(env.transport())
    rep = env.device("rep1", transport=net)
    net.offline = True
    account = rep.credit(env.seed.customers["A"])
    assert (account.payment_terms, account.open_amount, account.overdue_amount) == \
        ("月结30天", Decimal("1130.00"), Decimal("1130.00"))
    assert account.overdue_days == 45 and account.overdue_policy == "review"
    assert rep.credit(env.seed.customers["B"]).open_amount == 0
    draft = rep.create_draft(env.seed.customers["A"], {env.seed.products[1]: 6})
    warnings = rep.submit(draft.id)
    assert [w.code for w in warnings] == ["receivables_overdue"]
    net.offline = False
    rep.sync_once()
    assert rep.order(draft.id).hold_reasons == ("overdue",)
    # Under the block policy the device refuses at once (as of the last sync) …
    assert server_cli(["receivables", "policy", "block", "--db", env.db_url]) == 0
    assert server_cli(["receivables", "pay", "CUST-A", "1", "--ref", "R1",
                       "--db", env.db_url]) == 0  # any change re-sends the account
    rep.sync_once()
    blocked = rep.create_draft(env.seed.customers["A"], {env.seed.products[1]: 6})
    with pytest.raises(errors.ValidationFailed) as refused:
        rep.submit(blocked.id)
    assert refused.value.errors[0].code == "receivables_overdue_blocked"
    assert json.loads(json.dumps(str(refused.value.errors[0].params["overdue"]))) == "1129.00"

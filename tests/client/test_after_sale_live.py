"""After the sale against a live server (uvicorn on loopback), on SQLite and PostgreSQL: two
devices racing for the same shipped units at the same moment (exactly one return wins, the
other is a conflict the user reduces), a return made offline that goes all the way to the
customer's statement, and a payment recorded from the app whose answer was lost."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest

from sync_engine.client import errors
from sync_engine.client.engine import Engine
from sync_engine.domain.statements import EntryKind
from tests.client.conftest import Env
from tests.client.net import FlakyTransport
from tests.client.server_state import assert_converged
from tests.client.test_payments import _payments_on_server, _receivables
from tests.client.test_returns_offline import _shipped

pytestmark = pytest.mark.live


def _month() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m")


def test_two_devices_race_for_the_same_units_and_exactly_one_return_wins(
        live_env_any: Env) -> None:
    env = live_env_any
    owner, order_id = _shipped(env)
    p1 = env.seed.products[0]
    rep = env.device("rep1")
    owners = owner.request_return(order_id, {p1: 8}, "unsold")
    reps = rep.request_return(order_id, {p1: 8}, "damaged")
    start = threading.Barrier(2)
    reports: dict[str, object] = {}

    def push(name: str, device: Engine) -> None:
        start.wait()
        reports[name] = device.sync_once()

    threads = [threading.Thread(target=push, args=(n, d))
               for n, d in (("owner", owner), ("rep", rep))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    applied = {n: getattr(r, "applied", None) for n, r in reports.items()}
    conflicts = {n: getattr(r, "conflicts", None) for n, r in reports.items()}
    assert sorted(applied.values()) == [0, 1] and sorted(conflicts.values()) == [0, 1]
    loser, loser_return = (rep, reps) if conflicts["rep"] else (owner, owners)
    winner_return = owners if loser is rep else reps
    [conflict] = loser.conflicts()
    assert conflict.reason == "return_exceeds_returnable"
    assert conflict.details["returnable"][0] == {"product_id": p1, "quantity": 4}
    loser.reduce_return(conflict.id)
    assert loser.sync_once().applied == 1
    for device in (owner, rep):
        device.sync_once()
    units = {r.id: r.units for r in owner.returns()}
    assert units == {winner_return.id: 8, loser_return.id: 4}
    assert owner.returnable(order_id)[p1] == 0
    assert_converged(owner, env.server, "owner1")
    assert_converged(rep, env.server, "rep1")


def test_an_offline_return_goes_all_the_way_to_the_statement(live_env_any: Env) -> None:
    env = live_env_any
    _, order_id = _shipped(env)
    p1 = env.seed.products[0]
    customer = env.seed.customers["A"]
    net = FlakyTransport()
    owner = env.device("owner1", name="shop-pc", transport=net)
    net.offline = True
    made = owner.request_return(order_id, {p1: 4}, "damaged", "外箱压坏")
    with pytest.raises(errors.SyncError):
        owner.sync_once()
    net.offline = False
    assert owner.sync_once().applied == 1
    admin = env.device("admin")
    admin.decide_return(made.id, True)
    admin.sync_once()
    clerk = env.device("clerk1")
    clerk.receive_return(made.id, {p1: (3, 1)})
    assert clerk.sync_once().applied == 1
    assert clerk.damaged_units(env.seed.warehouses[0]) == {p1: 1}
    owner.sync_once()
    back = owner.return_view(made.id)
    assert back.status == "received" and back.credit_amount == Decimal("38.42")
    assert owner.credit(customer).open_amount == Decimal("-38.42")
    for reader in (admin, owner):
        statement = reader.back_office().statement(customer, _month()).statement
        returned = [ln.entry for ln in statement.lines if ln.entry.kind is EntryKind.RETURN]
        assert [e.amount for e in returned] == [Decimal("38.42")]
        assert statement.returned == Decimal("38.42")
        assert statement.closing == statement.opening + statement.shipped \
            - statement.returned - statement.paid
    assert_converged(owner, env.server, "owner1")


def test_a_payment_recorded_from_the_app_is_recorded_once_and_reaches_the_rep(
        live_env_any: Env) -> None:
    env = live_env_any
    _receivables(env)
    customer = env.seed.customers["A"]
    rep = env.device("rep1")
    assert rep.credit(customer).overdue_amount == Decimal("800.00")
    net = FlakyTransport()
    office = env.device("admin", transport=net).back_office()
    key = uuid.uuid4().hex
    net.drop_after.add("/v1/admin/payments")
    with pytest.raises(errors.NetworkError):
        office.record_payment(key, customer, "1,000", "BANK-1", date=dt.date.today())
    again = office.record_payment(key, customer, "1,000", "BANK-1", date=dt.date.today())
    assert again.replayed and _payments_on_server(env) == [("BANK-1", Decimal(1000))]
    rep.sync_once()
    account = rep.credit(customer)
    assert (account.open_amount, account.overdue_amount) == (Decimal("365.00"), Decimal(0))
    statement = office.statement(customer, _month()).statement
    assert [ln.entry.ref for ln in statement.lines
            if ln.entry.kind is EntryKind.PAYMENT] == ["BANK-1"]
    assert statement.paid == Decimal("1000.00")

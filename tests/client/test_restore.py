"""The server's database restored from a backup while devices hold later work: each device
notices at its next sync whatever was written since and by whom, replaces its replica, and
sends again — with the same keys, under today's rules — what the server forgot. A price changed
since is a ``price_changed`` conflict in the inbox, stock no longer there a shortfall on the
order; nothing vanishes, nothing is doubled. No order number ever stands for two orders: the
devices that held later numbers sync before new orders are numbered, and the server numbers
past the highest one each of them held.

PostgreSQL is backed up with ``pg_dump`` and restored with ``pg_restore``, the embedded SQLite
server with ``dinghuo-server backup``/``restore``, as the README tells an admin."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync_engine.client import errors
from sync_engine.client.engine import Engine
from sync_engine.server.ops.cli import main as server_cli
from sync_engine.server.storage.models import Order
from tests.client.server_state import (
    assert_converged,
    server_order,
    server_session,
    set_base_price,
)
from tests.conftest import _pg_admin_exec
from tests.support.live import free_port, live_server
from tests.support.seed import seed, set_stock

pytestmark = [pytest.mark.slow, pytest.mark.live]  # a server restarted on its port


def _backup(db_url: str, folder: Path) -> Path:
    if db_url.startswith("sqlite"):
        target = folder / "backup.sqlite3"
        assert server_cli(["backup", "--db", db_url, str(target)]) == 0
        return target
    target = folder / "backup.dump"
    subprocess.run(["pg_dump", "-Fc", "-d", db_url, "-f", str(target)], check=True)
    return target


def _restore(db_url: str, backup: Path) -> None:
    if db_url.startswith("sqlite"):
        assert server_cli(["restore", "--db", db_url, str(backup)]) == 0
        return
    name = db_url.rpartition("/")[2]
    _pg_admin_exec(f'DROP DATABASE "{name}" WITH (FORCE)')
    _pg_admin_exec(f'CREATE DATABASE "{name}"')
    subprocess.run(["pg_restore", "--no-owner", "-d", db_url, str(backup)], check=True)


def test_restored_server_every_device_notices_and_nothing_it_held_is_lost(
    db_url: str, tmp_path: Path,
) -> None:
    s = seed(db_url)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    a_cust, b_cust, c_cust = s.customers["A"], s.customers["B"], s.customers["C"]
    p_plain, p_repriced, p_scarce = s.products[1], s.products[2], s.products[3]
    rep = Engine(tmp_path / "rep1-laptop", url)       # rep1's laptop: orders
    office = Engine(tmp_path / "rep1-office", url)    # rep1's office PC: only looks
    other = Engine(tmp_path / "rep2-laptop", url)     # another rep, writing after the restore
    late = Engine(tmp_path / "owner1", url)           # signs in only after the backup
    engines = [rep, office, other, late]
    numbers: dict[str, str] = {}  # every order number any device or the server ever showed

    def note_numbers(*devices: Engine) -> None:
        for engine in devices:
            for shown in engine.orders(limit=10_000):
                if shown.number:
                    assert numbers.setdefault(shown.number, shown.id) == shown.id, (
                        f"{shown.number} was {numbers[shown.number]}, now {shown.id}")

    try:
        with live_server(db_url, port=port):
            for engine, user in ((rep, "rep1"), (office, "rep1"), (other, "rep2")):
                engine.login(user, "demo")
                engine.sync_once()
            before = rep.create_draft(a_cust, {p_plain: 1})
            rep.submit(before.id)
            rep.sync_once()
            note_numbers(*engines)
        backup = _backup(db_url, tmp_path)

        with live_server(db_url, port=port):
            # After the backup: orders the server acknowledges, and devices pull.
            kept = {}
            for name, customer, product in (("plain", a_cust, p_plain),
                                            ("repriced", b_cust, p_repriced),
                                            ("scarce", a_cust, p_scarce)):
                draft = rep.create_draft(customer, {product: 5})
                rep.submit(draft.id)
                kept[name] = draft.id
            assert rep.sync_once().applied == 3
            office.sync_once()
            assert set(kept.values()) <= {o.id for o in office.orders()}
            late.login("owner1", "demo")
            late.sync_once()
            owners = late.create_draft(a_cust, {p_plain: 2})
            late.submit(owners.id)
            assert late.sync_once().applied == 1
            note_numbers(rep, office, late)
        # Made offline, never sent: the outbox must carry it through the restore.
        unsent = rep.create_draft(b_cust, {p_plain: 1})
        rep.submit(unsent.id)

        _restore(db_url, backup)
        # Meanwhile at the restored server: a new price, and stock that is gone.
        set_base_price(db_url, p_repriced, "12.00")
        with server_session(db_url) as session:
            set_stock(session, p_scarce, s.warehouses[0], 0)
        with live_server(db_url, port=port):
            # Someone else writes first, pushing the change numbers past everyone's cursors.
            for n in range(12):
                other.set_favourite(s.products[n % 5], favourite=n % 2 == 0)
            assert other.sync_once().resync is False  # it had seen nothing that was lost

            # owner1 signed in after the backup: that sign-in is gone too.
            with pytest.raises(errors.SignInRequired):
                late.sync_once()
            late.login("owner1", "demo")
            report = late.sync_once()
            # Its order goes again, under a new number: the server numbers no order at or
            # below the highest number the device held (DH00000005 was that order's).
            assert report.resync and report.resubmitted == 1
            assert server_order(db_url, owners.id) is not None
            note_numbers(late)

            report = rep.sync_once()
            # Everything it had sent and still keeps went again: the order from before the
            # backup is answered as a replay, the three the server forgot are applied anew.
            assert report.resync and report.resubmitted == 4
            # The forgotten orders are back, under their own ids.
            plain = server_order(db_url, kept["plain"])
            assert plain is not None and plain.status == "confirmed"
            scarce = server_order(db_url, kept["scarce"])
            assert scarce is not None and scarce.status == "submitted"
            assert "stock_short" in scarce.hold_reasons  # a shortfall, on the order
            assert "stock_short" in rep.order(kept["scarce"]).hold_reasons
            # The price changed meanwhile: a conflict in the inbox, the user's quote kept.
            assert server_order(db_url, kept["repriced"]) is None
            [conflict] = rep.conflicts()
            assert conflict.reason == "price_changed" and conflict.order_id == kept["repriced"]
            assert rep.order(kept["repriced"]).sync_state == "attention"
            # The order made offline went out too, after the ones sent before it.
            assert server_order(db_url, unsent.id) is not None
            assert server_order(db_url, before.id) is not None  # replayed, not doubled

            note_numbers(rep)

            # The office PC had pulled the lost orders: it starts over, and they come back.
            assert office.sync_once().resync
            note_numbers(office)
            # The other rep's new orders take numbers no device has held.
            for _ in range(5):
                order = other.create_draft(c_cust, {p_plain: 1})
                other.submit(order.id)
            assert other.sync_once().applied == 5
            note_numbers(other)

            rep.keep_mine(conflict.id, accept_new_prices=True)
            rep.sync_once()
            for engine, user in ((rep, "rep1"), (office, "rep1"), (other, "rep2"),
                                 (late, "owner1")):
                engine.sync_once()
                assert_converged(engine, url, user)
            note_numbers(*engines)
        mine = [before.id, *kept.values(), unsent.id, owners.id]
        with server_session(db_url) as session:
            ids = set(session.scalars(select(Order.id)).all())
            total = session.scalar(select(func.count()).select_from(Order))
            on_server = {n: i for n, i in session.execute(select(Order.number, Order.id))}
        assert set(mine) <= ids and total == len(mine) + 5  # each exactly once
        # No number ever stood for two orders, on any device or on the server.
        for number, order_id in on_server.items():
            assert numbers.setdefault(number, order_id) == order_id, number
    finally:
        for engine in engines:
            engine.close()

"""Failover to a real, lagging standby: a PostgreSQL primary and an asynchronous streaming
standby built for the test, the server (``dinghuo-server serve``) on a connection string naming
both, devices ordering and syncing throughout. Replication is cut, so the standby falls behind;
the primary is killed mid-traffic and the standby promoted. Afterwards the server and every
device agree, and every order any device ever submitted exists exactly once — including those
the old primary had acknowledged and the standby never received, which the devices sent again.

Prints the failover time as each device saw it (from the kill to its first applied push) and
what its status line showed meanwhile."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select

from sync_engine.client.engine import Engine
from sync_engine.server.storage.engine import migrate
from sync_engine.server.storage.models import Order
from tests.client.fleet import Device, drain, wait_for
from tests.client.server_state import assert_converged, server_session
from tests.support.pg_cluster import pg_cluster, working_dirs
from tests.support.seed import seed
from tests.support.server_process import ServerProcess

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.live]  # server processes


def test_failover_to_a_lagging_standby_loses_no_order(tmp_path: Path) -> None:
    with pg_cluster() as cluster:
        cluster.primary.sql("CREATE DATABASE dinghuo")
        url = cluster.url("dinghuo")
        migrate(url)
        s = seed(url, stock=1_000_000)
        with ServerProcess(url, tmp_path / "server.log", args=("--push-processes", "1")) as server:
            who = [("rep1", "A"), ("rep1", "B"), ("rep2", "C"), ("owner1", "A")]
            devices: list[Device] = []
            try:
                for n, (username, customer) in enumerate(who):
                    engine = Engine(tmp_path / f"device{n}", server.url)
                    engine.login(username, "demo")
                    engine.sync_once()
                    devices.append(Device(engine, username, s.customers[customer],
                                          s.products[n]))
                for device in devices:
                    device.start()
                wait_for("orders before the cut",
                         lambda: all(len(d.log.applied_after(0)) >= 2 for d in devices))
                cluster.wait_until_caught_up()
                # The standby falls behind: what is acknowledged from now on lives on the
                # primary alone, and devices pull it (their cursors move past the standby).
                cluster.cut_replication()
                cut_at = time.monotonic()
                wait_for("orders only the primary has",
                         lambda: all(len(d.log.applied_after(cut_at)) >= 2 for d in devices))
                killed_at = time.monotonic()
                cluster.crash_primary()
                cluster.promote_standby()  # as a failover manager would, at once
                promoted_at = time.monotonic()
                wait_for("orders after the failover",
                         lambda: all(len(d.log.applied_after(killed_at)) >= 2 for d in devices))
                drain(devices)
                for device in devices:
                    device.join()
                _report(devices, killed_at, promoted_at)
                for device in devices:
                    device.engine.sync_once()
                    assert_converged(device.engine, server.url, device.username)
                    # Every device noticed the server had gone back, and started over.
                    assert any(x.resync for x in device.log.synced if x.at > killed_at)
            finally:
                for device in devices:
                    device.join()
                    device.engine.close()
        submitted = [oid for d in devices for oid in d.log.submitted]
        assert len(submitted) == len(set(submitted)) >= 24
        with server_session(url) as session:
            on_server = session.scalars(select(Order.id)).all()
            assert session.scalar(select(func.count()).select_from(Order)) == len(submitted)
        assert sorted(on_server) == sorted(submitted)  # each order exactly once
        running = cluster.processes()
    assert not cluster.root.exists() and not cluster.processes()
    assert running  # (the check above looked at live processes)


def test_the_cluster_is_stopped_and_removed_also_when_the_test_fails() -> None:
    with pytest.raises(RuntimeError, match="the test failed"), pg_cluster() as cluster:
        cluster.primary.sql("CREATE DATABASE dinghuo")
        with psycopg.connect(cluster.primary.conninfo("dinghuo")):  # a backend of its own
            seen = cluster.processes()
            cluster.cut_replication()  # the standby retrying, a connection open
            raise RuntimeError("the test failed")
    assert len(seen) >= 6  # two postmasters with their backends
    assert not cluster.root.exists()
    assert not cluster.processes()
    assert not set(seen) & set(working_dirs())  # none of them runs any more


def _report(devices: list[Device], killed_at: float, promoted_at: float) -> None:
    print(f"\nstandby promoted {promoted_at - killed_at:.2f} s after the primary was killed")
    for device in devices:
        first = min(x.at for x in device.log.applied_after(killed_at))
        shown = [x for x in device.log.shown if killed_at <= x.at <= first]
        lines = sorted({f"{x.error}: online={x.online}, {x.pending} waiting, "
                        f"'{x.last_error}'" for x in shown})
        resent = sum(x.report.resubmitted for x in device.log.synced if x.at > killed_at)
        print(f"{device.username}: first applied push {first - killed_at:.2f} s after the kill; "
              f"{len(shown)} failed syncs meanwhile showing {lines or 'nothing'}; "
              f"sent again after the resync: {resent}")

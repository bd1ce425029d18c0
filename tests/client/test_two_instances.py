"""Two server instances behind HAProxy (configured from packaging/haproxy.cfg, TLS ending at
the proxy) over one PostgreSQL: one instance is killed while devices push; they carry on through
the other, their change streams reconnect, and no order is lost or doubled."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync_engine.client.engine import Engine
from sync_engine.server.storage.models import Order
from tests.client.fleet import Device, drain, wait_for
from tests.client.server_state import assert_converged, server_session
from tests.support.haproxy import HaProxy, self_signed
from tests.support.seed import seed
from tests.support.server_process import ServerProcess

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.live]  # server processes


def test_one_instance_killed_mid_pushes_devices_carry_on_through_the_other(
    pg_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = seed(pg_db_url, stock=1_000_000)
    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the devices trust the proxy's certificate
    one_process = ("--push-processes", "1")
    with ServerProcess(pg_db_url, tmp_path / "a.log", args=one_process) as a, \
            ServerProcess(pg_db_url, tmp_path / "b.log", args=one_process) as b, \
            HaProxy(tmp_path, [("127.0.0.1", a.port), ("127.0.0.1", b.port)], cert, key) as lb:
        who = [("rep1", "A"), ("rep1", "B"), ("rep2", "C"), ("owner1", "A")]
        devices = []
        for n, (username, customer) in enumerate(who):
            engine = Engine(tmp_path / f"device{n}", lb.url)
            engine.login(username, "demo")
            engine.sync_once()
            devices.append(Device(engine, username, s.customers[customer], s.products[n]))
        try:
            for device in devices:
                device.start()
            wait_for("the change streams", lambda: all(d.log.streams for d in devices))
            wait_for("pushes through both instances",
                     lambda: all(len(d.log.applied_after(0)) >= 3 for d in devices))
            streams_before = sum(d.log.streams for d in devices)
            killed_at = time.monotonic()
            a.kill()  # in the middle of the devices' pushes
            wait_for("pushes after the kill",
                     lambda: all(len(d.log.applied_after(killed_at)) >= 3 for d in devices))
            # Streams held by the dead instance came back through the other one.
            wait_for("the streams to reconnect",
                     lambda: sum(d.log.streams for d in devices) > streams_before)
            drain(devices)
            for device in devices:
                gap = min(x.at for x in device.log.applied_after(killed_at)) - killed_at
                print(f"{device.username}: first push applied {gap:.2f} s after the kill; "
                      f"failed syncs meanwhile: {[x.error for x in device.log.shown]}; "
                      f"streams opened: {device.log.streams}")
            # All stopped before any is compared: a device still at work while another is
            # compared is a writer during the comparison (convergence is with no new writes).
            for device in devices:
                device.join()
            for device in devices:
                device.engine.sync_once()
                assert_converged(device.engine, lb.url, device.username)
                # The server never went back in time: nobody had to start over.
                assert not any(synced.resync for synced in device.log.synced)
        finally:
            for device in devices:
                device.join()
                device.engine.close()
        submitted = [oid for d in devices for oid in d.log.submitted]
        assert len(submitted) == len(set(submitted)) >= 24
        with server_session(pg_db_url) as session:
            on_server = session.scalars(select(Order.id)).all()
            assert session.scalar(select(func.count()).select_from(Order)) == len(submitted)
        assert sorted(on_server) == sorted(submitted)  # each order exactly once

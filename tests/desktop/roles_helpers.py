"""Shared steps of the role workflows: sign a role in on the desktop app, other devices on
bare engines, server-side price changes as the ERP would make them."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from desktop.application import DinghuoApp
from sync_engine.client.engine import Engine
from tests.desktop.helpers import settle
from tests.support.server import Server


def sign_in_app(qtbot: Any, app_factory: Any, server_url: str, network: Any,
                username: str) -> DinghuoApp:
    """``username`` signed in on the desktop app, synced, its workspace open."""
    app = app_factory(server_url, network)
    identity = app.engine.login(username, "demo")
    app.open_main(identity)
    qtbot.waitUntil(lambda: app.sync is not None and app.sync.status is not None
                    and app.sync.status.initial_sync_done and not app.sync.running,
                    timeout=20000)
    settle(qtbot, app)
    return app


def device(tmp_path: Path, server: Server, username: str) -> Engine:
    """Another user's device (a bare engine), signed in and synced."""
    engine = Engine(tmp_path / f"device-{username}", server.url, transport=server.transport())
    engine.login(username, "demo")
    engine.sync_once()
    return engine


def sync_app(qtbot: Any, app: DinghuoApp) -> None:
    """Sync now and wait until it is done and the screens have redrawn."""
    assert app.sync is not None
    done = app.sync.synced
    with qtbot.waitSignal(done, timeout=20000):
        app.sync.sync_now()
    settle(qtbot, app)


def import_prices(server_db: str, rows: list[tuple[str, str, int, str]]) -> None:
    """Customer prices as the ERP imports them: (customer code, SKU, from units, price)."""
    from sync_engine.server.ops.importer import import_csv
    from sync_engine.server.storage.engine import make_engine, make_session_factory

    text = "customer,sku,min_qty,unit_price\n" + "".join(
        f"{c},{s},{q},{p}\n" for c, s, q, p in rows)
    engine = make_engine(server_db)
    try:
        with make_session_factory(engine)() as session:
            report = import_csv(session, "prices", io.StringIO(text))
            assert not report.errors, report.errors
    finally:
        engine.dispose()

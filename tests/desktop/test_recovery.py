"""The app started on a damaged local database: a recovery dialog, and the unsent orders
still reach the server exactly once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from desktop.application import DinghuoApp
from sync_engine import domain as d
from sync_engine.client import cipher
from sync_engine.client.session import CREDENTIALS
from sync_engine.client.store import DB_FILENAME
from tests.desktop.conftest import Switchable


def _orders_on_server(server_db: str, ids: list[str]) -> int:
    engine = create_engine(server_db)
    try:
        with engine.connect() as conn:
            return sum(int(conn.execute(text("SELECT COUNT(*) FROM orders WHERE id = :i"),
                                        {"i": i}).scalar_one()) for i in ids)
    finally:
        engine.dispose()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_damaged_replica_shows_a_recovery_dialog_and_sends_unsent_orders_once(
        qtbot: Any, app_factory: Any, signed_in: DinghuoApp, server_url: str,
        network: Switchable, server_db: str, tmp_path: Path, lang: str) -> None:
    app = signed_in
    engine = app.engine
    network.online = False
    customer = next(c for c in engine.customers() if c.code == "C0002")
    product = next(p for p in engine.search_products("BEV", limit=50) if p.sellable)
    units = d.smallest_valid_quantity(
        d.Product(id=product.id, sku=product.sku, name_zh=product.name_zh,
                  name_en=product.name_en, unit=product.unit, case_unit=product.case_unit,
                  case_qty=product.case_qty, pack_size=product.pack_size,
                  min_qty=product.min_qty, tax_rate=product.tax_rate,
                  base_price=product.base_price), product.case_qty)
    ids = []
    for _ in range(2):
        draft = engine.create_draft(customer.id, {product.id: units})
        engine.submit(draft.id)
        ids.append(draft.id)
    assert app.window is not None
    app.window.close()
    app.window = None
    app.shutdown()
    path = tmp_path / "client" / DB_FILENAME
    conn = cipher.connect(path, cipher.database_key(path.parent))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with path.open("r+b") as f:
        f.write(b"\xff" * 100)  # the header overwritten

    network.online = True
    again = app_factory(server_url, network, lang)
    assert again.engine.repair is not None and again.engine.replayed == 2
    again.start()
    dialog = again.recovery
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    words = dialog.informativeText()
    assert ("未发送" in words) if lang == "zh_CN" else ("2 unsent changes" in words)
    shot = Path(os.environ.get("DINGHUO_SHOTS", tmp_path)) / f"recovery-{lang}.png"
    assert dialog.grab().save(str(shot))  # DINGHUO_SHOTS=dir keeps it to look at
    dialog.accept()
    assert again.sync is not None
    qtbot.waitUntil(lambda: _orders_on_server(server_db, ids) == 2, timeout=30000)
    qtbot.waitUntil(lambda: again.tasks.in_flight == 0, timeout=10000)
    assert _orders_on_server(server_db, ids) == 2


def test_app_signs_in_and_syncs_without_a_keyring(qtbot: Any, app_factory: Any,
                                                  server_url: str, network: Switchable,
                                                  tmp_path: Path) -> None:
    import keyring
    import keyring.backends.null

    keyring.set_keyring(keyring.backends.null.Keyring())  # keeps nothing, says nothing
    app = app_factory(server_url, network)
    identity = app.engine.login("rep1", "demo")
    credentials = tmp_path / "client" / CREDENTIALS
    assert credentials.stat().st_mode & 0o777 == 0o600
    app.open_main(identity)
    assert app.sync is not None
    qtbot.waitUntil(lambda: app.sync.status is not None and app.sync.status.initial_sync_done
                    and not app.sync.running, timeout=20000)
    assert app.engine.is_session_stored()
    assert app.sync.status.sign_in_required is False

"""The server restored from a backup under a running app: the user is told once, in their
language, what was sent again and where to look (the conflicts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from desktop.application import DinghuoApp
from desktop.i18n import install_language
from sync_engine.server.ops.cli import main as server_cli
from tests.desktop.helpers import settle


def _notice(app: DinghuoApp) -> QMessageBox:
    assert app.window is not None
    box = app.window.findChild(QMessageBox, "serverWentBack")
    assert isinstance(box, QMessageBox)
    return box


def test_a_restored_server_is_told_once_with_what_went_again(
        qtbot: Any, signed_in: DinghuoApp, server_db: str, tmp_path: Path) -> None:
    app = signed_in
    assert app.sync is not None and app.window is not None
    told: list[int] = []
    app.sync.server_went_back.connect(told.append)
    backup = tmp_path / "server-backup.sqlite3"
    assert server_cli(["backup", "--db", server_db, str(backup)]) == 0
    engine = app.engine
    customer = engine.customers()[0]
    product = next(p for p in engine.search_products("", limit=50) if p.active and p.sellable)
    draft = engine.create_draft(customer.id, {
        product.id: max(product.min_qty, product.pack_size)})
    engine.submit(draft.id)
    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        app.sync.sync_now()
    settle(qtbot, app)
    assert engine.order(draft.id).number is not None
    assert told == []  # an ordinary sync says nothing

    assert server_cli(["restore", "--db", server_db, str(backup)]) == 0
    with qtbot.waitSignal(app.sync.server_went_back, timeout=15000):
        app.sync.sync_now()
    settle(qtbot, app)
    box = _notice(app)
    assert box.isVisible() and box.windowTitle() == "The server was restored"
    assert "1 change you had sent was sent to it again" in box.text()
    assert "Conflicts" in box.text()
    assert app.window.last_message is not None and app.window.last_message[0] == "notice"
    # The button takes the user to the conflicts.
    [go] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole]
    go.click()
    assert app.window.workspace.current_page() == "conflicts"
    assert engine.order(draft.id).number is not None  # the order is back on the server

    # Once: the next syncs say nothing more.
    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        app.sync.sync_now()
    settle(qtbot, app)
    assert told == [1]


def test_the_notice_in_chinese(qtbot: Any, signed_in: DinghuoApp) -> None:
    app = signed_in
    app.switch_language("zh_CN")
    try:
        assert app.window is not None
        app.window.show_server_went_back(3)
        box = _notice(app)
        assert box.windowTitle() == "服务器已恢复"
        assert "3 项更改已重新发送" in box.text() and "冲突" in box.text()
        assert any(b.text() == "打开冲突" for b in box.buttons())
        box.close()
        settle(qtbot, app)
    finally:
        install_language("en")

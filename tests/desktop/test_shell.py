"""The shell: first-run sign-in, offline start, status bar, sign-out warning, language, errors."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop import errors as desktop_errors
from desktop.application import DinghuoApp
from desktop.i18n import install_language
from desktop.views.login import LoginDialog
from tests.desktop.conftest import Switchable
from tests.desktop.helpers import settle, workspace


@pytest.mark.live
def test_first_run_asks_for_server_and_sign_in(qtbot: Any, app_factory: Any,
                                               live_server_url: str) -> None:
    server_url = live_server_url  # typed at sign-in: the app connects by itself
    app: DinghuoApp = app_factory(None)
    app.start()
    assert isinstance(app.login, LoginDialog) and app.window is None
    dialog = app.login
    dialog.submit()  # everything empty: each field says what is missing
    assert dialog.server_box.error_text and dialog.user_box.error_text
    assert dialog.password_box.error_text
    dialog.server.setText(server_url)
    dialog.user.setText("rep1")
    dialog.password.setText("wrong")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.password_box.error_text), timeout=10000)
    assert "wrong" in dialog.password_box.error_text
    dialog.password.setText("demo")
    dialog.submit()
    qtbot.waitUntil(lambda: app.window is not None, timeout=10000)
    assert app.settings.server_url == server_url
    assert app.window is not None and app.window.identity.username == "rep1"


def test_later_runs_open_straight_away_offline(qtbot: Any, app_factory: Any, server_url: str,
                                               network: Switchable, tmp_path: Any) -> None:
    first: DinghuoApp = app_factory(server_url, network)
    first.engine.login("rep1", "demo")
    first.engine.sync_once()
    first.shutdown()
    network.online = False
    again: DinghuoApp = app_factory(server_url, network)
    again.start()
    assert again.window is not None and again.login is None  # no sign-in asked
    assert again.sync is not None
    qtbot.waitUntil(lambda: again.sync is not None and again.sync.last_error is not None,
                    timeout=10000)
    settle(qtbot, again)
    bar = again.window.status
    qtbot.waitUntil(lambda: "Offline" in bar.online.text(), timeout=5000)
    assert "Cannot reach the server" in bar.error.text()
    customers = workspace(again).customers
    qtbot.waitUntil(lambda: customers.model.rowCount() > 0, timeout=5000)  # data offline


def test_status_bar_shows_sync_state(qtbot: Any, signed_in: DinghuoApp) -> None:
    assert signed_in.window is not None
    bar = signed_in.window.status
    assert "Online" in bar.online.text()
    assert bar.pending.text() == "All changes sent"
    assert bar.last_sync.text().startswith("Last sync:")
    assert bar.error.text() == ""


def test_sign_out_with_unsent_work_warns_and_keeps_it(qtbot: Any, signed_in: DinghuoApp,
                                                      network: Switchable) -> None:
    app = signed_in
    network.online = False
    customer = app.engine.customers()[0]
    draft = app.engine.create_draft(customer.id)
    app.sign_out()
    box = app.sign_out_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Nothing is deleted" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert app.window is not None  # still signed in
    assert app.engine.order(draft.id).status == "draft"


def test_language_switch_rebuilds_the_window(qtbot: Any, signed_in: DinghuoApp) -> None:
    app = signed_in
    app.switch_language("zh_CN")
    assert app.window is not None
    ws = workspace(app)
    assert ws.nav.item(0).text() == "客户"
    assert "在线" in app.window.status.online.text() or "连接" in app.window.status.online.text()
    settle(qtbot, app)
    install_language("en")


def test_bugs_are_logged_and_shown_with_the_log_path(qtbot: Any, signed_in: DinghuoApp) -> None:
    assert signed_in.window is not None
    signed_in.window.show_error(RuntimeError("boom"))
    kind, title, text = signed_in.window.last_message or ("", "", "")
    assert kind == "bug" and title == "Something went wrong"
    assert str(desktop_errors.log_path()) in text

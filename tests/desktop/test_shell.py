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
    assert "1 draft." in box.text() and "(s)" not in box.text()  # plurals, not "draft(s)"
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


@pytest.mark.live  # the server goes away under the app's open stream: a real socket
def test_losing_the_server_shows_offline_at_once_without_a_sync(
        qtbot: Any, app_factory: Any, server_db: str) -> None:
    """The server goes away: the status bar says offline as soon as the change stream breaks,
    not at the next sync (none runs meanwhile: the interval is an hour)."""
    from tests.support.live import live_server

    with live_server(server_db) as url:
        app: DinghuoApp = app_factory(url)
        app.open_main(app.engine.login("rep1", "demo"))
        sync = app.sync
        assert sync is not None and app.window is not None
        qtbot.waitUntil(lambda: sync.status is not None and sync.status.initial_sync_done
                        and not sync.running, timeout=20000)
        sync.set_interval(3600)
        settle(qtbot, app)
        bar = app.window.status
        assert "Online" in bar.online.text()
        runs: list[bool] = []
        sync.running_changed.connect(runs.append)
    qtbot.waitUntil(lambda: "Offline" in bar.online.text(), timeout=15000)
    assert runs == []  # no sync told it: the stream did
    assert "Cannot reach the server" in bar.error.text()


def test_quitting_with_unsent_changes_says_they_are_kept(
        qtbot: Any, signed_in: DinghuoApp, network: Switchable) -> None:
    app = signed_in
    window = app.window
    assert window is not None and app.sync is not None
    network.online = False
    customer = app.engine.customers()[0]
    product = next(p for p in app.engine.search_products("", limit=50)
                   if p.active and p.sellable)
    draft = app.engine.create_draft(customer.id, {
        product.id: max(product.min_qty, product.pack_size)})
    app.engine.submit(draft.id)
    window.request_quit()
    box = window.quit_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "1 change has not reached the server yet" in box.text()
    assert "kept on this computer" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible()  # stayed
    window.request_quit()
    box = window.quit_box
    assert box is not None
    quit_button = next(b for b in box.buttons()
                       if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    quit_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert app.engine.status().pending == 1  # kept, to be sent later


def test_quitting_with_everything_sent_asks_nothing(qtbot: Any, signed_in: DinghuoApp) -> None:
    window = signed_in.window
    assert window is not None
    window.request_quit()
    assert window.quit_box is None
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)

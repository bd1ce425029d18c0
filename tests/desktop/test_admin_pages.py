"""The back office's fleet pages against the in-process demo server: sync health (devices in
trouble first, with the reasons in words), devices (revoke and wipe, after a confirmation that
says what will happen), users (create, refused name, disable, the audit trail) and integration
tokens (made once and copied, revoked). Each change is checked on the server."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.application import DinghuoApp
from desktop.views.admin.workspace import AdminWorkspace
from sync_engine.client import errors
from sync_engine.client.engine import Engine
from tests.desktop.helpers import settle
from tests.desktop.keyboard import Keyboard, activate
from tests.desktop.roles_helpers import device, sign_in_app
from tests.support.server import Server

CTRL = Qt.KeyboardModifier.ControlModifier


def admin_workspace(app: DinghuoApp) -> AdminWorkspace:
    assert app.window is not None
    ws = app.window.workspace
    assert isinstance(ws, AdminWorkspace)
    return ws


def on_server(server_db: str, work: Any) -> Any:
    """``work(session)`` on the server's database (what the test checks or stages there)."""
    from sync_engine.server.storage.engine import make_engine, make_session_factory

    engine = make_engine(server_db)
    try:
        with make_session_factory(engine)() as session:
            return work(session)
    finally:
        engine.dispose()


def in_trouble(server_db: str, device_id: str) -> None:
    """The device reports three orders unsent for five hours and a failed database check."""
    from sync_engine.server import accounts
    from sync_engine.server.storage.models import utcnow

    report = {"unsent_changes": 3, "oldest_unsent_at": utcnow() - dt.timedelta(hours=5),
              "conflicts_waiting": 0, "last_error": "network", "app_version": "0.9.0",
              "protocol_version": 1, "db_check": "failed",
              "newest_backup_at": utcnow() - dt.timedelta(hours=3), "encrypted": True}
    on_server(server_db, lambda s: accounts.save_report(s, device_id, report))


@pytest.fixture
def office(qtbot: Any, app_factory: Any, server: Server, network: Any, tmp_path: Path,
           server_db: str) -> Iterator[tuple[DinghuoApp, Engine, Engine]]:
    """Two reps' devices (rep2's in trouble), then the back office signed in on the app.

    Everything is closed while the server still runs (its answers under way end cleanly), and
    what is left is collected here, so a leak shows in the test that made it."""
    rep1 = device(tmp_path, server, "rep1")
    rep2 = device(tmp_path, server, "rep2")
    in_trouble(server_db, rep2.client_id)
    app = sign_in_app(qtbot, app_factory, server.url, network, "admin")
    yield app, rep1, rep2
    if app.window is not None:
        app.window.close()
    app.shutdown()
    rep1.close()
    rep2.close()
    gc.collect()


def test_sync_health_lists_the_devices_in_trouble_first_with_the_reasons(
        qtbot: Any, qtmodeltester: Any, office: tuple[DinghuoApp, Engine, Engine]) -> None:
    app, rep1, rep2 = office
    ws = admin_workspace(app)
    ws.show_page("health")
    page = ws.health
    qtbot.waitUntil(lambda: page.health is not None and page.health.devices_live
                    and len(page.model.rows) >= 3, timeout=10000)
    rows = page.model.rows
    assert rows[0].id == rep2.client_id  # in trouble: first
    assert rows[0].attention == ("database_damaged", "unsent_over_an_hour", "last_sync_failed")
    model = page.model
    first = {model.headerData(c, Qt.Orientation.Horizontal): model.index(0, c).data()
             for c in range(model.columnCount())}
    assert first["Needs attention"] == "DB check failed (+2 more)"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "local database check failed; changes unsent for over an hour; last sync failed")
    assert first["Device"].startswith("rep2 · ")
    assert first["Unsent"] == "3 · oldest 5 h"
    assert first["DB check"] == "failed" and first["Encrypted"] == "yes"
    assert first["Last error"] == "no connection"
    assert first["Version"] == "0.9.0 / 1"
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None  # marked
    healthy = next(i for i, d in enumerate(rows) if d.id == rep1.client_id)
    assert model.index(healthy, 0).data() == "OK"
    assert model.index(healthy, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert page.tiles["attention"].text() == "1"
    assert "local database check failed" in page.detail.text()
    qtmodeltester.check(model)


def test_revoke_and_wipe_a_device_after_saying_what_will_happen(
        qtbot: Any, office: tuple[DinghuoApp, Engine, Engine], server_db: str) -> None:
    from sync_engine.server.storage.models import Device

    app, rep1, _rep2 = office
    ws = admin_workspace(app)
    assert app.window is not None
    activate(qtbot, app.window)
    kb = Keyboard(qtbot)
    try:
        kb.press(Qt.Key.Key_5, CTRL)  # the Go menu reaches the page
    finally:
        kb.close()
    assert ws.current_page() == "devices"
    page = ws.devices
    qtbot.waitUntil(lambda: page.loaded, timeout=10000)
    page.select_device(rep1.client_id)
    assert page.selected() is not None and page.wipe_button.isEnabled()
    page.ask_revoke(wipe=True)
    box = page.confirm_box
    assert box is not None and box.isVisible()
    assert "deletes its local database" in box.text() and "cannot be undone" in box.text()
    assert box.defaultButton() is not box.go  # Enter alone does not wipe
    box.go.click()
    qtbot.waitUntil(lambda: any(d.id == rep1.client_id and d.revoked_at
                                for d in page.model.rows), timeout=10000)
    settle(qtbot, app)
    revoked = on_server(server_db, lambda s: s.get(Device, rep1.client_id))
    assert revoked.revoked_at is not None and revoked.revoke_wipe is True
    page.select_device(rep1.client_id)
    assert not page.revoke_button.isEnabled()  # revoked once is enough
    with pytest.raises(errors.DeviceRevoked) as told:
        rep1.sync_once()
    assert told.value.wipe


def test_sign_out_every_device_of_a_user(
        qtbot: Any, office: tuple[DinghuoApp, Engine, Engine]) -> None:
    app, _rep1, rep2 = office
    page = admin_workspace(app).devices
    admin_workspace(app).show_page("devices")
    qtbot.waitUntil(lambda: page.loaded, timeout=10000)
    page.select_device(rep2.client_id)
    page.ask_sign_out()
    assert page.confirm_box is not None and "rep2" in page.confirm_box.text()
    page.confirm_box.go.click()
    settle(qtbot, app)
    with pytest.raises(errors.SignInRequired):
        rep2.sync_once()


def test_create_a_user_be_told_a_name_is_taken_disable_one_and_see_the_trail(
        qtbot: Any, office: tuple[DinghuoApp, Engine, Engine], server_db: str) -> None:
    from sync_engine.server.storage.models import User

    app, rep1, _rep2 = office
    ws = admin_workspace(app)
    ws.show_page("users")
    page = ws.users
    qtbot.waitUntil(lambda: page.loaded, timeout=10000)
    assert {u.username for u in page.model.rows} >= {"rep1", "clerk1", "owner1", "admin"}

    page.ask_create()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.username.setText("rep1")  # taken
    dialog.display_name.setText("赵敏")
    dialog.password.setText("secret99")
    dialog.role.setCurrentIndex(dialog.role.findData("warehouse_clerk"))
    assert dialog.warehouse.isEnabled() and not dialog.customer.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.boxes["username"].message.text()), timeout=10000)
    assert "already exists" in dialog.boxes["username"].message.text()
    assert dialog.isVisible()  # kept open, with what was typed
    dialog.username.setText("clerk2")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: any(u.username == "clerk2" for u in page.model.rows), timeout=10000)
    settle(qtbot, app)
    made = on_server(server_db, lambda s: s.query(User).filter_by(username="clerk2").one())
    assert made.role == "warehouse_clerk" and made.warehouse_id is not None
    assert made.display_name == "赵敏" and made.active
    assert page.selected() is not None and page.selected().username == "clerk2"

    rep1_id = next(u.id for u in page.model.rows if u.username == "rep1")
    page.select_user(rep1_id)
    assert page.active_button.text() == "Disable…"
    page.ask_toggle_active()
    assert page.confirm_box is not None and "signed out on every device" in \
        page.confirm_box.text()
    page.confirm_box.go.click()
    qtbot.waitUntil(lambda: any(u.username == "rep1" and not u.active
                                for u in page.model.rows), timeout=10000)
    settle(qtbot, app)
    assert on_server(server_db, lambda s: s.get(User, rep1_id).active) is False
    with pytest.raises(errors.SignInRequired):
        rep1.sync_once()
    trail = [(page.audit_model.index(r, 1).data(), page.audit_model.index(r, 2).data(),
              page.audit_model.index(r, 3).data()) for r in range(2)]
    assert trail[0] == ("admin", "rep1", "disabled (signed out everywhere)")
    assert trail[1][:2] == ("admin", "clerk2")
    assert trail[1][2].startswith("created as warehouse clerk (")


def test_a_new_password_must_be_typed_twice_and_is_checked_by_the_server(
        qtbot: Any, office: tuple[DinghuoApp, Engine, Engine]) -> None:
    app, _rep1, _rep2 = office
    ws = admin_workspace(app)
    ws.show_page("users")
    page = ws.users
    qtbot.waitUntil(lambda: page.loaded, timeout=10000)
    page.select_user(next(u.id for u in page.model.rows if u.username == "rep2"))
    page.ask_password()
    dialog = page.dialog
    assert dialog is not None
    dialog.password.setText("abc")
    dialog.again.setText("abd")
    dialog.ok_button.click()
    assert dialog.boxes["again"].message.text() == "The two passwords differ."
    dialog.again.setText("abc")
    dialog.ok_button.click()  # too short for the server
    qtbot.waitUntil(lambda: bool(dialog.boxes["password"].message.text()), timeout=10000)
    assert dialog.isVisible()
    dialog.password.setText("longer-one")
    dialog.again.setText("longer-one")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    settle(qtbot, app)
    assert page.audit_model.index(0, 3).data() == "password reset (signed out everywhere)"


def test_an_integration_token_is_shown_once_copied_and_revoked(
        qtbot: Any, office: tuple[DinghuoApp, Engine, Engine], server_db: str) -> None:
    from sync_engine.server.storage.models import IntegrationToken

    app, _rep1, _rep2 = office
    ws = admin_workspace(app)
    ws.show_page("integrations")
    page = ws.integrations
    qtbot.waitUntil(lambda: page.loaded, timeout=10000)
    assert page.empty.isVisible() and not page.revoke_button.isEnabled()

    page.ask_create()
    dialog = page.dialog
    assert dialog is not None
    dialog.ok_button.click()  # nothing filled in: told at each field
    assert dialog.name_box.message.text() and dialog.scopes_box.message.text()
    dialog.name.setText("wms")
    dialog.scopes["stock"].setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.secret_dialog is not None, timeout=10000)
    secret = page.secret_dialog
    assert secret is not None and secret.secret.text().startswith("dhi_")
    secret.copy_button.click()
    assert QApplication.clipboard().text() == secret.secret.text()
    secret.close()
    qtbot.waitUntil(lambda: [t.name for t in page.model.rows] == ["wms"], timeout=10000)
    assert page.model.index(0, 1).data() == "stock"
    assert page.model.index(0, 3).data() == "never"

    page.ask_create()  # the same name again: refused under the name, the dialog kept
    again = page.dialog
    assert again is not None
    again.name.setText("wms")
    again.scopes["catalog"].setChecked(True)
    again.ok_button.click()
    qtbot.waitUntil(lambda: bool(again.name_box.message.text()) and again.isVisible(),
                    timeout=10000)

    again.close()
    page.table.selectRow(0)
    page.ask_revoke()
    assert page.confirm_box is not None and "refused" in page.confirm_box.text()
    page.confirm_box.go.click()
    qtbot.waitUntil(lambda: page.model.rows[0].revoked_at is not None, timeout=10000)
    row = on_server(server_db, lambda s: s.query(IntegrationToken).filter_by(name="wms").one())
    assert row.revoked_at is not None and row.scopes == "stock"


def test_the_keyboard_reaches_every_back_office_page_and_its_actions(
        qtbot: Any, office: tuple[DinghuoApp, Engine, Engine]) -> None:
    app, rep1, _rep2 = office
    assert app.window is not None
    ws = admin_workspace(app)
    activate(qtbot, app.window)
    kb = Keyboard(qtbot)
    try:
        kb.press(Qt.Key.Key_6, CTRL)
        assert ws.current_page() == "users" and kb.focus() is ws.users.table
        qtbot.waitUntil(lambda: ws.users.loaded, timeout=10000)
        kb.press(Qt.Key.Key_Down)
        kb.press(Qt.Key.Key_Return)  # the row's action: its role
        dialog = ws.users.dialog
        assert dialog is not None and dialog.isVisible() and dialog.user is not None
        dialog.close()
        activate(qtbot, app.window)  # the window has the keyboard again
        ws.users.table.setFocus()
        kb.press(Qt.Key.Key_N, CTRL)
        assert ws.users.dialog is not dialog and ws.users.dialog is not None
        assert ws.users.dialog.user is None  # a new user
        qtbot.waitUntil(lambda: QApplication.activeWindow() is ws.users.dialog, timeout=5000)
        ws.users.dialog.close()
        activate(qtbot, app.window)

        kb.press(Qt.Key.Key_5, CTRL)
        assert kb.focus() is ws.devices.table
        qtbot.waitUntil(lambda: ws.devices.loaded, timeout=10000)
        ws.devices.select_device(rep1.client_id)
        kb.press(Qt.Key.Key_Delete)  # asks first
        assert ws.devices.confirm_box is not None and ws.devices.confirm_box.isVisible()
        assert "rep1" in ws.devices.confirm_box.text()
        ws.devices.confirm_box.close()
        assert ws.devices.selected() is not None
        assert not ws.devices.selected().revoked_at  # nothing was done

        kb.press(Qt.Key.Key_7, CTRL)
        assert ws.current_page() == "integrations" and kb.focus() is ws.integrations.table
        assert kb.mouse_presses == 0
    finally:
        kb.close()


def test_offline_a_list_says_why_it_was_not_fetched(
        qtbot: Any, office: tuple[DinghuoApp, Engine, Engine], network: Any) -> None:
    app, _rep1, _rep2 = office
    ws = admin_workspace(app)
    shown: list[object] = []
    assert app.ctx is not None
    app.ctx.error.connect(shown.append)
    network.online = False
    ws.show_page("integrations")
    qtbot.waitUntil(lambda: bool(ws.integrations.state.text()), timeout=10000)
    assert "cannot be reached" in ws.integrations.state.text()
    assert ws.integrations.refresh_button.isEnabled() and not ws.integrations.loaded
    network.online = True
    ws.integrations.refresh()
    qtbot.waitUntil(lambda: ws.integrations.loaded, timeout=10000)
    assert ws.integrations.state.text() == ""
    assert shown == []  # no dialog for a list that could not be fetched


def test_a_payment_is_recorded_from_the_payments_page_once_even_when_its_answer_is_lost(
        qtbot: Any, office: tuple[DinghuoApp, Engine, Engine], server_db: str,
        network: Any) -> None:
    from sqlalchemy import select

    from sync_engine.server.storage.models import Receivable

    def payments_of(customer_id: int) -> list[tuple[str, Decimal]]:
        return on_server(server_db, lambda s: [(r.ref, -r.amount) for r in s.scalars(
            select(Receivable).where(Receivable.kind == "payment",
                                     Receivable.customer_id == customer_id))])

    app, rep1, _rep2 = office
    ws = admin_workspace(app)
    ws.show_page("payments")
    page = ws.payments
    qtbot.waitUntil(lambda: page.loaded, timeout=10000)
    assert page.model.rows  # the demo's payment, everyone's list
    owing = next(c for c in rep1.customers() if rep1.credit(c.id).overdue_amount > 0)
    customer = next(c for c in app.ctx.engine.customers() if c.id == owing.id)
    before = rep1.credit(customer.id)
    page.loaded = False
    page.choose_customer(customer)
    qtbot.waitUntil(lambda: page.loaded and page.account_shown is not None, timeout=10000)
    owed = page.account_shown
    assert owed is not None and owed.overdue_amount > 0
    assert customer.code in page.account.text()

    # Checked at each field before anything is sent.
    page.record_button.click()
    assert page.amount_box.error_text and page.ref_box.error_text
    page.amount.setText("12.345")
    page.ref.setText("SLIP\x07-1")
    page.record_button.click()
    assert "two decimals" in page.amount_box.error_text
    assert page.ref_box.error_text
    assert payments_of(customer.id) == []

    # Sent; the server records it but its answer is lost: the page says so and keeps it.
    page.amount.setText("1,000.00")
    page.ref.setText("SLIP-1")
    network.drop_after.add("/v1/admin/payments")
    page.record_button.click()
    qtbot.waitUntil(lambda: page.record_button.isEnabled() and bool(page.state.text()),
                    timeout=10000)
    assert page.amount.text() == "1,000.00"
    assert payments_of(customer.id) == [("SLIP-1", Decimal(1000))]
    # Sent again: answered with the first answer, and still one payment.
    page.record_button.click()
    qtbot.waitUntil(lambda: not page.amount.text() and page.record_button.isEnabled(),
                    timeout=10000)
    assert payments_of(customer.id) == [("SLIP-1", Decimal(1000))]
    qtbot.waitUntil(lambda: [p.ref for p in page.model.rows][:1] == ["SLIP-1"], timeout=10000)
    after = page.account_shown
    assert after is not None and after.open_amount == owed.open_amount - 1000

    # The same reference again is another payment: the server refuses it at the reference.
    page.amount.setText("5")
    page.ref.setText("SLIP-1")
    page.record_button.click()
    qtbot.waitUntil(lambda: bool(page.ref_box.error_text), timeout=10000)
    assert "SLIP-1" in page.ref_box.error_text
    assert payments_of(customer.id) == [("SLIP-1", Decimal(1000))]

    # The customer's rep sees the new amounts after their next sync.
    assert rep1.credit(customer.id) == before
    rep1.sync_once()
    assert rep1.credit(customer.id).open_amount == before.open_amount - 1000

"""Returns (退货) and credit terms (账期) in the app, against the demo server: the store owner
asks goods back from an order's detail (offline, sent later), the back office approves and
refuses, the clerk takes a return in by scanning (good and damaged), the rep sees a customer's
overdue receivables before taking the order."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.application import DinghuoApp
from desktop.views.admin.workspace import AdminWorkspace
from desktop.views.clerk.workspace import ClerkWorkspace
from desktop.views.owner.workspace import OwnerWorkspace
from desktop.views.rep.workspace import RepWorkspace
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import DamagedStock, Return
from tests.desktop.conftest import Switchable
from tests.desktop.helpers import settle
from tests.desktop.roles_helpers import sign_in_app, sync_app
from tests.support.server import Server


def _ws(app: DinghuoApp, kind: type[Any]) -> Any:
    assert app.window is not None and isinstance(app.window.workspace, kind)
    return app.window.workspace


def _server_return(server_db: str, return_id: str) -> Return | None:
    engine = make_engine(server_db)
    try:
        with make_session_factory(engine)() as session:
            found = session.get(Return, return_id)
            if found is not None:
                session.expunge(found)
            return found
    finally:
        engine.dispose()


def test_owner_asks_goods_back_offline_and_it_reaches_the_server(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        server_db: str) -> None:
    app = sign_in_app(qtbot, app_factory, server.url, network, "owner1")
    ws = _ws(app, OwnerWorkspace)
    engine = app.engine
    order = next(o for o in engine.orders(limit=100)
                 if o.status in ("shipped", "closed") and engine.returnable(o.id))
    ws.show_page("orders")
    ws.orders.show_order(order.id)
    detail = ws.orders.detail
    qtbot.waitUntil(lambda: detail.order is not None and detail.order.id == order.id,
                    timeout=5000)
    assert detail.return_button.isVisible() and detail.return_button.isEnabled()
    network.online = False
    qtbot.mouseClick(detail.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(detail, "return_dialog", None) is not None, timeout=5000)
    dialog = detail.return_dialog
    line = next(r for r in dialog.model.rows if r.limit)
    # More than may come back: refused at the lines, with the rules' message.
    assert not dialog.set_count(line.product_id, line.limit + 1)
    assert "can be returned" in dialog.lines_box.error_text
    dialog.send()
    assert "how many" in dialog.lines_box.error_text  # nothing typed yet
    assert dialog.set_count(line.product_id, 1)
    dialog.reason.setCurrentIndex(dialog.reason.findData("expired"))
    dialog.note.setPlainText("临期")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=5000)
    settle(qtbot, app)
    made = dialog.made
    assert made is not None and made.sync_state == "pending" and made.reason == "expired"
    qtbot.waitUntil(lambda: any(r.id == made.id for r in detail.returns_model.rows),
                    timeout=5000)
    assert _server_return(server_db, made.id) is None  # offline: not there yet
    network.online = True
    sync_app(qtbot, app)
    qtbot.waitUntil(lambda: engine.status().pending == 0, timeout=10000)
    on_server = _server_return(server_db, made.id)
    assert on_server is not None and on_server.status == "requested"
    assert engine.return_view(made.id).number == on_server.number


def test_back_office_approves_and_refuses_returns(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        server_db: str) -> None:
    app = sign_in_app(qtbot, app_factory, server.url, network, "admin")
    page = _ws(app, AdminWorkspace).returns
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=5000)
    waiting = [r for r in page.model.rows if r.status == "requested"]
    assert len(waiting) >= 2 and page.model.rows[0].status == "requested"  # first in the list
    assert not any(r.status == "requested" for r in page.model.rows[len(waiting):])
    page._show(waiting[0])
    assert page.approve_button.isEnabled()
    page.approve()
    settle(qtbot, app)
    page._show(next(r for r in page.model.rows if r.id == waiting[1].id))
    page.ask_refuse()
    dialog = page.refuse_dialog
    assert dialog is not None
    dialog._accept()
    assert dialog.reason_box.error_text  # a reason is required
    dialog.reason.setPlainText("超过退货期")
    dialog._accept()
    settle(qtbot, app)
    sync_app(qtbot, app)
    qtbot.waitUntil(lambda: app.engine.status().pending == 0, timeout=10000)
    first, second = (_server_return(server_db, r.id) for r in waiting[:2])
    assert first is not None and first.status == "approved"
    assert second is not None and second.status == "refused"
    assert second.history[-1]["reason"] == "超过退货期"


def test_the_back_office_sees_the_damaged_goods_count_of_a_returns_warehouse(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        server_db: str) -> None:
    engine = make_engine(server_db)
    try:
        with make_session_factory(engine)() as session:
            held = {(d.product_id, d.warehouse_id): d.quantity
                    for d in session.scalars(select(DamagedStock)) if d.quantity}
    finally:
        engine.dispose()
    assert held  # the demo's received return with a damaged unit
    app = sign_in_app(qtbot, app_factory, server.url, network, "admin")
    ws = _ws(app, AdminWorkspace)
    ws.show_page("returns")
    page = ws.returns
    page.filter.setCurrentIndex(0)  # all returns
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=5000)
    damaged = next(r for r in page.model.rows if any(ln.damaged_qty for ln in r.lines))
    page._show(damaged)
    wanted = {ln.product_id: held[(ln.product_id, damaged.warehouse_id)] for ln in damaged.lines
              if (ln.product_id, damaged.warehouse_id) in held}
    qtbot.waitUntil(lambda: page.damaged.units == wanted, timeout=5000)
    assert page.damaged.isVisible() and "not sellable" in page.damaged.text()
    assert all(ln.sku in page.damaged.text() for ln in damaged.lines if ln.product_id in wanted)
    requested = next(r for r in page.model.rows if r.status == "requested"
                     and not {(ln.product_id, r.warehouse_id) for ln in r.lines} & set(held))
    page._show(requested)  # nothing damaged held of its products: no line at all
    qtbot.waitUntil(lambda: page.damaged.units == {} and page.damaged.isHidden(), timeout=5000)


def test_clerk_takes_a_return_in_by_scanning(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        server_db: str) -> None:
    app = sign_in_app(qtbot, app_factory, server.url, network, "clerk1")
    ws = _ws(app, ClerkWorkspace)
    ws.show_page("returns")
    page = ws.returns
    qtbot.waitUntil(lambda: page.current is not None and page.model.rowCount() > 0,
                    timeout=5000)
    current = page.current
    line = page.model.rows[0]
    code = line.barcode or line.sku
    network.online = False

    def scan(text: str) -> None:
        qtbot.keyClicks(page.scan, text)
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)

    scan(code)
    page.per_scan.setCurrentIndex(page.per_scan.findData("damaged"))
    scan(code)
    assert (line.count, line.damaged) == (1, 1)
    scan(f"{line.limit}*{code}")  # more than expected: refused, nothing changes
    assert (line.count, line.damaged) == (1, 1)
    assert "still expected" in page.scan_box.error_text or "Only" in page.scan_box.error_text
    scan("NOT-ON-THIS-RETURN")
    assert "not on this return" in page.scan_box.error_text
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    mine = app.engine.return_view(current.id)
    assert mine.sync_state == "pending" and mine.lines[0].pending_damaged == 1
    network.online = True
    sync_app(qtbot, app)
    qtbot.waitUntil(lambda: app.engine.status().pending == 0, timeout=10000)
    on_server = _server_return(server_db, current.id)
    assert on_server is not None
    got = {ln["product_id"]: (ln["received_qty"], ln["damaged_qty"]) for ln in on_server.lines}
    before = {ln.product_id: (ln.received_qty, ln.damaged_qty) for ln in current.lines}
    pid = line.product_id
    assert got[pid] == (before[pid][0] + 1, before[pid][1] + 1)
    assert Decimal(on_server.credit_amount) > 0
    engine = make_engine(server_db)
    try:
        with make_session_factory(engine)() as session:
            damaged = session.scalar(select(DamagedStock).where(DamagedStock.product_id == pid))
            assert damaged is not None and damaged.quantity >= 1
    finally:
        engine.dispose()


def test_rep_sees_overdue_receivables_before_taking_the_order(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        tmp_path: Path) -> None:
    app = sign_in_app(qtbot, app_factory, server.url, network, "rep1")
    ws = _ws(app, RepWorkspace)
    engine = app.engine
    network.online = False  # as of the last sync
    page = ws.customers
    ws.show_page("customers")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    row = next(i for i, c in enumerate(page.model.rows) if engine.credit(c.id).overdue_amount)
    page.table.selectRow(row)
    target = page.model.rows[row].id
    qtbot.waitUntil(lambda: page.account.account is not None
                    and page.account.account.customer_id == target, timeout=5000)
    assert page.account.isVisible() and page.account.property("overdue")
    assert "overdue" in page.account.text() and "as of" in page.account.text()
    page.new_order.click()
    qtbot.waitUntil(lambda: ws.order_entry.account.account is not None, timeout=5000)
    assert ws.order_entry.account.isVisible()
    assert ws.order_entry.account.account.overdue_amount > 0

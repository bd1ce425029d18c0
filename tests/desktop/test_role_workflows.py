"""The clerk's, the owner's and the back office's workflows end to end against the server:
an offline partial shipment reaches the rep and the owner, a cancel racing a shipment ends in
a visible conflict, an owner's reorder shows the price difference before submitting."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.application import DinghuoApp
from desktop.views.admin.workspace import AdminWorkspace
from desktop.views.clerk.workspace import ClerkWorkspace
from desktop.views.owner.workspace import OwnerWorkspace
from sync_engine.client.engine import Engine
from sync_engine.client.values import OrderView
from tests.desktop.conftest import Switchable
from tests.desktop.helpers import settle
from tests.desktop.roles_helpers import device, import_prices, sign_in_app, sync_app
from tests.support.server import Server


def _clerk(app: DinghuoApp) -> ClerkWorkspace:
    assert app.window is not None and isinstance(app.window.workspace, ClerkWorkspace)
    return app.window.workspace


def _owner_order(owner: Engine) -> OrderView:
    """A fresh order of the owner's shop, auto-confirmed (two lines, several units each)."""
    products = [p for p in owner.search_products("", limit=200)
                if p.active and p.sellable and p.barcode and p.min_qty == 1
                and p.pack_size == 1]
    identity = owner.identity
    assert identity is not None and identity.customer_id is not None
    stocked = []
    customer = owner.customer(identity.customer_id)
    for p in products:
        stock = owner.stock(p.id, customer.warehouse_id)
        if stock is not None and stock.available >= 20:
            stocked.append(p)
        if len(stocked) == 2:
            break
    draft = owner.create_draft(identity.customer_id, {stocked[0].id: 6, stocked[1].id: 10})
    owner.submit(draft.id)
    owner.sync_once()
    order = owner.order(draft.id)
    assert order.status == "confirmed", order.hold_reasons
    return order


def _scan(qtbot: Any, app: DinghuoApp, code: str) -> None:
    page = _clerk(app).ship_page
    qtbot.keyClicks(page.scan, code)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)


def _open_for_shipping(qtbot: Any, app: DinghuoApp, order_id: str) -> None:
    ws = _clerk(app)
    ws.show_page("queue")
    qtbot.waitUntil(lambda: any(i.order.id == order_id for i in ws.queue.model.rows),
                    timeout=10000)
    ws.queue.select_orders([order_id])
    ws.queue.ship_selected()
    qtbot.waitUntil(lambda: ws.ship_page.order is not None
                    and ws.ship_page.order.id == order_id, timeout=5000)


def test_clerk_offline_partial_shipment_reaches_rep_and_owner(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        tmp_path: Path) -> None:
    owner = device(tmp_path, server, "owner1")
    order = _owner_order(owner)
    first, second = order.lines
    app = sign_in_app(qtbot, app_factory, server.url, network, "clerk1")
    ws = _clerk(app)
    _open_for_shipping(qtbot, app, order.id)
    page = ws.ship_page
    products = {r.line.product_id: r.product for r in page.model.rows}

    network.online = False
    # Scanning: three scans of the first line's barcode, then "2*" typed for two more.
    barcode = products[first.product_id].barcode  # type: ignore[union-attr]
    for _ in range(3):
        _scan(qtbot, app, barcode)
    _scan(qtbot, app, f"2*{barcode}")
    assert page.model.rows[0].count == 5
    # Over-shipping is refused with the rules' message, and nothing changes.
    _scan(qtbot, app, f"9*{barcode}")
    assert page.model.rows[0].count == 5
    assert "left to ship" in page.scan_box.error_text
    # A code that is not on the order says so.
    _scan(qtbot, app, "NOT-ON-THIS-ORDER")
    assert "not on this order" in page.scan_box.error_text
    # Typing a quantity works too; over-shipping by typing is refused the same way.
    assert not page.type_count(1, 11)
    assert page.type_count(1, 4)
    assert "stay backordered" in page.summary.text()
    page.tracking.setText("SF1234567890")
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ws.current_page() == "queue", timeout=5000)
    settle(qtbot, app)
    # The shipment's delivery note opens at once, offline too, to print with the goods.
    qtbot.waitUntil(lambda: getattr(page, "delivery_note_dialog", None) is not None,
                    timeout=5000)
    note = page.delivery_note_dialog
    assert note.isVisible() and "送货单" in note.html and "收货人签字" in note.html
    assert app.engine.customer(order.customer_id).name in note.html
    note.close()
    local = app.engine.order(order.id)
    assert local.display_status == "partially_shipped (pending sync)"
    item = next(i for i in ws.queue.model.rows if i.order.id == order.id)
    assert item.remaining_units == (6 - 5) + (10 - 4)  # still in the queue, backordered

    network.online = True
    sync_app(qtbot, app)
    qtbot.waitUntil(lambda: app.engine.status().pending == 0, timeout=10000)
    assert app.engine.order(order.id).sync_state == "synced"

    owner.sync_once()
    seen = owner.order(order.id)
    assert seen.status == "partially_shipped"
    assert [(ln.product_id, ln.shipped_qty, ln.remaining) for ln in seen.lines] == [
        (first.product_id, 5, 1), (second.product_id, 4, 6)]
    assert owner.shipments(order.id)[0].tracking_number == "SF1234567890"
    customer = owner.customer(seen.customer_id)
    rep_name = {None: "rep1"}.get(None)
    for name in ("rep1", "rep2"):
        rep = device(tmp_path, server, name)
        try:
            if any(c.id == customer.id for c in rep.customers()):
                rep_name = name
                assert rep.order(order.id).status == "partially_shipped"
                assert [ln.remaining for ln in rep.order(order.id).lines] == [1, 6]
        finally:
            rep.close()
    assert rep_name in ("rep1", "rep2")
    owner.close()


def test_a_cancel_racing_a_shipment_ends_in_a_visible_conflict(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        tmp_path: Path) -> None:
    owner = device(tmp_path, server, "owner1")
    order = _owner_order(owner)
    app = sign_in_app(qtbot, app_factory, server.url, network, "clerk1")
    ws = _clerk(app)
    _open_for_shipping(qtbot, app, order.id)
    network.online = False
    ws.ship_page.count_all()
    ws.ship_page.tracking.setText("ZTO777")
    ws.ship_page.confirm()
    qtbot.waitUntil(lambda: ws.current_page() == "queue", timeout=5000)
    settle(qtbot, app)

    owner.cancel(order.id, "不要了")  # meanwhile, the shop cancels
    owner.sync_once()
    network.online = True
    sync_app(qtbot, app)
    qtbot.waitUntil(lambda: ws.conflicts.model.rowCount() == 1, timeout=10000)
    conflict = ws.conflicts.model.rows[0]
    assert conflict.reason == "order_cancelled" and conflict.kind == "shipment.confirm"
    assert "(1)" in ws.nav.item(list(ws.pages).index("conflicts")).text()
    assert app.engine.order(order.id).sync_state == "attention"
    # Nothing was overwritten: the server still has the order cancelled, nothing shipped.
    owner.sync_once()
    assert owner.order(order.id).status == "cancelled"
    assert all(ln.shipped_qty == 0 for ln in owner.order(order.id).lines)
    # The clerk takes the server's version: the order leaves the queue.
    ws.show_page("conflicts")
    ws.conflicts.table.selectRow(0)
    assert not ws.conflicts.edit_button.isVisible()
    qtbot.mouseClick(ws.conflicts.take_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    qtbot.waitUntil(lambda: app.engine.order(order.id).status == "cancelled", timeout=5000)
    qtbot.waitUntil(lambda: all(i.order.id != order.id for i in ws.queue.model.rows),
                    timeout=5000)
    owner.close()


def test_owner_reorder_shows_the_price_difference_before_submit(
        qtbot: Any, app_factory: Any, server_url: str, server_db: str,
        network: Switchable) -> None:
    app = sign_in_app(qtbot, app_factory, server_url, network, "owner1")
    assert app.window is not None
    ws = app.window.workspace
    assert isinstance(ws, OwnerWorkspace)
    engine = app.engine
    past = next(o for o in engine.orders(limit=100) if o.status == "closed")
    past = engine.order(past.id)
    line = past.lines[0]
    product = engine.product(line.product_id)
    customer = engine.customer(past.customer_id)
    new_price = (line.unit_price * Decimal("1.10")).quantize(Decimal("0.01"))
    import_prices(server_db, [(customer.code, product.sku, 1, str(new_price))])
    sync_app(qtbot, app)
    assert engine.price(customer.id, product.id, line.quantity).unit_price == new_price

    ws.show_page("orders")
    ws.orders.show_order(past.id)
    qtbot.waitUntil(lambda: ws.orders.detail.order is not None
                    and ws.orders.detail.order.id == past.id, timeout=5000)
    before = {o.id for o in engine.orders(limit=1000)}
    qtbot.mouseClick(ws.orders.detail.reorder_button, Qt.MouseButton.LeftButton)
    page = ws.reorder_page
    qtbot.waitUntil(lambda: page.draft is not None, timeout=5000)
    assert ws.current_page() == "reorder"
    # Before anything is submitted: the difference is on screen, the draft is only a draft.
    assert (product.id, line.unit_price, new_price) in page.price_differences()
    row = next(r for r in page.model.rows if r.product_id == product.id)
    text = page.model.index(page.model.rows.index(row), 6).data()
    assert "price up" in text
    assert page.draft is not None and page.draft.status == "draft"
    assert "from last time: check" in page.summary.text()
    assert not any(o.status == "submitted" for o in engine.orders(limit=1000)
                   if o.id not in before)
    draft_id = page.draft.id
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    submitted = engine.order(draft_id)
    assert submitted.status in ("submitted", "confirmed")
    assert submitted.line_for(product.id).unit_price == new_price  # type: ignore[union-attr]
    sync_app(qtbot, app)
    qtbot.waitUntil(lambda: engine.order(draft_id).number is not None, timeout=10000)


def test_owner_suggestions_favourites_and_receipt(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        tmp_path: Path) -> None:
    app = sign_in_app(qtbot, app_factory, server.url, network, "owner1")
    assert app.window is not None
    ws = app.window.workspace
    assert isinstance(ws, OwnerWorkspace)
    qtbot.waitUntil(lambda: ws.home.suggestions_model.rowCount() > 0, timeout=5000)
    assert ws.home.favourites_model.rowCount() > 0
    before = {o.id for o in app.engine.orders(status="draft", limit=100)}
    assert before == set()  # suggestions are never applied by themselves
    ws.home.suggestions.selectRow(0)
    chosen = ws.home.suggestions_model.rows[0]
    ws.home.add_selected_suggestions()
    qtbot.waitUntil(lambda: ws.order_entry.order is not None, timeout=5000)
    cart = ws.order_entry.order
    assert cart is not None and cart.status == "draft"
    assert cart.line_for(chosen.product.id).quantity == chosen.suggestion.usual_quantity  # type: ignore[union-attr]

    # Receipt with a discrepancy: a shipped order of the shop closes, the note travels.
    clerk = device(tmp_path, server, "clerk1")
    owner_orders = app.engine.orders(limit=200)
    target = next((o for o in owner_orders if o.status == "shipped"), None)
    if target is None:
        confirmed = next(o for o in owner_orders if o.status == "confirmed")
        order = clerk.order(confirmed.id)
        clerk.confirm_shipment(order.id, {ln.product_id: ln.remaining for ln in order.lines},
                               carrier="顺丰速运", tracking_number="SF1")
        clerk.sync_once()
        sync_app(qtbot, app)
        target = app.engine.order(confirmed.id)
    clerk.close()
    ws.show_page("orders")
    ws.orders.show_order(target.id)
    detail = ws.orders.detail
    qtbot.waitUntil(lambda: detail.order is not None and detail.order.id == target.id,
                    timeout=5000)
    assert detail.receive_button.isEnabled()
    # Offline while confirming, so the receipt is seen waiting to be sent (online, the sync
    # that follows a change may already have sent it when the test looks).
    network.online = False
    detail.confirm_receipt()
    dialog = detail.receipt
    dialog.problem.setChecked(True)
    dialog.confirm()
    assert dialog.note_box.error_text  # a discrepancy needs words
    dialog.note.setPlainText("少了一箱")
    dialog.confirm()
    settle(qtbot, app)
    assert app.engine.order(target.id).display_status == "closed (pending sync)"
    network.online = True
    sync_app(qtbot, app)
    qtbot.waitUntil(lambda: app.engine.order(target.id).receipt_note == "少了一箱",
                    timeout=10000)


def test_admin_reviews_held_orders_and_sees_sync_health(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        tmp_path: Path) -> None:
    app = sign_in_app(qtbot, app_factory, server.url, network, "admin")
    assert app.window is not None
    ws = app.window.workspace
    assert isinstance(ws, AdminWorkspace)
    qtbot.waitUntil(lambda: ws.review.model.rowCount() >= 2, timeout=5000)
    held = list(ws.review.model.rows)
    assert all(o.hold_reasons for o in held)
    qtbot.waitUntil(lambda: ws.health.health is not None and ws.health.health.devices_live,
                    timeout=10000)
    assert any(d.username == "admin" for d in ws.health.model.rows)
    # This device's own database: where its backups are and how old the newest is.
    ws.health.refresh_local()
    qtbot.waitUntil(lambda: "newest backup" in ws.health.replica.text(), timeout=5000)
    assert str(app.engine.store.data_dir / "backups") in ws.health.replica.text()

    ws.review.select_order(held[0].id)
    qtbot.waitUntil(lambda: ws.review.detail is not None
                    and ws.review.detail.order.id == held[0].id, timeout=5000)
    ws.review.confirm()
    settle(qtbot, app)
    ws.review.select_order(held[1].id)
    qtbot.waitUntil(lambda: ws.review.detail is not None
                    and ws.review.detail.order.id == held[1].id, timeout=5000)
    ws.review.ask_reject()
    dialog = ws.review.reject_dialog
    assert dialog is not None
    dialog._accept()
    assert dialog.reason_box.error_text  # a reason is required
    dialog.reason.setPlainText("信用额度不足，请先结清欠款")
    dialog._accept()
    settle(qtbot, app)
    assert app.engine.order(held[0].id).status == "confirmed"
    assert app.engine.order(held[1].id).status == "rejected"
    sync_app(qtbot, app)
    qtbot.waitUntil(lambda: app.engine.status().pending == 0, timeout=10000)

    # The rep hears about it through the usual notifications (status arrived by sync).
    customer_id = held[1].customer_id
    for name in ("rep1", "rep2"):
        rep = device(tmp_path, server, name)
        try:
            if any(c.id == customer_id for c in rep.customers()):
                rejected = rep.order(held[1].id)
                assert rejected.status == "rejected"
                assert rejected.history[-1]["reason"] == "信用额度不足，请先结清欠款"
        finally:
            rep.close()


def test_the_clerk_picks_a_carrier_in_english_and_the_data_keeps_its_chinese_name(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable,
        tmp_path: Path) -> None:
    owner = device(tmp_path, server, "owner1")
    orders = [_owner_order(owner) for _ in range(2)]
    app = sign_in_app(qtbot, app_factory, server.url, network, "clerk1")
    ws = _clerk(app)
    page = ws.ship_page
    names = [page.carrier.itemText(i) for i in range(page.carrier.count())]
    assert names[:3] == ["SF Express", "ZTO Express", "YTO Express"]
    assert "J&T Express" in names and "Own vehicle" in names
    # One picked from the list, one typed in English: both kept as the data names them.
    for order, choose in zip(orders, ("pick", "type"), strict=True):
        _open_for_shipping(qtbot, app, order.id)
        if choose == "pick":
            page.carrier.setCurrentIndex(names.index("J&T Express"))
        else:
            page.carrier.setEditText("sf express")
        page.count_all()
        page.tracking.setText(f"T-{choose}")
        page.confirm()
        qtbot.waitUntil(lambda: ws.current_page() == "queue", timeout=5000)
        qtbot.waitUntil(lambda: getattr(page, "delivery_note_dialog", None) is not None,
                        timeout=5000)
        page.delivery_note_dialog.close()
        settle(qtbot, app)
    kept = [app.engine.shipments(o.id)[0].carrier for o in orders]
    assert kept == ["极兔速递", "顺丰速运"]
    owner.close()


@pytest.mark.parametrize(("lang", "carrier"), [("en", "SF Express"), ("zh_CN", "顺丰速运")])
def test_the_order_detail_names_the_carrier_in_the_ui_language(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable, lang: str,
        carrier: str) -> None:
    app = app_factory(server.url, network, lang)
    app.open_main(app.engine.login("rep1", "demo"))
    qtbot.waitUntil(lambda: app.sync is not None and app.sync.status is not None
                    and app.sync.status.initial_sync_done and not app.sync.running,
                    timeout=20000)
    settle(qtbot, app)
    shipped = next(o for o in app.engine.orders(limit=200)
                   if [s.carrier for s in app.engine.shipments(o.id)] == ["顺丰速运"])
    assert app.window is not None
    ws = app.window.workspace
    ws.show_page("orders")
    ws.orders.show_order(shipped.id)
    detail = ws.orders.detail
    qtbot.waitUntil(lambda: detail.order is not None and detail.order.id == shipped.id,
                    timeout=10000)
    settle(qtbot, app)
    assert detail.shipments_model.index(0, 1).data() == carrier

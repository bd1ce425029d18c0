"""Order entry, offline and online: validation at the field, submit, the server's answer."""

from __future__ import annotations

from typing import Any

from desktop import i18n
from desktop.application import DinghuoApp
from sync_engine import domain as d
from sync_engine.client.values import ProductView
from tests.desktop.conftest import Switchable
from tests.desktop.helpers import choose_customer, settle, type_line, workspace


def _packed_product(app: DinghuoApp) -> ProductView:
    """A product sold in packs (so a wrong quantity exists), in stock in warehouse SH."""
    for term in ("BEV", "DAI", "SNK", "GRN"):
        for p in app.engine.search_products(term, limit=50):
            if p.pack_size > 1 and p.min_qty > 1 and p.sellable and p.active:
                return p
    raise AssertionError("the demo catalog has no product sold in packs")


def test_validation_errors_are_shown_at_the_field_and_nothing_is_saved(
        qtbot: Any, signed_in: DinghuoApp) -> None:
    app = signed_in
    before = {o.id for o in app.engine.orders(limit=1000)}
    product = _packed_product(app)
    choose_customer(qtbot, app, "C0001")
    entry = workspace(app).order_entry.entry
    type_line(qtbot, app, product.sku, str(product.pack_size + 1))
    message = entry.quantity_box.error_text
    assert message, "a wrong quantity must be explained under the field"
    expected = d.validate_line(0, d.LineInput(product.id, product.pack_size + 1),
                               product, None)
    assert app.ctx.fmt.issue(expected[0]) in message
    assert not entry.add_button.isEnabled()
    settle(qtbot, app)
    assert {o.id for o in app.engine.orders(limit=1000)} == before  # nothing saved

    # The same in Chinese: the domain's zh message, under the field.
    i18n.install_language("zh_CN")
    entry.check()
    assert expected[0].message("zh") in entry.quantity_box.error_text
    i18n.install_language("en")

    # An engine-side refusal (the rules checked again on save) lands on the field too.
    order_page = workspace(app).order_entry
    order_page._add_line(product, product.pack_size + 1)
    qtbot.waitUntil(lambda: bool(entry.quantity_box.error_text), timeout=5000)
    settle(qtbot, app)
    assert {o.id for o in app.engine.orders(limit=1000)} == before


def test_scan_by_barcode_adds_a_line_with_totals(qtbot: Any, signed_in: DinghuoApp) -> None:
    app = signed_in
    product = _packed_product(app)
    assert product.barcode
    choose_customer(qtbot, app, "C0002")
    type_line(qtbot, app, product.barcode, str(product.min_qty))
    page = workspace(app).order_entry
    qtbot.waitUntil(lambda: page.order is not None and len(page.order.lines) == 1,
                    timeout=5000)
    assert page.order is not None
    assert page.lines_model.rowCount() == 1
    assert page.gross.text() == app.ctx.fmt.money(page.order.gross)  # type: ignore[union-attr]
    assert page.order.status == "draft"
    # Ready for the next scan.
    assert page.entry.code.text() == "" and page.entry.product is None


def test_submit_offline_then_online_brings_number_and_status(
        qtbot: Any, signed_in: DinghuoApp, network: Switchable) -> None:
    app = signed_in
    assert app.sync is not None and app.window is not None
    network.online = False
    product = _packed_product(app)
    choose_customer(qtbot, app, "C0003")
    type_line(qtbot, app, product.sku, str(product.min_qty))
    page = workspace(app).order_entry
    qtbot.waitUntil(lambda: page.order is not None and bool(page.order.lines), timeout=5000)
    assert page.order is not None
    order_id = page.order.id
    page.submit()
    qtbot.waitUntil(lambda: app.engine.order(order_id).status == "submitted", timeout=5000)

    # Offline: the sync fails, the status bar says so and counts the waiting change.
    with qtbot.waitSignal(app.sync.failed, timeout=10000):
        app.sync.sync_now()
    settle(qtbot, app)
    bar = app.window.status
    qtbot.waitUntil(lambda: "Offline" in bar.online.text(), timeout=5000)
    assert "waiting to be sent" in bar.pending.text()
    assert app.engine.order(order_id).number is None

    # The connection returns: the server's number and status arrive, and the user is told.
    network.online = True
    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        app.sync.sync_now()
    qtbot.waitUntil(lambda: app.engine.order(order_id).number is not None, timeout=10000)
    order = app.engine.order(order_id)
    assert order.status in ("confirmed", "submitted")
    qtbot.waitUntil(lambda: "Online" in bar.online.text(), timeout=5000)
    assert bar.pending.text() == "All changes sent"
    detail = workspace(app).orders.detail
    qtbot.waitUntil(lambda: detail.order is not None and detail.order.id == order_id
                    and detail.order.number is not None, timeout=10000)
    assert order.number in detail.numbers.text()  # type: ignore[operator]
    if order.status == "confirmed":
        qtbot.waitUntil(lambda: bool(app.window and app.window.notifier.shown), timeout=5000)
        assert any(order.number in text for _t, text in app.window.notifier.shown)  # type: ignore[operator]
